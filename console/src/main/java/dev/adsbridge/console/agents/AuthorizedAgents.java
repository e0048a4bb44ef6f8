package dev.adsbridge.console.agents;

import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The agents a tenant's members authorized with OAuth, for Settings → AI agents: the second half of the seam with the
 * console's authorization server (the first is {@link AgentAuthenticator}). Optional: without a bean the page lists
 * agent keys only. Revoking must make the grant's tokens fail on the very next call.
 */
public interface AuthorizedAgents {

    /**
     * An OAuth grant as the page shows it.
     *
     * @param returnsTo where the agent's sign-in returned to, as the consent screen showed it (e.g. {@code claude.ai})
     */
    record AuthorizedAgent(String id, String clientName, @Nullable String returnsTo, String memberEmail,
            Set<AgentScope> scopes, @Nullable Set<String> adAccounts, Instant authorizedAt,
            @Nullable Instant lastUsedAt) {

        /** What it may do, in words: "Read and change" or "Read only". */
        public String access() {
            return scopes.contains(AgentScope.ADS_WRITE) ? "Read and change" : "Read only";
        }
    }

    List<AuthorizedAgent> list(TenantId tenant);

    /**
     * Revokes a grant of the actor's tenant (owners and admins any, others their own), audited.
     *
     * @return false when the tenant has no such grant
     */
    boolean revoke(Member actor, String id);
}
