package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.util.List;
import java.util.UUID;

/** A connection was created, or restored in place by a reconnect ({@code reconnected}). */
public record ConnectionEstablished(TenantId tenantId, UUID connectionId, String facebookUserId, List<String> scopes,
        boolean reconnected, MemberId actor) {
}
