package dev.adsbridge.console.vault;

import java.util.List;
import java.util.UUID;

/**
 * What one re-wrap pass did.
 *
 * @param primaryVersion the key version tokens were re-wrapped to
 * @param scanned        stored tokens read
 * @param rewrapped      tokens moved to the primary version
 * @param alreadyCurrent tokens already under the primary version (or newer)
 * @param changed        tokens whose row changed while being re-wrapped (the compare-and-set lost); a new seal of
 *                       them uses the primary version already, and a second pass catches any that did not
 * @param failed         connections whose token could not be re-wrapped (damaged, other provider, retired key)
 */
public record RotationReport(int primaryVersion, long scanned, long rewrapped, long alreadyCurrent, long changed,
        List<UUID> failed) {

    public RotationReport {
        failed = List.copyOf(failed);
    }

    /** Whether every stored token is now under the primary version. */
    public boolean complete() {
        return changed == 0 && failed.isEmpty();
    }

    public String summary() {
        return "key version " + primaryVersion + ": " + scanned + " tokens scanned, " + rewrapped + " re-wrapped, "
                + alreadyCurrent + " already current, " + changed + " changed meanwhile, " + failed.size() + " failed";
    }
}
