package dev.adsbridge.console.apikeys;

import java.util.Locale;

/** What a key is for: programs calling the REST API, or AI agents calling the tenant MCP endpoint. */
public enum ApiKeyPurpose {
    /** {@code /api/v1}; also accepted at {@code /mcp}. */
    API,
    /** {@code /mcp} only, with an optional ad-account allow-list and expiry; refused by the REST API. */
    AGENT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
