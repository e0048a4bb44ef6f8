package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.SealedToken;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Every change of a connection's state, each in one transaction with the event it publishes. */
@Component
class ConnectionLifecycle {

    private final ConnectionRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConnectionLifecycle(ConnectionRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /** A new or restored connection of any kind; {@code details} go to the audit log (no secrets). */
    @Transactional
    public void established(TenantId tenant, UUID id, String appId, String facebookUserId,
            @Nullable String facebookUserName, SealedToken token, List<String> scopes, @Nullable Instant expiresAt,
            @Nullable Instant dataAccessExpiresAt, boolean reconnected, MemberId actor, ConnectionKind kind,
            @Nullable String tokenType, @Nullable String mcpUrl, java.util.Map<String, Object> details) {
        repository.upsert(tenant, id, appId, facebookUserId, facebookUserName, token, scopes, expiresAt,
                dataAccessExpiresAt, clock.instant(), kind, tokenType, mcpUrl);
        events.publishEvent(new ConnectionEstablished(tenant, id, facebookUserId, scopes, reconnected, actor, kind,
                details));
    }

    @Transactional
    public void needsReconnect(TenantId tenant, UUID id, String reason, StatusCause cause) {
        if (repository.markNeedsReconnect(tenant, id, reason, cause, clock.instant())) {
            events.publishEvent(new ConnectionNeedsReconnect(tenant, id, reason));
        }
    }

    @Transactional
    public boolean revoke(TenantId tenant, UUID id, String reason, StatusCause cause, @Nullable String actor,
            MetaRevocation metaRevocation) {
        if (repository.revoke(tenant, id, reason, cause, clock.instant())) {
            events.publishEvent(new ConnectionRevoked(tenant, id, reason, actor, metaRevocation));
            return true;
        }
        return false;
    }

    /** A return from the dialog stored nothing (no transaction: nothing changed). */
    public void refused(TenantId tenant, MemberId actor, String problem) {
        events.publishEvent(new ConnectionRefused(tenant, actor, problem));
    }

    @Transactional
    public void erase(TenantId tenant, UUID id) {
        repository.delete(tenant, id);
        events.publishEvent(new ConnectionErased(tenant, id));
    }

    @Transactional
    public void expiringSoon(Connection connection, Instant expiresAt) {
        repository.markWarned(connection.tenantId(), connection.id(), expiresAt);
        events.publishEvent(new ConnectionExpiringSoon(connection.tenantId(), connection.id(),
                connection.displayName(), expiresAt));
    }
}
