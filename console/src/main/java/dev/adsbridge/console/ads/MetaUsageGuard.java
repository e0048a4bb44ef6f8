package dev.adsbridge.console.ads;

import dev.adsbridge.console.ads.AdsException.Problem;
import dev.adsbridge.console.apikeys.SharedRedis;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Our back-off in front of Meta, from the usage the MCP server reports with each tool result. Past 90 % usage of an
 * ad account (its score or Business Use Case counters) the console stops sending that account's reads and
 * spend-increasing writes until Meta's regain-access time (or, without one, a short {@link #COOL_DOWN}), waiting up to
 * two seconds when that is near and otherwise failing fast with {@code meta_rate_limited}. The app-wide usage
 * ({@code X-App-Usage}) is kept once for the app, not per account, so it holds every account back only while Meta's
 * app-wide numbers are high. The latest reading always wins: a call whose usage is back under the threshold, or whose
 * regain-access time is over, lifts the block at once. Writes that only stop or lower spend never ask this guard
 * (see {@code AdsGateway.call(…, backOff)}).
 * Shared by all replicas: kept in Redis when configured and reachable ({@link SharedRedis}'s short timeout and circuit
 * breaker), else in the database ({@link MetaUsageRepository}), and in memory, per node, only while the database
 * fails too.
 */
@Component
class MetaUsageGuard {

    private static final Logger log = LoggerFactory.getLogger(MetaUsageGuard.class);
    static final double THRESHOLD = 90;
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /**
     * A high reading without a regain-access time (Meta is not blocking yet): hold back this long, then let the next
     * call through, whose reading decides again. Short, because Meta's scores decay within seconds.
     */
    static final Duration COOL_DOWN = Duration.ofSeconds(10);
    static final String APP = "app";

    /** One reading: the highest usage percentage and when access comes back. */
    record Reading(double percent, Instant resetAt) {
    }

    private final Clock clock;
    private final Map<String, Reading> local = new ConcurrentHashMap<>();
    private final SharedRedis redis;
    private final MetaUsageRepository database;

    MetaUsageGuard(Clock clock, SharedRedis redis, MetaUsageRepository database) {
        this.clock = clock;
        this.redis = redis;
        this.database = database;
    }

    /** Before a read or a spend-increasing call for the account: passes, waits briefly, or throws (429). */
    void beforeCall(String accountId) {
        check(accountId, read(accountId), false);
        check(accountId, read(APP), true);
    }

    private void check(String accountId, @Nullable Reading reading, boolean appWide) {
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
        String code = appWide ? "meta_app_rate_limited" : "meta_rate_limited";
        String sentence = appWide
                ? "Facebook's limit for this app is almost used up (" + Math.round(reading.percent()) + " %), so the "
                        + "console waits a moment before asking again. Pausing and lowering budgets still work."
                : "Facebook's limit for this ad account is almost used up (" + Math.round(reading.percent())
                        + " %), so the console waits a moment before asking again. Pausing and lowering budgets "
                        + "still work.";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ad_account_id", accountId);
        details.put("scope", appWide ? "app" : "ad_account");
        details.put("usage_pct", reading.percent());
        details.put("retry_after_seconds", seconds);
        throw new AdsException(Problem.RATE_LIMITED, code, sentence + " You can try again in " + duration(seconds)
                + ".", null, details, null, seconds);
    }

    /** "42 seconds", "5 minutes", "1 minute 30 seconds". */
    static String duration(long seconds) {
        long minutes = seconds / 60;
        long rest = seconds % 60;
        String m = minutes == 1 ? "1 minute" : minutes + " minutes";
        String s = rest == 1 ? "1 second" : rest + " seconds";
        return minutes == 0 ? s : rest == 0 ? m : m + " " + s;
    }

    /** After a call: records the usage the server reported (the account's, and the app's apart). */
    void record(String fallbackAccountId, JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        double percent = Math.max(usage.path("ad_account_util_pct").asDouble(0), usage.path("buc_max_pct").asDouble(0));
        long regain = usage.path("regain_access_seconds").asLong(0);
        String account = usage.path("account_id").asString(fallbackAccountId);
        if (account == null || account.isBlank()) {
            account = fallbackAccountId;
        }
        if (usage.has("ad_account_util_pct") || usage.has("buc_max_pct") || regain > 0) {
            record(account, percent, regain);
        }
        if (usage.has("app_call_count_pct")) {
            record(APP, usage.path("app_call_count_pct").asDouble(0), 0);
        }
    }

    /** Meta refused a call for the whole app (code 4): every account waits {@code regainSeconds}. */
    void recordAppBlock(long regainSeconds) {
        record(APP, 100, regainSeconds);
    }

    void record(String accountId, double percent, long regainSeconds) {
        Instant now = clock.instant();
        boolean blocking = percent >= THRESHOLD;
        Instant resetAt = now.plus(regainSeconds > 0 ? Duration.ofSeconds(regainSeconds)
                : blocking ? COOL_DOWN : Duration.ZERO);
        if (blocking) {
            log.info("Meta usage of {} is at {} %; reads and spend-increasing calls pause until {}",
                    APP.equals(accountId) ? "the app" : "ad account " + accountId, percent, resetAt);
        }
        long ttl = Math.max(1, Duration.between(now, resetAt).toSeconds() + 1);
        // Below the threshold the stored reading is deleted: the block lifts at once.
        if (redis.call("store Meta usage", connection -> blocking
                ? connection.sync().set(key(accountId), bytes(percent + "," + resetAt.toEpochMilli()),
                        SetArgs.Builder.ex(ttl))
                : connection.sync().del(key(accountId))).isPresent()) {
            return;
        }
        try {
            if (blocking) {
                database.put(accountId, percent, resetAt);
            } else {
                database.delete(accountId);
            }
            local.remove(accountId);
            return;
        } catch (RuntimeException e) {
            log.warn("Meta usage could not be stored in the database ({}); kept on this node",
                    e.getClass().getSimpleName());
        }
        if (blocking) {
            local.put(accountId, new Reading(percent, resetAt));
        } else {
            local.remove(accountId);
        }
    }

    void forget(String accountId) {
        local.remove(accountId);
        redis.call("forget Meta usage", connection -> connection.sync().del(key(accountId)));
        try {
            database.delete(accountId);
        } catch (RuntimeException e) {
            log.warn("Meta usage could not be deleted from the database ({})", e.getClass().getSimpleName());
        }
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
        try {
            return database.find(accountId).orElse(null);
        } catch (RuntimeException e) {
            // the database fails too: this node's own reading
        }
        Reading reading = local.get(accountId);
        if (reading != null && !reading.resetAt().isAfter(clock.instant())) {
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
