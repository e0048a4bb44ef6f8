package dev.adsbridge.console.connections;

import java.util.Locale;

/** Where a connection stands. */
public enum ConnectionStatus {
    /** The token works (as far as we know). */
    ACTIVE,
    /** Meta refused the token (expired, password changed, permissions removed): the user must reconnect. */
    NEEDS_RECONNECT,
    /** Disconnected or de-authorized on Facebook: the token is erased. */
    REVOKED;

    public String label() {
        return switch (this) {
            case ACTIVE -> "Active";
            case NEEDS_RECONNECT -> "Needs reconnect";
            case REVOKED -> "Revoked";
        };
    }

    public String cssClass() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
