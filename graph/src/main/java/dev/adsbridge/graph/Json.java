package dev.adsbridge.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The module's one JSON mapper (immutable and thread-safe) and lenient readers for Meta's loosely typed fields. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** Parses JSON text, or returns empty when it is not JSON. */
    static Optional<JsonNode> tryParse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonNode> tryParse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Text of a string or number field; null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isContainer()) {
            return value.toString();
        }
        return value.asString();
    }

    /** A number Meta may send as a JSON number or as a numeric string; null when absent or not numeric. */
    static Double decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isString()) {
            try {
                return Double.valueOf(value.stringValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Long integer(JsonNode node, String field) {
        Double value = decimal(node, field);
        return value == null ? null : Math.round(value);
    }

    static Integer smallInteger(JsonNode node, String field) {
        Long value = integer(node, field);
        return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isString() && "true".equalsIgnoreCase(value.stringValue());
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode item : array) {
                if (item.isValueNode() && !item.isNull()) {
                    values.add(item.asString());
                }
            }
        }
        return List.copyOf(values);
    }
}
