package dev.adsbridge.console.connections;

import java.util.Locale;

/** How a connection was made, and so where its MCP calls go and with what. */
public enum ConnectionKind {
    /** "Connect Facebook Ads": Meta's login dialog gave the token. Calls go to our MCP server with it. */
    FACEBOOK_LOGIN,
    /** An owner pasted a Meta token (typically an agency's system-user token), checked with debug_token. */
    MANUAL_TOKEN,
    /** A hosted Meta Ads MCP server and its credential: calls go there, and the console holds no Meta token. */
    REMOTE_MCP;

    /** The value stored in {@code connections.kind}. */
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConnectionKind fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** For people: how this connection was made. */
    public String label() {
        return switch (this) {
            case FACEBOOK_LOGIN -> "Facebook login";
            case MANUAL_TOKEN -> "Pasted Facebook token";
            case REMOTE_MCP -> "Hosted MCP server";
        };
    }
}
