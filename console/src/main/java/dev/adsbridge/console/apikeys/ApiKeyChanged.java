package dev.adsbridge.console.apikeys;

import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An API key was created or revoked (published by {@link ApiKeys}; the audit module records it).
 *
 * @param actor the e-mail address of the member who did it
 * @param before the key before the change (null for a create)
 * @param after the key after it
 */
public record ApiKeyChanged(TenantId tenantId, Change change, String actor, @Nullable ApiKey before, ApiKey after,
        @Nullable String requestId, @Nullable String clientIp, Instant at) {

    public enum Change {
        CREATED, REVOKED
    }
}
