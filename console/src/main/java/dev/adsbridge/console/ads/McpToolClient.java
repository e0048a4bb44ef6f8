package dev.adsbridge.console.ads;

import dev.adsbridge.console.ConsoleProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one tool of the Meta Ads MCP server: a JSON-RPC {@code tools/call} POST to the stateless streamable-HTTP
 * endpoint with the tenant's token as {@code Authorization: Bearer}. The token lives only in that header; it never
 * reaches a log line or an exception message.
 */
@Component
class McpToolClient {

    static final String PROTOCOL_VERSION = "2025-06-18";

    /** The tool's answer: {@code structuredContent} (or the text content parsed), and whether it is an error. */
    record ToolResult(boolean isError, JsonNode content, JsonNode result) {

        ToolResult(boolean isError, JsonNode content) {
            this(isError, content, JSON.createObjectNode());
        }

        /** Meta's usage the server attaches ({@code _meta["dev.adsbridge/usage"]}), or a missing node. */
        JsonNode usage() {
            return result.path("_meta").path("dev.adsbridge/usage");
        }
    }

    /** The server could not be reached or did not answer a tool result; the message is safe to show. */
    static final class McpUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        McpUnavailableException(String message) {
            super(message);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConsoleProperties.Mcp settings;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    McpToolClient(ConsoleProperties properties) {
        this.settings = properties.mcp();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * The server's {@code tools/list} answer (the JSON-RPC {@code result}); no token needed. {@code readOnly}: only
     * the read tools ({@code X-MCP-Readonly}).
     */
    JsonNode listTools(boolean readOnly) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", "tools/list");
        message.put("params", Map.of());
        return send(null, message, !readOnly);
    }

    ToolResult call(String token, String tool, Map<String, ?> arguments) {
        return call(token, tool, arguments, false);
    }

    /** {@code write}: the call may change things (no read-only narrowing header). */
    ToolResult call(String token, String tool, Map<String, ?> arguments, boolean write) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", arguments);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", "tools/call");
        message.put("params", params);

        JsonNode result = send(token, message, write);
        JsonNode content = result.path("structuredContent");
        if (!content.isObject()) {
            content = textContent(result);
        }
        return new ToolResult(result.path("isError").asBoolean(false), content, result);
    }

    /** Posts one JSON-RPC request and answers its {@code result}; {@code token} null for calls that need none. */
    private JsonNode send(@Nullable String token, Map<String, Object> message, boolean write) {
        String url = settings.url();
        if (url == null) {
            throw new McpUnavailableException("No MCP server is configured (adsbridge.console.mcp.url).");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!write) {
            // Reads narrow the server to its read-only tools; a header can only narrow what it allows.
            request.header("X-MCP-Readonly", "true");
        }
        if (settings.serverKey() != null) {
            request.header("X-MCP-Server-Key", settings.serverKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new McpUnavailableException("The Meta Ads MCP server could not be reached ("
                    + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpUnavailableException("Interrupted while calling the Meta Ads MCP server.");
        }
        if (response.statusCode() != 200) {
            throw new McpUnavailableException("The Meta Ads MCP server answered HTTP " + response.statusCode() + ".");
        }
        JsonNode answer = parse(response);
        JsonNode error = answer.path("error");
        if (error.isObject()) {
            throw new McpUnavailableException("The Meta Ads MCP server refused the call: "
                    + error.path("message").asString("unknown error"));
        }
        JsonNode result = answer.path("result");
        if (!result.isObject()) {
            throw new McpUnavailableException("The Meta Ads MCP server answered without a result.");
        }
        return result;
    }

    private static JsonNode parse(HttpResponse<String> response) {
        String body = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("text/event-stream")) {
            // One JSON-RPC answer in an SSE stream: the last data line carries it.
            String data = null;
            for (String line : body.split("\r?\n")) {
                if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                }
            }
            body = data == null ? "" : data;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new McpUnavailableException("The Meta Ads MCP server answered something other than JSON.");
        }
    }

    private static JsonNode textContent(JsonNode result) {
        for (JsonNode item : result.path("content")) {
            if ("text".equals(item.path("type").asString(""))) {
                try {
                    return JSON.readTree(item.path("text").asString(""));
                } catch (JacksonException e) {
                    return JSON.createObjectNode().put("text", item.path("text").asString(""));
                }
            }
        }
        return JSON.createObjectNode();
    }
}
