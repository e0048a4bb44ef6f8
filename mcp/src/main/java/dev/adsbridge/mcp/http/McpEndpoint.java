package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.ToolCallAnswers;
import dev.adsbridge.mcp.metrics.ServerMetrics;
import dev.adsbridge.meta.Hashes;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code /mcp} endpoint on Jetty's own request API, in front of the servlet context that hosts the MCP SDK's
 * stateless servlet. It guards every message, answers {@code tools/call} of a known tool itself, and hands every
 * other message (initialize, tools/list, prompts…) on to the SDK ({@link SdkHandOff}), body already read. A tool call
 * never enters the servlet layer: that layer's request and response wrappers, filter chain and servlet dispatch were
 * about an eighth of the server's CPU per call (docs/benchmarks.md).
 *
 * <ol>
 *   <li>DNS-rebinding protection: a bad {@code Host} → 421, a bad {@code Origin} → 403.</li>
 *   <li>The optional shared server key ({@code X-MCP-Server-Key}, compared in constant time): missing → 401,
 *       wrong → 403.</li>
 *   <li>Only {@code POST} with {@code Content-Type: application/json} and a body within the size limit that parses
 *       as one JSON-RPC message; an unknown name in {@code X-MCP-Toolsets} or in the path {@code /mcp/x/{toolsets}},
 *       or {@code X-MCP-Compact} other than true/false → 400 (404 for the path).</li>
 *   <li>A {@code tools/call} of a tool that needs Meta, with no token in {@code Authorization: Bearer},
 *       {@code X-META-ACCESS-TOKEN} or the {@code access_token} argument → 401 with {@code WWW-Authenticate: Bearer}.
 *       initialize, notifications, ping and tools/list need no token.</li>
 *   <li>An {@code access_token} argument is lifted out of the body before anything else sees it (the SDK logs
 *       message bodies at DEBUG, and a token must never reach a log).</li>
 * </ol>
 * Every refusal is a JSON-RPC error object; every other path goes on to the servlet context ({@code /healthz} …).
 */
public final class McpEndpoint extends Handler.Wrapper {

    private static final Logger log = LoggerFactory.getLogger(McpEndpoint.class);
    static final String MCP_PATH = "/mcp";
    /** {@code /mcp/x/{toolsets}[/readonly]}: the toolsets of a request named in its URL, for clients without headers. */
    static final String TOOLSET_PATH = "/mcp/x/";
    /** The content type of every answer of {@code /mcp}, as Jetty writes it for JSON in UTF-8. */
    static final String JSON_UTF8 = "application/json;charset=utf-8";
    /** Request attributes that carry a message handed on to the SDK: its body (read here) and its JSON-RPC id. */
    static final String BODY_ATTRIBUTE = "adsbridge.body";
    static final String ID_ATTRIBUTE = "adsbridge.id";

    private final ServerTransportSecurityValidator security;
    private final byte[] serverKeyDigest;
    private final int maxRequestBytes;
    private final Predicate<String> toolNeedsToken;
    private final ServerMetrics metrics;
    private final BodyBudget bodies;
    private final ToolCallAnswers answers;

