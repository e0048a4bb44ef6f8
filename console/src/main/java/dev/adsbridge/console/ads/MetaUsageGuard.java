package dev.adsbridge.console.ads;

import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.apikeys.SharedRedis;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Meta's recent usage per ad account, as the MCP server reports it with each tool result: past 90 % the console stops
 * calling for that account until Meta's reset (waiting up to two seconds when the reset is that near, else failing
 * fast with {@code meta_rate_limited}), so the app backs off before Meta blocks it. Kept in Redis when configured
 * (shared by all replicas), else in memory, and in memory too while Redis is unreachable ({@link SharedRedis}'s short
 * timeout and circuit breaker).
 */
@Component
class MetaUsageGuard {

    private static final Logger log = LoggerFactory.getLogger(MetaUsageGuard.class);
    static final double THRESHOLD = 90;
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** A high reading without a reset time holds this long. */
    static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);
    static final Duration KEEP = Duration.ofMinutes(5);

    /** One reading: the highest usage percentage and when access comes back. */
    record Reading(double percent, Instant resetAt) {
    }

    private final Clock clock;
    private final Map<String, Reading> local = new ConcurrentHashMap<>();
    private final SharedRedis redis;

    MetaUsageGuard(Clock clock, SharedRedis redis) {
        this.clock = clock;
        this.redis = redis;
    }

    /** Before a call for the account: passes, waits briefly, or throws 429 {@code meta_rate_limited}. */
    void beforeCall(String accountId) {
        Reading reading = read(accountId);
        if (reading == null || reading.percent() < THRESHOLD) {
            return;
        }
        Duration left = Duration.between(clock.instant(), reading.resetAt());
        if (left.isNegative() || left.isZero()) {
            return;
        }
        if (left.compareTo(MAX_WAIT) <= 0) {
            try {
                Thread.sleep(left.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        long seconds = Math.max(1, left.toSeconds() + (left.toMillisPart() > 0 ? 1 : 0));
        throw new ApiException(429, "meta_rate_limited", "Meta's limit for ad account " + accountId + " is almost "
                + "used up (" + Math.round(reading.percent()) + " %). To avoid being blocked by Meta we pause calls "
                + "for this account: try again in " + seconds + " seconds.", null,
                Map.of("ad_account_id", accountId, "usage_pct", reading.percent()), null, seconds);
    }

    /** After a call: records the usage the server reported, when it did. */
    void record(String fallbackAccountId, JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        double percent = Math.max(usage.path("ad_account_util_pct").asDouble(0),
                Math.max(usage.path("app_call_count_pct").asDouble(0), usage.path("buc_max_pct").asDouble(0)));
        long regain = usage.path("regain_access_seconds").asLong(0);
        String account = usage.path("account_id").asString(fallbackAccountId);
        if (account == null || account.isBlank()) {
            account = fallbackAccountId;
        }
        record(account, percent, regain);
    }

    void record(String accountId, double percent, long regainSeconds) {
        Instant now = clock.instant();
        Instant resetAt = now.plus(regainSeconds > 0 ? Duration.ofSeconds(regainSeconds)
                : percent >= THRESHOLD ? DEFAULT_COOL_DOWN : Duration.ZERO);
        Reading reading = new Reading(percent, resetAt);
        if (percent >= THRESHOLD) {
            log.info("Meta usage of ad account {} is at {} %; calls pause until {}", accountId, percent, resetAt);
        }
        if (redis.call("store Meta usage", connection -> connection.sync().set(key(accountId),
                bytes(percent + "," + resetAt.toEpochMilli()), SetArgs.Builder.ex(KEEP.toSeconds()))).isPresent()) {
            return;
        }
        local.put(accountId, reading);
    }

    void forget(String accountId) {
        local.remove(accountId);
        redis.call("forget Meta usage", connection -> connection.sync().del(key(accountId)));
    }

    private @Nullable Reading read(String accountId) {
        if (redis.configured()) {
            // Empty string: Redis answered "no reading"; absent: Redis skipped or failed, so the local reading.
            java.util.Optional<String> stored = redis.call("read Meta usage", connection -> {
                byte[] value = connection.sync().get(key(accountId));
                return value == null ? "" : new String(value, StandardCharsets.UTF_8);
            });
            if (stored.isPresent()) {
                if (stored.get().isEmpty()) {
                    return null;
                }
                try {
                    String[] parts = stored.get().split(",");
                    return new Reading(Double.parseDouble(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])));
                } catch (RuntimeException e) {
                    log.warn("Unreadable Meta usage in Redis for ad account {}", accountId);
                    return null;
                }
            }
        }
        Reading reading = local.get(accountId);
        if (reading != null && reading.resetAt().plus(KEEP).isBefore(clock.instant())) {
            local.remove(accountId);
            return null;
        }
        return reading;
    }

    private static byte[] key(String accountId) {
        return bytes("adsbridge:meta-usage:" + accountId);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
