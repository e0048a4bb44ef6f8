package dev.adsbridge.console.agents.oauth;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The agents known to the authorization server, in {@code oauth2_registered_client}: clients registered dynamically
 * (RFC 7591), and clients whose {@code client_id} is the URL of their metadata document, fetched on first use and
 * again after {@code client-metadata.refresh-after} (stored like any other client, so that their authorizations keep
 * resolving). Every agent gets the same rules: authorization code with PKCE and refresh tokens only, the scopes
 * {@code ads:read} and {@code ads:write}, consent every time, short-lived opaque access tokens, refresh tokens that
 * rotate on every use.
 */
final class AgentClients implements RegisteredClientRepository {

    private static final Logger log = LoggerFactory.getLogger(AgentClients.class);
    static final String FETCHED_AT = "adsbridge.client-metadata.fetched-at";

    private final JdbcRegisteredClientRepository jdbc;
    private final ClientMetadataDocuments documents;
    private final OAuthProperties properties;

    AgentClients(JdbcOperations jdbcOperations, ClientMetadataDocuments documents, OAuthProperties properties) {
        this.jdbc = new JdbcRegisteredClientRepository(jdbcOperations);
        this.documents = documents;
        this.properties = properties;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        jdbc.save(registeredClient);
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return jdbc.findById(id);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        if (!ClientMetadataDocuments.isDocumentUrl(clientId)) {
            return jdbc.findByClientId(clientId);
        }
        RegisteredClient known = jdbc.findByClientId(clientId);
        if (known != null && !stale(known)) {
            return known;
        }
        ClientMetadataDocuments.ClientDocument document;
        try {
            document = documents.fetch(clientId);
        } catch (ClientMetadataDocuments.DocumentRefused refused) {
            log.info("Client metadata document of {} refused: {}", clientId, refused.getMessage());
            return null;
        }
        RegisteredClient client = withAgentRules(RegisteredClient
                .withId(known != null ? known.getId() : "cimd-" + UUID.randomUUID())
                .clientId(clientId)
                .clientIdIssuedAt(known != null ? known.getClientIdIssuedAt() : Instant.now())
                .clientName(document.clientName())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .redirectUris(uris -> uris.addAll(document.redirectUris())), properties)
                .clientSettings(settings(Instant.now()))
                .build();
        try {
            jdbc.save(client);
        } catch (DataIntegrityViolationException raced) {
            // Another request stored the same document at the same moment: use theirs.
            return jdbc.findByClientId(clientId);
        }
        return client;
    }

    private boolean stale(RegisteredClient known) {
        Object fetchedAt = known.getClientSettings().getSetting(FETCHED_AT);
        if (!(fetchedAt instanceof String text)) {
            return true;
        }
        try {
            return Instant.parse(text).plus(properties.clientMetadata().refreshAfter()).isBefore(Instant.now());
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }

    /** The rules every agent gets, whatever it asked for at registration. */
    static RegisteredClient.Builder withAgentRules(RegisteredClient.Builder client, OAuthProperties properties) {
        return client
                .authorizationGrantTypes(types -> {
                    types.clear();
                    types.add(AuthorizationGrantType.AUTHORIZATION_CODE);
                    types.add(AuthorizationGrantType.REFRESH_TOKEN);
                })
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.add(McpResource.READ);
                    scopes.add(McpResource.WRITE);
                })
                .clientSettings(settings(null))
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshTokenTtl())
                        .authorizationCodeTimeToLive(properties.authorizationCodeTtl())
                        .reuseRefreshTokens(false)
                        .build());
    }

    private static ClientSettings settings(@Nullable Instant fetchedAt) {
        ClientSettings.Builder settings = ClientSettings.builder().requireProofKey(true)
                .requireAuthorizationConsent(true);
        if (fetchedAt != null) {
            settings.setting(FETCHED_AT, fetchedAt.toString());
        }
        return settings.build();
    }
}
