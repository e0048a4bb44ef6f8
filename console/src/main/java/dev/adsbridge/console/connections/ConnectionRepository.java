package dev.adsbridge.console.connections;

import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.SealedToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code connections} table. Every method takes the tenant and filters by it, except the few marked "across
 * tenants", which serve Meta's callbacks (keyed by Facebook user), the daily expiry job and key rotation.
 */
@Repository
class ConnectionRepository {

    private static final String COLUMNS = """
            select id, tenant_id, meta_app_id, facebook_user_id, facebook_user_name, scopes, status, created_at,
                   expires_at, data_access_expires_at, last_successful_use, status_reason, status_cause, kind,
                   token_type, mcp_url
            from connections
            """;

    private final JdbcClient jdbc;

    ConnectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Connection> all(TenantId tenant) {
        return jdbc.sql(COLUMNS + " where tenant_id = ? order by created_at")
                .param(tenant.value())
                .query(ConnectionRepository::connection)
                .list();
    }

    Optional<Connection> find(TenantId tenant, UUID id) {
        return jdbc.sql(COLUMNS + " where tenant_id = ? and id = ?")
                .params(tenant.value(), id)
                .query(ConnectionRepository::connection)
                .optional();
    }

    Optional<Connection> findByFacebookUser(TenantId tenant, String appId, String facebookUserId) {
        return jdbc.sql(COLUMNS + " where tenant_id = ? and meta_app_id = ? and facebook_user_id = ?")
                .params(tenant.value(), appId, facebookUserId)
                .query(ConnectionRepository::connection)
                .optional();
    }

    Optional<SealedToken> sealedToken(TenantId tenant, UUID id) {
        return jdbc.sql("select sealed_token from connections where tenant_id = ? and id = ? and sealed_token is not null")
                .params(tenant.value(), id)
                .query((rs, n) -> SealedToken.fromBytes(rs.getBytes("sealed_token")))
                .optional();
    }

