package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.TenantId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A connection's token was erased: disconnected by a member ({@code actor} set) or de-authorized on Facebook
 * ({@code actor} null). {@code metaRevocation} says what happened to the app's authorization on Meta.
 */
public record ConnectionRevoked(TenantId tenantId, UUID connectionId, String reason, @Nullable String actor,
        MetaRevocation metaRevocation) {
}
