package dev.adsbridge.console.agents.oauth;

import java.util.Collections;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Resource indicators (RFC 8707): this authorization server issues tokens for one resource, the console's {@code /mcp}.
 * An authorization or token request whose {@code resource} names anything else is refused with {@code
 * invalid_target}; every access token's audience is {@code /mcp} (absent {@code resource} means it too), and {@code
 * /mcp} accepts only tokens with that audience. A token is issued only for an authorization a member consented to
 * ({@link AgentGrants}), and not after it was revoked.
 */
@Component
class ResourceIndicators {

    static final String RESOURCE = "resource";
    static final String INVALID_TARGET = "invalid_target";

    private final McpResource resource;
    private final AgentGrants grants;

    ResourceIndicators(McpResource resource, AgentGrants grants) {
        this.resource = resource;
        this.grants = grants;
    }

    /** Checks the {@code resource} of an authorization request. */
    Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> authorizationRequests() {
        return context -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            if (!acceptable(request.getAdditionalParameters().get(RESOURCE))) {
                throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                        new OAuth2Error(INVALID_TARGET, notOurs(), null), request);
            }
        };
    }

    /** Binds access tokens to {@code /mcp}; refuses a token request for another resource, or without a grant. */
    OAuth2TokenCustomizer<OAuth2TokenClaimsContext> accessTokens() {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            Map<String, Object> parameters = context.getAuthorizationGrant()
                    instanceof OAuth2AuthorizationGrantAuthenticationToken grant ? grant.getAdditionalParameters()
                    : Map.of();
            if (!acceptable(parameters.get(RESOURCE))) {
                throw new OAuth2AuthenticationException(new OAuth2Error(INVALID_TARGET, notOurs(), null));
            }
            if (context.getAuthorization() == null || !grants.activate(context.getAuthorization().getId())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                        "This authorization was not consented to, or was revoked.", null));
            }
            // A list type the authorization's JSON column can read back.
            context.getClaims().audience(Collections.singletonList(resource.resource()));
        };
    }

    private boolean acceptable(@Nullable Object requested) {
        return requested == null || requested instanceof String one && resource.isThisResource(one);
    }

    private String notOurs() {
        return "This server issues tokens only for the resource " + resource.resource() + ".";
    }
}
