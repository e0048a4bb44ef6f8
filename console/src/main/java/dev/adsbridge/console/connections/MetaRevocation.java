package dev.adsbridge.console.connections;

import java.util.Locale;

/**
 * What became of the app's authorization on Meta when a connection was revoked. Meta authorizes an app per Facebook
 * user, not per workspace: revoking it ({@code DELETE /me/permissions}) cuts off every workspace connected with that
 * Facebook user, so a disconnect revokes only when no other connection uses it.
 */
public enum MetaRevocation {
    /** Revoked on Meta (or Meta said the app was already removed). */
    REVOKED,
    /** Meta could not be reached or refused (an expired token cannot revoke): the token was erased here only. */
    NOT_CONFIRMED,
    /** Another connection (in any workspace) uses the same Facebook user: erased here only, Meta untouched. */
    KEPT_FOR_OTHER_CONNECTIONS,
    /** The Facebook user removed the app on Facebook (deauthorize callback): nothing left to revoke. */
    REMOVED_ON_FACEBOOK,
    /** The connection was already revoked: nothing to do. */
    NOT_NEEDED,
    /** A hosted MCP server's connection: AdsBridge held its credential, never a Facebook token. */
    NO_FACEBOOK_TOKEN;

    /** Whether the app's authorization is known to be gone on Meta. */
    public boolean revokedOnMeta() {
        return this == REVOKED || this == REMOVED_ON_FACEBOOK;
    }

    /** The value audit entries carry. */
    public String auditValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
