package dev.adsbridge.sandbox.control;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.http.GraphApi;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.seed.Seeder;
import dev.adsbridge.sandbox.store.AccessGrant;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The control API for test harnesses, under {@code /_sandbox/}. Documented in the README. */
public final class ControlServlet extends HttpServlet {

    /** Every ads-related scope a default token carries. */
    public static final List<String> DEFAULT_SCOPES = List.of("ads_read", "ads_management", "business_management",
            "pages_show_list", "pages_read_engagement", "public_profile", "email");

    private final transient GraphApi api;

    public ControlServlet(GraphApi api) {
        this.api = api;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String route = req.getMethod() + " " + path;
        try {
            Object answer = switch (route) {
                case "POST /tokens" -> issueToken(readJson(req));
                default -> null;
            };
            if (answer == null) {
                write(resp, 404, Map.of("error", Map.of("message", "no control route " + route)));
            } else {
                write(resp, 200, answer);
            }
        } catch (IllegalArgumentException e) {
            write(resp, 400, Map.of("error", Map.of("message", e.getMessage())));
        }
    }

    private Map<String, Object> issueToken(JsonNode body) {
        SandboxContext context = api.context();
        String userId = body.path("user").asString(Seeder.DEMO_USER);
        if (context.store().user(userId).isEmpty()) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (body.has("scopes")) {
            body.get("scopes").forEach(s -> scopes.add(s.asString()));
        } else {
            scopes.addAll(DEFAULT_SCOPES);
        }
        long expiresIn = body.path("expires_in").asLong(context.config().longTokenTtlSeconds());
        long now = context.nowEpochSeconds();
        AccessGrant grant = new AccessGrant(context.store().newTokenValue(), "USER", userId, context.config().appId(),
                scopes, now, expiresIn == 0 ? 0 : now + expiresIn, now + 90L * 24 * 3600, true, null);
        context.store().putToken(grant);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", grant.token());
        out.put("token_type", "bearer");
        out.put("user_id", userId);
        out.put("expires_in", expiresIn);
        out.put("scopes", List.copyOf(scopes));
        return out;
    }

    static JsonNode readJson(HttpServletRequest req) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
    }

    static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json; charset=UTF-8");
        resp.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
