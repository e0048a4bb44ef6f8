package dev.adsbridge.graph;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Facebook Login (authorization-code flow) and token housekeeping for one Meta app. Needs {@code appId} and
 * {@code appSecret} in the client's {@link GraphConfig}.
 *
 * <p>Typical connect flow: make a {@link Pkce#newVerifier() PKCE verifier} and a state and keep both server-side,
 * redirect the browser to {@link #dialogUrl(String, String, List, String)} with the verifier's challenge, receive
 * {@code code} and {@code state} on the redirect URI, check the state, then {@link #exchangeCode(String, String, String)}
 * with the verifier and {@link #exchangeForLongLived} (≈60 days; Meta has no refresh token, users reconnect), and record
 * scopes, expiry and the user from {@link #debugToken}. The PKCE binding makes a code from another flow (another
 * tenant's consent, an attacker's own login) useless in this one.
 *
 * <p>Meta requires the code exchanges to carry {@code client_secret} and the code in the query string. Those URLs are
 * never logged (the client logs parameter names only) and every error message has these values masked.
 */
public final class MetaOAuth {

    private static final String ACCESS_TOKEN_PATH = "oauth/access_token";

    private final GraphClient client;
    private final GraphConfig config;

    /**
     * Uses an existing client (and its HTTP connections).
     *
     * @throws IllegalStateException when the client's config lacks the app id or secret
     */
    public MetaOAuth(GraphClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = client.config();
        if (config.appId() == null || config.appSecret() == null) {
            throw new IllegalStateException("MetaOAuth needs appId and appSecret in GraphConfig");
        }
    }

    /**
     * Creates its own client from the configuration.
     *
     * @throws IllegalStateException when the config lacks the app id or secret
     */
    public MetaOAuth(GraphConfig config) {
        this(GraphClient.create(config));
    }

    /**
     * The login dialog URL: {@code {loginUrl}/{version}/dialog/oauth?client_id&redirect_uri&state&response_type=code
     * &scope=a,b}.
     *
     * @param redirectUri must equal one registered for the app, byte for byte
     * @param state       random, single-use value bound to the user's session (checked on the callback)
     * @param scopes      permissions to ask for, e.g. {@code ads_read}, {@code ads_management}, {@code business_management}
     */
    public URI dialogUrl(String redirectUri, String state, List<String> scopes) {
        return dialogUrl(redirectUri, state, scopes, null);
    }

    /**
     * The login dialog URL with PKCE: as {@link #dialogUrl(String, String, List)} plus
     * {@code code_challenge=…&code_challenge_method=S256}; the code then exchanges only with the matching verifier.
     *
     * @param codeChallenge {@link Pkce#challenge(String)} of this flow's verifier, or null for no PKCE
     */
    public URI dialogUrl(String redirectUri, String state, List<String> scopes, String codeChallenge) {
        Objects.requireNonNull(scopes, "scopes");
        for (String scope : scopes) {
            if (scope == null || scope.isBlank() || scope.contains(",") || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("scopes must be single permission names, e.g. ads_read");
            }
        }
        Map<String, String> params = dialogParams(redirectUri, state, codeChallenge);
        String query = QueryStrings.encode(params);
        if (!scopes.isEmpty()) {
            // Commas are legal in a query; keeping them literal matches Meta's documented form scope=a,b.
            query += "&scope=" + String.join(",", scopes.stream().map(QueryStrings::component).toList());
        }
        return dialogUri(query);
    }

    /**
     * The dialog URL for Facebook Login for Business, which names a login configuration instead of scopes
     * ({@code config_id=…}).
     */
    public URI businessLoginDialogUrl(String redirectUri, String state, String configId) {
        return businessLoginDialogUrl(redirectUri, state, configId, null);
    }

    /** {@link #businessLoginDialogUrl(String, String, String)} with a PKCE {@code S256} challenge (null for none). */
    public URI businessLoginDialogUrl(String redirectUri, String state, String configId, String codeChallenge) {
        if (configId == null || configId.isBlank()) {
            throw new IllegalArgumentException("configId is required");
        }
        Map<String, String> params = dialogParams(redirectUri, state, codeChallenge);
        params.put("config_id", configId);
        return dialogUri(QueryStrings.encode(params));
    }

    /**
     * Trades the {@code code} from the dialog's redirect for a (short-lived) user token. A code works once; the call is
     * not retried.
     *
     * @param redirectUri the same redirect URI the dialog was opened with
     */
    public TokenGrant exchangeCode(String code, String redirectUri) {
        return exchangeCode(code, redirectUri, null);
    }

    /**
     * Trades a code from a PKCE dialog ({@link #dialogUrl(String, String, List, String)}) for a user token, sending the
     * flow's {@code code_verifier}. Meta refuses a missing or wrong verifier; the verifier is masked like the code.
     *
     * @param codeVerifier the verifier whose challenge opened the dialog, or null when it was opened without PKCE
     */
    public TokenGrant exchangeCode(String code, String redirectUri, String codeVerifier) {
        requireText(code, "code");
        requireText(redirectUri, "redirectUri");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", config.appId());
        params.put("redirect_uri", redirectUri);
        params.put("client_secret", config.appSecret());
        params.put("code", code);
        if (codeVerifier != null) {
            Pkce.requireVerifier(codeVerifier);
            params.put("code_verifier", codeVerifier);
            return accessToken(params, List.of(code, codeVerifier));
        }
        return accessToken(params, List.of(code));
    }

    /** Trades a valid short-lived user token for a long-lived one (≈60 days). An expired token cannot be exchanged. */
    public TokenGrant exchangeForLongLived(String shortLivedToken) {
        requireText(shortLivedToken, "shortLivedToken");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "fb_exchange_token");
        params.put("client_id", config.appId());
        params.put("client_secret", config.appSecret());
        params.put("fb_exchange_token", shortLivedToken);
        return accessToken(params, List.of(shortLivedToken));
    }

    /** An app access token from Meta ({@code grant_type=client_credentials}). */
    public String appToken() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "client_credentials");
        params.put("client_id", config.appId());
        params.put("client_secret", config.appSecret());
        return accessToken(params, List.of()).accessToken();
    }

    /** The app access token in its {@code {app_id}|{app_secret}} form; no call needed. Treat it like the secret. */
    public String appAccessToken() {
        return config.appId() + "|" + config.appSecret();
    }

    /**
     * Inspects a token with the app token as Bearer. An invalid token still answers normally, with
     * {@link TokenDebugInfo#isValid()} false and {@link TokenDebugInfo#error()} set.
     */
    public TokenDebugInfo debugToken(String inputToken) {
        requireText(inputToken, "inputToken");
        GraphResponse<JsonNode> response = client.execute(GraphClient.Call
                .authorized("GET", appAccessToken(), "debug_token", Map.of("input_token", inputToken))
                .withSecrets(List.of(inputToken))
                .retryable());
        JsonNode data = response.body().path("data");
        if (!data.isObject()) {
            throw new IllegalStateException("debug_token answered without a data object");
        }
        return TokenDebugInfo.fromData(data, Redactor.of(inputToken, config.appSecret()));
    }

    /** The user's permissions and their status ({@code GET me/permissions}). */
    public List<Permission> permissions(String userToken) {
        List<Permission> permissions = new ArrayList<>();
        for (JsonNode entry : client.get(userToken, "me/permissions", Map.of()).body().path("data")) {
            String name = Json.text(entry, "permission");
            String status = Json.text(entry, "status");
            if (name != null && status != null) {
                permissions.add(new Permission(name, status));
            }
        }
        return List.copyOf(permissions);
    }

    /** De-authorizes the app for the token's user ({@code DELETE me/permissions}); the token stops working. */
    public void revoke(String userToken) {
        client.delete(userToken, "me/permissions", Map.of());
    }

    /** Revokes one permission ({@code DELETE me/permissions/{permission}}), keeping the app authorized. */
    public void revokePermission(String userToken, String permission) {
        requireText(permission, "permission");
        if (!permission.matches("[a-z_]+")) {
            throw new IllegalArgumentException("permission must be a permission name such as ads_management");
        }
        client.delete(userToken, "me/permissions/" + permission, Map.of());
    }

    private Map<String, String> dialogParams(String redirectUri, String state, String codeChallenge) {
        requireText(redirectUri, "redirectUri");
        URI redirect;
        try {
            redirect = URI.create(redirectUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redirectUri is not a valid URI");
        }
        if (!redirect.isAbsolute() || redirect.getHost() == null) {
            throw new IllegalArgumentException("redirectUri must be an absolute URL");
        }
        requireText(state, "state");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", config.appId());
        params.put("redirect_uri", redirectUri);
        params.put("state", state);
        params.put("response_type", "code");
        if (codeChallenge != null) {
            Pkce.requireChallenge(codeChallenge);
            params.put("code_challenge", codeChallenge);
            params.put("code_challenge_method", Pkce.METHOD);
        }
        return params;
    }

    private URI dialogUri(String query) {
        return URI.create(config.loginUrl() + "/" + config.apiVersion() + "/dialog/oauth?" + query);
    }

    /** {@code GET oauth/access_token} with credential params; {@code secrets} are masked in any error text. */
    private TokenGrant accessToken(Map<String, String> params, List<String> secrets) {
        return tokenGrant(client.execute(
                GraphClient.Call.withCredentialParams(ACCESS_TOKEN_PATH, params, secrets)).body());
    }

    private static TokenGrant tokenGrant(JsonNode body) {
        String token = Json.text(body, "access_token");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("oauth/access_token answered without an access_token");
        }
        Long expiresIn = Json.integer(body, "expires_in");
        return new TokenGrant(token, Json.text(body, "token_type"),
                expiresIn == null || expiresIn <= 0 ? null : Duration.ofSeconds(expiresIn));
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
