package dev.adsbridge.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard {@link GraphClient} tries again after a failed <em>safe read</em> (GET). Writes and batches are never retried.
 *
 * <p>Delays grow exponentially from {@code baseDelay} up to {@code maxDelay} with full jitter; a rate-limit error waits
 * for the time Meta says it needs instead. No retry is started whose wait would end after {@code maxTotalTime} from the
 * first attempt: the call fails with the last error instead.
 *
 * @param maxAttempts  total attempts including the first (1 = no retries)
 * @param baseDelay    upper bound of the first backoff delay
 * @param maxDelay     upper bound of any backoff delay (a rate-limit wait announced by Meta may be longer)
 * @param maxTotalTime time budget for the whole call, counted from the first attempt
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotalTime) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        requireNotNegative(baseDelay, "baseDelay");
        requireNotNegative(maxDelay, "maxDelay");
        requireNotNegative(maxTotalTime, "maxTotalTime");
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than baseDelay " + baseDelay);
        }
    }

    /** 4 attempts, 200 ms base delay, 5 s max delay, 30 s budget. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** A single attempt: every failure is reported at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
