package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;
import dev.adsbridge.sandbox.store.AccessGrant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /oauth/access_token}: the code exchange, {@code grant_type=fb_exchange_token} (long-lived token) and
 * {@code grant_type=client_credentials} (app token), with Meta's errors for each.
 */
final class TokenEndpoint {

    static final long DATA_ACCESS_SECONDS = 90L * 24 * 3600;
    private static final DateTimeFormatter EXPIRY_FORMAT =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'PDT'").withZone(ZoneOffset.ofHours(-7));

    private final SandboxContext context;
    private final AuthorizationCodes codes;

    TokenEndpoint(SandboxContext context, AuthorizationCodes codes) {
        this.context = context;
        this.codes = codes;
    }

    Object handle(GraphCall call) {
        checkClient(call);
        String grantType = call.param("grant_type").orElse("authorization_code");
        return switch (grantType) {
            case "client_credentials" -> appToken();
            case "fb_exchange_token" -> longLived(call);
            case "authorization_code" -> exchangeCode(call);
            default -> throw GraphErrors.invalidParameter("Unsupported grant_type: " + grantType);
        };
    }

    private void checkClient(GraphCall call) {
        String clientId = call.param("client_id").orElse(null);
        if (clientId == null) {
            throw new GraphException(400, 101, null, GraphErrors.OAUTH, "Missing client_id parameter.", null, null,
                    false);
        }
        if (!clientId.equals(context.app().appId())) {
            throw new GraphException(400, 101, null, GraphErrors.OAUTH,
                    "Error validating application. Invalid application ID.", null, null, false);
        }
        String secret = call.param("client_secret").orElse("");
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                context.app().appSecret().getBytes(StandardCharsets.UTF_8))) {
            throw new GraphException(400, 1, null, GraphErrors.OAUTH, "Error validating client secret.", null, null,
                    false);
        }
    }

    private Map<String, Object> appToken() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", context.app().appId() + "|" + context.app().appSecret());
        out.put("token_type", "bearer");
        return out;
    }

    private Map<String, Object> exchangeCode(GraphCall call) {
        String code = call.required("code");
        AuthorizationCodes.Issued issued = codes.find(code).orElseThrow(() -> new GraphException(400, 100, null,
                GraphErrors.OAUTH, "Invalid verification code format.", null, null, false));
        if (codes.isUsed(code)) {
            throw codeUsed();
        }
        long now = context.nowEpochSeconds();
        if (issued.isExpiredAt(now)) {
            throw new GraphException(400, 100, 36007, GraphErrors.OAUTH, "This authorization code has expired.",
                    null, null, false);
        }
        if (!issued.redirectUri().equals(call.param("redirect_uri").orElse(""))) {
            throw new GraphException(400, 100, 36008, GraphErrors.OAUTH, "Error validating verification code. "
                    + "Please make sure your redirect_uri is identical to the one you used in the OAuth dialog "
                    + "request", null, null, false);
        }
        if (!codes.markUsed(code)) {
            throw codeUsed();
        }
        // Checked after the code is marked used: a wrong or missing verifier burns the code, so whoever holds a
        // code without its verifier gets one try, not a replay.
        checkVerifier(issued, call.param("code_verifier").orElse(null));
        long ttl = context.config().shortTokenTtlSeconds();
        AccessGrant grant = new AccessGrant(context.store().newTokenValue(), "USER", issued.userId(),
                context.app().appId(), issued.scopes(), now, ttl == 0 ? 0 : now + ttl, now + DATA_ACCESS_SECONDS,
                false, null);
        context.store().putToken(grant);
        return tokenAnswer(grant.token(), ttl);
    }

    /**
     * PKCE: a code issued for a {@code code_challenge} needs the matching {@code code_verifier}; a verifier sent for a
     * code issued without a challenge is refused too, so that a code from a dialog opened without PKCE cannot stand in
     * for one of a flow that uses it.
     */
    private static void checkVerifier(AuthorizationCodes.Issued issued, String verifier) {
        if (issued.codeChallenge() == null) {
            if (verifier != null) {
                throw new GraphException(400, 100, null, GraphErrors.OAUTH, "Error validating verification code. "
                        + "A code_verifier was sent, but the OAuth dialog request had no code_challenge", null, null,
                        false);
            }
            return;
        }
        if (verifier == null || verifier.isEmpty()) {
            throw new GraphException(400, 100, null, GraphErrors.OAUTH, "Missing code_verifier parameter.", null,
                    null, false);
        }
        if (!Pkce.matches(verifier, issued.codeChallenge())) {
            throw new GraphException(400, 100, null, GraphErrors.OAUTH, "Error validating verification code. "
                    + "Please make sure your code_verifier matches the code_challenge you used in the OAuth dialog "
                    + "request", null, null, false);
        }
    }

    private Map<String, Object> longLived(GraphCall call) {
        String value = call.required("fb_exchange_token");
        long now = context.nowEpochSeconds();
        AccessGrant input = context.store().token(value).filter(g -> !g.isApp())
                .orElseThrow(GraphErrors::malformedToken);
        invalidity(input, now).ifPresent(e -> {
            throw e;
        });
        long ttl = context.config().longTokenTtlSeconds();
        AccessGrant grant = new AccessGrant(context.store().newTokenValue(), "USER", input.userId(), input.appId(),
                input.scopes(), now, ttl == 0 ? 0 : now + ttl, input.dataAccessExpiresAt(), true, null);
        context.store().putToken(grant);
        return tokenAnswer(grant.token(), ttl);
    }

    private static Map<String, Object> tokenAnswer(String token, long expiresIn) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("token_type", "bearer");
        if (expiresIn > 0) {
            out.put("expires_in", expiresIn);
        }
        return out;
    }

    private static GraphException codeUsed() {
        return new GraphException(400, 100, 36009, GraphErrors.OAUTH, "This authorization code has been used.",
                null, null, false);
    }

    /** The 190 error a token answers with now (revoked or expired), or empty while it is valid. */
    static Optional<GraphException> invalidity(AccessGrant grant, long now) {
        if (grant.revokedSubcode() != null) {
            return Optional.of(grant.revokedSubcode() == 458 ? GraphErrors.appNotInstalled(grant.appId())
                    : GraphErrors.passwordChanged());
        }
        if (grant.isExpiredAt(now)) {
            return Optional.of(GraphErrors.expiredToken(EXPIRY_FORMAT.format(Instant.ofEpochSecond(
                    grant.expiresAt())), Long.toString(now)));
        }
        return Optional.empty();
    }
}
