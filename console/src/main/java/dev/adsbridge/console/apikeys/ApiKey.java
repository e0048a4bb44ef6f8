package dev.adsbridge.console.apikeys;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A tenant's API key as people see it: never the key itself, only its first characters. */
public record ApiKey(UUID id, String name, ApiKeyScope scope, String prefix, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
