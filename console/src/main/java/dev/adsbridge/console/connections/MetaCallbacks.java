package dev.adsbridge.console.connections;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.Secrets;
import dev.adsbridge.console.SqlTime;
import dev.adsbridge.graph.SignedRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Meta's server-to-server callbacks, both a form POST of {@code signed_request} signed with the app secret: deauthorize
 * (the user removed the app: revoke their connections) and data deletion (erase the user's data, answer a status URL).
 * They act across tenants, as Meta names only the (app-scoped) Facebook user.
 */
@Service
public class MetaCallbacks {

    private static final Logger log = LoggerFactory.getLogger(MetaCallbacks.class);

    /** What a data-deletion request answered and how it stands. */
    public record DeletionRequest(String confirmationCode, String statusUrl, Instant requestedAt,
            @Nullable Instant completedAt, int connectionsErased) {
    }

    private final ConnectionRepository repository;
    private final ConnectionLifecycle lifecycle;
    private final JdbcClient jdbc;
    private final ConsoleProperties.Meta meta;
    private final ConsoleUrls urls;
    private final Clock clock;

    MetaCallbacks(ConnectionRepository repository, ConnectionLifecycle lifecycle, JdbcClient jdbc,
            ConsoleProperties properties, ConsoleUrls urls, Clock clock) {
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.jdbc = jdbc;
        this.meta = properties.meta();
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * Revokes every connection of the signed request's user and erases their tokens.
     *
     * @return how many connections were revoked
     * @throws dev.adsbridge.graph.SignedRequestException when the signature or payload is not Meta's
     */
    public int deauthorize(@Nullable String signedRequest) {
        String userId = verifiedUser(signedRequest);
        List<Connection> connections = repository.allOfFacebookUser(appId(), userId);
        for (Connection connection : connections) {
            lifecycle.revoke(connection.tenantId(), connection.id(), "Removed on Facebook by the user: "
                    + connection.displayName() + " removed AdsBridge in their Facebook settings.",
                    StatusCause.REMOVED_ON_FACEBOOK, null, MetaRevocation.REMOVED_ON_FACEBOOK);
        }
        log.info("Deauthorize callback: {} connection(s) revoked", connections.size());
        return connections.size();
    }

    /**
     * Erases every connection of the signed request's user (token, scopes, ids; other modules erase what they hold on
     * {@link ConnectionErased}) and records a confirmation code whose status page is public.
     *
     * @throws dev.adsbridge.graph.SignedRequestException when the signature or payload is not Meta's
     */
    @Transactional
    public DeletionRequest dataDeletion(@Nullable String signedRequest) {
        String userId = verifiedUser(signedRequest);
        List<Connection> connections = repository.allOfFacebookUser(appId(), userId);
        for (Connection connection : connections) {
            lifecycle.erase(connection.tenantId(), connection.id());
        }
        String code = Secrets.random().substring(0, 24);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into data_deletion_requests (confirmation_code, requested_at, completed_at, connections_erased)
                values (?, ?, ?, ?)""")
                .params(code, SqlTime.of(now), SqlTime.of(now), connections.size())
                .update();
        log.info("Data-deletion callback: {} connection(s) erased", connections.size());
        return new DeletionRequest(code, statusUrl(code), now, now, connections.size());
    }

    /** The status behind a confirmation code, for the public status page. */
    public Optional<DeletionRequest> deletionStatus(String code) {
        return jdbc.sql("""
                select confirmation_code, requested_at, completed_at, connections_erased
                from data_deletion_requests where confirmation_code = ?""")
                .param(code)
                .query((rs, n) -> new DeletionRequest(rs.getString("confirmation_code"),
                        statusUrl(rs.getString("confirmation_code")), SqlTime.requiredInstant(rs, "requested_at"),
                        SqlTime.instant(rs, "completed_at"), rs.getInt("connections_erased")))
                .optional();
    }

    private String statusUrl(String code) {
        return urls.url("/deletion-status?code=" + code);
    }

    private String verifiedUser(@Nullable String signedRequest) {
        String secret = meta.appSecret();
        if (secret == null) {
            throw new IllegalStateException("Meta callbacks need the app secret (adsbridge.console.meta.app-secret)");
        }
        JsonNode payload = SignedRequest.parse(signedRequest, secret);
        requireFresh(payload.path("issued_at"));
        JsonNode userId = payload.path("user_id");
        String value = userId.isString() ? userId.asString() : userId.isNumber() ? userId.asString() : null;
        if (value == null || value.isBlank()) {
            throw new dev.adsbridge.graph.SignedRequestException("signed_request has no user_id");
        }
        return value;
    }

    /**
     * A signed request is only good for a short while: a captured one replayed later (or one dated ahead) is refused,
     * so a leaked callback cannot revoke or erase anything again.
     */
    private void requireFresh(JsonNode issuedAt) {
        if (!issuedAt.isIntegralNumber()) {
            throw new dev.adsbridge.graph.SignedRequestException("signed_request has no issued_at");
        }
        Instant issued = Instant.ofEpochSecond(issuedAt.asLong());
        Instant now = clock.instant();
        if (issued.isBefore(now.minus(meta.signedRequestMaxAge()))) {
            throw new dev.adsbridge.graph.SignedRequestException("signed_request is too old (issued_at)");
        }
        if (issued.isAfter(now.plus(meta.signedRequestClockSkew()))) {
            throw new dev.adsbridge.graph.SignedRequestException("signed_request is dated in the future (issued_at)");
        }
    }

    private String appId() {
        String appId = meta.appId();
        if (appId == null) {
            throw new IllegalStateException("Meta callbacks need the app id (adsbridge.console.meta.app-id)");
        }
        return appId;
    }
}
