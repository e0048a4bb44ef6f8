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
        @Nullable StatusCause statusCause) {

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
        if (statusCause != null) {
            return statusCause.howToFix(displayName());
        }
        return needsReconnect() ? "Click Reconnect and sign in on Facebook as " + displayName() + "."
                : "Click Connect again to use this Facebook account here again.";
    }

    /** A name for people: the Facebook user's name, or their id. */
    public String displayName() {
        return facebookUserName != null ? facebookUserName : "Facebook user " + facebookUserId;
    }
}
