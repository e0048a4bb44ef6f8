package dev.adsbridge.console.connections;

import java.util.Locale;

/** Why a connection left {@link ConnectionStatus#ACTIVE}, and what fixes it, in words for the settings page. */
public enum StatusCause {
    /** The token reached its expiry date (Meta's user tokens last about 60 days; there is no refresh token). */
    TOKEN_EXPIRED,
    /** Meta refused the token on a call: password changed, a permission removed, the session ended. */
    REFUSED_BY_META,
    /** The Facebook user removed the app in their Facebook settings (Meta's deauthorize callback). */
    REMOVED_ON_FACEBOOK,
    /** A member disconnected it here. */
    DISCONNECTED;

    /** The value stored in {@code connections.status_cause}. */
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static StatusCause fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** What happened, in one sentence. */
    public String whatHappened() {
        return switch (this) {
            case TOKEN_EXPIRED -> "The Facebook token expired.";
            case REFUSED_BY_META -> "Facebook stopped accepting the token.";
            case REMOVED_ON_FACEBOOK -> "AdsBridge was removed in this person's Facebook settings.";
            case DISCONNECTED -> "Disconnected in AdsBridge.";
        };
    }

    /** What to do about it, naming the Facebook account ({@code who}) to sign in with. */
    public String howToFix(String who) {
        return switch (this) {
            case TOKEN_EXPIRED -> "Facebook tokens last about 60 days. Click Reconnect and sign in on Facebook as "
                    + who + " to get a new one; your ad-account choices are kept.";
            case REFUSED_BY_META -> "This happens after a password change, a removed permission or a logged-out "
                    + "session. Click Reconnect and sign in on Facebook as " + who
                    + ", keeping every permission selected.";
            case REMOVED_ON_FACEBOOK -> "The token was erased. To use this account again, click Connect again, "
                    + "sign in as " + who + " and approve AdsBridge.";
            case DISCONNECTED -> "The token was erased. Click Connect again to use this Facebook account here again.";
        };
    }
}
