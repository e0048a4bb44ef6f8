package dev.adsbridge.console.connections;

import dev.adsbridge.console.Secrets;
import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.SealedToken;
import dev.adsbridge.console.vault.TokenVault;
import dev.adsbridge.graph.Pkce;
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
 * 256 bits, single-use, valid for ten minutes, bound to the member and tenant that started the flow. Each carries the
 * flow's PKCE code verifier, sealed by the vault and erased once the state is used, so the authorization code Meta
 * returns can be exchanged only by this flow.
 */
@Repository
class OAuthStates {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    enum Check { VALID, UNKNOWN, USED, EXPIRED, OTHER_MEMBER }

    /** A started flow: the state for the dialog and the S256 challenge of its (stored) verifier. */
    record Started(String state, String codeChallenge) {
        @Override
        public String toString() {
            return "Started[state=<masked>]";
        }
    }

    /**
     * What the state was issued for: a new connection, or a reconnect of {@code connectionId}; {@code codeVerifier} is
     * set only when the check is {@link Check#VALID} and the row had one.
     */
    record Issued(Check check, @Nullable UUID connectionId, @Nullable String codeVerifier) {
        @Override
        public String toString() {
            return "Issued[check=" + check + ", connectionId=" + connectionId + "]";
        }
    }

    private final JdbcClient jdbc;
    private final TokenVault vault;

    OAuthStates(JdbcClient jdbc, TokenVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    Started issue(TenantId tenant, MemberId member, @Nullable UUID reconnect, Instant now) {
        String state = Secrets.random();
        String verifier = Pkce.newVerifier();
        UUID flowId = UUID.randomUUID();
        SealedToken sealed = vault.seal(tenant, flowId, verifier);
        jdbc.sql("""
                insert into oauth_states (state_hash, tenant_id, member_id, connection_id, created_at, expires_at,
                    flow_id, sealed_verifier)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Secrets.hash(state), tenant.value(), member.value(), reconnect, SqlTime.of(now),
                        SqlTime.of(now.plus(LIFETIME)), flowId, sealed.toBytes())
                .update();
        return new Started(state, Pkce.challenge(verifier));
    }

    /**
     * Uses up a state (whatever the outcome, it never works twice, and its verifier is erased) and says whether it was
     * valid for this member. Committed on its own, so a failure later in the callback cannot bring the state back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Issued consume(String state, TenantId tenant, MemberId member, Instant now) {
        String hash = Secrets.hash(state);
        record Row(UUID tenant, UUID member, @Nullable UUID connection, Instant expiresAt, boolean used,
                @Nullable UUID flowId, byte @Nullable [] sealedVerifier) {
        }
        Optional<Row> row = jdbc.sql("""
                select tenant_id, member_id, connection_id, expires_at, used_at, flow_id, sealed_verifier
                from oauth_states where state_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Row(rs.getObject("tenant_id", UUID.class), rs.getObject("member_id", UUID.class),
                        rs.getObject("connection_id", UUID.class), SqlTime.requiredInstant(rs, "expires_at"),
                        SqlTime.instant(rs, "used_at") != null, rs.getObject("flow_id", UUID.class),
                        rs.getBytes("sealed_verifier")))
                .optional();
        if (row.isEmpty()) {
            return new Issued(Check.UNKNOWN, null, null);
        }
        boolean claimed = jdbc.sql("""
                update oauth_states set used_at = ?, sealed_verifier = null where state_hash = ? and used_at is null""")
                .params(SqlTime.of(now), hash)
                .update() == 1;
        Row found = row.get();
        if (found.used() || !claimed) {
            return new Issued(Check.USED, null, null);
        }
        if (!now.isBefore(found.expiresAt())) {
            return new Issued(Check.EXPIRED, null, null);
        }
        if (!found.tenant().equals(tenant.value()) || !found.member().equals(member.value())) {
            return new Issued(Check.OTHER_MEMBER, null, null);
        }
        String verifier = found.flowId() == null || found.sealedVerifier() == null ? null
                : vault.open(tenant, found.flowId(), SealedToken.fromBytes(found.sealedVerifier()));
        return new Issued(Check.VALID, found.connection(), verifier);
    }

    /** Forgets states that can no longer be used (kept a day, for support questions). */
    int purge(Instant now) {
        jdbc.sql("update oauth_states set sealed_verifier = null where expires_at < ? and sealed_verifier is not null")
                .param(SqlTime.of(now))
                .update();
        return jdbc.sql("delete from oauth_states where expires_at < ?")
                .param(SqlTime.of(now.minus(Duration.ofDays(1))))
                .update();
    }
}
