package dev.adsbridge.console.apikeys;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) per tenant and per caller. In Redis when {@code adsbridge.console.rate-limits.redis-url} is
 * set, so the limits hold across replicas; in memory otherwise.
 */
@Component
class RateLimiter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final RateLimitProperties properties;
    private final BucketConfiguration tenantLimit;
    private final BucketConfiguration callerLimit;
    private final @Nullable RedisClient redis;
    private final @Nullable ProxyManager<byte[]> shared;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();

    RateLimiter(RateLimitProperties properties) {
        this.properties = properties;
        this.tenantLimit = limit(properties.tenantRequests(), properties.period());
        this.callerLimit = limit(properties.callerRequests(), properties.period());
        if (properties.redisUrl() != null) {
            redis = RedisClient.create(properties.redisUrl());
            shared = Bucket4jLettuce.casBasedBuilder(redis)
                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                            .basedOnTimeForRefillingBucketUpToMax(properties.period().plusSeconds(10)))
                    .build();
            log.info("API rate limits are shared through Redis");
        } else {
            redis = null;
            shared = null;
        }
    }

    boolean shared() {
        return shared != null;
    }

    /** Takes one request from the tenant's and the caller's buckets; the answer says how long to wait when empty. */
    @Nullable Long tryConsume(String tenantId, String callerId) {
        ConsumptionProbe tenant = bucket("t:" + tenantId, tenantLimit).tryConsumeAndReturnRemaining(1);
        if (!tenant.isConsumed()) {
            return seconds(tenant);
        }
        ConsumptionProbe caller = bucket("c:" + callerId, callerLimit).tryConsumeAndReturnRemaining(1);
        return caller.isConsumed() ? null : seconds(caller);
    }

    private Bucket bucket(String key, BucketConfiguration configuration) {
        if (shared != null) {
            return shared.builder().build(("adsbridge:rl:" + key).getBytes(StandardCharsets.UTF_8),
                    () -> configuration);
        }
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
    public void destroy() {
        if (redis != null) {
            redis.shutdown();
        }
    }

    @Override
    public String toString() {
        return "RateLimiter[" + properties + "]";
    }
}
