package dev.adsbridge.console.tenancy;

import dev.adsbridge.console.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Invitations, stored by the hash of their link's secret. */
@Repository
class InvitationRepository {

    private static final String COLUMNS = """
            select i.id, i.tenant_id, t.name as tenant_name, i.email, i.role, i.created_at, i.expires_at
            from invitations i join tenants t on t.id = i.tenant_id
            """;

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, TenantId tenant, String email, Role role, String secretHash, MemberId invitedBy,
            Instant now, Instant expiresAt) {
        jdbc.sql("""
                insert into invitations (id, tenant_id, email, role, secret_hash, invited_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, tenant.value(), MemberRepository.normalize(email), role.name(), secretHash,
                        invitedBy.value(), SqlTime.of(now), SqlTime.of(expiresAt))
                .update();
    }

    List<Invitation> open(TenantId tenant, Instant now) {
        return jdbc.sql(COLUMNS + """
                 where i.tenant_id = ? and i.accepted_at is null and i.revoked_at is null and i.expires_at > ?
                 order by i.created_at""")
                .params(tenant.value(), SqlTime.of(now))
                .query(InvitationRepository::invitation)
                .list();
    }

    Optional<Invitation> find(TenantId tenant, UUID id) {
        return jdbc.sql(COLUMNS + " where i.tenant_id = ? and i.id = ? and i.accepted_at is null and i.revoked_at is null")
                .params(tenant.value(), id)
                .query(InvitationRepository::invitation)
                .optional();
    }

    /** Found by its secret: the link is the only credential an invitee has, so no tenant is known yet. */
    Optional<Invitation> openBySecret(String secretHash, Instant now) {
        return jdbc.sql(COLUMNS + """
                 where i.secret_hash = ? and i.accepted_at is null and i.revoked_at is null and i.expires_at > ?""")
                .params(secretHash, SqlTime.of(now))
                .query(InvitationRepository::invitation)
                .optional();
    }

    /** Marks it accepted; false when someone else got there first. */
    boolean accept(TenantId tenant, UUID id, Instant now) {
        return jdbc.sql("update invitations set accepted_at = ? where tenant_id = ? and id = ? and accepted_at is null")
                .params(SqlTime.of(now), tenant.value(), id)
                .update() == 1;
    }

    void revoke(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update invitations set revoked_at = ? where tenant_id = ? and id = ? and revoked_at is null")
                .params(SqlTime.of(now), tenant.value(), id)
                .update();
    }

    private static Invitation invitation(ResultSet rs, int row) throws SQLException {
        return new Invitation(
                rs.getObject("id", UUID.class),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("tenant_name"),
                rs.getString("email"),
                Role.valueOf(rs.getString("role")),
                SqlTime.requiredInstant(rs, "created_at"),
                SqlTime.requiredInstant(rs, "expires_at"));
    }
}