    /**
     * @param security        Host/Origin validation
     * @param serverKey       the shared secret every request must carry, or null
     * @param maxRequestBytes the largest accepted body
     * @param toolNeedsToken  whether a tool (by name) calls Meta; unknown names should answer true
     * @param metrics         counts refusals
     * @param answers         answers {@code tools/call} of a known tool; null to hand every message to the SDK
     */
    public McpEndpoint(ServerTransportSecurityValidator security, String serverKey, int maxRequestBytes,
                       Predicate<String> toolNeedsToken, ServerMetrics metrics, ToolCallAnswers answers) {
        this.security = security;
        this.serverKeyDigest = serverKey == null ? null : Hashes.sha256(serverKey);
        this.maxRequestBytes = maxRequestBytes;
        this.toolNeedsToken = toolNeedsToken;
        this.metrics = metrics;
        this.bodies = BodyBudget.forHeap(Runtime.getRuntime().maxMemory(), maxRequestBytes);
        this.answers = answers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // Whatever the servlet layer would map to /mcp (decoded, normalised, without ;parameters) is this endpoint's
        // to answer; the endpoint itself is only the path as the client wrote it, so /%6Dcp or /mcp;x is a 404.
        String canonical = request.getHttpURI().getCanonicalPath();
        if (canonical == null || !(canonical.equals(MCP_PATH) || canonical.startsWith(MCP_PATH + "/"))) {
            return super.handle(request, response, callback);
        }
        String path = request.getHttpURI().getPath();
        ToolsetPath toolsetPath = null;
        if (!path.equals(MCP_PATH) && !path.equals(MCP_PATH + "/")) {
            if (!path.startsWith(TOOLSET_PATH)) {
                return refuse(response, callback, 404, null, "Not found: the MCP endpoint is POST /mcp (or "
                        + "/mcp/x/{toolsets})", "not_found");
            }
            try {
                toolsetPath = ToolsetPath.read(path.substring(TOOLSET_PATH.length()));
            } catch (IllegalArgumentException bad) {
                return refuse(response, callback, 404, null, "Not found: " + bad.getMessage(), "bad_toolsets");
            }
        }
        HttpFields fields = request.getHeaders();
        try {
            security.validateHeaders(validatedHeaders(fields));
        } catch (ServerTransportSecurityException e) {
            boolean badHost = e.getStatusCode() == 421;
            return refuse(response, callback, e.getStatusCode(), null,
                    badHost ? "Invalid Host header" : "Invalid Origin header", badHost ? "bad_host" : "bad_origin");
        }
        if (serverKeyDigest != null) {
            String given = fields.get(Headers.SERVER_KEY);
            if (given == null || given.isEmpty()) {
                return refuse(response, callback, 401, null, "Missing X-MCP-Server-Key header", "bad_server_key");
            }
            if (!MessageDigest.isEqual(serverKeyDigest, Hashes.sha256(given))) {
                return refuse(response, callback, 403, null, "Wrong X-MCP-Server-Key", "bad_server_key");
            }
        }
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return refuse(response, callback, 405, null, "Method not allowed: this stateless MCP server takes "
                    + "JSON-RPC messages by POST (no SSE stream, no sessions)", "method_not_allowed");
        }
        if (!isJson(fields.get(HttpHeader.CONTENT_TYPE))) {
            return refuse(response, callback, 415, null, "Unsupported media type: send Content-Type: "
                    + "application/json", "unsupported_media_type");
        }
        UnaryOperator<String> headers = fields::get;
        try {
            Headers.requestedToolsets(headers);
        } catch (IllegalArgumentException unknown) {
            return refuse(response, callback, 400, null, "Invalid X-MCP-Toolsets header: " + unknown.getMessage(),
                    "bad_toolsets");
        }
        try {
            Headers.compact(headers);
        } catch (IllegalArgumentException malformed) {
            return refuse(response, callback, 400, null, "Invalid X-MCP-Compact header: " + malformed.getMessage(),
                    "bad_compact");
        }
        long declared = request.getLength();
        if (declared > maxRequestBytes) {
            return refuse(response, callback, 413, null, "Request body too large (limit " + maxRequestBytes
                    + " bytes)", "too_large");
        }
        // A body costs several times its size while it is parsed, copied and decoded: hold back requests while the
        // bodies in flight would outgrow the heap, instead of running out of memory for all of them.
        int reserved = bodies.reserve(declared < 0 ? maxRequestBytes : declared);
        if (reserved < 0) {
            // Read and drop the body in small pieces (no memory kept): a client still sending when the connection
            // closes would never see the answer.
            discard(Request.asInputStream(request), maxRequestBytes);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            return refuse(response, callback, 503, null, "Server busy: too many large requests at once; retry in a "
                    + "second", "busy");
        }
        try {
            return message(request, response, callback, headers, toolsetPath);
        } finally {
            bodies.release(reserved);
        }
    }

    private boolean message(Request request, Response response, Callback callback, UnaryOperator<String> headers,
                            ToolsetPath toolsetPath) throws Exception {
        byte[] body = readBounded(Request.asInputStream(request), maxRequestBytes);
        if (body == null) {
            return refuse(response, callback, 413, null, "Request body too large (limit " + maxRequestBytes
                    + " bytes)", "too_large");
        }
        JsonNode message = Json.parseOrNull(body);
        if (message == null) {
            return refuse(response, callback, 400, null, "Parse error: the body is not valid JSON", "parse_error",
                    JsonRpcErrors.PARSE_ERROR);
        }
        if (!message.isObject()) {
            return refuse(response, callback, 400, null, "Invalid Request: send one JSON-RPC message as a JSON "
                    + "object (batches are not supported)", "invalid_request");
        }
        JsonNode id = message.get("id");
        String method = Json.text(message, "method");
        if (!"2.0".equals(Json.text(message, "jsonrpc")) || method == null) {
            return refuse(response, callback, 400, id, "Invalid Request: a JSON-RPC 2.0 request needs "
                    + "\"jsonrpc\":\"2.0\" and a \"method\"", "invalid_request");
        }
        String argumentToken = null;
        if (method.equals("tools/call")) {
            JsonNode params = message.get("params");
            String invalid = invalidToolCall(params);
            if (invalid != null) {
                return refuse(response, callback, 400, id, "Invalid params: " + invalid, "invalid_params",
                        JsonRpcErrors.INVALID_PARAMS);
            }
            if (lacksToken(headers, params)) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"meta-ads-mcp\"");
                return refuse(response, callback, 401, id, "Unauthorized: this tool calls Meta and needs the user's "
                        + "Meta access token. Send 'Authorization: Bearer <token>' (or X-META-ACCESS-TOKEN).",
                        "unauthorized");
            }
            if (params.get("arguments") instanceof ObjectNode arguments && arguments.path("access_token").isString()) {
                argumentToken = arguments.remove("access_token").asString();
                body = Json.write(message).getBytes(StandardCharsets.UTF_8);
            }
            if (answers != null) {
                Caller caller = Headers.callerOf(headers, toolsetPath, argumentToken);
                byte[] answer = answers.toolCallIfKnown(id, params, caller).orElse(null);
                if (answer != null) {
                    send(response, callback, 200, answer);
                    return true;
                }
            }
        }
        request.setAttribute(BODY_ATTRIBUTE, body);
        if (id != null) {
            request.setAttribute(ID_ATTRIBUTE, id);
        }
        if (toolsetPath != null) {
            request.setAttribute(ToolsetPath.ATTRIBUTE, toolsetPath);
        }
        if (argumentToken != null && !argumentToken.isBlank()) {
            request.setAttribute(Headers.ARGUMENT_TOKEN_ATTRIBUTE, argumentToken);
        }
        return super.handle(request, response, callback);
    }

    /**
     * What is wrong with a {@code tools/call}'s params, or null when their shape is right: an object with a tool
     * {@code name} (a non-blank string) and, when present, {@code arguments} as an object. Checked here because the SDK
     * answers these with HTTP 500 and its internal exception text.
     */
    static String invalidToolCall(JsonNode params) {
        if (params == null || params.isNull() || params.isMissingNode()) {
            return "tools/call needs \"params\": {\"name\": \"<tool>\", \"arguments\": {...}}";
        }
        if (!params.isObject()) {
            return "\"params\" must be an object: {\"name\": \"<tool>\", \"arguments\": {...}}";
        }
        JsonNode name = params.get("name");
        if (name == null || !name.isString() || name.asString().isBlank()) {
            return "\"params.name\" must be the tool's name (a string)";
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            return "\"params.arguments\" must be an object";
        }
        return null;
    }

    private boolean lacksToken(UnaryOperator<String> headers, JsonNode params) {
        if (Headers.token(headers) != null) {
            return false;
        }
        JsonNode argument = params.path("arguments").path("access_token");
        if (argument.isString() && !argument.asString().isBlank()) {
            return false;
        }
        return toolNeedsToken.test(Json.text(params, "name"));
    }

    private boolean refuse(Response response, Callback callback, int status, JsonNode id, String message,
                           String reason) {
        return refuse(response, callback, status, id, message, reason, JsonRpcErrors.codeFor(status));
    }

    private boolean refuse(Response response, Callback callback, int status, JsonNode id, String message,
                           String reason, int code) {
        metrics.rejected(reason);
        log.debug("/mcp request refused: {} ({})", status, reason);
        send(response, callback, status, JsonRpcErrors.bytes(status, id, code, message));
        return true;
    }

    private static void send(Response response, Callback callback, int status, byte[] json) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, JSON_UTF8);
        headers.put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/json");
    }

    private static void discard(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[8192];
        long left = max;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= read;
        }
    }

    /** The body, or null when it exceeds the limit. */
    private static byte[] readBounded(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    /** The headers the Host/Origin validation reads (it reads no other): not every header of every request. */
    private static Map<String, List<String>> validatedHeaders(HttpFields fields) {
        Map<String, List<String>> headers = new LinkedHashMap<>(4);
        List<String> host = fields.getValuesList(HttpHeader.HOST);
        if (!host.isEmpty()) {
            headers.put("Host", host);
        }
        List<String> origin = fields.getValuesList(HttpHeader.ORIGIN);
        if (!origin.isEmpty()) {
            headers.put("Origin", origin);
        }
        return headers;
    }
}
