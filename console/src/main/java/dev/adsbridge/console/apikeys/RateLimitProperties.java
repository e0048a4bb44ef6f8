package dev.adsbridge.console.apikeys;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * REST API rate limits ({@code adsbridge.console.rate-limits.*}): token buckets per tenant and per caller (member or
 * API key), refilled over {@code period}. With {@code redisUrl} the buckets (and the Meta usage the ads module keeps
 * per ad account) live in Redis and hold across replicas; otherwise in memory.
 *
 * @param redisUrl        e.g. {@code redis://127.0.0.1:6379}
 * @param tenantRequests  requests per period for a whole tenant
 * @param callerRequests  requests per period for one member or key
 * @param period          the refill period
 * @param redisTimeout    connect, handshake and command timeout for Redis; past it the node uses its own buckets
 * @param redisRetryAfter after a Redis failure, how long to use the per-node buckets before trying Redis again
 */
@ConfigurationProperties("adsbridge.console.rate-limits")
public record RateLimitProperties(
        @Nullable String redisUrl,
        @DefaultValue("1200") long tenantRequests,
        @DefaultValue("600") long callerRequests,
        @DefaultValue("1m") Duration period,
        @DefaultValue("300ms") Duration redisTimeout,
        @DefaultValue("10s") Duration redisRetryAfter) {

    public RateLimitProperties {
        if (redisTimeout.isNegative() || redisTimeout.isZero() || redisRetryAfter.isNegative()) {
            throw new IllegalArgumentException("adsbridge.console.rate-limits.redis-timeout must be positive and "
                    + "redis-retry-after not negative");
        }
        redisUrl = redisUrl == null || redisUrl.isBlank() ? null : redisUrl.strip();
        if (tenantRequests < 1 || callerRequests < 1) {
            throw new IllegalArgumentException("adsbridge.console.rate-limits.*-requests must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "RateLimitProperties[redisUrl=" + (redisUrl == null ? "null" : "***") + ", tenantRequests="
                + tenantRequests + ", callerRequests=" + callerRequests + ", period=" + period + ", redisTimeout=" + redisTimeout + ", redisRetryAfter="
                + redisRetryAfter + "]";
    }
}
