package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.agents.AgentCredential;
import dev.adsbridge.console.agents.AgentScope;
import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Tenancy;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Service;

/**
 * The agents members signed in with OAuth: what each may do (recorded at consent, {@link AgentGrant}), the check of a
 * presented access token ({@link #authenticate}), the list in Settings → AI agents and revocation, which removes the
 * grant's tokens so that its next call is refused.
 */
@Service
public class AgentGrants {

    private final AgentGrantRepository repository;
    private final OAuth2AuthorizationService authorizations;
    private final Tenancy tenancy;
    private final McpResource resource;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AgentGrants(AgentGrantRepository repository, OAuth2AuthorizationService authorizations, Tenancy tenancy,
            McpResource resource, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.authorizations = authorizations;
        this.tenancy = tenancy;
        this.resource = resource;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The agent an access token stands for: a live, unexpired access token of this authorization server whose audience
     * is this {@code /mcp} endpoint, of a grant not revoked, of a member still in the tenant (with their role now).
     * Records the use (at most once a minute).
     */
    public Optional<AgentCredential> authenticate(String accessToken) {
        if (accessToken.isBlank() || accessToken.length() > 1000) {
            return Optional.empty();
        }
        OAuth2Authorization authorization = authorizations.findByToken(accessToken, OAuth2TokenType.ACCESS_TOKEN);
        if (authorization == null) {
            return Optional.empty();
        }
        OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
        if (token == null || !token.isActive() || !token.getToken().getTokenValue().equals(accessToken)
                || !audienceIsUs(token.getClaims())) {
            return Optional.empty();
        }
        Optional<AgentGrant> grant = repository.live(authorization.getId());
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        AgentGrant found = grant.get();
        Optional<Member> member = tenancy.member(found.tenant(), found.member());
        if (member.isEmpty()) {
            return Optional.empty();
        }
        repository.touch(authorization.getId(), clock.instant());
        Set<AgentScope> scopes = token.getToken().getScopes().stream()
                .filter(found.scopes()::contains)
                .flatMap(scope -> AgentScope.parse(scope).stream())
                .collect(Collectors.toSet());
        return Optional.of(new AgentCredential(found.authorizationId(), AgentCredential.Kind.OAUTH, found.tenant(),
                found.member(), member.get().email(), member.get().role(), scopes, Set.copyOf(found.adAccounts()),
                token.getToken().getExpiresAt(), found.clientName()));
    }

    private boolean audienceIsUs(@Nullable Map<String, Object> claims) {
        Object audience = claims == null ? null : claims.get(OAuth2TokenIntrospectionClaimNames.AUD);
        if (audience instanceof Collection<?> values) {
            return values.stream().anyMatch(value -> value instanceof String s && resource.isThisResource(s));
        }
        return audience instanceof String single && resource.isThisResource(single);
    }

    /** The tenant's agents that hold tokens, newest first. */
    public List<AgentGrant> list(TenantId tenant) {
        return repository.active(tenant);
    }

    /**
     * Revokes a grant: its tokens are removed, so the agent's next call and its next refresh are refused. A member
     * revokes their own agents; owners and admins any of the tenant's.
     *
     * @throws NotFoundException when the tenant has no such live grant
     * @throws AccessDeniedException when the member may not revoke another member's agent
     */
    public AgentGrant revoke(Member actor, String authorizationId, @Nullable String requestId,
            @Nullable String clientIp) {
        AgentGrant grant = repository.find(actor.tenantId(), authorizationId)
                .orElseThrow(() -> new NotFoundException("no such agent"));
        if (!grant.member().equals(actor.id()) && !actor.canManageTeam()) {
            audit(actor, "agent.revoke", grant, AuditEvent.DENIED, requestId, clientIp);
            throw new AccessDeniedException("Only owners and admins revoke another member's agent.");
        }
        repository.revoke(actor.tenantId(), authorizationId, clock.instant());
        OAuth2Authorization authorization = authorizations.findById(authorizationId);
        if (authorization != null) {
            authorizations.remove(authorization);
        }
        audit(actor, "agent.revoke", grant, AuditEvent.SUCCESS, requestId, clientIp);
        return grant;
    }

    /** The member allowed the agent on the consent screen (the authorization code is issued next). */
    void consented(Member member, AgentGrant grant, @Nullable String requestId, @Nullable String clientIp) {
        repository.recordConsent(grant);
        audit(member, "agent.grant", grant, AuditEvent.SUCCESS, requestId, clientIp);
    }

    /** A token is being issued for this authorization: false when no consent was recorded for it (or it was revoked). */
    boolean activate(String authorizationId) {
        return repository.activate(authorizationId, clock.instant());
    }

    private void audit(Member actor, String action, AgentGrant grant, String outcome, @Nullable String requestId,
            @Nullable String clientIp) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("client_id", grant.clientId());
        what.put("redirect_host", grant.redirectHost());
        what.put("scopes", grant.scopes().stream().sorted().toList());
        what.put("ad_accounts", grant.adAccounts());
        what.put("member", grant.member().toString());
        Instant now = clock.instant();
        events.publishEvent(new AuditEvent(actor.tenantId(), actor.email(), action, "agent", grant.authorizationId(),
                grant.clientName(), null, what, outcome, requestId, clientIp, now));
    }
}
