package dev.adsbridge.console.ads;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A short-lived cache of successful read tool calls, so a marketer clicking around does not spend the ad account's Meta
 * rate limit on answers the console fetched seconds ago. Keyed by tenant, connection, tool and arguments: one tenant's
 * answer never serves another. Errors are never cached. Our own writes ({@link AdsChanged}), on any replica, make the
 * tenant's entries unusable at once: each key carries the tenant's read generation ({@link ReadGenerations}, in
 * PostgreSQL), which every write raises. {@code adsbridge.console.read-cache.ttl} (default 30s; 0 turns it off).
 * There is no ETag revalidation: the MCP tools do not pass {@code If-None-Match} through, so an entry lives for the
 * TTL only.
 */
@Component
public class AdsReadCache {

    record Key(TenantId tenant, long generation, UUID connection, String tool, String arguments) {
    }

    record Entry(McpToolClient.ToolResult result, Instant fetchedAt) {
    }

    /** When the oldest cached answer used by the current request was fetched from Meta (for the Age header). */
    private static final ThreadLocal<Instant> OLDEST_SERVED = new ThreadLocal<>();

    private final @Nullable Cache<Key, Entry> cache;
    private final ReadGenerations generations;
    private final Clock clock;

    AdsReadCache(@Value("${adsbridge.console.read-cache.ttl:30s}") Duration ttl, ReadGenerations generations,
            Clock clock) {
        this.generations = generations;
        this.clock = clock;
        this.cache = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(20_000).build();
    }

    boolean enabled() {
        return cache != null;
    }

    /** The key of a read as of now: the tenant's current read generation is part of it. */
    Key key(TenantId tenant, UUID connection, String tool, Map<String, ?> args) {
        return new Key(tenant, generations.current(tenant), connection, tool, AdsGateway.JSON.writeValueAsString(args));
    }

    Optional<McpToolClient.ToolResult> get(Key key) {
        Entry entry = cache == null ? null : cache.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        Instant oldest = OLDEST_SERVED.get();
        if (oldest == null || entry.fetchedAt().isBefore(oldest)) {
            OLDEST_SERVED.set(entry.fetchedAt());
        }
        return Optional.of(entry.result());
    }

    void put(Key key, McpToolClient.ToolResult result) {
        if (cache != null && !result.isError()) {
            cache.put(key, new Entry(result, clock.instant()));
        }
    }

    /**
     * A write reached Meta: every replica's cached reads of the tenant are outdated from now on (their keys name the
     * old generation; they expire with the TTL).
     */
    @EventListener
    void on(AdsChanged changed) {
        if (cache != null) {
            generations.raise(changed.tenant());
        }
    }

    /** Starts a request: forgets what the thread's previous request was served from the cache. */
    public static void startRequest() {
        OLDEST_SERVED.remove();
    }

    /** Seconds since the oldest cached answer the current request used was fetched; empty when none was cached. */
    public static Optional<Long> ageSeconds(Instant now) {
        Instant oldest = OLDEST_SERVED.get();
        return oldest == null ? Optional.empty()
                : Optional.of(Math.max(0, Duration.between(oldest, now).toSeconds()));
    }
}
