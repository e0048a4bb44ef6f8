package dev.adsbridge.console.connections;

import dev.adsbridge.console.Secrets;
import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * OAuth {@code state} values in the database (any replica may receive the callback), stored as SHA-256 hashes: random
 * 256 bits, single-use, valid for ten minutes, bound to the member and tenant that started the flow.
 */
@Repository
class OAuthStates {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    enum Check { VALID, UNKNOWN, USED, EXPIRED, OTHER_MEMBER }

    /** What the state was issued for: a new connection, or a reconnect of {@code connectionId}. */
    record Issued(Check check, @Nullable UUID connectionId) {
    }

    private final JdbcClient jdbc;

    OAuthStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String issue(TenantId tenant, MemberId member, @Nullable UUID reconnect, Instant now) {
        String state = Secrets.random();
        jdbc.sql("""
                insert into oauth_states (state_hash, tenant_id, member_id, connection_id, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(Secrets.hash(state), tenant.value(), member.value(), reconnect, SqlTime.of(now),
                        SqlTime.of(now.plus(LIFETIME)))
                .update();
        return state;
    }

    /**
     * Uses up a state (whatever the outcome, it never works twice) and says whether it was valid for this member.
     * Committed on its own, so a failure later in the callback cannot bring the state back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Issued consume(String state, TenantId tenant, MemberId member, Instant now) {
        String hash = Secrets.hash(state);
        record Row(UUID tenant, UUID member, @Nullable UUID connection, Instant expiresAt, boolean used) {
        }
        Optional<Row> row = jdbc.sql("""
                select tenant_id, member_id, connection_id, expires_at, used_at from oauth_states where state_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Row(rs.getObject("tenant_id", UUID.class), rs.getObject("member_id", UUID.class),
                        rs.getObject("connection_id", UUID.class), SqlTime.requiredInstant(rs, "expires_at"),
                        SqlTime.instant(rs, "used_at") != null))
                .optional();
        if (row.isEmpty()) {
            return new Issued(Check.UNKNOWN, null);
        }
        boolean claimed = jdbc.sql("update oauth_states set used_at = ? where state_hash = ? and used_at is null")
                .params(SqlTime.of(now), hash)
                .update() == 1;
        if (row.get().used() || !claimed) {
            return new Issued(Check.USED, null);
        }
        if (!now.isBefore(row.get().expiresAt())) {
            return new Issued(Check.EXPIRED, null);
        }
        if (!row.get().tenant().equals(tenant.value()) || !row.get().member().equals(member.value())) {
            return new Issued(Check.OTHER_MEMBER, null);
        }
        return new Issued(Check.VALID, row.get().connection());
    }

    /** Forgets states that can no longer be used (kept a day, for support questions). */
    int purge(Instant now) {
        return jdbc.sql("delete from oauth_states where expires_at < ?")
                .param(SqlTime.of(now.minus(Duration.ofDays(1))))
                .update();
    }
}
