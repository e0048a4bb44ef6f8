package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Typed access to a write call's parameters, with Meta's (#100) errors for missing or mistyped values. */
final class Params {

    private static final List<String> EXECUTION_OPTIONS = List.of("validate_only", "include_recommendations",
            "synchronous_ad_review");

    private final GraphCall call;

    Params(GraphCall call) {
        this.call = call;
    }

    boolean has(String name) {
        return call.has(name);
    }

    /** Present in the request at all, even empty (updates may clear a value with an empty string). */
    boolean sent(String name) {
        return call.params().containsKey(name);
    }

    Optional<String> string(String name) {
        return call.param(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    String required(String name) {
        return string(name).orElseThrow(() -> AdErrors.required(name));
    }

    Optional<String> oneOf(String name, List<String> values) {
        Optional<String> value = string(name);
        if (value.isPresent() && !values.contains(value.get())) {
            throw AdErrors.mustBeOneOf(name, values);
        }
        return value;
    }

    /** A money amount in minor units (budgets, bid_amount, spend_cap): a non-negative integer. */
    OptionalLong money(String name) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long amount = Long.parseLong(value.get());
            if (amount < 0) {
                throw AdErrors.wrongType(name, "a non-negative integer");
            }
            return OptionalLong.of(amount);
        } catch (NumberFormatException e) {
            throw AdErrors.wrongType(name, "a non-negative integer");
        }
    }

    Optional<Boolean> bool(String name) {
        return string(name).map(value -> switch (value.toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw AdErrors.wrongType(name, "a boolean");
        });
    }

    OptionalLong time(String name, ZoneId zone) {
        Optional<String> value = string(name);
        return value.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Times.parse(name, value.get(), zone));
    }

    Optional<JsonNode> json(String name) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(raw.get()));
        } catch (JacksonException e) {
            throw AdErrors.wrongType(name, "a valid JSON value");
        }
    }

    /** A JSON object parameter as a map. */
    Optional<Map<String, Object>> object(String name) {
        return json(name).map(node -> {
            if (!node.isObject()) {
                throw AdErrors.wrongType(name, "a JSON object");
            }
            return toMap(node);
        });
    }

    /** A JSON array of strings; a bare word is taken as a one-element array. */
    Optional<List<String>> strings(String name) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(stringList(name, raw.get()));
    }

    /** {@code execution_options=["validate_only"]}: validate everything, create nothing. */
    boolean validateOnly() {
        Optional<List<String>> options = strings("execution_options");
        if (options.isEmpty()) {
            return false;
        }
        for (int i = 0; i < options.get().size(); i++) {
            if (!EXECUTION_OPTIONS.contains(options.get().get(i))) {
                throw AdErrors.mustBeOneOf("execution_options[" + i + "]", EXECUTION_OPTIONS);
            }
        }
        return options.get().contains("validate_only");
    }

    static List<String> stringList(String name, String raw) {
        String text = raw.trim();
        if (!text.startsWith("[")) {
            List<String> out = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw AdErrors.wrongType(name, "a JSON array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isValueNode()) {
                throw AdErrors.wrongType(name, "a JSON array of strings");
            }
            out.add(item.asString());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        return Json.MAPPER.convertValue(node, LinkedHashMap.class);
    }
}
