package dev.adsbridge.console.connections;

import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.SealedToken;
import dev.adsbridge.console.vault.TokenVault;
import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.graph.GraphException;
import dev.adsbridge.graph.MetaOAuth;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's connections: read them, use a token, report that Meta refused one, disconnect. */
@Service
public class Connections {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    private final ConnectionRepository repository;
    private final TokenVault vault;
    private final MetaOAuth oauth;
    private final ConnectionLifecycle lifecycle;
    private final Clock clock;

    Connections(ConnectionRepository repository, TokenVault vault, MetaOAuth oauth, ConnectionLifecycle lifecycle,
            Clock clock) {
        this.repository = repository;
        this.vault = vault;
        this.oauth = oauth;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public List<Connection> all(TenantId tenant) {
        return repository.all(tenant);
    }

    /** @throws NotFoundException (404) when the tenant has no such connection */
    public Connection get(TenantId tenant, UUID id) {
        return repository.find(tenant, id).orElseThrow(() -> new NotFoundException("Connection"));
    }

    /**
     * Runs {@code use} with the connection's decrypted token; the token exists in plaintext only for that call. Does
     * not record success: call {@link #recordSuccessfulUse} or {@link #markNeedsReconnect} with what Meta answered.
     *
     * @throws NotFoundException              when the tenant has no such connection
     * @throws ConnectionUnavailableException when the connection needs a reconnect or was revoked
     */
    public <T> T withToken(TenantId tenant, UUID id, Function<String, T> use) {
        Connection connection = usable(tenant, id);
        if (connection.remoteMcp()) {
            throw new ConnectionUnavailableException("This connection goes through a hosted MCP server: AdsBridge "
                    + "holds no Facebook token for it.");
        }
        return use.apply(secret(tenant, id));
    }

    /**
     * Runs {@code use} with where the connection's MCP calls go: the console's own MCP server with the Meta token, or
     * the hosted MCP server with its credential ({@link ConnectionKind#REMOTE_MCP}). The secret exists in plaintext
     * only for that call.
     *
     * @throws NotFoundException              when the tenant has no such connection
     * @throws ConnectionUnavailableException when the connection needs a reconnect or was revoked
     */
    public <T> T withMcp(TenantId tenant, UUID id, Function<McpRoute, T> use) {
        Connection connection = usable(tenant, id);
        String secret = secret(tenant, id);
        return use.apply(new McpRoute(connection.remoteMcp() ? URI.create(String.valueOf(connection.mcpUrl()))
                : null, secret));
    }

    private Connection usable(TenantId tenant, UUID id) {
        Connection connection = get(tenant, id);
        if (!connection.active()) {
            throw new ConnectionUnavailableException(connection.needsReconnect()
                    ? "This connection needs a reconnect: " + connection.statusReason()
                    : "This connection was disconnected.");
        }
        return connection;
    }

    private String secret(TenantId tenant, UUID id) {
        SealedToken sealed = repository.sealedToken(tenant, id)
                .orElseThrow(() -> new ConnectionUnavailableException("This connection has no token."));
        return vault.open(tenant, id, sealed);
    }

    @Transactional
    public void recordSuccessfulUse(TenantId tenant, UUID id) {
        repository.recordUse(tenant, id, clock.instant());
    }

    /** Meta refused the token: the connection needs a reconnect (publishes {@link ConnectionNeedsReconnect} once). */
    public void markNeedsReconnect(TenantId tenant, UUID id, String reason) {
        get(tenant, id);
        lifecycle.needsReconnect(tenant, id, reason, StatusCause.REFUSED_BY_META);
    }

    /**
     * Whether disconnecting would revoke the app on Meta: false when another connection (in any workspace, not
     * revoked) uses the same Facebook user, whose access would go too. For the confirmation step.
     *
     * @throws NotFoundException when the tenant has no such connection
     */
    public boolean disconnectRevokesOnMeta(Member actor, UUID id) {
        actor.requireWrite();
        Connection connection = get(actor.tenantId(), id);
        return !connection.revoked() && !connection.remoteMcp() && !repository.facebookUserUsedElsewhere(connection.metaAppId(),
                connection.facebookUserId(), id);
    }

    /**
     * Erases the token and, when no other connection (any workspace, not revoked) uses the same Facebook user, revokes
     * the app on Meta ({@code DELETE /me/permissions}); Meta's authorization is per Facebook user, so revoking it while
     * another workspace uses that user would cut that workspace off. The token is erased even when Meta cannot be
     * reached. Disconnects of one Facebook user are serialised across tenants (their connection rows locked for this
     * transaction, Meta's answer included), so two simultaneous disconnects cannot both skip the revocation.
     *
     * @return what became of the authorization on Meta (also in the {@link ConnectionRevoked} event and the audit log)
     */
    @Transactional
    public MetaRevocation disconnect(Member actor, UUID id) {
        actor.requireWrite();
        Connection found = get(actor.tenantId(), id);
        repository.lockFacebookUser(found.metaAppId(), found.facebookUserId());
        Connection connection = get(actor.tenantId(), id);
        if (connection.revoked()) {
            return MetaRevocation.NOT_NEEDED;
        }
        MetaRevocation outcome;
        if (connection.remoteMcp()) {
            outcome = MetaRevocation.NO_FACEBOOK_TOKEN;
        } else if (repository.facebookUserUsedElsewhere(connection.metaAppId(), connection.facebookUserId(), id)) {
            outcome = MetaRevocation.KEPT_FOR_OTHER_CONNECTIONS;
        } else {
            outcome = revokeOnMeta(actor.tenantId(), id);
        }
        String reason = "Disconnected by " + actor.name() + (outcome == MetaRevocation.NO_FACEBOOK_TOKEN
                ? "; the hosted MCP server's credential was erased."
                : outcome == MetaRevocation.KEPT_FOR_OTHER_CONNECTIONS
                ? "; Facebook access stays for other workspaces using this Facebook account."
                : outcome.revokedOnMeta() ? "; Facebook access was revoked." : "; Facebook did not confirm the "
                        + "revocation.");
        lifecycle.revoke(actor.tenantId(), id, reason, StatusCause.DISCONNECTED, actor.id().toString(), outcome);
        return outcome;
    }

    private MetaRevocation revokeOnMeta(TenantId tenant, UUID id) {
        try {
            return repository.sealedToken(tenant, id)
                    .map(sealed -> vault.open(tenant, id, sealed))
                    .map(token -> {
                        oauth.revoke(token);
                        return MetaRevocation.REVOKED;
                    })
                    .orElse(MetaRevocation.NOT_CONFIRMED);
        } catch (GraphException e) {
            // 190/458: the app is already removed for this user, as good as revoked. Any other refusal (an expired
            // token cannot revoke) or failure leaves the authorization in place on Meta.
            boolean alreadyRemoved = e.category() == ErrorCategory.AUTH && Integer.valueOf(458).equals(
                    e.error().subcode());
            log.warn("Revoking connection {} on Meta failed: code {} subcode {}", id, e.error().code(),
                    e.error().subcode());
            return alreadyRemoved ? MetaRevocation.REVOKED : MetaRevocation.NOT_CONFIRMED;
        }
    }
}
