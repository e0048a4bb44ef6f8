package dev.adsbridge.mcp.inventory;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Content;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Builds tool results. Every JSON result carries the same JSON twice: as {@code structuredContent} and as compact text
 * content, because clients differ in which of the two they read. An image result is the exception (see
 * {@link #image}).
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

    /**
     * An image for the model to look at: the image content first, then {@code about} (a JSON object describing it) as
     * text. No structuredContent, which some clients show instead of the image.
     */
    public static CallToolResult image(byte[] bytes, String mimeType, JsonNode about) {
        if (!about.isObject()) {
            throw new IllegalArgumentException("about must be a JSON object, was " + about.getNodeType());
        }
        ImageContent picture = new ImageContent(null, Base64.getEncoder().encodeToString(bytes), mimeType);
        return CallToolResult.builder()
                .content(List.of(picture, new TextContent(Json.write(about))))
                .isError(false)
                .build();
    }

    /** An {@code isError} result in the common error shape. */
    public static CallToolResult error(ToolError error) {
        return result(error.toJson(), true);
    }

    private static CallToolResult result(JsonNode json, boolean isError) {
        // The tree itself is the structuredContent: the SDK's mapper (Jackson 3, the one Jackson of the build) writes
        // it exactly as it wrote the Map this used to convert to on every call (ToolResultsWireTest checks the bytes).
        return new CallToolResult(new JsonText(json), isError, json, null);
    }

    /**
     * The text copy of a JSON result, written when first read: a list tool's result that is reshaped (compact rows)
     * before it is answered never writes the text of the rows it started from, and {@link ToolCallAnswers} writes
     * the tree once for both copies ({@link #jsonOf}).
     */
    static final class JsonText extends AbstractList<Content> {
        private final JsonNode json;
        private volatile byte[] utf8;
        private volatile TextContent text;

        JsonText(JsonNode json) {
            this.json = json;
        }

        JsonNode json() {
            return json;
        }

        /** The tree as compact JSON in UTF-8, written once. */
        byte[] utf8() {
            byte[] written = utf8;
            if (written == null) {
                written = Json.MAPPER.writeValueAsBytes(json);
                utf8 = written;
            }
            return written;
        }

        TextContent text() {
            TextContent written = text;
            if (written == null) {
                written = new TextContent(new String(utf8(), StandardCharsets.UTF_8));
                text = written;
            }
            return written;
        }

        @Override
        public Content get(int index) {
            if (index != 0) {
                throw new IndexOutOfBoundsException(index);
            }
            return text();
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /**
     * The compact JSON (UTF-8) of a result built here whose text copy and structuredContent are that same tree, or
     * null for any other result (then both copies are written as they are).
     */
    static byte[] jsonOf(CallToolResult result) {
        if (result.content() instanceof JsonText lazy && lazy.json() == result.structuredContent()) {
            return lazy.utf8();
        }
        return null;
    }
}
