package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.RawResponse;
import dev.adsbridge.sandbox.seed.Seeder;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.Node;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The login dialog ({@code GET /dialog/oauth}): validates the app and the redirect URI, shows a consent page with one
 * checkbox per permission, "Continue as …", Cancel and a switcher between the seeded users, and on submit
 * ({@code POST /dialog/oauth}) redirects back with {@code code} and {@code state}, or with {@code error=access_denied}.
 * A {@code code_challenge} (PKCE, {@code S256} only) is carried through the form and bound to the code.
 * Plain HTML without scripts, so an HTTP client can drive it as a browser would.
 */
final class LoginDialog {

    private static final long NONCE_TTL_SECONDS = 3600;

    private final SandboxContext context;
    private final AuthorizationCodes codes;
    private final byte[] nonceKey = new byte[32];

    LoginDialog(SandboxContext context, AuthorizationCodes codes) {
        this.context = context;
        this.codes = codes;
        new SecureRandom().nextBytes(nonceKey);
    }

    /** What the dialog was asked for, once validated. */
    private record Request(String clientId, String redirectUri, String state, List<String> scopes, FbUser user,
            String codeChallenge, boolean rerequest) {
    }

    /** A dialog error shown as an HTML page (never a redirect: the redirect URI may be the problem). */
    private static final class DialogError extends RuntimeException {
        private final transient RawResponse page;

        DialogError(String title, String messageHtml) {
            super(title, null, false, false);
            this.page = RawResponse.html(400, Html.page(title, "<h1 class=\"error\">" + Html.escape(title)
                    + "</h1>\n<p>" + messageHtml + "</p>"));
        }
    }

    Object show(GraphCall call) {
        try {
            Request request = validate(call, scopesFromQuery(call));
            return RawResponse.html(consentPage(call, request));
        } catch (DialogError e) {
            return e.page;
        }
    }

    Object submit(GraphCall call) {
        try {
            Request request = validate(call, splitScopes(call.param("scope").orElse("")));
            if (!nonceIsValid(call.param("nonce").orElse(""), request)) {
                throw new DialogError("Sorry, something went wrong",
                        "This login form has expired or was changed. Go back to the app and start again.");
            }
            Map<String, String> answer = new LinkedHashMap<>();
            if ("cancel".equals(call.param("action").orElse(""))) {
                answer.put("error", "access_denied");
                answer.put("error_code", "200");
                answer.put("error_description", "Permissions error");
                answer.put("error_reason", "user_denied");
            } else {
                Set<String> granted = new LinkedHashSet<>();
                Set<String> declined = new LinkedHashSet<>();
                Set<String> before = request.rerequest() ? Set.of() : context.app().declined(request.user().id());
                for (String scope : request.scopes()) {
                    if (Permissions.PUBLIC_PROFILE.equals(scope)
                            || (call.has("perm_" + scope) && !before.contains(scope))) {
                        granted.add(scope);
                    } else {
                        declined.add(scope);
                    }
                }
                context.app().recordConsent(request.user().id(), granted, declined);
                answer.put("code", codes.issue(request.user().id(), request.redirectUri(), granted,
                        request.codeChallenge(), context.nowEpochSeconds()));
            }
            if (request.state() != null) {
                answer.put("state", request.state());
            }
            return RawResponse.redirect(withQuery(request.redirectUri(), answer));
        } catch (DialogError e) {
            return e.page;
        }
    }

