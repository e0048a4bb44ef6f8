package dev.adsbridge.console.apikeys;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per tenant and per caller, shared by every replica: in Redis when
 * {@code adsbridge.console.rate-limits.redis-url} is set and Redis answers ({@link SharedRedis} answers within its
 * short timeout and then skips Redis for a while, so an outage never stalls the API); otherwise in PostgreSQL
 * ({@link DatabaseBuckets}); in memory, per node, only on H2 (dev mode, one node) or while the database fails too.
 */
@Component
class RateLimiter {

    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final RateLimitProperties properties;
    private final BucketConfiguration tenantLimit;
    private final BucketConfiguration callerLimit;
    private final SharedRedis redis;
    private volatile @Nullable ProxyManager<byte[]> shared;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();

    private final DatabaseBuckets database;

    RateLimiter(RateLimitProperties properties, SharedRedis redis, DatabaseBuckets database) {
        this.properties = properties;
        this.redis = redis;
        this.database = database;
        this.tenantLimit = limit(properties.tenantRequests(), properties.period());
        this.callerLimit = limit(properties.callerRequests(), properties.period());
    }

    boolean shared() {
        return redis.configured() || database.available();
    }

    /** Takes one request from the tenant's and the caller's buckets; the answer says how long to wait when empty. */
    @Nullable Long tryConsume(String tenantId, String callerId) {
        // The caller's own bucket first: a caller past its limit must not go on draining its workspace's bucket,
        // which its other keys, agents and members share.
        ConsumptionProbe caller = consume("c:" + callerId, callerLimit);
        if (!caller.isConsumed()) {
            return seconds(caller);
        }
        ConsumptionProbe tenant = consume("t:" + tenantId, tenantLimit);
        return tenant.isConsumed() ? null : seconds(tenant);
    }

    /** Takes one from a bucket of its own ({@code capacity} per {@code period}); the seconds to wait when empty. */
    @Nullable Long tryConsume(String key, long capacity, Duration period) {
        ConsumptionProbe probe = consume(key, limit(capacity, period));
        return probe.isConsumed() ? null : seconds(probe);
    }

    private ConsumptionProbe consume(String key, BucketConfiguration configuration) {
        return redis.call("rate limit", connection -> proxies(connection).builder()
                        .build(("adsbridge:rl:" + key).getBytes(StandardCharsets.UTF_8), () -> configuration)
                        .tryConsumeAndReturnRemaining(1))
                .or(() -> database.tryConsume(key, configuration))
                .orElseGet(() -> localBucket(key, configuration).tryConsumeAndReturnRemaining(1));
    }

    private ProxyManager<byte[]> proxies(StatefulRedisConnection<byte[], byte[]> connection) {
        ProxyManager<byte[]> current = shared;
        if (current == null) {
            current = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(properties.period().plusSeconds(10)))
                    .build();
            shared = current;
        }
        return current;
    }

    private Bucket localBucket(String key, BucketConfiguration configuration) {
        if (local.size() > MAX_LOCAL_BUCKETS) {
            local.clear(); // a crude bound: forgetting buckets only ever allows more
        }
        return local.computeIfAbsent(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    }

    private static long seconds(ConsumptionProbe probe) {
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }

    private static BucketConfiguration limit(long requests, Duration period) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(requests).refillGreedy(requests, period).build())
                .build();
    }

    @Override
    public String toString() {
        return "RateLimiter[" + properties + "]";
    }
}
