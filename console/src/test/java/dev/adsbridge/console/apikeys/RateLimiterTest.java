package dev.adsbridge.console.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Token buckets per tenant and per caller, in memory and in Redis (the local Redis at 127.0.0.1:6379). */
class RateLimiterTest {

    @Test
    void inMemoryTheCallerLimitAnswersWithAWait() {
        RateLimiter limiter = new RateLimiter(new RateLimitProperties(null, 100, 3, Duration.ofMinutes(1)));
        String tenant = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryConsume(tenant, "member:a")).isNull();
        }
        Long wait = limiter.tryConsume(tenant, "member:a");
        assertThat(wait).isNotNull().isBetween(1L, 61L);
        assertThat(limiter.tryConsume(tenant, "member:b")).as("another caller has its own bucket").isNull();
    }

    @Test
    void inRedisTheTenantLimitHoldsAcrossReplicas() {
        RateLimitProperties properties = new RateLimitProperties("redis://127.0.0.1:6379", 4, 100,
                Duration.ofMinutes(1));
        RateLimiter one = new RateLimiter(properties);
        RateLimiter two = new RateLimiter(properties);
        try {
            assertThat(one.shared()).isTrue();
            String tenant = UUID.randomUUID().toString();
            assertThat(one.tryConsume(tenant, "key:1")).isNull();
            assertThat(two.tryConsume(tenant, "key:2")).isNull();
            assertThat(one.tryConsume(tenant, "key:3")).isNull();
            assertThat(two.tryConsume(tenant, "key:4")).isNull();
            assertThat(one.tryConsume(tenant, "key:5")).isNotNull();
            assertThat(two.tryConsume(tenant, "key:6")).isNotNull();
        } finally {
            one.destroy();
            two.destroy();
        }
    }
}
