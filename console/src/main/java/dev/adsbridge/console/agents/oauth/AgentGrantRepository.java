package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code agent_grants}: scoped by tenant, except the lookup by authorization id that authenticates a token. */
@Repository
class AgentGrantRepository {

    private static final String COLUMNS = "authorization_id, tenant_id, member_id, client_id, client_name, "
            + "redirect_host, scopes, ad_accounts, granted_at, last_used_at";

    private final JdbcClient jdbc;

    AgentGrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A consent given (again) for an in-flight authorization: replaces what an earlier consent to it said. */
    void recordConsent(AgentGrant grant) {
        jdbc.sql("delete from agent_grants where authorization_id = ? and activated_at is null")
                .param(grant.authorizationId()).update();
        jdbc.sql("""
                insert into agent_grants (authorization_id, tenant_id, member_id, client_id, client_name, redirect_host,
                    scopes, ad_accounts, granted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(grant.authorizationId(), grant.tenant().value(), grant.member().value(), grant.clientId(),
                        grant.clientName(), grant.redirectHost(), String.join(" ", grant.scopes().stream().sorted()
                                .toList()), String.join(",", grant.adAccounts()), SqlTime.of(grant.grantedAt()))
                .update();
    }

    /** The first token was issued: the grant now shows in Settings → AI agents. False when there is no such grant. */
    boolean activate(String authorizationId, Instant at) {
        jdbc.sql("update agent_grants set activated_at = ? where authorization_id = ? and activated_at is null")
                .params(SqlTime.of(at), authorizationId).update();
        return live(authorizationId).isPresent();
    }

    /** Across tenants: the authorization behind a presented token. Not revoked. */
    Optional<AgentGrant> live(String authorizationId) {
        return jdbc.sql("select " + COLUMNS + " from agent_grants where authorization_id = ? and revoked_at is null")
                .param(authorizationId).query((rs, n) -> read(rs)).optional();
    }

    List<AgentGrant> active(TenantId tenant) {
        return jdbc.sql("select " + COLUMNS + " from agent_grants where tenant_id = ? and activated_at is not null "
                        + "and revoked_at is null and exists (select 1 from oauth2_authorization a "
                        + "where a.id = agent_grants.authorization_id) order by granted_at desc")
                .param(tenant.value()).query((rs, n) -> read(rs)).list();
    }

    Optional<AgentGrant> find(TenantId tenant, String authorizationId) {
        return jdbc.sql("select " + COLUMNS + " from agent_grants where tenant_id = ? and authorization_id = ? "
                        + "and revoked_at is null")
                .params(tenant.value(), authorizationId).query((rs, n) -> read(rs)).optional();
    }

    boolean revoke(TenantId tenant, String authorizationId, Instant at) {
        return jdbc.sql("update agent_grants set revoked_at = ? where tenant_id = ? and authorization_id = ? "
                        + "and revoked_at is null")
                .params(SqlTime.of(at), tenant.value(), authorizationId).update() == 1;
    }

    /** Last use, written at most once a minute per grant (not one write per tool call). */
    void touch(String authorizationId, Instant at) {
        jdbc.sql("update agent_grants set last_used_at = ? where authorization_id = ? "
                        + "and (last_used_at is null or last_used_at < ?)")
                .params(SqlTime.of(at), authorizationId, SqlTime.of(at.minusSeconds(60))).update();
    }

    /**
     * Deletes authorizations whose last token expired before {@code before}, then grants without an authorization
     * that were revoked, or never exchanged for a token, before it. Across tenants (a maintenance job).
     */
    int deleteExpired(Instant before) {
        int authorizations = jdbc.sql("""
                delete from oauth2_authorization
                where coalesce(refresh_token_expires_at, access_token_expires_at, authorization_code_expires_at) < ?""")
                .param(SqlTime.of(before)).update();
        int grants = jdbc.sql("""
                delete from agent_grants
                where not exists (select 1 from oauth2_authorization a where a.id = agent_grants.authorization_id)
                  and (revoked_at < ? or activated_at is not null or granted_at < ?)""")
                .params(SqlTime.of(before), SqlTime.of(before)).update();
        return authorizations + grants;
    }

    private static AgentGrant read(ResultSet rs) throws SQLException {
        String scopes = rs.getString("scopes");
        String accounts = rs.getString("ad_accounts");
        return new AgentGrant(rs.getString("authorization_id"), new TenantId(rs.getObject("tenant_id", UUID.class)),
                new MemberId(rs.getObject("member_id", UUID.class)), rs.getString("client_id"),
                rs.getString("client_name"), rs.getString("redirect_host"),
                scopes.isBlank() ? Set.of() : Set.of(scopes.split(" ")),
                accounts.isBlank() ? List.of() : Arrays.asList(accounts.split(",")),
                SqlTime.requiredInstant(rs, "granted_at"), SqlTime.instant(rs, "last_used_at"));
    }
}
