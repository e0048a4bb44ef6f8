package dev.adsbridge.console.tenancy;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Role checks that leave a trace: a refused member is reported as {@link ActionDenied} (the audit log records it with
 * outcome denied) before the usual {@link AccessDeniedException} (HTTP 403).
 */
@Component
public class AccessChecks {

    private final ApplicationEventPublisher events;

    AccessChecks(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** @throws AccessDeniedException for analysts, after reporting the attempt */
    public void requireWrite(Member actor, String action, String targetType, @Nullable String targetId,
            @Nullable String targetName, @Nullable Map<String, Object> attempted) {
        if (!actor.canWrite()) {
            events.publishEvent(new ActionDenied(actor.tenantId(), actor.email(), action, targetType,
                    targetId == null ? "" : targetId, targetName, attempted, "Analysts have read-only access."));
        }
        actor.requireWrite();
    }

    /** @throws AccessDeniedException for everyone but owners, after reporting the attempt */
    public void requireTeamManagement(Member actor, String action, String targetType, @Nullable String targetId,
            @Nullable String targetName, @Nullable Map<String, Object> attempted) {
        if (!actor.canManageTeam()) {
            events.publishEvent(new ActionDenied(actor.tenantId(), actor.email(), action, targetType,
                    targetId == null ? "" : targetId, targetName, attempted, "Only owners manage the team."));
        }
        actor.requireTeamManagement();
    }

    /** Reports a refusal decided elsewhere (e.g. an API key asking for what only people signed in may do). */
    public void report(ActionDenied denied) {
        events.publishEvent(denied);
    }
}
