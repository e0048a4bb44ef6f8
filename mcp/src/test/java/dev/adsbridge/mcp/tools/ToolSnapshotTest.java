package dev.adsbridge.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each tool's public surface (name, title, description, toolset, annotations, input schema) is checked in under
 * {@code src/test/resources/toolsnaps/<tool>.json}; an accidental change fails the build. After an intended change,
 * run once with {@code UPDATE_TOOLSNAPS=true} and review the diff.
 */
class ToolSnapshotTest {

    private static final Path DIR = Path.of("src", "test", "resources", "toolsnaps");

    @Test
    void everyToolMatchesItsSnapshot() throws IOException {
        boolean update = "true".equalsIgnoreCase(System.getenv("UPDATE_TOOLSNAPS"))
                || Boolean.getBoolean("UPDATE_TOOLSNAPS");
        Files.createDirectories(DIR);
        List<String> problems = new ArrayList<>();
        List<ToolDefinition> tools = AllTools.all();
        for (ToolDefinition tool : tools) {
            String snapshot = snapshot(tool);
            Path file = DIR.resolve(tool.name() + ".json");
            if (update) {
                Files.writeString(file, snapshot, StandardCharsets.UTF_8);
                continue;
            }
            if (!Files.exists(file)) {
                problems.add(tool.name() + ": no snapshot (run with UPDATE_TOOLSNAPS=true to create " + file + ")");
                continue;
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(snapshot)) {
                problems.add(tool.name() + ": surface changed; if intended, run with UPDATE_TOOLSNAPS=true and review"
                        + " the diff of " + file + "\n--- expected\n" + expected + "\n--- actual\n" + snapshot);
            }
        }
        Set<String> names = tools.stream().map(ToolDefinition::name).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (!names.contains(name)) {
                    if (update) {
                        Files.delete(file);
                    } else {
                        problems.add(name + ": snapshot of a tool that no longer exists (renamed tools keep an "
                                + "alias; run with UPDATE_TOOLSNAPS=true to remove it)");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n\n", problems));
        }
        assertThat(tools).isNotEmpty();
    }

    static String snapshot(ToolDefinition definition) {
        McpSchema.Tool tool = definition.tool();
        ObjectNode node = Json.object();
        node.put("name", tool.name());
        node.put("title", tool.title());
        node.put("toolset", definition.toolset().wireName());
        node.set("scopes", Json.tree(definition.scopes()));
        ObjectNode annotations = node.putObject("annotations");
        annotations.put("readOnlyHint", tool.annotations().readOnlyHint());
        annotations.put("destructiveHint", tool.annotations().destructiveHint());
        annotations.put("idempotentHint", tool.annotations().idempotentHint());
        annotations.put("openWorldHint", tool.annotations().openWorldHint());
        node.put("description", tool.description());
        node.set("inputSchema", Json.tree(tool.inputSchema()));
        return Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node) + "\n";
    }
}
