package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a member granted an agent on the consent screen: the agent may act for this member of this tenant, with these
 * scopes, on these ad accounts (the tenant's picked accounts the member kept checked).
 *
 * @param authorizationId the authorization server's id of the grant (the same across refreshes)
 * @param clientName      the agent's name as it registered (or as its metadata document says)
 * @param redirectHost    where its sign-in returned to, as the consent screen showed it
 */
public record AgentGrant(String authorizationId, TenantId tenant, MemberId member, String clientId, String clientName,
        String redirectHost, Set<String> scopes, List<String> adAccounts, Instant grantedAt,
        @Nullable Instant lastUsedAt) {

    public AgentGrant {
        scopes = Set.copyOf(scopes);
        adAccounts = List.copyOf(adAccounts);
    }

    /** May write (create, change status or budget): the {@code ads:write} scope was granted. */
    public boolean canWrite() {
        return scopes.contains(McpResource.WRITE);
    }
}
