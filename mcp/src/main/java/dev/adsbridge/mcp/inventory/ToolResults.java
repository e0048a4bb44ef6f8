package dev.adsbridge.mcp.inventory;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Builds tool results. Every result carries the same JSON twice: as {@code structuredContent} and as compact text
 * content, because clients differ in which of the two they read.
 */
public final class ToolResults {

    private ToolResults() {
    }

    /** A successful result; {@code json} must be a JSON object. */
    public static CallToolResult success(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("structured content must be a JSON object, was " + json.getNodeType());
        }
        return result(json, false);
    }

    /** An {@code isError} result in the common error shape. */
    public static CallToolResult error(ToolError error) {
        return result(error.toJson(), true);
    }

    private static CallToolResult result(JsonNode json, boolean isError) {
        String text = Json.write(json);
        // The SDK serialises structuredContent with its own mapper; a plain Map keeps that independent of the
        // Jackson node classes.
        Map<?, ?> structured = Json.MAPPER.convertValue(json, Map.class);
        return CallToolResult.builder()
                .content(List.of(new TextContent(text)))
                .structuredContent(structured)
                .isError(isError)
                .build();
    }
}
