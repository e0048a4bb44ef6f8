package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.http.GraphApi;

/** Login dialog, token exchange, debug_token and permissions. */
public final class OAuthEndpoints {

    private OAuthEndpoints() {
    }

    public static void register(GraphApi api) {
    }
}