    private Request validate(GraphCall call, List<String> requested) {
        String clientId = call.param("client_id").orElse("");
        if (!clientId.equals(context.app().appId())) {
            throw new DialogError("Invalid App ID", "The provided app ID does not look like a valid app ID.");
        }
        String redirectUri = call.param("redirect_uri").orElse("");
        if (!context.app().isRegisteredRedirectUri(redirectUri)) {
            throw new DialogError("URL Blocked", "This redirect failed because the redirect URI is not whitelisted "
                    + "in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all "
                    + "your app domains as Valid OAuth Redirect URIs.</p>\n<p class=\"muted\">Sandbox: the registered "
                    + "redirect URIs are " + codeList(context.app().redirectUris()) + "; add one with "
                    + "<code>POST /_sandbox/app/redirect-uris</code>.");
        }
        String responseType = call.param("response_type").orElse("code");
        if (!"code".equals(responseType)) {
            throw new DialogError("Unsupported response_type", "The sandbox's login dialog supports "
                    + "<code>response_type=code</code> (the server-side web flow) only, not <code>"
                    + Html.escape(responseType) + "</code>.");
        }
        String codeChallenge = codeChallenge(call);
        List<String> unknown = requested.stream().filter(s -> !Permissions.isKnown(s)).toList();
        if (!unknown.isEmpty()) {
            throw new DialogError("Invalid Scopes: " + String.join(", ", unknown), "This message is only shown "
                    + "to developers. Users of your app will ignore these permissions if present. Please read the "
                    + "documentation for valid permissions at: "
                    + "https://developers.facebook.com/docs/facebook-login/permissions");
        }
        List<String> scopes = new ArrayList<>();
        scopes.add(Permissions.PUBLIC_PROFILE);
        requested.stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
        String userId = call.param("sandbox_user").orElse(Seeder.DEMO_USER);
        FbUser user = context.store().user(userId).orElseThrow(() -> new DialogError("Unknown sandbox user",
                "There is no seeded user with id <code>" + Html.escape(userId) + "</code>."));
        // Facebook Login: a permission the person declined is not asked again unless the app sends
        // auth_type=rerequest.
        boolean rerequest = "rerequest".equals(call.param("auth_type").orElse(""));
        return new Request(clientId, redirectUri, call.param("state").orElse(null), scopes, user, codeChallenge,
                rerequest);
    }

    /**
     * The PKCE challenge the code will be bound to, or null when the app sent none. Only {@code S256} is accepted:
     * a {@code plain} challenge (or a challenge without a method, which RFC 7636 reads as plain) travels through the
     * browser as the verifier itself and binds nothing.
     */
    private static String codeChallenge(GraphCall call) {
        String challenge = call.param("code_challenge").orElse(null);
        String method = call.param("code_challenge_method").orElse(null);
        if (challenge == null) {
            if (method != null) {
                throw new DialogError("Invalid code_challenge", "<code>code_challenge_method</code> was sent "
                        + "without a <code>code_challenge</code>.");
            }
            return null;
        }
        if (!Pkce.S256.equals(method)) {
            throw new DialogError("Unsupported code_challenge_method", "The sandbox accepts "
                    + "<code>code_challenge_method=S256</code> only, not <code>"
                    + Html.escape(method == null ? "plain (the default when no method is sent)" : method)
                    + "</code>.");
        }
        if (!Pkce.isS256Challenge(challenge)) {
            throw new DialogError("Invalid code_challenge", "An S256 <code>code_challenge</code> is the "
                    + "base64url encoding (43 characters, no padding) of the SHA-256 of the code verifier.");
        }
        return challenge;
    }

    /** {@code scope} as a comma (or space) separated list; Login for Business sends {@code config_id} instead. */
    private static List<String> scopesFromQuery(GraphCall call) {
        if (call.has("config_id")) {
            return Permissions.BUSINESS_CONFIGURATION_SCOPES;
        }
        return splitScopes(call.param("scope").orElse(""));
    }

    private static List<String> splitScopes(String raw) {
        List<String> scopes = new ArrayList<>();
        for (String s : raw.split("[,\\s]+")) {
            if (!s.isBlank() && !scopes.contains(s.trim())) {
                scopes.add(s.trim());
            }
        }
        return scopes;
    }

