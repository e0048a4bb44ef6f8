package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.http.GraphApi;
import dev.adsbridge.sandbox.http.GraphApi.Auth;
import dev.adsbridge.sandbox.store.NodeType;

/**
 * Login dialog ({@code /dialog/oauth}), token exchange ({@code /oauth/access_token}), {@code /debug_token} and
 * {@code /me/permissions}: Meta's OAuth as a web app meets it (docs/meta-graph-api.md, "OAuth").
 */
public final class OAuthEndpoints {

    private OAuthEndpoints() {
    }

    public static void register(GraphApi api) {
        SandboxContext context = api.context();
        AuthorizationCodes codes = new AuthorizationCodes();
        LoginDialog dialog = new LoginDialog(context, codes);
        api.route("GET", "dialog/oauth", Auth.NONE, dialog::show);
        api.route("POST", "dialog/oauth", Auth.NONE, dialog::submit);

        TokenEndpoint tokens = new TokenEndpoint(context, codes);
        api.route("GET", "oauth/access_token", Auth.NONE, tokens::handle);
        api.route("POST", "oauth/access_token", Auth.NONE, tokens::handle);

        DebugTokenEndpoint debug = new DebugTokenEndpoint(context);
        api.route("GET", "debug_token", Auth.ANY_TOKEN, debug::handle);

        PermissionsEndpoints permissions = new PermissionsEndpoints(context);
        api.node("GET", NodeType.USER, "permissions", permissions::list);
        api.node("DELETE", NodeType.USER, "permissions", permissions::revoke);
    }
}
