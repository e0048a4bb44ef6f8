package dev.adsbridge.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Inventory;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.Toolset;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pins drop-in compatibility with the reference Meta Ads MCP server (pipeboard meta-ads-mcp 1.0.118): every tool name
 * of its {@code tools/list} exists here when all toolsets are on, and every argument is declared with a type that
 * accepts what the reference accepts (int|string ids included), required only where the reference requires it, and the
 * same default. The
 * reference's names, types and defaults are read from {@code src/test/resources/reference/} (see the README there).
 * Null for an optional argument means "not given" here (checked over HTTP in {@code DropInToolsTest}).
 */
class ReferenceCompatibilityTest {

    private static final JsonNode REFERENCE = reference();

    private final Map<String, ToolDefinition> offered = offeredWithAllToolsets();

    @Test
    void theReferenceListIsComplete() {
        assertThat(REFERENCE.size()).as("tools in the reference").isEqualTo(37);
        int arguments = 0;
        for (JsonNode tool : REFERENCE) {
            arguments += tool.size();
        }
        assertThat(arguments).as("arguments in the reference").isEqualTo(246);
    }

    @Test
    void everyReferenceToolExistsWhenAllToolsetsAreOn() {
        List<String> missing = new ArrayList<>();
        REFERENCE.propertyNames().forEach(name -> {
            if (!offered.containsKey(name)) {
                missing.add(name);
            }
        });
        assertThat(missing).as("reference tools missing here").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyReferenceArgumentIsDeclaredWithACompatibleTypeRequiredFlagAndDefault() {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> tools = new TreeMap<>();
        REFERENCE.properties().forEach(entry -> tools.put(entry.getKey(), entry.getValue()));
        tools.forEach((toolName, arguments) -> {
            ToolDefinition tool = offered.get(toolName);
            if (tool == null) {
                problems.add(toolName + ": missing");
                return;
            }
            Map<String, Object> schema = tool.tool().inputSchema();
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            List<String> required = (List<String>) schema.getOrDefault("required", List.of());
            arguments.properties().forEach(argument -> {
                String name = toolName + "." + argument.getKey();
                JsonNode reference = argument.getValue();
                Object declared = properties.get(argument.getKey());
                if (!(declared instanceof Map<?, ?>)) {
                    problems.add(name + ": not declared");
                    return;
                }
                Map<String, Object> property = (Map<String, Object>) declared;
                Set<String> wanted = nonNullTypes(reference.get("type"));
                Set<String> ours = types(property);
                if (!ours.containsAll(wanted)) {
                    problems.add(name + ": reference accepts " + wanted + ", declared " + ours);
                }
                JsonNode wantedItems = itemTypes(reference.get("type"));
                if (wantedItems != null) {
                    Set<String> ourItems = itemTypes(property);
                    Set<String> needed = nonNullTypes(wantedItems);
                    if (!ourItems.containsAll(needed)) {
                        problems.add(name + ": reference items accept " + needed + ", declared " + ourItems);
                    }
                }
                // Requiring less is compatible (search_ads_archive also takes search_page_ids instead of
                // search_terms); requiring what the reference leaves optional is not.
                if (!reference.get("required").asBoolean() && required.contains(argument.getKey())) {
                    problems.add(name + ": required here, optional in the reference");
                }
                JsonNode referenceDefault = reference.get("default");
                if (referenceDefault != null && !referenceDefault.isNull()) {
                    JsonNode ourDefault = property.containsKey("default") ? Json.tree(property.get("default")) : null;
                    if (!referenceDefault.equals(ourDefault)) {
                        problems.add(name + ": default " + ourDefault + ", reference " + referenceDefault);
                    }
                }
            });
        });
        assertThat(problems).as("arguments that differ from the reference").isEmpty();
    }

    /** The reference's types without "null": ["string","integer","null"] → {string, integer}; [["array",…],…]. */
    private static Set<String> nonNullTypes(JsonNode type) {
        Set<String> types = new LinkedHashSet<>();
        if (type.isString()) {
            types.add(type.asString());
        } else if (isArrayType(type)) {
            types.add("array");
        } else {
            for (JsonNode alternative : type) {
                if (alternative.isString()) {
                    types.add(alternative.asString());
                } else if (isArrayType(alternative)) {
                    types.add("array");
                }
            }
        }
        types.remove("null");
        return types;
    }

    /** The item type of the reference's array type, e.g. "string" or ["string","object"]; null when not an array. */
    private static JsonNode itemTypes(JsonNode type) {
        if (isArrayType(type)) {
            return type.get(1);
        }
        if (type.isArray()) {
            for (JsonNode alternative : type) {
                if (isArrayType(alternative)) {
                    return alternative.get(1);
                }
            }
        }
        return null;
    }

    private static boolean isArrayType(JsonNode type) {
        return type.isArray() && type.size() == 2 && "array".equals(type.get(0).asString(""));
    }

    /** The JSON types a declared property accepts: its "type" (one or a list) and those of anyOf/oneOf branches. */
    @SuppressWarnings("unchecked")
    private static Set<String> types(Map<String, Object> property) {
        Set<String> types = new LinkedHashSet<>();
        Object type = property.get("type");
        if (type instanceof String single) {
            types.add(single);
        } else if (type instanceof List<?> list) {
            list.forEach(item -> types.add(String.valueOf(item)));
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (property.get(combinator) instanceof List<?> branches) {
                branches.forEach(branch -> types.addAll(types((Map<String, Object>) branch)));
            }
        }
        return types;
    }

    /** The item types of a declared array property (of its array branch when it has anyOf/oneOf). */
    @SuppressWarnings("unchecked")
    private static Set<String> itemTypes(Map<String, Object> property) {
        Set<String> types = new LinkedHashSet<>();
        if (property.get("items") instanceof Map<?, ?> items) {
            types.addAll(types((Map<String, Object>) items));
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (property.get(combinator) instanceof List<?> branches) {
                branches.forEach(branch -> types.addAll(itemTypes((Map<String, Object>) branch)));
            }
        }
        return types;
    }

    private static Map<String, ToolDefinition> offeredWithAllToolsets() {
        Inventory inventory = Inventory.builder(AllTools.all()).toolsets(EnumSet.allOf(Toolset.class))
                .listedByDefault(EnumSet.allOf(Toolset.class)).build();
        Map<String, ToolDefinition> tools = new TreeMap<>();
        inventory.visibleTo(Caller.anonymous()).forEach(tool -> tools.put(tool.name(), tool));
        return tools;
    }

    private static JsonNode reference() {
        try (InputStream in = ReferenceCompatibilityTest.class.getResourceAsStream(
                "/reference/pipeboard-1.0.118-tool-args.json")) {
            assertThat(in).as("reference file on the test class path").isNotNull();
            JsonNode root = Json.parseOrNull(in.readAllBytes());
            assertThat(root).as("reference file is JSON").isNotNull();
            return root.get("tools");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
