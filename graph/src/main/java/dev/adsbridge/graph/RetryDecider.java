package dev.adsbridge.graph;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** Decides whether and how long to wait before repeating a failed call, under a {@link RetryPolicy}. */
final class RetryDecider {

    // 2^30 × baseDelay is beyond any sensible maxDelay; capping the exponent avoids overflow.
    private static final int MAX_EXPONENT = 30;

    private final RetryPolicy policy;
    private final DoubleSupplier jitter;

    /**
     * @param jitter source of uniformly distributed values in [0, 1)
     */
    RetryDecider(RetryPolicy policy, DoubleSupplier jitter) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /**
     * The wait before the next attempt, or empty to give up and report {@code error}.
     *
     * @param safeRead     whether the call is a read that may be repeated (only GETs; never writes or batches)
     * @param attemptsMade attempts made so far, including the one that just failed (1 after the first failure)
     * @param elapsed      time since the first attempt started
     */
    Optional<Duration> delayBeforeNextAttempt(boolean safeRead, int attemptsMade, GraphError error, Duration elapsed) {
        if (!safeRead || attemptsMade >= policy.maxAttempts()) {
            return Optional.empty();
        }
        Duration wait;
        switch (error.category()) {
            case TRANSIENT -> wait = max(backoff(attemptsMade), error.retryAfter().orElse(Duration.ZERO));
            case RATE_LIMIT -> wait = error.retryAfter()
                    .filter(hint -> !hint.isZero() && !hint.isNegative())
                    .orElseGet(() -> backoff(attemptsMade));
            default -> {
                return Optional.empty();
            }
        }
        // Never start a wait that ends after the budget: the caller gets the error while it is still useful.
        if (elapsed.plus(wait).compareTo(policy.maxTotalTime()) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    /** Exponential backoff with full jitter: uniform in [0, min(maxDelay, baseDelay × 2^(attempt-1))]. */
    Duration backoff(int attemptsMade) {
        int exponent = Math.min(Math.max(attemptsMade - 1, 0), MAX_EXPONENT);
        long baseNanos = policy.baseDelay().toNanos();
        long ceilingNanos = baseNanos > (Long.MAX_VALUE >> exponent) ? Long.MAX_VALUE : baseNanos << exponent;
        long capNanos = Math.min(ceilingNanos, policy.maxDelay().toNanos());
        double fraction = Math.min(Math.max(jitter.getAsDouble(), 0.0), 1.0);
        return Duration.ofNanos((long) (capNanos * fraction));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
