package dev.adsbridge.console.ads;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.connections.McpRoute;
import dev.adsbridge.meta.Currencies;
import dev.adsbridge.meta.Hashes;
import dev.adsbridge.meta.McpExtensions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls one tool of the Meta Ads MCP server: a JSON-RPC {@code tools/call} POST to the stateless streamable-HTTP
 * endpoint with the tenant's token as {@code Authorization: Bearer}; or, for a connection to a hosted MCP server
 * ({@link McpRoute#remote()}), to that server with its credential. The token or credential lives only in that
 * header; it never reaches a log line or an exception message.
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
            return result.path("_meta").path(McpExtensions.USAGE_META);
        }

        /**
         * The validator our MCP server attaches to a result made from one Graph read with Meta's ETag
         * ({@code _meta["dev.adsbridge/etag"]}): sent back with the same call, it is answered "not modified" while
         * Meta's answer is unchanged. Null when the result has none.
         */
        @Nullable String validator() {
            JsonNode validator = result.path("_meta").path(McpExtensions.ETAG_META);
            return validator.isString() ? validator.asString() : null;
        }

        /** The server says the result the validator came with still holds (and sent no rows). */
        boolean notModified() {
            return result.path("_meta").path(McpExtensions.NOT_MODIFIED_META).asBoolean(false);
        }
    }

    /** The server could not be reached or did not answer a tool result; the message is safe to show. */
    static class McpUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        McpUnavailableException(String message) {
            super(message);
        }
    }

    /** A hosted server refused the credential (HTTP 401 or 403): the connection needs a new one. */
    static final class McpCredentialRefusedException extends McpUnavailableException {
        private static final long serialVersionUID = 1L;

        McpCredentialRefusedException(String message) {
            super(message);
        }
    }

    /** An HTTP answer of an MCP server, its body read (up to the limit). */
    private record Reply(int statusCode, java.net.http.HttpHeaders headers, String body) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Sets the default of {@code compact} for every tool of a request (the MCP server's {@code X-MCP-Compact}). */
    static final String COMPACT_HEADER = "X-MCP-Compact";
    /** Money fields of list rows: Meta sends minor-unit strings, compact rows {@code "250.00 EUR"}. */
    private static final Set<String> MONEY = Set.of("daily_budget", "lifetime_budget",
            "budget_remaining", "spend_cap", "bid_amount", "amount_spent", "balance", "min_daily_budget",
            "daily_spend_limit", "lifetime_spend_cap");
    private static final Pattern COMPACT_MONEY = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,2})? [A-Z]{3}");
    /** The largest answer read from an MCP server (a hosted one is not ours to trust with our memory). */
    private static final int MAX_ANSWER_BYTES = 32 << 20;

    private final ConsoleProperties.Mcp settings;
    /** Hosted servers' sessions by server and credential hash ("" for a server that keeps none). */
    private final Cache<String, String> remoteSessions = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(30)).maximumSize(10_000).build();
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
        return listTools(null, readOnly);
    }

    /** {@code tools/list} of the route's server ({@code route} null: our own MCP server, without a token). */
    JsonNode listTools(@Nullable McpRoute route, boolean readOnly) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", "tools/list");
        message.put("params", Map.of());
        return send(route, message, !readOnly, true);
    }

    /** {@code write}: the call may change things (no read-only narrowing header). */
    ToolResult call(McpRoute route, String tool, Map<String, ?> arguments, boolean write) {
        return call(route, tool, arguments, write, null);
    }

    /**
     * A call that may revalidate a result held from the same call: {@code validator} is that result's
     * {@link ToolResult#validator()}; only our own MCP server is asked (a hosted one is sent the call as it is).
     */
    ToolResult call(McpRoute route, String tool, Map<String, ?> arguments, boolean write,
            @Nullable String validator) {
        return call(route, tool, arguments, write, validator, true);
    }

    /**
     * {@code metaRows}: ask for Meta's rows as sent ({@code X-MCP-Compact: false}), as the console's pages read them;
     * false for an agent's call, which gets the server's own defaults (our server's compact list rows).
     */
    ToolResult call(McpRoute route, String tool, Map<String, ?> arguments, boolean write,
            @Nullable String validator, boolean metaRows) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", new LinkedHashMap<>(arguments));
        if (validator != null && (route == null || !route.remote())) {
            params.put("_meta", Map.of(McpExtensions.IF_NONE_MATCH_META, validator));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", "tools/call");
        message.put("params", params);

        JsonNode result = send(route, message, write, metaRows);
        JsonNode content = result.path("structuredContent");
        if (!content.isObject()) {
            content = textContent(result);
        }
        if (route != null && route.remote()) {
            content = minorUnits(content);
        }
        return new ToolResult(result.path("isError").asBoolean(false), content, result);
    }

    /**
     * Posts one JSON-RPC request and answers its {@code result}. Our own MCP server is stateless and takes a bare
     * request; a hosted one ({@link McpRoute#remote()}) is first initialized as the MCP specification asks, and its
     * session id (if it gives one) sent along, with a new session when it says the old one is gone (404).
     */
    private JsonNode send(@Nullable McpRoute route, Map<String, Object> message, boolean write, boolean metaRows) {
        if (route == null || !route.remote()) {
            String url = settings.url();
            if (url == null) {
                throw new McpUnavailableException("No MCP server is configured (adsbridge.console.mcp.url).");
            }
            return answer(post(URI.create(url), route == null ? null : route.bearer(), message, write, null, false,
                    metaRows), "The Meta Ads MCP server");
        }
        String session = remoteSession(route, false);
        Reply response = post(route.server(), route.bearer(), message, write, session, true, metaRows);
        if (response.statusCode() == 404 && session != null) {
            response = post(route.server(), route.bearer(), message, write, remoteSession(route, true), true,
                    metaRows);
        }
        return answer(response, "The hosted MCP server");
    }

    /** The hosted server's session for this route (null: it keeps none), initializing one when needed. */
    private @Nullable String remoteSession(McpRoute route, boolean renew) {
        String key = route.server() + " " + Hashes.sha256Hex(route.bearer());
        if (renew) {
            remoteSessions.invalidate(key);
        }
        return remoteSessions.get(key, k -> {
            Map<String, Object> initialize = new LinkedHashMap<>();
            initialize.put("jsonrpc", "2.0");
            initialize.put("id", ids.incrementAndGet());
            initialize.put("method", "initialize");
            initialize.put("params", Map.of("protocolVersion", PROTOCOL_VERSION, "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "adsbridge-console", "version", "1.0.0")));
            Reply response = post(route.server(), route.bearer(), initialize, true, null, true, true);
            answer(response, "The hosted MCP server");
            String session = response.headers().firstValue("Mcp-Session-Id").orElse("");
            Map<String, Object> initialized = Map.of("jsonrpc", "2.0", "method", "notifications/initialized");
            post(route.server(), route.bearer(), initialized, true, session.isEmpty() ? null : session, true, true);
            return session;
        }).transform(session -> session.isEmpty() ? null : session);
    }

    private Reply post(URI url, @Nullable String bearer, Map<String, Object> message, boolean write,
            @Nullable String session, boolean remote, boolean metaRows) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message), StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (!write) {
            // Reads narrow the server to its read-only tools; a header can only narrow what it allows.
            request.header("X-MCP-Readonly", "true");
        }
        // The console reads Meta's rows as sent (money in minor units, paging); list tools answer agents compactly by
        // default. The header sets compact=false for every tool that has compact output (an argument a call gives
        // still wins); a server that does not know it ignores it, where an argument would be refused. An agent's
        // call goes without it: the agent gets what the tool's schema promises.
        if (metaRows) {
            request.header(COMPACT_HEADER, "false");
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        if (!remote && settings.serverKey() != null) {
            // Our own server's key: never sent to a hosted server.
            request.header("X-MCP-Server-Key", settings.serverKey());
        }
        String who = remote ? "The hosted MCP server" : "The Meta Ads MCP server";
        try {
            HttpResponse<java.io.InputStream> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (java.io.InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
            if (body.length > MAX_ANSWER_BYTES) {
                throw new McpUnavailableException(who + " answered more than " + (MAX_ANSWER_BYTES >> 20)
                        + " MB.");
            }
            String text = new String(body, StandardCharsets.UTF_8);
            return new Reply(response.statusCode(), response.headers(), text);
        } catch (IOException e) {
            throw new McpUnavailableException(who + " could not be reached (" + e.getClass().getSimpleName() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpUnavailableException("Interrupted while calling " + who.substring(4) + ".");
        }
    }

    /** The JSON-RPC result of an answer (202 Accepted for a notification has none: an empty object). */
    private static JsonNode answer(Reply response, String who) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new McpCredentialRefusedException(who + " refused the credential (HTTP " + status + ").");
        }
        if (status != 200) {
            throw new McpUnavailableException(who + " answered HTTP " + status + ".");
        }
        JsonNode answer = parse(response);
        JsonNode error = answer.path("error");
        if (error.isObject()) {
            throw new McpUnavailableException(who + " refused the call: "
                    + error.path("message").asString("unknown error"));
        }
        JsonNode result = answer.path("result");
        if (!result.isObject()) {
            throw new McpUnavailableException(who + " answered without a result.");
        }
        return result;
    }

    private static JsonNode parse(Reply response) {
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

    /**
     * A hosted server that does not pass {@code X-MCP-Compact} on (our own server behind a proxy that drops it)
     * answers list rows compactly: money as {@code "250.00 EUR"}. The console reads Meta's minor units, so such an
     * amount in a row's money field is turned back into them ({@code "25000"}) in a copy of the content (the
     * server's own result, which agents get, stays as it came); nothing else is touched. A server that answers Meta's
     * rows (the reference server, ours with the header) has nothing to turn back.
     */
    static JsonNode minorUnits(JsonNode content) {
        JsonNode copy = null;
        JsonNode rows = content.path("data");
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof ObjectNode row)) {
                continue;
            }
            for (String field : MONEY) {
                JsonNode value = row.get(field);
                if (value != null && value.isString() && COMPACT_MONEY.matcher(value.asString()).matches()) {
                    String text = value.asString();
                    Long minor = Currencies.parseMajor(text, text.substring(text.length() - 3));
                    if (minor != null) {
                        copy = copy == null ? content.deepCopy() : copy;
                        ((ObjectNode) copy.path("data").get(i)).put(field, Long.toString(minor));
                    }
                }
            }
        }
        return copy == null ? content : copy;
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
