package dev.adsbridge.console.agents.oauth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;

/**
 * What an agent may register (RFC 7591, open registration): at least one redirect URI, each one {@link RedirectUris}
 * accepts; the grants authorization code and refresh token only, response type code; public clients ({@code none}) or
 * a client secret; scopes among {@code ads:read ads:write}; a client name of at most 100 printable characters. Anything
 * else is refused with {@code invalid_redirect_uri} or {@code invalid_client_metadata} and nothing is stored.
 */
final class ClientRegistrationRules implements Consumer<OAuth2ClientRegistrationAuthenticationContext> {

    private static final Set<String> GRANTS = Set.of("authorization_code", "refresh_token");
    private static final Set<String> METHODS = Set.of("none", "client_secret_basic", "client_secret_post");
    private static final Set<String> SCOPES = Set.of(McpResource.READ, McpResource.WRITE);

    @Override
    public void accept(OAuth2ClientRegistrationAuthenticationContext context) {
        OAuth2ClientRegistrationAuthenticationToken request = context.getAuthentication();
        OAuth2ClientRegistration registration = request.getClientRegistration();
        List<String> redirectUris = registration.getRedirectUris();
        if (redirectUris == null || redirectUris.isEmpty()) {
            throw refused(OAuth2ErrorCodes.INVALID_REDIRECT_URI, "redirect_uris is required.");
        }
        for (String uri : redirectUris) {
            Optional<String> problem = RedirectUris.problem(uri);
            if (problem.isPresent()) {
                throw refused(OAuth2ErrorCodes.INVALID_REDIRECT_URI, "The redirect URI " + uri + " " + problem.get()
                        + ".");
            }
        }
        if (registration.getGrantTypes() != null && !GRANTS.containsAll(registration.getGrantTypes())) {
            throw refused("invalid_client_metadata", "grant_types: only authorization_code and refresh_token.");
        }
        if (registration.getResponseTypes() != null && !Set.of("code").containsAll(registration.getResponseTypes())) {
            throw refused("invalid_client_metadata", "response_types: only code.");
        }
        String method = registration.getTokenEndpointAuthenticationMethod();
        if (method != null && !METHODS.contains(method)) {
            throw refused("invalid_client_metadata", "token_endpoint_auth_method: none, client_secret_basic or "
                    + "client_secret_post.");
        }
        if (registration.getScopes() != null && !SCOPES.containsAll(registration.getScopes())) {
            throw refused(OAuth2ErrorCodes.INVALID_SCOPE, "scope: ads:read and ads:write only.");
        }
        String name = registration.getClientName();
        if (name != null && (name.length() > 100 || name.chars().anyMatch(Character::isISOControl))) {
            throw refused("invalid_client_metadata", "client_name: at most 100 printable characters.");
        }
        if (registration.getJwkSetUrl() != null) {
            throw refused("invalid_client_metadata", "jwks_uri is not supported.");
        }
    }

    private static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description,
                "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2"));
    }
}
