package dev.adsbridge.sandbox.control;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.faults.Fault;
import dev.adsbridge.sandbox.faults.FaultKind;
import dev.adsbridge.sandbox.faults.Faults;
import dev.adsbridge.sandbox.http.GraphApi;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.limits.UsageLimits;
import dev.adsbridge.sandbox.seed.Seeder;
import dev.adsbridge.sandbox.store.AccessGrant;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.NodeType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The control API for test harnesses and dev mode, under {@code /_sandbox/}: tokens, faults, rate limits, the clock,
 * app settings, callbacks and a status page. JSON in and out; bad input answers 400 with a message. Every route is
 * documented in sandbox/CONTROL_API.md.
 */
public final class ControlServlet extends HttpServlet {

    /** Every ads-related scope a default token carries. */
    public static final List<String> DEFAULT_SCOPES = List.of("ads_read", "ads_management", "business_management",
            "pages_show_list", "pages_read_engagement", "public_profile", "email");

    private static final Logger log = LoggerFactory.getLogger(ControlServlet.class);

    private final transient GraphApi api;
    private final transient StatusPage status;
    private final transient CallbackSender callbacks = new CallbackSender();

    public ControlServlet(GraphApi api) {
        this.api = api;
        this.status = new StatusPage(api.context());
    }

    /** A control-API answer other than 200 JSON. */
    private record Reply(int status, Object body) {
    }

