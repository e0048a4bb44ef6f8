package dev.adsbridge.mcp.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small builder for a tool's JSON input schema that reads like the argument list it describes. Each property method
 * adds a property; the modifiers after it ({@link #required()}, {@link #defaultValue(Object)}, {@link #oneOf},
 * {@link #min}, {@link #max}) apply to the property added last.
 *
 * <pre>{@code
 * Schema.object()
 *     .string("account_id", "Ad account id, act_123 or 123.").required()
 *     .integer("limit", "Most campaigns to return.").defaultValue(10).min(1).max(100)
 *     .string("status", "Initial status.").oneOf("ACTIVE", "PAUSED").defaultValue("PAUSED")
 *     .build();
 * }</pre>
 */
public final class Schema {

    private final Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();
    private String last;

    private Schema() {
    }

    /** A new object schema. */
    public static Schema object() {
        return new Schema();
    }

    public Schema string(String name, String description) {
        return add(name, "string", description);
    }

    public Schema integer(String name, String description) {
        return add(name, "integer", description);
    }

    public Schema number(String name, String description) {
        return add(name, "number", description);
    }

    public Schema bool(String name, String description) {
        return add(name, "boolean", description);
    }

    /** An array of strings; {@link #oneOf} then restricts the items. */
    public Schema stringArray(String name, String description) {
        add(name, "array", description);
        current().put("items", new LinkedHashMap<>(Map.of("type", "string")));
        return this;
    }

    /** A JSON object with free-form members. */
    public Schema objectProperty(String name, String description) {
        return add(name, "object", description);
    }

    /** A property given as a raw JSON-schema map, for shapes the typed methods do not cover. */
    public Schema property(String name, Map<String, Object> schema) {
        requireNew(name);
        properties.put(name, copy(schema));
        last = name;
        return this;
    }

    /**
     * An id given as text or as a whole number ({@code "120210000000000001"} or {@code 120210000000000001}), as the
     * reference server declares some ids; handlers read it as text either way.
     */
    public Schema stringOrInteger(String name, String description) {
        requireNew(name);
        Objects.requireNonNull(description, "description of " + name);
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", List.of("string", "integer"));
        property.put("description", description);
        properties.put(name, property);
        last = name;
        return this;
    }

    /** An array of JSON objects with free-form members. */
    public Schema objectArray(String name, String description) {
        add(name, "array", description);
        current().put("items", new LinkedHashMap<>(Map.of("type", "object")));
        return this;
    }

    /**
     * An array whose items are texts or objects (ad copy variants: {@code "Buy now"} or
     * {@code {"text":"Buy now","adlabels":[{"name":"feed"}]}}).
     */
    public Schema textOrObjectArray(String name, String description) {
        add(name, "array", description);
        Map<String, Object> items = new LinkedHashMap<>();
        items.put("type", List.of("string", "object"));
        current().put("items", items);
        return this;
    }

    /** A string or an array of strings (the reference server accepts both for some filters). */
    public Schema stringOrStringArray(String name, String description) {
        requireNew(name);
        Map<String, Object> property = new LinkedHashMap<>();
        Map<String, Object> array = new LinkedHashMap<>();
        array.put("type", "array");
        array.put("items", Map.of("type", "string"));
        property.put("anyOf", List.of(Map.of("type", "string"), array));
        property.put("description", description);
        properties.put(name, property);
        last = name;
        return this;
    }

    /** Marks the last property as required. */
    public Schema required() {
        required.add(lastName());
        return this;
    }

    public Schema defaultValue(Object value) {
        current().put("default", value);
        return this;
    }

    /** Allowed values of the last property (of its items, for an array). */
    public Schema oneOf(String... values) {
        return oneOf(List.of(values));
    }

    public Schema oneOf(Collection<String> values) {
        Map<String, Object> property = current();
        Object items = property.get("items");
        @SuppressWarnings("unchecked")
        Map<String, Object> target = "array".equals(property.get("type")) && items instanceof Map<?, ?>
                ? (Map<String, Object>) items : property;
        target.put("enum", List.copyOf(values));
        return this;
    }

    public Schema min(long minimum) {
        current().put("minimum", minimum);
        return this;
    }

    public Schema max(long maximum) {
        current().put("maximum", maximum);
        return this;
    }

    /** Whether a property of that name was added. */
    public boolean has(String name) {
        return properties.containsKey(name);
    }

    /** The schema as the map the MCP SDK expects ({@code type}, {@code properties}, {@code required}). */
    public Map<String, Object> build() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        properties.forEach((name, property) -> props.put(name, copy(property)));
        schema.put("properties", props);
        if (!required.isEmpty()) {
            schema.put("required", List.copyOf(required));
        }
        return schema;
    }

    private Schema add(String name, String type, String description) {
        requireNew(name);
        Objects.requireNonNull(description, "description of " + name);
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", type);
        property.put("description", description);
        properties.put(name, property);
        last = name;
        return this;
    }

    private void requireNew(String name) {
        if (properties.containsKey(Objects.requireNonNull(name, "name"))) {
            throw new IllegalStateException("property " + name + " defined twice");
        }
    }

    private String lastName() {
        if (last == null) {
            throw new IllegalStateException("add a property first");
        }
        return last;
    }

    private Map<String, Object> current() {
        return properties.get(lastName());
    }

    /**
     * A deep copy with a stable member order: insertion order where the source has one, otherwise "type" first and
     * the rest sorted (maps from {@code Map.of} iterate in a different order on every JVM run).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> property) {
        List<String> keys = new ArrayList<>(property.keySet());
        if (!(property instanceof LinkedHashMap<?, ?>) && !(property instanceof java.util.SortedMap<?, ?>)) {
            keys.sort(java.util.Comparator.comparing((String key) -> !key.equals("type"))
                    .thenComparing(java.util.Comparator.naturalOrder()));
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = property.get(key);
            copy.put(key, copyValue(value));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> nested) {
            return copy((Map<String, Object>) nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Schema::copyValue).toList();
        }
        return value;
    }
}
