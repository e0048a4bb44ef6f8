package dev.adsbridge.console.apikeys;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * The API's rate limits (per tenant and per caller) as one call: charged before every {@code /api/v1/**} handler,
 * except handlers marked {@link ChargedByHandler}, which charge only requests that can raise spend — pausing,
 * archiving and lowering a budget are never limited by us.
 */
@Component
public class ApiRateLimits {

    /** The handler charges {@link ApiRateLimits#charge(ApiCaller)} itself, only when the request can raise spend. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface ChargedByHandler {
    }

    private final RateLimiter limiter;

    ApiRateLimits(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /**
     * Takes one request from the tenant's bucket and the bucket {@code callerId} (e.g. an agent's credential) for
     * callers outside the REST API (the tenant MCP endpoint); the answer is the seconds to wait when one is empty.
     */
    public @org.jspecify.annotations.Nullable Long tryCharge(dev.adsbridge.console.tenancy.TenantId tenant,
            String callerId) {
        return limiter.tryConsume(tenant.toString(), callerId);
    }

    /**
     * Takes one request from a bucket outside the API's own ({@code key}, e.g. agents' client registrations per
     * address), shared by every replica like the API's buckets; the answer is the seconds to wait when it is empty.
     */
    public @org.jspecify.annotations.Nullable Long tryCharge(String key, long capacity, java.time.Duration period) {
        return limiter.tryConsume(key, capacity, period);
    }

    /** @throws ApiException 429 {@code rate_limited} (with Retry-After) when the caller's or tenant's bucket is empty */
    public void charge(ApiCaller caller) {
        Long wait = limiter.tryConsume(caller.tenant().toString(), caller.bucketId());
        if (wait != null) {
            throw new ApiException(429, "rate_limited", "Too many requests were made in a short time. You can try "
                    + "again in " + wait + (wait == 1 ? " second." : " seconds."), null,
                    java.util.Map.of("title", "Too many requests", "next_step", "Wait a moment, then try again.",
                            "retry_after_seconds", wait), null, wait);
        }
    }
}
