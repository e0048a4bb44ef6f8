package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.SealedToken;
import dev.adsbridge.console.vault.SealedTokenStore;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The vault's key rotation reads and swaps the sealed tokens of the {@code connections} table through this. */
@Component
class ConnectionTokenStore implements SealedTokenStore {

    private final JdbcClient jdbc;

    ConnectionTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Across tenants: rotation re-wraps every stored token, each still bound to its own tenant and connection. */
    @Override
    public List<StoredToken> batchAfter(@Nullable UUID afterConnectionId, int limit) {
        String where = afterConnectionId == null ? "" : " and id > ?";
        var statement = jdbc.sql("select tenant_id, id, sealed_token from connections where sealed_token is not null"
                + where + " order by id limit " + Math.max(1, limit));
        if (afterConnectionId != null) {
            statement = statement.param(afterConnectionId);
        }
        return statement.query((rs, n) -> new StoredToken(new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getObject("id", UUID.class), SealedToken.fromBytes(rs.getBytes("sealed_token"))))
                .list();
    }

    @Override
    public boolean compareAndSet(TenantId tenantId, UUID connectionId, SealedToken expected,
            SealedToken replacement) {
        return jdbc.sql("""
                update connections set sealed_token = ?, kek_provider = ?, key_version = ?
                where tenant_id = ? and id = ? and sealed_token = ?""")
                .params(replacement.toBytes(), replacement.kekProvider(), replacement.keyVersion(), tenantId.value(),
                        connectionId, expected.toBytes())
                .update() == 1;
    }
}
