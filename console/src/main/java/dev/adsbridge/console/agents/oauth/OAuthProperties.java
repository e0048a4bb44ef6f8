package dev.adsbridge.console.agents.oauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The authorization server of {@code /mcp} ({@code adsbridge.console.oauth.*}).
 *
 * @param accessTokenTtl      lifetime of an access token (opaque; checked against the database on every call)
 * @param refreshTokenTtl     lifetime of a refresh token; every refresh issues a new one and retires the old one
 * @param authorizationCodeTtl lifetime of an authorization code
 * @param registrationsPerHour dynamic client registrations per client address and hour (per console node)
 * @param clientMetadata      how client ID metadata documents are fetched
 */
@ConfigurationProperties("adsbridge.console.oauth")
public record OAuthProperties(
        @DefaultValue("10m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("2m") Duration authorizationCodeTtl,
        @DefaultValue("20") int registrationsPerHour,
        @DefaultValue ClientMetadata clientMetadata) {

    public OAuthProperties {
        if (accessTokenTtl.toSeconds() < 60 || refreshTokenTtl.compareTo(accessTokenTtl) <= 0
                || authorizationCodeTtl.toSeconds() < 10) {
            throw new IllegalArgumentException("adsbridge.console.oauth: access-token-ttl must be at least 1m, "
                    + "refresh-token-ttl longer than it, authorization-code-ttl at least 10s");
        }
        if (registrationsPerHour < 1) {
            throw new IllegalArgumentException("adsbridge.console.oauth.registrations-per-hour must be at least 1");
        }
    }

    /**
     * Client ID metadata documents: a {@code client_id} that is an https URL names a JSON document with the client's
     * name and redirect URIs, fetched by the console.
     *
     * @param allowHttp              also fetch {@code http://} client ids (tests and dev only)
     * @param allowPrivateAddresses  also fetch from loopback, private and link-local addresses (tests and dev only)
     * @param timeout                connect and read timeout of one fetch
     * @param maxBytes               a larger document is refused
     * @param refreshAfter           a fetched document is used this long, then fetched again
     */
    public record ClientMetadata(
            @DefaultValue("false") boolean allowHttp,
            @DefaultValue("false") boolean allowPrivateAddresses,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("16384") int maxBytes,
            @DefaultValue("1h") Duration refreshAfter) {
    }
}
