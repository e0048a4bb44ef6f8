package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.agents.AgentScope;
import dev.adsbridge.console.agents.AuthorizedAgents;
import dev.adsbridge.console.apikeys.RequestIds;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Tenancy;
import dev.adsbridge.console.tenancy.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The OAuth grants for Settings → AI agents (the gateway's page), from {@link AgentGrants}. */
@Component
class OAuthAuthorizedAgents implements AuthorizedAgents {

    private final AgentGrants grants;
    private final Tenancy tenancy;

    OAuthAuthorizedAgents(AgentGrants grants, Tenancy tenancy) {
        this.grants = grants;
        this.tenancy = tenancy;
    }

    @Override
    public List<AuthorizedAgent> list(TenantId tenant) {
        return grants.list(tenant).stream().map(grant -> new AuthorizedAgent(grant.authorizationId(),
                grant.clientName(), grant.redirectHost(),
                tenancy.member(tenant, grant.member()).map(Member::email).orElse("(removed member)"),
                grant.scopes().stream().flatMap(s -> AgentScope.parse(s).stream()).collect(Collectors.toSet()),
                Set.copyOf(grant.adAccounts()), grant.grantedAt(), grant.lastUsedAt())).toList();
    }

    @Override
    public boolean revoke(Member actor, String id) {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes()
                instanceof ServletRequestAttributes attributes ? attributes.getRequest() : null;
        try {
            grants.revoke(actor, id, request == null ? null : RequestIds.current(request),
                    request == null ? null : request.getRemoteAddr());
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
