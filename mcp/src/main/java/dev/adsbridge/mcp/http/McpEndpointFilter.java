package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.ToolCallAnswers;
import dev.adsbridge.mcp.inventory.Toolset;
import dev.adsbridge.mcp.metrics.ServerMetrics;
import dev.adsbridge.meta.Hashes;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guards {@code /mcp} in front of the SDK's stateless servlet, and makes every answer JSON.
 *
 * <ol>
 *   <li>DNS-rebinding protection: a bad {@code Host} → 421, a bad {@code Origin} → 403.</li>
 *   <li>The optional shared server key ({@code X-MCP-Server-Key}, compared in constant time): missing → 401,
 *       wrong → 403.</li>
 *   <li>Only {@code POST} with {@code Content-Type: application/json} and a body within the size limit that parses
 *       as one JSON-RPC message; an unknown name in {@code X-MCP-Toolsets}, or {@code X-MCP-Compact} other than
 *       true/false → 400.</li>
 *   <li>A {@code tools/call} of a tool that needs Meta, with no token in {@code Authorization: Bearer},
 *       {@code X-META-ACCESS-TOKEN} or the {@code access_token} argument → 401 with {@code WWW-Authenticate: Bearer}.
 *       initialize, notifications, ping and tools/list need no token.</li>
 *   <li>Normalises what the SDK is strict about: a missing or {@code *}{@code /*} {@code Accept}, and the trailing
 *       slash of {@code /mcp/}.</li>
 *   <li>Buffers the SDK's answer and rewrites any error it wrote as HTML or as a serialized Java exception into a
 *       JSON-RPC error object, so no stack trace ever leaves the server.</li>
 * </ol>
 */
public final class McpEndpointFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(McpEndpointFilter.class);
    static final String MCP_PATH = "/mcp";
    /** {@code /mcp/x/{toolsets}[/readonly]}: the toolsets of a request named in its URL, for clients without headers. */
    static final String TOOLSET_PATH = "/mcp/x/";
    private static final String FILTERED = McpEndpointFilter.class.getName() + ".done";
    static final String NORMAL_ACCEPT = "application/json, text/event-stream";
    private static final String JSON_UTF8 = "application/json;charset=utf-8";
    private static final List<String> VALIDATED_HEADERS = List.of("Host", "Origin");

    private final transient ServerTransportSecurityValidator security;
    private final transient byte[] serverKeyDigest;
    private final int maxRequestBytes;
    private final transient Predicate<String> toolNeedsToken;
    private final transient ServerMetrics metrics;
    private final transient BodyBudget bodies;
    private final transient ToolCallAnswers answers;

    /**
     * @param security        Host/Origin validation
     * @param serverKey       the shared secret every request must carry, or null
     * @param maxRequestBytes the largest accepted body
     * @param toolNeedsToken  whether a tool (by name) calls Meta; unknown names should answer true
     * @param metrics         counts rejections
     * @param answers         answers {@code tools/call} of a known tool in one pass; null to leave every message to
     *                        the SDK
     */
    public McpEndpointFilter(ServerTransportSecurityValidator security, String serverKey, int maxRequestBytes,
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
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getAttribute(FILTERED) != null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(FILTERED, Boolean.TRUE);
        String path = request.getRequestURI();
        if (!path.equals(MCP_PATH) && !path.equals(MCP_PATH + "/")) {
            if (!path.startsWith(TOOLSET_PATH)) {
                reject(response, 404, null, "Not found: the MCP endpoint is POST /mcp (or /mcp/x/{toolsets})",
                        "not_found");
                return;
            }
            try {
                ToolsetPath.read(path.substring(TOOLSET_PATH.length()), request);
            } catch (IllegalArgumentException bad) {
                reject(response, 404, null, "Not found: " + bad.getMessage(), "bad_toolsets");
                return;
            }
        }
        try {
            security.validateHeaders(headers(request));
        } catch (ServerTransportSecurityException e) {
            boolean badHost = e.getStatusCode() == 421;
            reject(response, e.getStatusCode(), null, badHost ? "Invalid Host header" : "Invalid Origin header",
                    badHost ? "bad_host" : "bad_origin");
            return;
        }
        if (serverKeyDigest != null) {
            String given = request.getHeader(Headers.SERVER_KEY);
            if (given == null || given.isEmpty()) {
                reject(response, 401, null, "Missing X-MCP-Server-Key header", "bad_server_key");
                return;
            }
            if (!MessageDigest.isEqual(serverKeyDigest, Hashes.sha256(given))) {
                reject(response, 403, null, "Wrong X-MCP-Server-Key", "bad_server_key");
                return;
            }
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            reject(response, 405, null, "Method not allowed: this stateless MCP server takes JSON-RPC messages by "
                    + "POST (no SSE stream, no sessions)", "method_not_allowed");
            return;
        }
        if (!isJson(request.getContentType())) {
            reject(response, 415, null, "Unsupported media type: send Content-Type: application/json",
                    "unsupported_media_type");
            return;
        }
        try {
            Headers.requestedToolsets(request);
        } catch (IllegalArgumentException unknown) {
            reject(response, 400, null, "Invalid X-MCP-Toolsets header: " + unknown.getMessage(), "bad_toolsets");
            return;
        }
        try {
            Headers.compact(request);
        } catch (IllegalArgumentException malformed) {
            reject(response, 400, null, "Invalid X-MCP-Compact header: " + malformed.getMessage(), "bad_compact");
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxRequestBytes) {
            reject(response, 413, null, "Request body too large (limit " + maxRequestBytes + " bytes)", "too_large");
            return;
        }
        // A body costs several times its size while it is parsed, copied and decoded: hold back requests while the
        // bodies in flight would outgrow the heap, instead of running out of memory for all of them.
        int reserved = bodies.reserve(declared < 0 ? maxRequestBytes : declared);
        if (reserved < 0) {
            // Read and drop the body in small pieces (no memory kept): a client still sending when the connection
            // closes would never see the answer.
            discard(request.getInputStream(), maxRequestBytes);
            response.setHeader("Retry-After", "1");
            reject(response, 503, null, "Server busy: too many large requests at once; retry in a second", "busy");
            return;
        }
        try {
            handle(request, response, chain);
        } finally {
            bodies.release(reserved);
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        byte[] body = readBounded(request.getInputStream(), maxRequestBytes);
        if (body == null) {
            reject(response, 413, null, "Request body too large (limit " + maxRequestBytes + " bytes)", "too_large");
            return;
        }
        JsonNode message = Json.parseOrNull(body);
        if (message == null) {
            reject(response, 400, null, "Parse error: the body is not valid JSON", "parse_error",
                    JsonRpcErrors.PARSE_ERROR);
            return;
        }
        if (!message.isObject()) {
            reject(response, 400, null, "Invalid Request: send one JSON-RPC message as a JSON object "
                    + "(batches are not supported)", "invalid_request");
            return;
        }
        JsonNode id = message.get("id");
        String method = Json.text(message, "method");
        if (!"2.0".equals(Json.text(message, "jsonrpc")) || method == null) {
            reject(response, 400, id, "Invalid Request: a JSON-RPC 2.0 request needs \"jsonrpc\":\"2.0\" and a "
                    + "\"method\"", "invalid_request");
            return;
        }
        if (method.equals("tools/call")) {
            String invalid = invalidToolCall(message.get("params"));
            if (invalid != null) {
                reject(response, 400, id, "Invalid params: " + invalid, "invalid_params", JsonRpcErrors.INVALID_PARAMS);
                return;
            }
        }
        if (method.equals("tools/call") && lacksToken(request, message.path("params"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"meta-ads-mcp\"");
            reject(response, 401, id, "Unauthorized: this tool calls Meta and needs the user's Meta access token. "
                    + "Send 'Authorization: Bearer <token>' (or X-META-ACCESS-TOKEN).", "unauthorized");
            return;
        }

        String argumentToken = null;
        if (method.equals("tools/call")) {
            // Lifted out of the body and passed on through the request context: the SDK logs message bodies at
            // DEBUG, and a token must never reach a log.
            JsonNode arguments = message.path("params").path("arguments");
            if (arguments instanceof ObjectNode object && object.path("access_token").isString()) {
                argumentToken = object.remove("access_token").asString();
                body = Json.write(message).getBytes(StandardCharsets.UTF_8);
            }
        }
        if (answers != null && method.equals("tools/call")) {
            Caller caller = Headers.callerOf(request, argumentToken);
            byte[] answer = answers.toolCallIfKnown(id, message.get("params"), caller).orElse(null);
            if (answer != null) {
                response.setStatus(200);
                // One call, the header Jetty wrote for the two (content type, then encoding): a known value it
                // looks up once instead of parsing the type and rewriting it with the charset.
                response.setContentType(JSON_UTF8);
                response.setContentLength(answer.length);
                response.getOutputStream().write(answer);
                return;
            }
        }
        ReplayedRequest replayed = new ReplayedRequest(request, body, NORMAL_ACCEPT, MCP_PATH);
        if (argumentToken != null && !argumentToken.isBlank()) {
            replayed.setAttribute(Headers.ARGUMENT_TOKEN_ATTRIBUTE, argumentToken);
        }
        BufferedResponse buffered = new BufferedResponse(response);
        chain.doFilter(replayed, buffered);
        buffered.finish(id);
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

    private boolean lacksToken(HttpServletRequest request, JsonNode params) {
        if (Headers.token(request) != null) {
            return false;
        }
        JsonNode argument = params.path("arguments").path("access_token");
        if (argument.isString() && !argument.asString().isBlank()) {
            return false;
        }
        return toolNeedsToken.test(Json.text(params, "name"));
    }

    private void reject(HttpServletResponse response, int status, JsonNode id, String message, String reason)
            throws IOException {
        reject(response, status, id, message, reason, JsonRpcErrors.codeFor(status));
    }

    private void reject(HttpServletResponse response, int status, JsonNode id, String message, String reason,
                        int code) throws IOException {
        metrics.rejected(reason);
        log.debug("/mcp request refused: {} ({})", status, reason);
        JsonRpcErrors.write(response, status, id, code, message);
    }

    private static boolean isJson(String contentType) {
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
    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>(4);
        for (String name : VALIDATED_HEADERS) {
            java.util.Enumeration<String> values = request.getHeaders(name);
            if (values != null && values.hasMoreElements()) {
                headers.put(name, Collections.list(values));
            }
        }
        return headers;
    }

    /** Whether an Accept header lets the SDK answer: it insists on both JSON and SSE being acceptable. */
    static boolean acceptsBoth(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("application/json") && lower.contains("text/event-stream");
    }
}
