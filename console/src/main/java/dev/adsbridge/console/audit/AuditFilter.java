package dev.adsbridge.console.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What to look for in the audit log; null or blank fields match everything.
 *
 * @param actor part of the actor (case-insensitive)
 * @param action the action, or its prefix up to a dot ({@code campaign} matches {@code campaign.create})
 * @param target the target's id, or its type
 * @param outcome success, failure or denied
 * @param from inclusive
 * @param to exclusive
 */
public record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable String target,
        @Nullable String outcome, @Nullable Instant from, @Nullable Instant to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    public AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
        outcome = blankToNull(outcome);
        if (outcome != null && !AuditEvent.SUCCESS.equals(outcome) && !AuditEvent.FAILURE.equals(outcome)
                && !AuditEvent.DENIED.equals(outcome)) {
            throw new IllegalArgumentException("outcome must be success, failure or denied");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
