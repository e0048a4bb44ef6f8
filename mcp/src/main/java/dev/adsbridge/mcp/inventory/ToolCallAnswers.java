package dev.adsbridge.mcp.inventory;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Answers JSON-RPC messages in one pass: the request is parsed once (by the caller), the tool runs, and the response
 * (the MCP SDK's own {@link JSONRPCResponse} and {@link CallToolResult} records) is written once by the module's
 * mapper, byte for byte what the SDK would write ({@code ToolCallAnswersWireTest}). The HTTP endpoint answers
 * {@code tools/call} here instead of through the SDK's servlet (which parses the body again, converts the arguments and
 * result between trees and maps, and runs them through Reactor); the stdio server answers every message here.
 */
public final class ToolCallAnswers {

    /** Protocol versions this server speaks, newest first. */
    static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.MCP_2025_11_25,
            ProtocolVersions.MCP_2025_06_18, ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2024_11_05);

    /** Tools, the analysis prompts, and completion of their account ids; lists never change. */
    public static final McpSchema.ServerCapabilities CAPABILITIES = McpSchema.ServerCapabilities.builder()
            .tools(false).prompts(false).completions().build();

    public static final String SERVER_NAME = "meta-ads";
    public static final String SERVER_VERSION = "0.1.0";

    private final ToolRunner runner;
    private final Caller caller;
    private final String instructions;

    /**
     * @param runner       runs the tools
     * @param caller       the caller of a session (stdio), or null when every request brings its own (HTTP)
     * @param instructions the server's instructions in {@code initialize}
     */
    public ToolCallAnswers(ToolRunner runner, Caller caller, String instructions) {
        this.runner = runner;
        this.caller = caller == null ? Caller.anonymous() : caller;
        this.instructions = instructions;
    }

    /** The answer to any message of a session (stdio), or null for a notification or a response. */
    public byte[] answer(JsonNode message) {
        JsonNode id = message.get("id");
        String method = Json.text(message, "method");
        if (method == null) {
            return id == null ? null : error(id, McpSchema.ErrorCodes.INVALID_REQUEST, "Invalid Request");
        }
        if (id == null || id.isNull()) {
            return null;
        }
        JsonNode params = message.path("params");
        return switch (method) {
            case "initialize" -> respond(id, initialize(params));
            case "ping" -> respond(id, Map.of());
            case "tools/list" -> respond(id, new McpSchema.ListToolsResult(runner.visibleTools(caller), null));
            case "tools/call" -> toolCall(id, params, caller);
            case "prompts/list" -> respond(id, new McpSchema.ListPromptsResult(AnalysisPrompts.prompts(), null));
            case "prompts/get" -> prompt(id, params);
            case "completion/complete" -> complete(id, params);
            default -> error(id, McpSchema.ErrorCodes.METHOD_NOT_FOUND, "Method not found: " + method);
        };
    }

    /** A parse error (the line was not JSON). */
    public byte[] parseError() {
        return write(new JSONRPCResponse(McpSchema.JSONRPC_VERSION, null, null,
                new JSONRPCResponse.JSONRPCError(McpSchema.ErrorCodes.PARSE_ERROR, "Parse error", null)));
    }

    /**
     * The answer to a {@code tools/call} whose params were checked (a name, arguments an object or absent), or empty
     * for a tool this server does not know (the SDK then answers as it always did).
     */
    public Optional<byte[]> toolCallIfKnown(JsonNode id, JsonNode params, Caller requestCaller) {
        if (runner.inventory().find(Json.text(params, "name")).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toolCall(id, params, requestCaller));
    }

    private byte[] toolCall(JsonNode id, JsonNode params, Caller requestCaller) {
        String name = Json.text(params, "name");
        Optional<ToolDefinition> tool = runner.inventory().find(name);
        if (tool.isEmpty()) {
            return error(id, McpSchema.ErrorCodes.INVALID_PARAMS, "Unknown tool: " + Args.shorten(
                    String.valueOf(name), 64));
        }
        JsonNode arguments = params.path("arguments");
        @SuppressWarnings("unchecked")
        Map<String, Object> args = arguments.isObject() ? Json.MAPPER.convertValue(arguments, Map.class) : Map.of();
        try {
            String ifNoneMatch = Json.text(params.path("_meta"), ResultValidator.IF_NONE_MATCH_META_KEY);
            return respond(id, runner.call(tool.get(), requestCaller, args, ifNoneMatch));
        } catch (McpError bug) {
            return write(new JSONRPCResponse(McpSchema.JSONRPC_VERSION, idValue(id), null, bug.getJsonRpcError()));
        }
    }

    private byte[] prompt(JsonNode id, JsonNode params) {
        JsonNode arguments = params.path("arguments");
        @SuppressWarnings("unchecked")
        Map<String, Object> args = arguments.isObject() ? Json.MAPPER.convertValue(arguments, Map.class) : Map.of();
        try {
            return respond(id, AnalysisPrompts.get(Json.text(params, "name"), args));
        } catch (McpError invalid) {
            return write(new JSONRPCResponse(McpSchema.JSONRPC_VERSION, idValue(id), null,
                    invalid.getJsonRpcError()));
        }
    }

    /** Completion of a prompt's account_id from the accounts the caller's token reaches; nothing else completes. */
    private byte[] complete(JsonNode id, JsonNode params) {
        JsonNode ref = params.path("ref");
        String argument = Json.text(params.path("argument"), "name");
        if ("ref/prompt".equals(Json.text(ref, "type")) && AnalysisPrompts.isPrompt(Json.text(ref, "name"))
                && AnalysisPrompts.ACCOUNT_ARGUMENT.equals(argument)) {
            return respond(id, runner.completeAccountId(caller, Json.text(params.path("argument"), "value")));
        }
        return respond(id, new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(),
                0, false)));
    }

    private McpSchema.InitializeResult initialize(JsonNode params) {
        String requested = Json.text(params, "protocolVersion");
        String version = PROTOCOL_VERSIONS.contains(requested) ? requested : PROTOCOL_VERSIONS.get(0);
        McpSchema.ServerCapabilities capabilities = CAPABILITIES;
        return new McpSchema.InitializeResult(version, capabilities,
                new McpSchema.Implementation(SERVER_NAME, SERVER_VERSION), instructions);
    }

    private byte[] respond(JsonNode id, Object result) {
        return response(idValue(id), result);
    }

    /** A result as a JSON-RPC response; byte for byte what the SDK writes ({@code ToolResultsWireTest}). */
    static byte[] response(Object id, Object result) {
        if (id != null && result instanceof CallToolResult toolResult && toolResult.isError() != null) {
            byte[] json = ToolResults.jsonOf(toolResult);
            if (json != null) {
                return oneTreeResponse(id, toolResult, json);
            }
        }
        return write(new JSONRPCResponse(McpSchema.JSONRPC_VERSION, id, result, null));
    }

    private static final byte[] RESPONSE_START = ascii("{\"jsonrpc\":\"2.0\",\"id\":");
    private static final byte[] CONTENT_START = ascii(",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"");
    private static final byte[] IS_ERROR = ascii("\"}],\"isError\":");
    private static final byte[] STRUCTURED = ascii(",\"structuredContent\":");
    private static final byte[] META = ascii(",\"_meta\":");
    private static final byte[] RESPONSE_END = ascii("}}");

    /**
     * A tool result whose text copy is its structuredContent's JSON, written in one pass over the tree: the tree's
     * compact UTF-8 goes in once raw (structuredContent) and once escaped as a JSON string (the text), escaped byte
     * by byte the way the mapper escapes strings, instead of writing the tree twice and escaping a Java string.
     * The layout is the SDK's ({@code ToolResultsWireTest} compares the bytes).
     */
    private static byte[] oneTreeResponse(Object id, CallToolResult result, byte[] json) {
        byte[] idBytes = id instanceof Integer || id instanceof Long ? ascii(id.toString())
                : Json.MAPPER.writeValueAsBytes(id);
        byte[] flag = result.isError() ? TRUE : FALSE;
        byte[] meta = result.meta() == null ? null : Json.MAPPER.writeValueAsBytes(result.meta());
        int tail = IS_ERROR.length + flag.length + STRUCTURED.length + json.length
                + (meta == null ? 0 : META.length + meta.length) + RESPONSE_END.length;
        int head = RESPONSE_START.length + idBytes.length + CONTENT_START.length;
        // Room for an escape every fourth byte of the text copy (compact rows have about one in eight); more grows it,
        // and the answer is cut to its length at the end (one copy instead of a second pass to count the escapes).
        byte[] out = new byte[head + json.length + (json.length >> 2) + tail];
        int at = put(RESPONSE_START, out, 0);
        at = put(idBytes, out, at);
        at = put(CONTENT_START, out, at);
        int[] end = new int[1];
        out = JsonStrings.writeEscaped(json, out, at, tail, end);
        at = put(IS_ERROR, out, end[0]);
        at = put(flag, out, at);
        at = put(STRUCTURED, out, at);
        at = put(json, out, at);
        if (meta != null) {
            at = put(META, out, at);
            at = put(meta, out, at);
        }
        at = put(RESPONSE_END, out, at);
        return at == out.length ? out : Arrays.copyOf(out, at);
    }

    private static int put(byte[] bytes, byte[] out, int at) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] error(JsonNode id, int code, String message) {
        return write(new JSONRPCResponse(McpSchema.JSONRPC_VERSION, idValue(id), null,
                new JSONRPCResponse.JSONRPCError(code, message, null)));
    }

    /** The JSON-RPC response as bytes (UTF-8, compact). */
    static byte[] write(JSONRPCResponse response) {
        return Json.MAPPER.writeValueAsBytes(response);
    }

    /** A request id as the SDK holds it: a number or a string. */
    static Object idValue(JsonNode id) {
        if (id == null || id.isNull()) {
            return null;
        }
        if (id.isIntegralNumber()) {
            return id.canConvertToInt() ? (Object) id.intValue() : (Object) id.longValue();
        }
        return id.isNumber() ? id.numberValue() : id.asString();
    }
}
