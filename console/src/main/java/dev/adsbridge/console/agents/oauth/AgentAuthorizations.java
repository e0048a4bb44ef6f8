package dev.adsbridge.console.agents.oauth;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Authorizations (codes, access and refresh tokens) in {@code oauth2_authorization}, through Spring Authorization
 * Server's JDBC service. The signed-in member's session principal is stored by name only (the e-mail address, with
 * the authorities): the session's own principal class is identity's business, and the JSON column needs a type Spring
 * Security knows how to read back.
 */
final class AgentAuthorizations implements OAuth2AuthorizationService {

    private final JdbcOAuth2AuthorizationService jdbc;

    AgentAuthorizations(JdbcOperations jdbcOperations, RegisteredClientRepository clients) {
        this.jdbc = new JdbcOAuth2AuthorizationService(jdbcOperations, clients);
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Object principal = authorization.getAttribute(Principal.class.getName());
        if (principal instanceof Authentication signedIn && !(signedIn.getPrincipal() instanceof String)) {
            authorization = OAuth2Authorization.from(authorization)
                    .attribute(Principal.class.getName(), UsernamePasswordAuthenticationToken.authenticated(
                            signedIn.getName(), null, signedIn.getAuthorities()))
                    .build();
        }
        jdbc.save(authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.remove(authorization);
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return jdbc.findById(id);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        return jdbc.findByToken(token, tokenType);
    }
}
