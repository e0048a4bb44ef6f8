package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A connection's token expires soon; owners should reconnect before {@code expiresAt}. */
public record ConnectionExpiringSoon(TenantId tenantId, UUID connectionId, String connectionName, Instant expiresAt) {
}
