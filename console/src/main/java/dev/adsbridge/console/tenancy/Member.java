package dev.adsbridge.console.tenancy;

import java.time.Instant;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;

/**
 * A member of a tenant as the application sees them. Controllers take a {@code Member} parameter: the signed-in member,
 * read fresh from the database on each request (so a role change or removal applies at once).
 */
public record Member(MemberId id, TenantId tenantId, String tenantName, String email, String name, Role role,
        Instant createdAt) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(role, "role");
    }

    public boolean canWrite() {
        return role.canWrite();
    }

    public boolean canManageTeam() {
        return role.canManageTeam();
    }

    public boolean canReadAuditLog() {
        return role.canReadAuditLog();
    }

    /** @throws AccessDeniedException (HTTP 403) for analysts */
    public void requireWrite() {
        if (!canWrite()) {
            throw new AccessDeniedException("Analysts have read-only access.");
        }
    }

    /** @throws AccessDeniedException (HTTP 403) for everyone but owners */
    public void requireTeamManagement() {
        if (!canManageTeam()) {
            throw new AccessDeniedException("Only owners manage the team.");
        }
    }
}
