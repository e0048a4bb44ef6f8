package dev.adsbridge.console.ads;

import dev.adsbridge.console.tenancy.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Who asks, for one operation: the tenant, how the audit log names the actor, whether they may write (and if not,
 * why), and the request id and client address the audit log records. The web layer builds it from its own caller.
 */
public record AdsCaller(TenantId tenant, String actor, @Nullable WriteDenial writeDenial, String requestId,
        @Nullable String clientIp) {

    /** Why a caller may not write. */
    public enum WriteDenial {
        /** An API key with read scope. */
        READ_ONLY_KEY,
        /** A member whose role only reads. */
        READ_ONLY_ROLE
    }

    public boolean canWrite() {
        return writeDenial == null;
    }

    /** @throws AdsException {@code FORBIDDEN} when the caller may only read */
    public void requireWrite() {
        if (writeDenial == WriteDenial.READ_ONLY_KEY) {
            throw new AdsException(AdsException.Problem.FORBIDDEN, "api_key_read_only",
                    "This API key can only read. Create a read_write key in Settings to make changes.");
        }
        if (writeDenial == WriteDenial.READ_ONLY_ROLE) {
            throw new AdsException(AdsException.Problem.FORBIDDEN, "forbidden_role",
                    "Your role can only read: ask an owner or admin for this.");
        }
    }
}
