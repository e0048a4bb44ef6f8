package dev.adsbridge.console.audit;

import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of a tenant's audit log, as stored.
 *
 * @param id the global row id
 * @param seq the row's position in the tenant's chain (1, 2, …): the "#n" users see, and the paging cursor
 * @param targetName the target's name when the writer knew it (rows written before V2_40 have none)
 * @param before the state before, as JSON text (null when not applicable)
 * @param after the state after, as JSON text (null when not applicable)
 * @param prevHash the previous row's hash ({@link #GENESIS} for the first row)
 * @param hash SHA-256 (hex) over this row's canonical fields and {@code prevHash}
 */
public record AuditEntry(long id, TenantId tenant, long seq, Instant at, String actor, String action,
        String targetType, String targetId, @Nullable String targetName, @Nullable String before, @Nullable String after, String outcome,
        @Nullable String requestId, @Nullable String clientIp, String prevHash, String hash) {

    /** The prev_hash of every tenant's first row. */
    public static final String GENESIS = "0".repeat(64);
}
