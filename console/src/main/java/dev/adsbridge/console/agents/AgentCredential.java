package dev.adsbridge.console.agents;

import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.Role;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated agent, for one request to the tenant MCP endpoint ({@code /mcp}): who it acts for and what its
 * credential allows. The gateway ({@link McpGateway}) narrows every call by it; it never holds a token.
 *
 * <p>This is the seam between the gateway and the ways agents authenticate: an {@link AgentAuthenticator} turns a
 * bearer token into an {@code AgentCredential} (tenant API keys: {@link ApiKeyAgentAuthenticator}; OAuth 2.1 access
 * tokens: the authorization server's own implementation).
 *
 * @param credentialId the key's or OAuth grant's id (stable; rate limits and the audit log use it)
 * @param kind         how the agent authenticated
 * @param tenant       the tenant whose ads it reaches
 * @param member       the member it acts for (the key's creator, or the member who consented)
 * @param memberEmail  that member's e-mail, for the audit log
 * @param role         that member's role now (read afresh on every request: an analyst only reads)
 * @param scopes       what the credential allows ({@code ads:read}, {@code ads:write})
 * @param adAccounts   the ad accounts ({@code act_…}) the credential is limited to, or null for all the tenant chose
 * @param expiresAt    when the credential stops working, or null when it does not expire
 * @param name         the credential's name (an API key's name, or the OAuth client's name), shown in Settings and
 *                     used as the agent's name in the audit log when the agent does not name itself
 */
public record AgentCredential(
        String credentialId,
        Kind kind,
        TenantId tenant,
        MemberId member,
        String memberEmail,
        Role role,
        Set<AgentScope> scopes,
        @Nullable Set<String> adAccounts,
        @Nullable Instant expiresAt,
        String name) {

    /** How the agent authenticated. */
    public enum Kind {
        /** A tenant API key ({@code Authorization: Bearer abk_…}). */
        API_KEY,
        /** An OAuth 2.1 access token issued by the console's authorization server. */
        OAUTH
    }

    public AgentCredential {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(role, "role");
        scopes = Set.copyOf(scopes);
        adAccounts = adAccounts == null ? null : Set.copyOf(adAccounts);
        memberEmail = memberEmail == null ? "" : memberEmail;
        name = name == null || name.isBlank() ? kind.name().toLowerCase(java.util.Locale.ROOT) : name;
    }

    /** Writes need the {@code ads:write} scope and a member whose role writes. */
    public boolean canWrite() {
        return scopes.contains(AgentScope.ADS_WRITE) && role.canWrite();
    }

    /** Reads need {@code ads:read} (or {@code ads:write}, which includes it). */
    public boolean canRead() {
        return scopes.contains(AgentScope.ADS_READ) || scopes.contains(AgentScope.ADS_WRITE);
    }

    /** Whether the credential's own allow-list lets it reach {@code accountId} ({@code act_…}). */
    public boolean allowsAccount(String accountId) {
        return adAccounts == null || adAccounts.contains(accountId);
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The rate-limit bucket and audit name of the credential: {@code api-key:<id>} or {@code oauth:<id>}. */
    public String handle() {
        return (kind == Kind.API_KEY ? "api-key:" : "oauth:") + credentialId;
    }

    @Override
    public String toString() {
        return "AgentCredential[" + handle() + ", tenant=" + tenant + ", role=" + role + ", scopes=" + scopes + "]";
    }
}