    private String consentPage(GraphCall call, Request request) {
        String action = "/" + call.version() + "/dialog/oauth";
        String firstName = request.user().name().split(" ")[0];
        String scopeList = String.join(",", request.scopes());
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Html.escape(context.app().name())).append(" is requesting access to:</h1>\n")
                .append("<p class=\"muted\">Logged in as <b>").append(Html.escape(request.user().name()))
                .append("</b> (sandbox user ").append(Html.escape(request.user().id())).append(")</p>\n")
                .append("<form id=\"consent\" method=\"post\" action=\"").append(Html.escape(action)).append("\">\n")
                .append(Html.hidden("client_id", request.clientId()))
                .append(Html.hidden("redirect_uri", request.redirectUri()));
        if (request.state() != null) {
            body.append(Html.hidden("state", request.state()));
        }
        body.append(Html.hidden("response_type", "code"));
        if (request.codeChallenge() != null) {
            body.append(Html.hidden("code_challenge", request.codeChallenge()))
                    .append(Html.hidden("code_challenge_method", Pkce.S256));
        }
        if (request.rerequest()) {
            body.append(Html.hidden("auth_type", "rerequest"));
        }
        Set<String> notAsked = request.rerequest() ? Set.of() : context.app().declined(request.user().id());
        body.append(Html.hidden("scope", scopeList))
                .append(Html.hidden("sandbox_user", request.user().id()))
                .append(Html.hidden("nonce", nonce(request, context.nowEpochSeconds())))
                .append("<ul class=\"perms\">\n");
        for (String scope : request.scopes()) {
            String words = Html.escape(Permissions.describe(scope).orElse(scope));
            if (Permissions.PUBLIC_PROFILE.equals(scope)) {
                body.append("<li>").append(words).append(" <span class=\"muted\">(").append(scope)
                        .append(", required)</span></li>\n");
            } else if (notAsked.contains(scope)) {
                body.append("<li class=\"declined\">").append(words).append(" <span class=\"muted\">(")
                        .append(Html.escape(scope)).append(", declined before: not asked again without "
                                + "auth_type=rerequest)</span></li>\n");
            } else {
                body.append("<li><label><input type=\"checkbox\" name=\"perm_").append(Html.escape(scope))
                        .append("\" value=\"on\" checked> ").append(words).append(" <span class=\"muted\">(")
                        .append(Html.escape(scope)).append(")</span></label></li>\n");
            }
        }
        body.append("</ul>\n");
        List<String> accounts = request.user().adAccountIds().stream()
                .map(id -> context.store().node(id).map(n -> describeAccount(n)).orElse(id)).toList();
        if (!accounts.isEmpty()) {
            body.append("<p class=\"muted\">Ad accounts: ").append(Html.escape(String.join(", ", accounts)))
                    .append("</p>\n");
        }
        body.append("<p><button class=\"btn\" type=\"submit\" name=\"action\" value=\"continue\">Continue as ")
                .append(Html.escape(firstName)).append("</button>\n")
                .append("<button class=\"btn secondary\" type=\"submit\" name=\"action\" value=\"cancel\">Cancel"
                        + "</button></p>\n</form>\n");
        body.append("<h2>Not ").append(Html.escape(firstName)).append("?</h2>\n<ul id=\"switch-user\">\n");
        for (FbUser other : context.store().users()) {
            if (!other.id().equals(request.user().id())) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("client_id", request.clientId());
                params.put("redirect_uri", request.redirectUri());
                if (request.state() != null) {
                    params.put("state", request.state());
                }
                params.put("response_type", "code");
                if (request.codeChallenge() != null) {
                    params.put("code_challenge", request.codeChallenge());
                    params.put("code_challenge_method", Pkce.S256);
                }
                if (request.rerequest()) {
                    params.put("auth_type", "rerequest");
                }
                params.put("scope", String.join(",", request.scopes().subList(1, request.scopes().size())));
                params.put("sandbox_user", other.id());
                body.append("<li><a href=\"").append(Html.escape(action + query(params))).append("\">Log in as ")
                        .append(Html.escape(other.name())).append("</a></li>\n");
            }
        }
        body.append("</ul>\n<p class=\"muted\">This is the AdsBridge sandbox: no real Facebook account is involved. "
                + "Unchecking a permission declines it.</p>");
        return Html.page("Log in with Facebook", body.toString());
    }

    private static String describeAccount(Node account) {
        return account.getString("name") + " (" + account.getString("currency") + ")";
    }

    // ---- nonce: binds the submitted form to what the dialog showed ----

    private String nonce(Request request, long issuedAt) {
        return issuedAt + "." + mac(request, issuedAt);
    }

    private boolean nonceIsValid(String nonce, Request request) {
        int dot = nonce.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long issuedAt;
        try {
            issuedAt = Long.parseLong(nonce.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        long now = context.nowEpochSeconds();
        if (now - issuedAt > NONCE_TTL_SECONDS || issuedAt - now > 60) {
            return false;
        }
        return MessageDigest.isEqual(mac(request, issuedAt).getBytes(StandardCharsets.UTF_8),
                nonce.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
    }

    private String mac(Request request, long issuedAt) {
        String message = String.join("\n", request.clientId(), request.redirectUri(),
                request.state() == null ? "" : request.state(), String.join(",", request.scopes()),
                request.user().id(), request.codeChallenge() == null ? "" : request.codeChallenge(),
                Boolean.toString(request.rerequest()), Long.toString(issuedAt));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(nonceKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    // ---- URLs ----

    /** Appends parameters to the redirect URI, plus the {@code #_=_} fragment Meta adds to its redirects. */
    static String withQuery(String base, Map<String, String> params) {
        String q = query(params);
        return base + (base.contains("?") ? "&" + q.substring(1) : q) + "#_=_";
    }

    private static String query(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.isEmpty() ? '?' : '&')
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static String codeList(List<String> items) {
        return String.join(", ", items.stream().map(s -> "<code>" + Html.escape(s) + "</code>").toList());
    }
}
