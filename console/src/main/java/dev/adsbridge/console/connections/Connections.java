package dev.adsbridge.console.connections;

import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.SealedToken;
import dev.adsbridge.console.vault.TokenVault;
import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.graph.GraphException;
import dev.adsbridge.graph.MetaOAuth;
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
        Connection connection = get(tenant, id);
        if (!connection.active()) {
            throw new ConnectionUnavailableException(connection.needsReconnect()
                    ? "This connection needs a reconnect: " + connection.statusReason()
                    : "This connection was disconnected.");
        }
        SealedToken sealed = repository.sealedToken(tenant, id)
                .orElseThrow(() -> new ConnectionUnavailableException("This connection has no token."));
        return use.apply(vault.open(tenant, id, sealed));
    }

    @Transactional
    public void recordSuccessfulUse(TenantId tenant, UUID id) {
        repository.recordUse(tenant, id, clock.instant());
    }

    /** Meta refused the token: the connection needs a reconnect (publishes {@link ConnectionNeedsReconnect} once). */
    public void markNeedsReconnect(TenantId tenant, UUID id, String reason) {
        get(tenant, id);
        lifecycle.needsReconnect(tenant, id, reason);
    }

    /**
     * Revokes the app on Meta ({@code DELETE /me/permissions}) and erases the token. The token is erased even when Meta
     * cannot be reached; the answer says whether Meta confirmed.
     *
     * @return true when Meta confirmed the revocation (or the token was already dead there)
     */
    public boolean disconnect(Member actor, UUID id) {
        actor.requireWrite();
        Connection connection = get(actor.tenantId(), id);
        boolean revokedOnMeta = true;
        if (connection.active() || connection.needsReconnect()) {
            try {
                repository.sealedToken(actor.tenantId(), id)
                        .map(sealed -> vault.open(actor.tenantId(), id, sealed))
                        .ifPresent(oauth::revoke);
            } catch (GraphException e) {
                // An expired or revoked token is as good as revoked; anything else is reported to the user.
                revokedOnMeta = e.category() == ErrorCategory.AUTH;
                log.warn("Revoking connection {} on Meta failed: {}", id, e.getMessage());
            }
        }
        lifecycle.revoke(actor.tenantId(), id, "Disconnected by " + actor.name(), actor.id().toString());
        return revokedOnMeta;
    }
}
