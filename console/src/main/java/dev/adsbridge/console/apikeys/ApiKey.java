package dev.adsbridge.console.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's API key as people see it: never the key itself, only its first characters.
 *
 * @param purpose    what it is for: the REST API, or AI agents at {@code /mcp} (agent keys are refused by the API)
 * @param adAccounts the ad accounts ({@code act_…}) an agent key is limited to; empty for all the tenant chose
 * @param expiresAt  when the key stops working, or null for never
 */
public record ApiKey(UUID id, String name, ApiKeyScope scope, String prefix, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant revokedAt, ApiKeyPurpose purpose, List<String> adAccounts,
        @Nullable Instant expiresAt) {

    public ApiKey {
        adAccounts = List.copyOf(adAccounts);
    }

    /** A REST API key without limits. */
    public ApiKey(UUID id, String name, ApiKeyScope scope, String prefix, Instant createdAt,
            @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
        this(id, name, scope, prefix, createdAt, lastUsedAt, revokedAt, ApiKeyPurpose.API, List.of(), null);
    }

    public boolean active() {
        return revokedAt == null;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
