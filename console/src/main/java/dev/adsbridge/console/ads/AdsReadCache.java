package dev.adsbridge.console.ads;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 * PostgreSQL), which every write raises.
 *
 * <p>An answer is served as it is for {@code adsbridge.console.read-cache.ttl} (default 30s; 0 turns the cache off).
 * After that, an answer that came with a validator (our MCP server gives one when the answer was made from one Graph
 * read with Meta's ETag) is kept for {@code adsbridge.console.read-cache.revalidate-for} (default 10m) and
 * revalidated: the same call goes out with the validator, Meta is asked with {@code If-None-Match}, and while Meta
 * answers 304 the kept answer is served again without its rows crossing the wire twice. Meta still counts the
 * revalidating read as a call; what it saves is the body and the work of reading it.
 */
@Component
public class AdsReadCache {

    /** {@code metaRows}: the answer has Meta's rows as sent (the pages' reads), else the server's defaults (agents'). */
    record Key(TenantId tenant, long generation, UUID connection, String tool, String arguments, boolean metaRows) {
    }

    record Entry(McpToolClient.ToolResult result, Instant fetchedAt) {
    }

    /** A kept answer: {@code fresh} ones are served as they are, the others only after revalidation. */
    record Held(Entry entry, boolean fresh) {

        /** The validator to revalidate a stale answer with. */
        String validator() {
            return entry.result().validator();
        }
    }

    /** When the oldest cached answer used by the current request was fetched from Meta (for the Age header). */
    private static final ThreadLocal<Instant> OLDEST_SERVED = new ThreadLocal<>();

    private final @Nullable Cache<Key, Entry> cache;
    private final ReadGenerations generations;
    private final Clock clock;
    private final Duration ttl;

    AdsReadCache(@Value("${adsbridge.console.read-cache.ttl:30s}") Duration ttl,
            @Value("${adsbridge.console.read-cache.revalidate-for:10m}") Duration revalidateFor,
            ReadGenerations generations, Clock clock) {
        this.generations = generations;
        this.clock = clock;
        this.ttl = ttl;
        Duration kept = revalidateFor.compareTo(ttl) > 0 ? revalidateFor : ttl;
        this.cache = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().maximumSize(20_000)
                        // Only an answer that can be revalidated is worth keeping past the TTL.
                        .expireAfter(Expiry.<Key, Entry>writing((key, entry) ->
                                entry.result().validator() == null ? ttl : kept))
                        .build();
    }

    boolean enabled() {
        return cache != null;
    }

    /** The key of a read as of now: the tenant's current read generation is part of it. */
    Key key(TenantId tenant, UUID connection, String tool, Map<String, ?> args, boolean metaRows) {
        return new Key(tenant, generations.current(tenant), connection, tool, AdsGateway.JSON.writeValueAsString(args),
                metaRows);
    }

    /** The answer kept for the key: fresh, or older but revalidatable; empty when there is none to use. */
    Optional<Held> get(Key key) {
        Entry entry = cache == null ? null : cache.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.instant().isBefore(entry.fetchedAt().plus(ttl))) {
            served(entry.fetchedAt());
            return Optional.of(new Held(entry, true));
        }
        return entry.result().validator() == null ? Optional.empty() : Optional.of(new Held(entry, false));
    }

    void put(Key key, McpToolClient.ToolResult result) {
        if (cache != null && !result.isError()) {
            cache.put(key, new Entry(result, clock.instant()));
        }
    }

    /** Meta confirmed a kept answer is current: it is fresh again, and served. */
    McpToolClient.ToolResult revalidated(Key key, Held held) {
        Instant now = clock.instant();
        if (cache != null) {
            cache.put(key, new Entry(held.entry().result(), now));
        }
        served(now);
        return held.entry().result();
    }

    /** The oldest cached answer the current thread's request was served, if any (see {@link #served}). */
    static Optional<Instant> oldestServed() {
        return Optional.ofNullable(OLDEST_SERVED.get());
    }

    /** Records that the current request was served an answer fetched (or confirmed by Meta) at {@code fetchedAt}. */
    static void served(Instant fetchedAt) {
        Instant oldest = OLDEST_SERVED.get();
        if (oldest == null || fetchedAt.isBefore(oldest)) {
            OLDEST_SERVED.set(fetchedAt);
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
