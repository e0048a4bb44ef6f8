package dev.adsbridge.mcp;

import static dev.adsbridge.mcp.TestEnv.SERVER;
import static dev.adsbridge.mcp.TestEnv.bearer;
import static dev.adsbridge.mcp.TestEnv.post;
import static dev.adsbridge.mcp.TestEnv.raw;
import static dev.adsbridge.mcp.TestEnv.rawPost;
import static dev.adsbridge.mcp.TestEnv.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv.Answer;
import dev.adsbridge.mcp.TestEnv.RawAnswer;
import dev.adsbridge.mcp.inventory.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Everything /mcp refuses, refused as JSON: never HTML, never a stack trace. */
class RequestGuardTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @Test
    void malformedJsonIsAJsonRpcParseError() {
        Answer answer = post(SERVER.endpoint(), bearer(null), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
        assertJsonError(answer, 400, -32700);
    }

    @Test
    void aJsonArrayOrANonRpcObjectIsAnInvalidRequest() {
        assertJsonError(post(SERVER.endpoint(), bearer(null), "[" + PING + "]"), 400, -32600);
        assertJsonError(post(SERVER.endpoint(), bearer(null), "{\"id\":3,\"hello\":true}"), 400, -32600);
        assertJsonError(post(SERVER.endpoint(), bearer(null), "\"ping\""), 400, -32600);
    }

    @Test
    void aMalformedToolsCallIsAJsonRpcInvalidParamsWithoutClassNames() {
        String token = TestEnv.token();
        for (String params : new String[] {"", ",\"params\":null", ",\"params\":[1,2]", ",\"params\":\"x\"",
                ",\"params\":{}", ",\"params\":{\"name\":7}", ",\"params\":{\"name\":\" \"}",
                ",\"params\":{\"name\":\"get_campaigns\",\"arguments\":[]}",
                ",\"params\":{\"name\":\"get_campaigns\",\"arguments\":\"act_1\"}"}) {
            Answer answer = post(SERVER.endpoint(), bearer(token),
                    "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\"" + params + "}");
            assertJsonError(answer, 400, -32602);
            assertThat(answer.json().get("id").asInt()).as(params).isEqualTo(9);
            assertThat(answer.body()).as(params).doesNotContain("dev.adsbridge").doesNotContain("io.modelcontextprotocol")
                    .doesNotContain("java.lang").doesNotContain("tools.jackson");
        }
        // Without a token the shape is still checked first: a malformed call is not an authentication question.
        assertJsonError(post(SERVER.endpoint(), bearer(null), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}"),
                400, -32602);
    }

    @Test
    void aWrongContentTypeIs415() {
        Map<String, String> headers = Map.of("Content-Type", "text/plain");
        assertJsonError(post(SERVER.endpoint(), headers, PING), 415, -32600);
        assertJsonError(post(SERVER.endpoint(), Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "a=b"), 415, -32600);
    }

    @Test
    void getAndDeleteOnMcpAre405WithAllowPost() {
        Answer get = TestEnv.get(SERVER.endpoint(), Map.of("Accept", "text/event-stream"));
        assertJsonError(get, 405, -32600);
        assertThat(get.header("Allow")).isEqualTo("POST");

        Answer delete = TestEnv.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint()))
                .timeout(Duration.ofSeconds(10)).DELETE().build(), true);
        assertJsonError(delete, 405, -32600);
    }

    @Test
    void anOversizedBodyIs413() {
        try (MetaAdsMcpServer small = TestEnv.startServer(TestEnv.config().maxRequestBytes(2048).build())) {
            String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
                    + "x".repeat(5000) + "\"}}";
            assertJsonError(post(small.endpoint(), bearer(null), big), 413, -32600);
            // Without Content-Length (chunked) the limit holds too.
            Answer chunked = TestEnv.send(HttpRequest.newBuilder(URI.create(small.endpoint()))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                            new java.io.ByteArrayInputStream(big.getBytes()))).build(), true);
            assertJsonError(chunked, 413, -32600);
        }
    }

    @Test
    void anUnknownMethodIsAJsonRpcMethodNotFound() {
        Answer answer = post(SERVER.endpoint(), bearer(null), rpc("resources/frobnicate", Map.of()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(-32601);
        assertNoStackTrace(answer.body());
    }

    @Test
    void anUnknownToolIsAJsonRpcError() {
        Answer answer = post(SERVER.endpoint(), bearer(TestEnv.token()), rpc("tools/call",
                Map.of("name", "no_such_tool", "arguments", Map.of())));
        assertThat(answer.json().has("error")).as(answer.body()).isTrue();
        assertNoStackTrace(answer.body());
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIsJson() {
        Map<String, String> headers = bearer(null);
        headers.put("MCP-Protocol-Version", "1999-01-01");
        Answer answer = post(SERVER.endpoint(), headers, PING);
        assertThat(answer.json()).as(answer.body()).isNotNull();
        assertNoStackTrace(answer.body());
    }

    @Test
    void unknownPathsAndMethodsElsewhereAreJson404s() {
        Answer answer = TestEnv.get(SERVER.baseUrl() + "/nothing-here", Map.of());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json()).isNotNull();
        Answer below = post(SERVER.baseUrl() + "/mcp/extra", bearer(null), PING);
        assertJsonError(below, 404, -32600);
        // Spellings that the servlet layer would map to /mcp: not the endpoint either (a 404, as for any other path).
        for (String path : List.of("/mcp;x", "/%6Dcp", "/x/../mcp", "/mcp/./")) {
            RawAnswer odd = raw(SERVER.port(), rawPost("127.0.0.1:" + SERVER.port(), "", PING)
                    .replace("POST /mcp HTTP", "POST " + path + " HTTP"));
            assertThat(odd.status()).as(path).isEqualTo(404);
            assertThat(odd.body()).as(path).contains("\"code\":-32600").contains("Not found");
        }
    }

    /**
     * A path Jetty refuses before any servlet ({@code %00}) gets a JSON 400, and Jetty closes the connection after
     * it: the answer says {@code Connection: close}, so a keep-alive client does not send its next call into the
     * closing socket (where it would get no answer at all).
     */
    @Test
    void aRefusedPathSaysTheConnectionCloses() {
        RawAnswer answer = raw(SERVER.port(), "POST /mcp%00 HTTP/1.1\r\nHost: 127.0.0.1:" + SERVER.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + PING.length() + "\r\n\r\n" + PING);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.head().lines()).anySatisfy(line -> assertThat(line).matches("(?i)connection:\\s*close"));
        assertThat(Json.parseOrNull(answer.body()).path("error").path("status").asInt()).isEqualTo(400);
    }

    @Test
    void aMalformedHttpRequestGetsJsonNotHtml() {
        RawAnswer answer = raw(SERVER.port(), "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:" + SERVER.port()
                + "\r\nContent-Length: abc\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("<html").doesNotContain("<HTML");
        assertNoStackTrace(answer.body());
    }

    @Test
    void aBadHostIs421AndABadOriginIs403() {
        RawAnswer goodHost = raw(SERVER.port(), rawPost("127.0.0.1:" + SERVER.port(), "", PING));
        assertThat(goodHost.status()).isEqualTo(200);
        RawAnswer localhost = raw(SERVER.port(), rawPost("localhost:" + SERVER.port(), "", PING));
        assertThat(localhost.status()).isEqualTo(200);

        RawAnswer rebound = raw(SERVER.port(), rawPost("evil.example:" + SERVER.port(), "", PING));
        assertThat(rebound.status()).isEqualTo(421);
        assertThat(Json.parseOrNull(rebound.body()).at("/error/message").asString()).contains("Host");

        RawAnswer badOrigin = raw(SERVER.port(), rawPost("127.0.0.1:" + SERVER.port(),
                "Origin: https://evil.example\r\n", PING));
        assertThat(badOrigin.status()).isEqualTo(403);
        assertThat(Json.parseOrNull(badOrigin.body()).at("/error/message").asString()).contains("Origin");

        RawAnswer localOrigin = raw(SERVER.port(), rawPost("127.0.0.1:" + SERVER.port(),
                "Origin: http://localhost:5173\r\n", PING));
        assertThat(localOrigin.status()).isEqualTo(200);
    }

    @Test
    void configuredHostsAndOriginsAreAllowed() {
        try (MetaAdsMcpServer server = TestEnv.startServer(TestEnv.config()
                .allowedHost("mcp.internal:*").allowedOrigin("https://console.example").build())) {
            assertThat(raw(server.port(), rawPost("mcp.internal:443", "", PING)).status()).isEqualTo(200);
            assertThat(raw(server.port(), rawPost("127.0.0.1:" + server.port(),
                    "Origin: https://console.example\r\n", PING)).status()).isEqualTo(200);
            assertThat(raw(server.port(), rawPost("other.internal:443", "", PING)).status()).isEqualTo(421);
        }
    }

    @Test
    void theSharedServerKeyIsRequiredWhenConfigured() {
        String key = "server-key-" + System.nanoTime();
        TestEnv.SECRETS.add(key);
        try (MetaAdsMcpServer server = TestEnv.startServer(TestEnv.config().serverKey(key).build())) {
            assertJsonError(post(server.endpoint(), bearer(null), PING), 401, -32001);

            Map<String, String> wrong = bearer(null);
            wrong.put("X-MCP-Server-Key", key + "x");
            assertJsonError(post(server.endpoint(), wrong, PING), 403, -32003);

            Map<String, String> right = bearer(TestEnv.token());
            right.put("X-MCP-Server-Key", key);
            Answer ping = post(server.endpoint(), right, PING);
            assertThat(ping.status()).isEqualTo(200);
            Answer call = post(server.endpoint(), right, rpc("tools/call",
                    Map.of("name", "get_ad_accounts", "arguments", Map.of("limit", 1))));
            assertThat(call.json().at("/result/structuredContent/data").size()).isEqualTo(1);

            // The health endpoints stay open for load balancers.
            assertThat(TestEnv.get(server.baseUrl() + "/healthz", Map.of()).status()).isEqualTo(200);
        }
    }

    private static void assertJsonError(Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode json = answer.json();
        assertThat(json).as(answer.body()).isNotNull();
        assertThat(json.get("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(json.at("/error/code").asInt()).isEqualTo(code);
        assertThat(json.at("/error/message").asString()).isNotBlank();
        assertNoStackTrace(answer.body());
    }

    static void assertNoStackTrace(String body) {
        assertThat(body).doesNotContain("stackTrace").doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("<html");
    }
}
