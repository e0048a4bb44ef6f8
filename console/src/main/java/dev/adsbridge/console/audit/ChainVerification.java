package dev.adsbridge.console.audit;

import dev.adsbridge.console.tenancy.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * The result of walking one tenant's chain.
 *
 * @param rows how many rows were checked
 * @param brokenSeq the chain position of the first broken row (null when intact); for a missing tail, the position
 *     after the last row found
 * @param brokenId that row's id (null when the row is missing)
 * @param expected what the hash (or link) should be
 * @param actual what was found
 * @param problem in words
 */
public record ChainVerification(TenantId tenant, long rows, @Nullable Long brokenSeq, @Nullable Long brokenId,
        @Nullable String expected, @Nullable String actual, @Nullable String problem) {

    static ChainVerification intact(TenantId tenant, long rows) {
        return new ChainVerification(tenant, rows, null, null, null, null, null);
    }

    public boolean ok() {
        return problem == null;
    }

    /** One line for the CLI and the logs. */
    public String describe() {
        return ok() ? "tenant " + tenant + ": " + rows + " rows, chain verified"
                : "tenant " + tenant + ": BROKEN at #" + brokenSeq + (brokenId == null ? "" : " (id " + brokenId + ")")
                        + ": " + problem + " — expected " + expected + ", found " + actual;
    }
}
