package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A connection was created, or restored in place by a reconnect ({@code reconnected}). {@code details}: what the audit
 * log records about how (token type and expiry of a pasted token, the hosted MCP server's address); never a secret.
 */
public record ConnectionEstablished(TenantId tenantId, UUID connectionId, String facebookUserId, List<String> scopes,
        boolean reconnected, MemberId actor, ConnectionKind kind, Map<String, Object> details) {

    public ConnectionEstablished {
        scopes = List.copyOf(scopes);
        details = Map.copyOf(details);
    }
}
