package dev.adsbridge.console.apikeys;

import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** API keys, scoped by tenant; only the lookup by hash (authentication) is across tenants. */
@Repository
class ApiKeyRepository {

    /** A stored key with what authentication needs. */
    record Stored(ApiKey key, TenantId tenant, MemberId createdBy) {
    }

    private static final String COLUMNS = "id, tenant_id, name, scope, prefix, created_by, created_at, last_used_at, "
            + "revoked_at, purpose, ad_accounts, expires_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantId tenant, ApiKey key, String hash, MemberId createdBy) {
        jdbc.sql("""
                insert into api_keys (id, tenant_id, name, scope, prefix, key_hash, created_by, created_at, purpose,
                    ad_accounts, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.id(), tenant.value(), key.name(), key.scope().name(), key.prefix(), hash,
                        createdBy.value(), SqlTime.of(key.createdAt()), key.purpose().name(),
                        key.adAccounts().isEmpty() ? null : String.join(",", key.adAccounts()),
                        key.expiresAt() == null ? null : SqlTime.of(key.expiresAt()))
                .update();
    }

    List<ApiKey> all(TenantId tenant) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where tenant_id = ? order by created_at desc")
                .param(tenant.value()).query((rs, n) -> read(rs).key()).list();
    }

    Optional<ApiKey> find(TenantId tenant, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query((rs, n) -> read(rs).key()).optional();
    }

    /** Across tenants: the key's hash is the only thing a caller presents. */
    Optional<Stored> byHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where key_hash = ? and revoked_at is null")
                .param(hash).query((rs, n) -> read(rs)).optional();
    }

    boolean revoke(TenantId tenant, UUID id, Instant at) {
        return jdbc.sql("update api_keys set revoked_at = ? where tenant_id = ? and id = ? and revoked_at is null")
                .params(SqlTime.of(at), tenant.value(), id).update() == 1;
    }

    void touch(UUID id, Instant at) {
        jdbc.sql("update api_keys set last_used_at = ? where id = ?").params(SqlTime.of(at), id).update();
    }

    private static List<String> accounts(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.split(","));
    }

    private static Stored read(ResultSet rs) throws SQLException {
        ApiKey key = new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"),
                ApiKeyScope.valueOf(rs.getString("scope")), rs.getString("prefix"),
                SqlTime.requiredInstant(rs, "created_at"), SqlTime.instant(rs, "last_used_at"),
                SqlTime.instant(rs, "revoked_at"), ApiKeyPurpose.valueOf(rs.getString("purpose")),
                accounts(rs.getString("ad_accounts")), SqlTime.instant(rs, "expires_at"));
        return new Stored(key, new TenantId(rs.getObject("tenant_id", UUID.class)),
                new MemberId(rs.getObject("created_by", UUID.class)));
    }
}
