package dev.adsbridge.console.audit;

import dev.adsbridge.console.apikeys.ApiKeyChanged;
import dev.adsbridge.console.apikeys.ApiKeys;
import dev.adsbridge.console.audit.internal.RequestOrigin;
import dev.adsbridge.console.connections.ConnectionErased;
import dev.adsbridge.console.connections.ConnectionEstablished;
import dev.adsbridge.console.connections.ConnectionNeedsReconnect;
import dev.adsbridge.console.connections.ConnectionRefused;
import dev.adsbridge.console.connections.ConnectionRevoked;
import dev.adsbridge.console.tenancy.ActionDenied;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.Role;
import dev.adsbridge.console.tenancy.Tenancy;
import dev.adsbridge.console.tenancy.TeamChanged;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns events into audit entries. The listeners run on the publishing thread (so the HTTP request's id and client
 * address are at hand) after the publisher's transaction commits, or at once when it published outside one
 * ({@code fallbackExecution}: failures are usually reported after a rolled-back or without any transaction). A
 * failure or denial published in a transaction that then rolls back is recorded too; a success is not (it did not
 * happen). The committed-phase listeners are tracked by the event publication registry, so an entry that could not be
 * written is retried after a restart.
 */
@Component
class AuditRecorder {

    private final AuditLog log;
    private final Tenancy tenancy;
    private final Clock clock;

    AuditRecorder(AuditLog log, Tenancy tenancy, Clock clock) {
        this.log = log;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(AuditEvent event) {
        log.append(withOrigin(event));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
    void onRolledBack(AuditEvent event) {
        if (!AuditEvent.SUCCESS.equals(event.outcome())) {
            log.append(withOrigin(event));
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ActionDenied event) {
        log.append(denied(event));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
    void onRolledBack(ActionDenied event) {
        log.append(denied(event));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ApiKeyChanged event) {
        String action = switch (event.change()) {
            case CREATED -> "api_key.create";
            case REVOKED -> "api_key.revoke";
        };
        log.append(withOrigin(new AuditEvent(event.tenantId(), event.actor(), action, "api_key",
                event.after().id().toString(), event.after().name(),
                event.before() == null ? null : ApiKeys.describe(event.before()), ApiKeys.describe(event.after()),
                AuditEvent.SUCCESS, event.requestId(), event.clientIp(), event.at())));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionEstablished event) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", "active");
        if (event.kind() != dev.adsbridge.console.connections.ConnectionKind.REMOTE_MCP) {
            after.put("facebook_user_id", event.facebookUserId());
            after.put("scopes", event.scopes());
        }
        after.putAll(event.details());
        record(event.tenantId(), actor(event.tenantId(), event.actor()),
                event.reconnected() ? "connection.reconnect" : "connection.connect", event.connectionId(),
                null, after);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionRevoked event) {
        String actor = event.actor() == null ? "meta" : memberActor(event.tenantId(), event.actor());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", "revoked");
        after.put("reason", event.reason());
        after.put("meta_revoked", event.metaRevocation().revokedOnMeta());
        after.put("meta_revocation", event.metaRevocation().auditValue());
        record(event.tenantId(), actor, event.actor() == null ? "connection.revoke" : "connection.disconnect",
                event.connectionId(), null, after);
    }

    /** A connect or reconnect that stored nothing: a failure entry with what the member was told. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionRefused event) {
        RequestOrigin.Origin origin = RequestOrigin.current();
        log.append(new AuditEvent(event.tenantId(), actor(event.tenantId(), event.actor()), "connection.connect",
                "connection", "", null, Map.of("problem", event.problem()), AuditEvent.FAILURE,
                origin.requestId(), origin.clientIp(), clock.instant()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionNeedsReconnect event) {
        record(event.tenantId(), "system", "connection.needs_reconnect", event.connectionId(),
                Map.of("status", "active"), Map.of("status", "needs_reconnect", "reason", event.reason()));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionErased event) {
        record(event.tenantId(), "meta", "connection.erase", event.connectionId(), null, null);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TeamChanged event) {
        String action = "team." + event.change().name().toLowerCase(Locale.ROOT);
        String targetType = switch (event.change()) {
            case INVITED, INVITATION_REVOKED -> "invitation";
            case JOINED, ROLE_CHANGED, REMOVED -> "member";
        };
        RequestOrigin.Origin origin = RequestOrigin.current();
        log.append(new AuditEvent(event.tenantId(), event.actor(), action, targetType, event.targetId(),
                event.memberEmail(), teamState(event.memberEmail(), event.roleBefore()), teamState(event.memberEmail(), event.roleAfter()),
                AuditEvent.SUCCESS, origin.requestId(), origin.clientIp(), clock.instant()));
    }

    private void record(TenantId tenant, String actor, String action, UUID connectionId,
            @Nullable Map<String, Object> before, @Nullable Map<String, Object> after) {
        RequestOrigin.Origin origin = RequestOrigin.current();
        log.append(new AuditEvent(tenant, actor, action, "connection", connectionId.toString(), before, after,
                AuditEvent.SUCCESS, origin.requestId(), origin.clientIp(), clock.instant()));
    }

    private static @Nullable Map<String, Object> teamState(String email, @Nullable Role role) {
        return role == null ? null : Map.of("email", email, "role", role.name().toLowerCase(Locale.ROOT));
    }

    private AuditEvent denied(ActionDenied event) {
        Map<String, Object> attempted = new LinkedHashMap<>();
        if (event.attempted() != null) {
            attempted.putAll(event.attempted());
        }
        attempted.put("reason", event.reason());
        return withOrigin(new AuditEvent(event.tenantId(), event.actor(), event.action(), event.targetType(),
                event.targetId(), event.targetName(), null, attempted, AuditEvent.DENIED, null, null,
                clock.instant()));
    }

    private static AuditEvent withOrigin(AuditEvent event) {
        if (event.requestId() != null && event.clientIp() != null) {
            return event;
        }
        RequestOrigin.Origin origin = RequestOrigin.current();
        return new AuditEvent(event.tenant(), event.actor(), event.action(), event.targetType(), event.targetId(),
                event.targetName(), event.before(), event.after(), event.outcome(),
                event.requestId() != null ? event.requestId() : origin.requestId(),
                event.clientIp() != null ? event.clientIp() : origin.clientIp(), event.at());
    }

    private String actor(TenantId tenant, MemberId member) {
        return tenancy.member(tenant, member).map(Member::email).orElse("member:" + member.value());
    }

    private String memberActor(TenantId tenant, String memberId) {
        try {
            return actor(tenant, new MemberId(UUID.fromString(memberId)));
        } catch (IllegalArgumentException notAnId) {
            return memberId;
        }
    }
}
