package dev.adsbridge.console.audit;

import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something worth recording in the tenant's audit log. Publish it with Spring's {@code ApplicationEventPublisher}, in
 * or outside a transaction: the audit module records it (in its own transaction, after the publisher's commits; right
 * away when there is none, so failures are recorded too).
 *
 * @param tenant the tenant the action belongs to
 * @param actor who did it: a member's email, {@code api-key:<id>}, {@code system} or {@code meta} (callbacks)
 * @param action a stable dotted name, e.g. {@code campaign.create}, {@code campaign.status}, {@code connection.revoke}
 * @param targetType the kind of thing acted on, e.g. {@code campaign}, {@code connection}, {@code member}
 * @param targetId its id (may be empty when there is none yet, e.g. a failed create)
 * @param targetName a name people know the target by (a campaign's name, a member's e-mail), when the writer knows
 *     it; null otherwise
 * @param before the relevant state before (null when not applicable)
 * @param after the relevant state after, or what was sent (null when not applicable)
 * @param outcome {@link #SUCCESS}, {@link #FAILURE} or {@link #DENIED}
 * @param requestId the request id of the HTTP request (may be null for background jobs)
 * @param clientIp the client's IP address (may be null for background jobs)
 * @param at when it happened
 */
public record AuditEvent(
        TenantId tenant,
        String actor,
        String action,
        String targetType,
        String targetId,
        @Nullable String targetName,
        @Nullable Map<String, Object> before,
        @Nullable Map<String, Object> after,
        String outcome,
        @Nullable String requestId,
        @Nullable String clientIp,
        Instant at) {

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String DENIED = "denied";

    /** An event without a target name. */
    public AuditEvent(TenantId tenant, String actor, String action, String targetType, String targetId,
            @Nullable Map<String, Object> before, @Nullable Map<String, Object> after, String outcome,
            @Nullable String requestId, @Nullable String clientIp, Instant at) {
        this(tenant, actor, action, targetType, targetId, null, before, after, outcome, requestId, clientIp, at);
    }

    /** The same event with the target's name (kept when {@code name} is null or blank). */
    public AuditEvent withTargetName(@Nullable String name) {
        return name == null || name.isBlank() ? this
                : new AuditEvent(tenant, actor, action, targetType, targetId, name, before, after, outcome, requestId,
                        clientIp, at);
    }

    public AuditEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        targetId = targetId == null ? "" : targetId;
        targetName = targetName == null || targetName.isBlank() ? null : targetName;
        Objects.requireNonNull(outcome, "outcome");
        if (!SUCCESS.equals(outcome) && !FAILURE.equals(outcome) && !DENIED.equals(outcome)) {
            throw new IllegalArgumentException("outcome must be success, failure or denied: " + outcome);
        }
        Objects.requireNonNull(at, "at");
        before = before == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
        after = after == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
    }
}
