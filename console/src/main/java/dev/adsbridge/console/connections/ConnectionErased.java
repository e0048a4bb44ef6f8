package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.TenantId;
import java.util.UUID;

/** Meta asked for a Facebook user's data to be deleted: this connection is gone, and so must be everything about it. */
public record ConnectionErased(TenantId tenantId, UUID connectionId) {
}
