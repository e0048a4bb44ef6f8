package dev.adsbridge.mcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.graph.ErrorCategory;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Results hand the SDK their JSON tree as structuredContent (no conversion to a Map per call). What goes on the wire
 * must be byte for byte what a Map gave: the same JSON-RPC response text from the SDK's own mapper.
 */
class ToolResultsWireTest {

    private static final McpJsonMapper SDK = McpJsonDefaults.getMapper();

    @Test
    void structuredContentIsSerialisedExactlyAsTheMapWas() throws java.io.IOException {
        ObjectNode json = Json.object();
        json.put("int", 42).put("long", 9_000_000_000L).put("double", 12.5).put("float", 1.25f)
                .put("decimal", new BigDecimal("12.50")).put("bigint", new BigInteger("123456789012345678901234567890"))
                .put("bool", true).put("text", "quote \" backslash \\ newline \n tab \t ünïcödé 😀 \u0001")
                .putNull("nothing").put("empty", "");
        json.putArray("list").add(1).add("two").add(3.0).addNull().addObject().put("nested", "yes");
        json.putObject("object").putObject("deeper").putArray("none");
        json.set("parsed", Json.parseOrNull("{\"a\":1.10,\"b\":[1e3,-0.0,12345678901234567890],\"c\":null}"));

        assertSameWire(json, false);
        assertSameWire(new ToolError(100, 33, "OAuthException", "Invalid parameter", "Title", "User message", "AbC", false,
                ErrorCategory.INVALID_REQUEST, null, Map.of()).toJson(), true);
        assertSameWire(ToolError.missingToken().toJson(), true);
        assertSameWire(Json.object(), false);
    }

    @Test
    void resultsCarryTheSameTextAndStructuredJson() {
        ObjectNode json = Json.object().put("id", "1").put("spend", new BigDecimal("3.10"));
        CallToolResult result = ToolResults.success(json);
        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo(Json.write(json));
        assertThat(Json.tree(result.structuredContent())).isEqualTo(json);
        assertThat(result.isError()).isFalse();
    }

    @Test
    void theOnePassToolCallAnswerIsWhatTheSdkWouldWrite() throws java.io.IOException {
        ObjectNode json = Json.object().put("id", "1").put("spend", new BigDecimal("3.10"));
        json.putArray("data").addObject().put("name", "ünïcödé \" 😀").putNull("gone");
        CallToolResult result = new CallToolResult(ToolResults.success(json).content(), false, json,
                Map.of("dev.adsbridge/usage", Map.of("max_util_pct", 3.5)));
        for (Object id : List.of(7, 9_000_000_000L, "abc-1")) {
            McpSchema.JSONRPCResponse response = new McpSchema.JSONRPCResponse("2.0", id, result, null);
            assertThat(new String(ToolCallAnswers.write(response), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(SDK.writeValueAsString(response));
            // The one-pass answer writes the tree once and puts it in raw as structuredContent: same bytes.
            assertThat(new String(ToolResults.jsonOf(result), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(Json.write(json));
            assertThat(new String(ToolCallAnswers.response(id, result), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(SDK.writeValueAsString(response));
        }
        // Every escape the mapper makes (quotes, backslashes, control characters, slashes, non-ASCII) and both result
        // kinds, with and without _meta: the one-pass bytes are the SDK's.
        ObjectNode tricky = Json.object().put("text", "quote \" backslash \\ slash / newline \n tab \t cr \r "
                + "bell \u0007 nul \u0000 del \u007f ünïcödé – 😀 \u2028 end");
        tricky.putArray("urls").add("https://example.com/a?b=c&d=\"e\"").addObject().put("k\"ey", "v\\");
        // Text that is almost all escapes (six bytes for one, two for one) outgrows the room the answer starts with.
        tricky.put("controls", "\u0001".repeat(700)).put("quotes", "\"".repeat(900))
                .put("mixed", "a\u001f\\".repeat(300));
        for (CallToolResult one : List.of(ToolResults.success(tricky), ToolResults.error(ToolError.missingToken()),
                new CallToolResult(ToolResults.success(tricky).content(), false, tricky,
                        Map.of("dev.adsbridge/usage", Map.of("max_util_pct", 3.5, "account_id", "act_1"))))) {
            assertThat(ToolResults.jsonOf(one)).isNotNull();
            assertThat(new String(ToolCallAnswers.response(3, one), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(SDK.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 3, one, null)));
        }
        // A result whose structuredContent is not the tree of its text keeps both as they are.
        CallToolResult foreign = new CallToolResult(ToolResults.success(json).content(), false, Json.object(), null);
        assertThat(ToolResults.jsonOf(foreign)).isNull();
        assertThat(new String(ToolCallAnswers.response("x", foreign), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(SDK.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", "x", foreign, null)));
        assertThat(ToolCallAnswers.idValue(Json.parseOrNull("7"))).isEqualTo(7);
        assertThat(ToolCallAnswers.idValue(Json.parseOrNull("9000000000"))).isEqualTo(9_000_000_000L);
        assertThat(ToolCallAnswers.idValue(Json.parseOrNull("\"x\""))).isEqualTo("x");
    }

    private static void assertSameWire(JsonNode json, boolean isError) throws java.io.IOException {
        String text = Json.write(json);
        Map<?, ?> asMap = Json.MAPPER.convertValue(json, Map.class);
        CallToolResult before = new CallToolResult(List.of(new TextContent(text)), isError, asMap,
                Map.of("k", Map.of("v", 1)));
        CallToolResult after = new CallToolResult(List.of(new TextContent(text)), isError, json,
                Map.of("k", Map.of("v", 1)));
        String wireBefore = SDK.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 7, before, null));
        String wireAfter = SDK.writeValueAsString(new McpSchema.JSONRPCResponse("2.0", 7, after, null));
        assertThat(wireAfter).isEqualTo(wireBefore);
    }
}
