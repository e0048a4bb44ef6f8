package dev.adsbridge.console.audit;

import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_log} and {@code audit_chain_heads} tables. Inserts only: there is no update or delete of a row
 * here, and the database rejects them anyway. Every read takes the tenant, except {@link #chainedTenants()} (the
 * verify-all command, across tenants).
 */
@Repository
class AuditRepository {

    private static final String COLUMNS = """
            select id, tenant_id, seq, at, actor, action, target_type, target_id, target_name, before_json, after_json,
                   outcome,
                   request_id, client_ip, prev_hash, hash
            from audit_log
            """;

    record Head(long lastSeq, String lastHash) {
    }

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the tenant's chain head until the transaction ends (creating it at the genesis on first use), so appends
     * from any number of threads and replicas are serialized per tenant.
     */
    Head lockHead(TenantId tenant) {
        jdbc.sql("insert into audit_chain_heads (tenant_id, last_seq, last_hash) values (?, 0, ?) on conflict do nothing")
                .params(tenant.value(), AuditEntry.GENESIS)
                .update();
        return jdbc.sql("select last_seq, last_hash from audit_chain_heads where tenant_id = ? for update")
                .param(tenant.value())
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                .single();
    }

    long nextId() {
        return jdbc.sql("select nextval('audit_log_ids')").query(Long.class).single();
    }

    void insert(AuditEntry row) {
        jdbc.sql("""
                insert into audit_log (id, tenant_id, seq, at, actor, action, target_type, target_id, target_name,
                                       before_json, after_json, outcome, request_id, client_ip, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(row.id(), row.tenant().value(), row.seq(), SqlTime.of(row.at()), row.actor(), row.action(),
                        row.targetType(), row.targetId(), row.targetName(), row.before(), row.after(), row.outcome(), row.requestId(),
                        row.clientIp(), row.prevHash(), row.hash())
                .update();
        int moved = jdbc.sql("update audit_chain_heads set last_seq = ?, last_hash = ? where tenant_id = ? and last_seq = ?")
                .params(row.seq(), row.hash(), row.tenant().value(), row.seq() - 1)
                .update();
        if (moved != 1) {
            throw new IllegalStateException("audit chain head moved while locked");
        }
    }

    Optional<Head> head(TenantId tenant) {
        return jdbc.sql("select last_seq, last_hash from audit_chain_heads where tenant_id = ?")
                .param(tenant.value())
                .query((rs, n) -> new Head(rs.getLong("last_seq"), rs.getString("last_hash")))
                .optional();
    }

    /** The hash stored at a chain position (checkpoint checks). */
    Optional<String> hashAt(TenantId tenant, long seq) {
        return jdbc.sql("select hash from audit_log where tenant_id = ? and seq = ?")
                .params(tenant.value(), seq)
                .query(String.class)
                .optional();
    }

    /** Newest first, positions below {@code beforeSeq} when given. */
    List<AuditEntry> page(TenantId tenant, AuditFilter filter, int limit, @Nullable Long beforeSeq) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where tenant_id = ?");
        params.add(tenant.value());
        if (beforeSeq != null) {
            where.append(" and seq < ?");
            params.add(beforeSeq);
        }
        if (filter.actor() != null) {
            where.append(" and lower(actor) like ?");
            params.add("%" + likeEscaped(filter.actor().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.action() != null) {
            where.append(" and (action = ? or action like ?)");
            params.add(filter.action());
            params.add(likeEscaped(filter.action()) + ".%");
        }
        if (filter.target() != null) {
            where.append(" and (target_id = ? or target_type = ? or target_name = ?)");
            params.add(filter.target());
            params.add(filter.target());
            params.add(filter.target());
        }
        if (filter.outcome() != null) {
            where.append(" and outcome = ?");
            params.add(filter.outcome());
        }
        if (filter.from() != null) {
            where.append(" and at >= ?");
            params.add(SqlTime.of(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and at < ?");
            params.add(SqlTime.of(filter.to()));
        }
        params.add(limit);
        return jdbc.sql(COLUMNS + where + " order by seq desc limit ?")
                .params(params)
                .query(AuditRepository::entry)
                .list();
    }

    /** The tenant's whole chain in order, read in batches. */
    void walk(TenantId tenant, Consumer<AuditEntry> visitor) {
        long after = 0;
        while (true) {
            List<AuditEntry> batch = jdbc.sql(COLUMNS + " where tenant_id = ? and seq > ? order by seq limit 1000")
                    .params(tenant.value(), after)
                    .query(AuditRepository::entry)
                    .list();
            batch.forEach(visitor);
            if (batch.size() < 1000) {
                return;
            }
            after = batch.get(batch.size() - 1).seq();
        }
    }

    /** Across tenants: every tenant with an audit chain (the verify-all command). */
    List<TenantId> chainedTenants() {
        return jdbc.sql("select tenant_id from audit_chain_heads union select distinct tenant_id from audit_log")
                .query(UUID.class)
                .list()
                .stream()
                .map(TenantId::new)
                .toList();
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditEntry entry(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong("id"), new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getLong("seq"), SqlTime.requiredInstant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("target_name"),
                rs.getString("before_json"),
                rs.getString("after_json"), rs.getString("outcome"), rs.getString("request_id"),
                rs.getString("client_ip"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