    /** 404 for an unknown id. */
    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        try {
            Object answer = route(method, path, req);
            if (answer == null) {
                write(resp, 404, error("no control route " + method + " /_sandbox" + path
                        + " (see sandbox/CONTROL_API.md)"));
            } else if (answer instanceof Reply reply) {
                write(resp, reply.status(), reply.body());
            } else if (answer instanceof String html) {
                resp.setStatus(200);
                resp.setContentType("text/html; charset=utf-8");
                resp.setHeader("Cache-Control", "no-store");
                resp.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
            } else {
                write(resp, 200, answer);
            }
        } catch (IllegalArgumentException e) {
            write(resp, 400, error(e.getMessage()));
        } catch (NotFound e) {
            write(resp, 404, error(e.getMessage()));
        }
    }

    private Object route(String method, String path, HttpServletRequest req) throws IOException {
        if (path.startsWith("/faults/") && "DELETE".equals(method)) {
            String id = path.substring("/faults/".length());
            if (!api.context().faults().disarm(id)) {
                throw new NotFound("no armed fault " + id);
            }
            return Map.of("success", true);
        }
        return switch (method + " " + path) {
            case "GET " -> status.html();
            case "GET /state" -> status.state();
            case "POST /tokens" -> issueToken(readJson(req));
            case "POST /tokens/expire" -> expireToken(readJson(req));
            case "POST /tokens/revoke" -> revokeToken(readJson(req));
            case "POST /system-users" -> SystemUsers.create(api.context(), readJson(req));
            case "POST /faults" -> armFault(readJson(req));
            case "GET /faults" -> Map.of("data", api.context().faults().armed().stream().map(Fault::describe).toList());
            case "DELETE /faults" -> {
                api.context().faults().clear();
                yield Map.of("success", true);
            }
            case "POST /rate-limits" -> presetRateLimits(readJson(req));
            case "GET /rate-limits" -> api.context().limits().snapshot();
            case "DELETE /rate-limits" -> {
                api.context().limits().reset();
                yield Map.of("success", true);
            }
            case "POST /clock" -> advanceClock(readJson(req));
            case "GET /clock" -> clockState();
            case "POST /app/redirect-uris" -> addRedirectUris(readJson(req));
            case "GET /app/redirect-uris" -> Map.of("redirect_uris", api.context().app().redirectUris());
            case "POST /callbacks/deauthorize" -> sendCallback(readJson(req), false);
            case "POST /callbacks/data-deletion" -> sendCallback(readJson(req), true);
            default -> null;
        };
    }

    // ---- tokens ----

    private Map<String, Object> issueToken(JsonNode body) {
        SandboxContext context = api.context();
        String userId = optionalString(body, "user").orElse(Seeder.DEMO_USER);
        if (context.store().user(userId).isEmpty()) {
            throw new IllegalArgumentException("unknown user " + userId);
        }
        Set<String> scopes = scopes(body, DEFAULT_SCOPES);
        long expiresIn = optionalLong(body, "expires_in").orElse(context.config().longTokenTtlSeconds());
        if (expiresIn < 0) {
            throw new IllegalArgumentException("expires_in must be >= 0 (0 = never expires)");
        }
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

    private Map<String, Object> expireToken(JsonNode body) {
        AccessGrant grant = issuedToken(body);
        long now = api.context().nowEpochSeconds();
        api.context().store().putToken(grant.expiredAt(now));
        return tokenState(grant.masked(), "expired", null);
    }

    private Map<String, Object> revokeToken(JsonNode body) {
        AccessGrant grant = issuedToken(body);
        String reason = optionalString(body, "reason").orElse("password_changed");
        int subcode = switch (reason) {
            case "password_changed" -> 460;
            case "app_removed" -> 458;
            default -> throw new IllegalArgumentException("reason must be password_changed or app_removed");
        };
        api.context().store().putToken(grant.revoked(subcode));
        return tokenState(grant.masked(), "revoked", subcode);
    }

    private AccessGrant issuedToken(JsonNode body) {
        String value = optionalString(body, "access_token")
                .orElseThrow(() -> new IllegalArgumentException("access_token is required"));
        return api.context().store().token(value)
                .orElseThrow(() -> new IllegalArgumentException("access_token is not a token this sandbox issued"));
    }

    private static Map<String, Object> tokenState(String masked, String state, Integer subcode) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("token", masked);
        out.put("state", state);
        if (subcode != null) {
            out.put("error_code", 190);
            out.put("error_subcode", subcode);
        }
        return out;
    }

    // ---- faults ----

    private Reply armFault(JsonNode body) {
        String kindName = optionalString(body, "kind").orElseThrow(() ->
                new IllegalArgumentException("kind is required (" + FaultKind.allWireNames() + ")"));
        FaultKind kind = FaultKind.fromWire(kindName).orElseThrow(() ->
                new IllegalArgumentException("unknown kind '" + kindName + "' (" + FaultKind.allWireNames() + ")"));
        String path = optionalString(body, "path").orElse(null);
        String method = optionalString(body, "method").map(m -> m.toUpperCase(Locale.ROOT)).orElse(null);
        if (method != null && !Set.of("GET", "POST", "DELETE").contains(method)) {
            throw new IllegalArgumentException("method must be GET, POST or DELETE");
        }
        long count = optionalLong(body, "count").orElse(1L);
        if (count != Fault.UNTIL_CLEARED && (count < 1 || count > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("count must be a positive number of calls, or -1 for until cleared");
        }
        long latency = optionalLong(body, "latency_ms").orElse(0L);
        if (kind == FaultKind.LATENCY && (latency <= 0 || latency > Faults.MAX_LATENCY_MS)) {
            throw new IllegalArgumentException("latency needs latency_ms between 1 and " + Faults.MAX_LATENCY_MS);
        }
        Integer code = optionalLong(body, "code").map(Long::intValue).orElse(null);
        if (kind == FaultKind.RATE_LIMIT && code != null && !Faults.RATE_LIMIT_CODES.contains(code)) {
            throw new IllegalArgumentException("rate_limit code must be one of 4, 17, 613, 80000, 80004");
        }
        if (kind == FaultKind.TIMEOUT_USE_ASYNC && code != null && code != 100 && code != 2) {
            throw new IllegalArgumentException("timeout_use_async code must be 100 (subcode 1504018) or 2 "
                    + "(subcode 1504038)");
        }
        Integer subcode = optionalLong(body, "subcode").map(Long::intValue).orElse(null);
        if (kind == FaultKind.REVOKE_TOKEN && subcode != null && subcode != 458 && subcode != 460) {
            throw new IllegalArgumentException("revoke_token subcode must be 458 (app removed) or 460 (password "
                    + "changed)");
        }
        Fault fault = api.context().faults().arm(kind, path, method, (int) count, latency, code, subcode);
        return new Reply(200, fault.describe());
    }

    // ---- rate limits ----

    private Map<String, Object> presetRateLimits(JsonNode body) {
        UsageLimits limits = api.context().limits();
        boolean changed = false;
        if (body.has("enforce")) {
            if (!body.get("enforce").isBoolean()) {
                throw new IllegalArgumentException("enforce must be true or false");
            }
            limits.enforce(body.get("enforce").asBoolean());
            changed = true;
        }
        if (body.has("app_calls")) {
            limits.presetAppCalls(nonNegative(body, "app_calls"));
            changed = true;
        }
        boolean perAccount = body.has("score") || body.has("ads_management_calls") || body.has("ads_insights_calls");
        if (perAccount) {
            String accountId = optionalString(body, "account_id").orElseThrow(() ->
                    new IllegalArgumentException("account_id (act_…) is required with score or *_calls"));
            boolean isAccount = api.context().store().node(accountId)
                    .map(n -> n.type() == NodeType.AD_ACCOUNT).orElse(false);
            if (!isAccount) {
                throw new IllegalArgumentException("unknown ad account " + accountId + " (use the act_… id)");
            }
            if (body.has("score")) {
                if (!body.get("score").isNumber() || body.get("score").asDouble() < 0) {
                    throw new IllegalArgumentException("score must be a number of points >= 0");
                }
                limits.presetScore(accountId, body.get("score").asDouble());
            }
            if (body.has("ads_management_calls")) {
                limits.presetBusinessUseCase(accountId, UsageLimits.ADS_MANAGEMENT,
                        nonNegative(body, "ads_management_calls"));
            }
            if (body.has("ads_insights_calls")) {
                limits.presetBusinessUseCase(accountId, UsageLimits.ADS_INSIGHTS,
                        nonNegative(body, "ads_insights_calls"));
            }
            changed = true;
        }
        if (!changed) {
            throw new IllegalArgumentException("nothing to set: give account_id with score / ads_management_calls / "
                    + "ads_insights_calls, app_calls, or enforce");
        }
        return limits.snapshot();
    }

    // ---- clock ----

    private Map<String, Object> advanceClock(JsonNode body) {
        AdjustableClock clock = adjustableClock();
        long seconds = optionalLong(body, "advance_seconds").orElseThrow(() ->
                new IllegalArgumentException("advance_seconds is required"));
        if (seconds < 0) {
            throw new IllegalArgumentException("advance_seconds must be >= 0: the sandbox clock only moves forward");
        }
        clock.advance(Duration.ofSeconds(seconds));
        return clockState();
    }

    private Map<String, Object> clockState() {
        Clock clock = api.context().config().clock();
        Map<String, Object> out = new LinkedHashMap<>();
        Instant now = clock.instant();
        out.put("now", now.toString());
        out.put("now_epoch_seconds", now.getEpochSecond());
        out.put("offset_seconds", clock instanceof AdjustableClock adjustable ? adjustable.offset().toSeconds() : 0);
        return out;
    }

    private AdjustableClock adjustableClock() {
        if (api.context().config().clock() instanceof AdjustableClock clock) {
            return clock;
        }
        throw new IllegalArgumentException("this sandbox was started with a fixed clock that cannot be moved");
    }

    // ---- app settings ----

    private Map<String, Object> addRedirectUris(JsonNode body) {
        JsonNode uris = body.path("uris");
        if (!uris.isArray() || uris.isEmpty()) {
            throw new IllegalArgumentException("uris must be a non-empty array of absolute http(s) URLs");
        }
        for (JsonNode node : uris) {
            String uri = node.isString() ? node.asString() : "";
            URI parsed;
            try {
                parsed = URI.create(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid URL: " + uri);
            }
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null
                    || parsed.getFragment() != null) {
                throw new IllegalArgumentException("redirect URIs must be absolute http(s) URLs without a fragment: "
                        + uri);
            }
        }
        uris.forEach(node -> api.context().app().addRedirectUri(node.asString()));
        return Map.of("redirect_uris", api.context().app().redirectUris());
    }

    // ---- callbacks ----

    private Reply sendCallback(JsonNode body, boolean dataDeletion) {
        SandboxContext context = api.context();
        String userId = optionalString(body, "user").orElseThrow(() ->
                new IllegalArgumentException("user (the Facebook user id) is required"));
        FbUser user = context.store().user(userId).orElseThrow(() ->
                new IllegalArgumentException("unknown user " + userId));
        URI url = CallbackSender.loopbackUrl(optionalString(body, "url").orElseThrow(() ->
                new IllegalArgumentException("url (the app's callback URL) is required")));
        context.store().revokeUserTokens(user.id(), context.app().appId(), 458);
        context.app().forget(user.id());
        long now = context.nowEpochSeconds();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("user_id", user.id());
        payload.put("algorithm", "HMAC-SHA256");
        payload.put("issued_at", now);
        if (dataDeletion) {
            payload.put("expires", now + 3600);
        }
        CallbackSender.Delivery delivery;
        try {
            delivery = callbacks.send(url, CallbackSender.signedRequest(context.app().appSecret(), payload));
        } catch (IOException e) {
            log.info("callback to {} failed: {}", url, e.toString());
            return new Reply(502, error("callback to " + url + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", delivery.status());
        out.put("body", delivery.body());
        if (dataDeletion) {
            JsonNode json = null;
            try {
                json = Json.MAPPER.readTree(delivery.body());
            } catch (RuntimeException e) {
                // not JSON: reported below
            }
            out.put("json", json);
            boolean valid = json != null && json.path("url").isString() && json.path("confirmation_code").isString();
            out.put("valid_answer", valid);
            if (!valid) {
                out.put("problem", "Meta expects JSON {\"url\": \"…\", \"confirmation_code\": \"…\"}");
            }
        }
        return new Reply(200, out);
    }

    // ---- JSON helpers ----

    static JsonNode readJson(HttpServletRequest req) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        if (body.length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body is not valid JSON");
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("body must be a JSON object");
        }
        return json;
    }

    static java.util.Optional<String> optionalString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (!value.isString() && !value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return java.util.Optional.of(value.asString());
    }

    /** {@code scopes} from the body (an array of permission names), or the defaults. */
    static Set<String> scopes(JsonNode body, List<String> defaults) {
        Set<String> scopes = new LinkedHashSet<>();
        if (body.has("scopes")) {
            if (!body.get("scopes").isArray()) {
                throw new IllegalArgumentException("scopes must be an array of permission names");
            }
            body.get("scopes").forEach(s -> scopes.add(s.asString()));
        } else {
            scopes.addAll(defaults);
        }
        return scopes;
    }

    static java.util.Optional<Long> optionalLong(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (value.isIntegralNumber()) {
            return java.util.Optional.of(value.asLong());
        }
        if (value.isString()) {
            try {
                return java.util.Optional.of(Long.parseLong(value.asString().trim()));
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException(field + " must be an integer");
    }

    private static long nonNegative(JsonNode body, String field) {
        long value = optionalLong(body, field).orElse(0L);
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0");
        }
        return value;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", Map.of("message", message));
    }

    static void write(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json; charset=UTF-8");
        resp.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
