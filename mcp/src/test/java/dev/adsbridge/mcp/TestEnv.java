package dev.adsbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.graph.RetryPolicy;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sandbox and one default MCP server for the whole test run (both on ephemeral loopback ports), plus plain HTTP
 * helpers that send exactly the headers a test names. Every answer is checked for leaked tokens and secrets.
 */
public final class TestEnv {

    public static final String DEMO_USER = "100000000000001";
    public static final String SECOND_USER = "100000000000002";
    public static final String NO_ACCOUNTS_USER = "100000000000003";
    public static final String BIG_ACCOUNT = "act_1000000001";
    public static final String EUR_ACCOUNT = "act_1000000002";
    public static final String JPY_ACCOUNT = "act_1000000003";
    public static final String DISABLED_ACCOUNT = "act_1000000004";
    public static final String SHARED_ACCOUNT = "act_1000000005";
    public static final String KRW_ACCOUNT = "act_1000000006";

    public static final SandboxServer SANDBOX = SandboxServer.start(SandboxConfig.defaults());
    public static final MetaAdsMcpServer SERVER;

    /** Every token and secret handed out in this run: none may appear in any answer. */
    public static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger IDS = new AtomicInteger(1000);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    static {
        SERVER = startServer(config().build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SERVER.close();
            SANDBOX.close();
        }, "test-env-shutdown"));
    }

    private TestEnv() {
    }

    /** A configuration pointing at the sandbox on a free loopback port; no retries, so injected faults surface. */
    public static McpServerConfig.Builder config() {
        return McpServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .graphUrl(SANDBOX.graphUrl())
                .retryPolicy(RetryPolicy.none())
                .requestTimeout(Duration.ofSeconds(20));
    }

    public static MetaAdsMcpServer startServer(McpServerConfig config) {
        MetaAdsMcpServer server = MetaAdsMcpServer.create(config);
        server.start();
        return server;
    }

    // ------------------------------------------------------------------ sandbox control

    /** A token for the demo user with every ads scope. */
    public static String token() {
        return token(DEMO_USER, null, null);
    }

    /** A token for a user; null scopes means the default ads scopes; null expiry the default lifetime. */
    public static String token(String user, List<String> scopes, Long expiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", user);
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        if (expiresIn != null) {
            body.put("expires_in", expiresIn);
        }
        Answer answer = control("POST", "/_sandbox/tokens", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String token = answer.json().get("access_token").asString();
        SECRETS.add(token);
        return token;
    }

    public static void expire(String token) {
        Answer answer = control("POST", "/_sandbox/tokens/expire", Map.of("access_token", token));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** Arms a sandbox fault for the next {@code count} Graph calls whose path contains {@code path}. */
    public static void fault(String kind, String path, String method, int count) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        if (path != null) {
            body.put("path", path);
        }
        if (method != null) {
            body.put("method", method);
        }
        body.put("count", count);
        Answer answer = control("POST", "/_sandbox/faults", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    public static void clearFaults() {
        control("DELETE", "/_sandbox/faults", null);
    }

    public static Answer control(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SANDBOX.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        return send(request.build(), false);
    }

    /**
     * A plain Graph call against the sandbox, for fixtures and for checking what a tool wrote: GET with the params in
     * the query, POST with them as a form. The answer must be 200.
     */
    public static JsonNode graph(String token, String method, String path, Map<String, String> params) {
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String url = SANDBOX.graphUrl() + "/" + path;
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
        if (method.equals("GET")) {
            request.uri(URI.create(form.isEmpty() ? url : url + "?" + form)).GET();
        } else {
            request.uri(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        Answer answer = send(request.build(), false);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    // ------------------------------------------------------------------ MCP over HTTP

    /** An HTTP answer; {@code json} is null when the body is not JSON. */
    public record Answer(int status, HttpHeaders headers, String body, JsonNode json) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** POSTs a body to a URL with exactly these headers (besides what HTTP itself needs). */
    public static Answer post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build(), true);
    }

    public static Answer get(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build(), true);
    }

    public static Answer send(HttpRequest request, boolean checkSecrets) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if (checkSecrets) {
                assertNoSecrets(body);
                response.headers().map().forEach((name, values) -> values.forEach(TestEnv::assertNoSecrets));
            }
            return new Answer(response.statusCode(), response.headers(), body, Json.parseOrNull(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void assertNoSecrets(String text) {
        for (String secret : SECRETS) {
            assertThat(text).as("a token or secret leaked").doesNotContain(secret);
        }
    }

    /** A JSON-RPC request body. */
    public static String rpc(String method, Object params) {
        ObjectNode body = Json.object();
        body.put("jsonrpc", "2.0");
        body.put("id", IDS.incrementAndGet());
        body.put("method", method);
        if (params != null) {
            body.set("params", Json.tree(params));
        }
        return Json.write(body);
    }

    /** Headers of a plain backend call: JSON and, when given, a bearer token. */
    public static Map<String, String> bearer(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    /** Calls a tool on the default server with a bearer token; returns the JSON-RPC {@code result}. */
    public static JsonNode callTool(String token, String tool, Map<String, ?> arguments) {
        return callTool(SERVER, bearer(token), tool, arguments);
    }

    public static JsonNode callTool(MetaAdsMcpServer server, Map<String, String> headers, String tool,
                             Map<String, ?> arguments) {
        return callToolAt(server.endpoint(), headers, tool, arguments);
    }

    /** A tool call at an endpoint URL ({@code /mcp} or {@code /mcp/x/{toolsets}}): the result, checked as above. */
    public static JsonNode callToolAt(String url, Map<String, String> headers, String tool, Map<String, ?> arguments) {
        Answer answer = post(url, headers, rpc("tools/call",
                Map.of("name", tool, "arguments", arguments)));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().has("error")).as(answer.body()).isFalse();
        JsonNode result = answer.json().get("result");
        // Clients differ in which they read: structured content and text content carry the same JSON.
        JsonNode text = Json.parseOrNull(result.path("content").path(0).path("text").asString());
        assertThat(text).as("text content is the structured content").isEqualTo(result.get("structuredContent"));
        return result;
    }

    /** The structured content of a successful call. */
    public static JsonNode ok(JsonNode result) {
        assertThat(result.path("isError").asBoolean(false)).as(result.toString()).isFalse();
        return result.get("structuredContent");
    }

    /** The {@code error} object of an isError result. */
    public static JsonNode error(JsonNode result) {
        assertThat(result.path("isError").asBoolean(false)).as(result.toString()).isTrue();
        JsonNode error = result.path("structuredContent").path("error");
        assertThat(error.isObject()).as(result.toString()).isTrue();
        return error;
    }

    /**
     * Calls a tool that must refuse the arguments itself, before calling Meta: an InvalidArgument error without a
     * Meta code whose message contains {@code expected}. {@code label} names the case in failures.
     */
    public static JsonNode assertRefusedBeforeMeta(String token, String tool, Map<?, ?> arguments,
                                                   String expected, String label) {
        @SuppressWarnings("unchecked")
        Map<String, ?> named = (Map<String, ?>) arguments;
        JsonNode error = error(callTool(token, tool, named));
        assertThat(error.get("category").asString()).as(label).isEqualTo("invalid_request");
        assertThat(error.get("type").asString()).as(label).isEqualTo("InvalidArgument");
        assertThat(error.get("code").isNull()).as(label + ": Meta was not called").isTrue();
        assertThat(error.get("message").asString()).as(label).contains(expected);
        return error;
    }

    /** The {@code field} of each object in a JSON array, as text. */
    public static List<String> values(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.path(field).asString()));
        return values;
    }

    /**
     * A row's effective status: compact list rows carry effective_status only where it differs from status.
     */
    public static String effectiveStatus(JsonNode row) {
        return (row.has("effective_status") ? row.get("effective_status") : row.get("status")).asString();
    }

    public static List<String> ids(JsonNode items) {
        return values(items, "id");
    }

    public static List<String> names(JsonNode items) {
        return values(items, "name");
    }

    /** The object with this id in a JSON array; fails when there is none. */
    public static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (id.equals(item.path("id").asString())) {
                return item;
            }
        }
        throw new AssertionError(id + " not in " + items);
    }

    /** The items of a JSON array of strings. */
    public static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }

    public static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    // ------------------------------------------------------------------ raw HTTP (custom Host header)

    /** Sends raw HTTP/1.1 text (for headers java.net.http refuses to set, such as Host). */
    public static RawAnswer raw(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int split = text.indexOf("\r\n\r\n");
            return new RawAnswer(status, text.substring(0, split), split < 0 ? "" : text.substring(split + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record RawAnswer(int status, String head, String body) {
    }

    public static String rawPost(String host, String extraHeaders, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n" + extraHeaders + "\r\n" + body;
    }
}