    /** A new connection, or an existing one (same tenant, app and Facebook user) restored in place. */
    void upsert(TenantId tenant, UUID id, String appId, String facebookUserId, @Nullable String facebookUserName,
            SealedToken token, List<String> scopes, @Nullable Instant expiresAt, @Nullable Instant dataAccessExpiresAt,
            Instant now, ConnectionKind kind, @Nullable String tokenType, @Nullable String mcpUrl) {
        int updated = jdbc.sql("""
                update connections set facebook_user_name = coalesce(?, facebook_user_name), sealed_token = ?,
                       kek_provider = ?, key_version = ?, scopes = ?, status = ?, status_reason = null, status_cause = null,
                       updated_at = ?,
                       expires_at = ?, data_access_expires_at = ?, expiry_warned_for = null, kind = ?, token_type = ?,
                       mcp_url = ?
                where tenant_id = ? and id = ?""")
                .params(facebookUserName, token.toBytes(), token.kekProvider(), token.keyVersion(),
                        String.join(",", scopes), ConnectionStatus.ACTIVE.name(), SqlTime.of(now),
                        SqlTime.of(expiresAt), SqlTime.of(dataAccessExpiresAt), kind.column(), tokenType, mcpUrl,
                        tenant.value(), id)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into connections (id, tenant_id, meta_app_id, facebook_user_id, facebook_user_name,
                        sealed_token, kek_provider, key_version, scopes, status, created_at, updated_at, expires_at,
                        data_access_expires_at, kind, token_type, mcp_url)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, tenant.value(), appId, facebookUserId, facebookUserName, token.toBytes(),
                            token.kekProvider(), token.keyVersion(), String.join(",", scopes),
                            ConnectionStatus.ACTIVE.name(), SqlTime.of(now), SqlTime.of(now), SqlTime.of(expiresAt),
                            SqlTime.of(dataAccessExpiresAt), kind.column(), tokenType, mcpUrl)
                    .update();
        }
    }

    /** Moves an active connection to a new status; false when it was not active (nothing changed). */
    boolean markNeedsReconnect(TenantId tenant, UUID id, String reason, StatusCause cause, Instant now) {
        return jdbc.sql("""
                update connections set status = ?, status_reason = ?, status_cause = ?, updated_at = ?
                where tenant_id = ? and id = ? and status = ?""")
                .params(ConnectionStatus.NEEDS_RECONNECT.name(), reason, cause.column(), SqlTime.of(now),
                        tenant.value(), id, ConnectionStatus.ACTIVE.name())
                .update() == 1;
    }

    /** Erases the token and marks the connection revoked; false when it already was. */
    boolean revoke(TenantId tenant, UUID id, String reason, StatusCause cause, Instant now) {
        return jdbc.sql("""
                update connections set status = ?, status_reason = ?, status_cause = ?, sealed_token = null,
                       kek_provider = null, key_version = null, updated_at = ?
                where tenant_id = ? and id = ? and (status <> ? or sealed_token is not null)""")
                .params(ConnectionStatus.REVOKED.name(), reason, cause.column(), SqlTime.of(now), tenant.value(), id,
                        ConnectionStatus.REVOKED.name())
                .update() == 1;
    }

    /**
     * Across tenants: whether any connection other than {@code id} that is not revoked (active or needing a reconnect;
     * erased ones are deleted) belongs to this Facebook user of this app. Meta's authorization is per Facebook user, so
     * revoking it on Meta would cut those connections off too.
     */
    boolean facebookUserUsedElsewhere(String appId, String facebookUserId, UUID id) {
        return jdbc.sql("""
                select count(*) from connections
                where meta_app_id = ? and facebook_user_id = ? and id <> ? and status <> ?""")
                .params(appId, facebookUserId, id, ConnectionStatus.REVOKED.name())
                .query(Long.class)
                .single() > 0;
    }

    /**
     * Across tenants: locks every connection row of this Facebook user of this app (in id order, so two callers cannot
     * deadlock) until the current transaction ends. Serialises disconnects of one Facebook user across tenants, so two
     * workspaces disconnecting at once cannot both leave Meta's authorization in place thinking the other still uses it.
     * Plain {@code select … for update}: PostgreSQL and the dev mode's H2 both have it.
     */
    void lockFacebookUser(String appId, String facebookUserId) {
        jdbc.sql("select id from connections where meta_app_id = ? and facebook_user_id = ? order by id for update")
                .params(appId, facebookUserId)
                .query(UUID.class)
                .list();
    }

    void delete(TenantId tenant, UUID id) {
        jdbc.sql("delete from connections where tenant_id = ? and id = ?").params(tenant.value(), id).update();
    }

    void recordUse(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("update connections set last_successful_use = ? where tenant_id = ? and id = ?")
                .params(SqlTime.of(now), tenant.value(), id)
                .update();
    }

    void markWarned(TenantId tenant, UUID id, Instant expiresAt) {
        jdbc.sql("update connections set expiry_warned_for = ? where tenant_id = ? and id = ?")
                .params(SqlTime.of(expiresAt), tenant.value(), id)
                .update();
    }

    /** Across tenants (Meta's callbacks): every connection of a Facebook user of this app. */
    List<Connection> allOfFacebookUser(String appId, String facebookUserId) {
        return jdbc.sql(COLUMNS + " where meta_app_id = ? and facebook_user_id = ?")
                .params(appId, facebookUserId)
                .query(ConnectionRepository::connection)
                .list();
    }

    /** An active connection whose token expires soon, and the expiry date its owners were last warned about. */
    record Expiring(Connection connection, @Nullable Instant warnedFor) {
    }

    /** Across tenants (the daily job): active connections whose token expires before {@code limit}. */
    List<Expiring> activeExpiringBefore(Instant limit) {
        return jdbc.sql(COLUMNS.replace("from connections", ", expiry_warned_for from connections") + """
                 where status = ? and expires_at is not null and expires_at <= ?
                 order by expires_at""")
                .params(ConnectionStatus.ACTIVE.name(), SqlTime.of(limit))
                .query((rs, n) -> new Expiring(connection(rs, n), SqlTime.instant(rs, "expiry_warned_for")))
                .list();
    }

    private static Connection connection(ResultSet rs, int row) throws SQLException {
        String scopes = rs.getString("scopes");
        return new Connection(
                rs.getObject("id", UUID.class),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("meta_app_id"),
                rs.getString("facebook_user_id"),
                rs.getString("facebook_user_name"),
                scopes == null || scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(",")),
                ConnectionStatus.valueOf(rs.getString("status")),
                SqlTime.requiredInstant(rs, "created_at"),
                SqlTime.instant(rs, "expires_at"),
                SqlTime.instant(rs, "data_access_expires_at"),
                SqlTime.instant(rs, "last_successful_use"),
                rs.getString("status_reason"),
                rs.getString("status_cause") == null ? null : StatusCause.fromColumn(rs.getString("status_cause")),
                ConnectionKind.fromColumn(rs.getString("kind")),
                rs.getString("token_type"),
                rs.getString("mcp_url"));
    }
}
