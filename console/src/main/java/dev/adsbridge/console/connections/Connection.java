package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's connection to one Facebook user's Meta Ads access. Never holds the token.
 *
 * @param facebookUserId       the app-scoped Facebook user id
 * @param expiresAt            when the token expires; null when Meta said it never does
 * @param dataAccessExpiresAt  when the user must renew data access
 * @param lastSuccessfulUse    the last call that worked with the token
 * @param statusReason         why the status changed last, for people
 * @param statusCause          why the connection is not active (null while active, or for rows older than the field)
 * @param kind                 how it was made: Facebook login, a pasted token, or a hosted MCP server
 * @param tokenType            debug_token's type for a Meta token ({@code USER}, {@code SYSTEM_USER}); null if unknown
 * @param mcpUrl               the hosted MCP server's URL ({@link ConnectionKind#REMOTE_MCP} only)
 */
public record Connection(
        UUID id,
        TenantId tenantId,
        String metaAppId,
        String facebookUserId,
        @Nullable String facebookUserName,
        List<String> scopes,
        ConnectionStatus status,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant dataAccessExpiresAt,
        @Nullable Instant lastSuccessfulUse,
        @Nullable String statusReason,
        @Nullable StatusCause statusCause,
        ConnectionKind kind,
        @Nullable String tokenType,
        @Nullable String mcpUrl) {

    public Connection {
        scopes = List.copyOf(scopes);
    }

    public boolean active() {
        return status == ConnectionStatus.ACTIVE;
    }

    public boolean needsReconnect() {
        return status == ConnectionStatus.NEEDS_RECONNECT;
    }

    public boolean revoked() {
        return status == ConnectionStatus.REVOKED;
    }

    /** How to get a connection that is not active working again, or null while it is active. */
    public @Nullable String howToFix() {
        if (active()) {
            return null;
        }
        if (remoteMcp()) {
            return revoked() ? "The credential was erased. Connect the hosted MCP server again (Settings → Other ways "
                    + "to connect) to use it here again."
                    : "The hosted MCP server refused its credential. Enter a new credential for it under Settings → "
                    + "Other ways to connect.";
        }
        if (kind == ConnectionKind.MANUAL_TOKEN) {
            return revoked() ? "The token was erased. Paste a token again under Settings → Other ways to connect."
                    : "Facebook no longer accepts the pasted token. Make a new one (for a system user: Business "
                    + "settings → System users → Generate new token) and paste it under Settings → Other ways to "
                    + "connect.";
        }
        if (statusCause != null) {
            return statusCause.howToFix(displayName());
        }
        return needsReconnect() ? "Click Reconnect and sign in on Facebook as " + displayName() + "."
                : "Click Connect again to use this Facebook account here again.";
    }

    /** Whether calls go to a hosted MCP server (no Meta token here). */
    public boolean remoteMcp() {
        return kind == ConnectionKind.REMOTE_MCP;
    }

    /** Whether the token never expires (Meta's {@code expires_at: 0}, e.g. a system user's). */
    public boolean neverExpires() {
        return expiresAt == null;
    }

    /** A name for people: the Facebook user's name, or their id. */
    public String displayName() {
        return facebookUserName != null ? facebookUserName : "Facebook user " + facebookUserId;
    }
}
