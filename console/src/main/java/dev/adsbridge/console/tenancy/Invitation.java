package dev.adsbridge.console.tenancy;

import java.time.Instant;
import java.util.UUID;

/** An open invitation to join a tenant with a role. */
public record Invitation(UUID id, TenantId tenantId, String tenantName, String email, Role role, Instant createdAt,
        Instant expiresAt) {
}
