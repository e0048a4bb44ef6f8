package dev.adsbridge.sandbox;

import dev.adsbridge.sandbox.http.Json;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain HTTP client for the sandbox's contract tests: what any Graph caller would send, nothing of the project's
 * own client. Start one per test class with {@link #start()} or {@link #start(SandboxConfig)}.
 */
public final class SandboxHttp implements AutoCloseable {

    /** An answer: status, parsed JSON body (null when not JSON), raw body and headers. */
    public record Answer(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The Graph error object, or a missing node. */
        public JsonNode error() {
            return json == null ? Json.MAPPER.missingNode() : json.path("error");
        }
    }

    private final SandboxServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private SandboxHttp(SandboxServer server) {
        this.server = server;
    }

    public static SandboxHttp start() {
        return start(SandboxConfig.defaults());
    }

    public static SandboxHttp start(SandboxConfig config) {
        return new SandboxHttp(SandboxServer.start(config));
    }

    /** Wraps a sandbox already started (e.g. one keeping its world in a file). */
    public static SandboxHttp start(SandboxServer server) {
        return new SandboxHttp(server);
    }

    public SandboxServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** {@code http://127.0.0.1:PORT/v25.0}. */
    public String graphUrl() {
        return server.graphUrl();
    }

    /** A token for the demo user with every ads scope (POST /_sandbox/tokens). */
    public String token() {
        return control("POST", "/_sandbox/tokens", Map.of()).json().get("access_token").asString();
    }

    /** A token for a user with the given scopes. */
    public String token(String userId, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", userId);
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        return control("POST", "/_sandbox/tokens", body).json().get("access_token").asString();
    }

    /** GET {graphUrl}/{path}?params with the token as Bearer header. */
    public Answer get(String token, String path, Map<String, String> params) {
        return send(token, "GET", graphUrl() + "/" + path + query(params), null, null);
    }

    public Answer get(String token, String path) {
        return get(token, path, Map.of());
    }

    /** POST form-urlencoded to {graphUrl}/{path}. */
    public Answer post(String token, String path, Map<String, String> form) {
        return send(token, "POST", graphUrl() + "/" + path, "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString(query(form).replaceFirst("^\\?", "")));
    }

    public Answer delete(String token, String path, Map<String, String> params) {
        return send(token, "DELETE", graphUrl() + "/" + path + query(params), null, null);
    }

    /** Any request to an absolute URL (paging links, the dialog), with an optional Bearer token. */
    public Answer getUrl(String token, String url) {
        return send(token, "GET", url, null, null);
    }

    /** A control-API call with a JSON body (or none for GET/DELETE). */
    public Answer control(String method, String path, Object jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(jsonBody));
        return send(null, method, baseUrl() + path, "application/json", body);
    }

    public Answer send(String token, String method, String url, String contentType,
                       HttpRequest.BodyPublisher body) {
        return send(token, method, url, contentType, body, Map.of());
    }

    /** As {@link #send(String, String, String, String, HttpRequest.BodyPublisher)}, with extra request headers. */
    public Answer send(String token, String method, String url, String contentType,
                       HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !response.body().isEmpty()) {
                json = Json.MAPPER.readTree(response.body());
            }
            return new Answer(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String query(Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            return "";
        }
        return "?" + params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        server.close();
    }
}
