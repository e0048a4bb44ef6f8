package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.TenantId;
import java.util.UUID;

/** Meta refused a connection's token (expired, revoked, password changed): the tenant must reconnect. */
public record ConnectionNeedsReconnect(TenantId tenantId, UUID connectionId, String reason) {
}
