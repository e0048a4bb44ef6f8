package dev.adsbridge.console.tenancy;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A member (or an API key acting as one) was refused an action their role or key does not allow. Any module publishes
 * it where it refuses, before answering 403; the audit module records it with outcome {@code denied}. It lives here,
 * beside {@link Role}, so that modules the audit module itself listens to (connections, tenancy) can report refusals
 * without depending on it.
 *
 * @param actor how the audit log names who tried: a member's e-mail or {@code api-key:<id>}
 * @param action the action's stable dotted name, e.g. {@code team.invited}, {@code connection.disconnect}
 * @param targetType the kind of thing it was aimed at, e.g. {@code member}, {@code connection}, {@code api_key}
 * @param targetId its id (empty when there is none, e.g. an invitation not yet made)
 * @param targetName a name people recognise the target by, when known (an e-mail, a key's name)
 * @param attempted what was asked for (e.g. the role, the e-mail invited), or null
 * @param reason why it was refused, in words
 */
public record ActionDenied(TenantId tenantId, String actor, String action, String targetType, String targetId,
        @Nullable String targetName, java.util.@Nullable Map<String, Object> attempted, String reason) {

    public ActionDenied {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        targetId = targetId == null ? "" : targetId;
        Objects.requireNonNull(reason, "reason");
        attempted = attempted == null ? null
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attempted));
    }
}
