package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.ads.AdAccounts;
import dev.adsbridge.console.ads.ChosenAdAccount;
import dev.adsbridge.console.apikeys.RequestIds;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What happens when a member presses Allow on the consent screen: the scopes they kept ({@code ads:write} only when
 * their role writes; {@code ads:read} always with it) and the ad accounts they kept (some of the tenant's picked
 * accounts, at least one) are checked and recorded as the grant of this authorization ({@link AgentGrants}), which
 * the agent's tokens then carry. Deny (no scope) is left to Spring Authorization Server: it answers the agent
 * {@code access_denied}. Anything else refused goes back to the agent as an OAuth error, and nothing is recorded.
 */
@Component
class ConsentDecisions implements Consumer<OAuth2AuthorizationConsentAuthenticationContext> {

    static final String ACCOUNT_PARAMETER = "account";

    private final Tenancy tenancy;
    private final AdAccounts adAccounts;
    private final AgentGrants grants;
    private final Clock clock;

    ConsentDecisions(Tenancy tenancy, AdAccounts adAccounts, AgentGrants grants, Clock clock) {
        this.tenancy = tenancy;
        this.adAccounts = adAccounts;
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public void accept(OAuth2AuthorizationConsentAuthenticationContext context) {
        OAuth2AuthorizationConsentAuthenticationToken consent = context.getAuthentication();
        Set<String> scopes = consent.getScopes();
        if (scopes.isEmpty()) {
            return; // Deny
        }
        OAuth2AuthorizationRequest request = context.getAuthorizationRequest();
        Member member = member((Authentication) consent.getPrincipal())
                .orElseThrow(() -> refused(context, OAuth2ErrorCodes.ACCESS_DENIED, "The member is not signed in."));
        if (!scopes.contains(McpResource.READ)) {
            throw refused(context, OAuth2ErrorCodes.INVALID_SCOPE, "ads:read comes with every grant.");
        }
        if (scopes.contains(McpResource.WRITE) && !member.canWrite()) {
            throw refused(context, OAuth2ErrorCodes.INVALID_SCOPE, "Your role is read-only: ads:write cannot be "
                    + "granted.");
        }
        List<String> accounts = accounts(consent.getAdditionalParameters().get(ACCOUNT_PARAMETER));
        Set<String> picked = new LinkedHashSet<>(adAccounts.chosen(member.tenantId()).stream()
                .map(ChosenAdAccount::adAccountId).toList());
        if (accounts.isEmpty() || !picked.containsAll(accounts)) {
            throw refused(context, OAuth2ErrorCodes.INVALID_REQUEST, "Choose at least one of the workspace's ad "
                    + "accounts.");
        }
        String redirectUri = request.getRedirectUri() != null ? request.getRedirectUri()
                : context.getRegisteredClient().getRedirectUris().iterator().next();
        AgentGrant grant = new AgentGrant(context.getAuthorization().getId(), member.tenantId(), member.id(),
                context.getRegisteredClient().getClientId(), context.getRegisteredClient().getClientName(),
                RedirectUris.shownHost(redirectUri), scopes, accounts, clock.instant(), null);
        HttpServletRequest http = currentRequest();
        grants.consented(member, grant, http == null ? null : RequestIds.current(http),
                http == null ? null : http.getRemoteAddr());
    }

    /** The signed-in member behind the session's authentication (its name is the member's e-mail address). */
    Optional<Member> member(@Nullable Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return tenancy.signInAccount(authentication.getName())
                .flatMap(account -> tenancy.member(account.tenantId(), account.memberId()));
    }

    private static List<String> accounts(@Nullable Object value) {
        List<String> accounts = new ArrayList<>();
        if (value instanceof String one) {
            accounts.add(one);
        } else if (value instanceof String[] many) {
            accounts.addAll(List.of(many));
        }
        return accounts.stream().distinct().toList();
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException refused(
            OAuth2AuthorizationConsentAuthenticationContext context, String code, String description) {
        OAuth2AuthorizationRequest request = context.getAuthorizationRequest();
        OAuth2AuthorizationCodeRequestAuthenticationToken answer = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getAuthorizationUri(), request.getClientId(),
                (Authentication) context.getAuthentication().getPrincipal(), request.getRedirectUri(),
                request.getState(), request.getScopes(), null);
        return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(code, description, null),
                answer);
    }

    private static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
