package dev.adsbridge.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The sandbox's control API ({@code /_sandbox/…}) over HTTP: issue tokens, arm and clear faults. */
final class SandboxControl {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    SandboxControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A token for the demo user with the default scopes. */
    JsonNode issueToken() {
        return send("POST", "/_sandbox/tokens", Map.of());
    }

    JsonNode issueToken(String user, List<String> scopes, Long expiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (user != null) {
            body.put("user", user);
        }
        if (scopes != null) {
            body.put("scopes", scopes);
        }
        if (expiresIn != null) {
            body.put("expires_in", expiresIn);
        }
        return send("POST", "/_sandbox/tokens", body);
    }

    /** Arms a fault, e.g. {@code Map.of("kind", "transient", "path", "me", "count", 1)}. */
    void armFault(Map<String, Object> fault) {
        send("POST", "/_sandbox/faults", fault);
    }

    void clearFaults() {
        send("DELETE", "/_sandbox/faults", null);
    }

    private JsonNode send(String method, String path, Map<String, ?> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("sandbox control " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return Json.tryParse(response.body()).orElse(Json.MAPPER.nullNode());
        } catch (IOException e) {
            throw new IllegalStateException("sandbox control " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
