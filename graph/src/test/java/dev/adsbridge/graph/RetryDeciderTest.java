package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryDeciderTest {

    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofSeconds(30));
    // Jitter pinned at the top of its range makes the backoff ceiling observable.
    private final RetryDecider decider = new RetryDecider(POLICY, () -> 0.999999999);

    @Test
    void transient_read_backs_off_exponentially_up_to_the_max_delay() {
        assertThat(waitAfter(1, transientError())).hasValueSatisfying(d -> assertThat(d).isBetween(ms(199), ms(200)));
        assertThat(waitAfter(2, transientError())).hasValueSatisfying(d -> assertThat(d).isBetween(ms(399), ms(400)));
        assertThat(waitAfter(3, transientError())).hasValueSatisfying(d -> assertThat(d).isBetween(ms(799), ms(800)));

        RetryDecider patient = new RetryDecider(new RetryPolicy(20, ms(200), Duration.ofSeconds(5),
                Duration.ofMinutes(10)), () -> 0.999999999);
        assertThat(patient.delayBeforeNextAttempt(true, 10, transientError(), Duration.ZERO))
                .hasValueSatisfying(d -> assertThat(d).isBetween(ms(4999), ms(5000)));
    }

    @Test
    void full_jitter_can_pick_any_delay_down_to_zero() {
        RetryDecider lowJitter = new RetryDecider(POLICY, () -> 0.0);

        assertThat(lowJitter.delayBeforeNextAttempt(true, 3, transientError(), Duration.ZERO)).contains(Duration.ZERO);
    }

    @Test
    void writes_are_never_retried() {
        assertThat(decider.delayBeforeNextAttempt(false, 1, transientError(), Duration.ZERO)).isEmpty();
        assertThat(decider.delayBeforeNextAttempt(false, 1, rateLimit(Duration.ofSeconds(1)), Duration.ZERO)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {190, 102, 10, 200, 100, 2635, 368})
    void errors_that_repeat_identically_are_not_retried(int code) {
        GraphError error = new GraphError(400, code, null, "OAuthException", "x", null, null, null, null, false,
                Optional.empty());

        assertThat(waitAfter(1, error)).isEmpty();
    }

    @Test
    void gives_up_after_max_attempts() {
        assertThat(waitAfter(3, transientError())).isPresent();
        assertThat(waitAfter(4, transientError())).isEmpty();
    }

    @Test
    void rate_limit_waits_as_long_as_meta_says() {
        assertThat(waitAfter(1, rateLimit(Duration.ofSeconds(12)))).contains(Duration.ofSeconds(12));
    }

    @Test
    void rate_limit_without_a_hint_backs_off_like_a_transient_failure() {
        GraphError noHint = new GraphError(400, 4, null, "OAuthException", "(#4) Application request limit reached",
                null, null, null, null, false, Optional.empty());

        assertThat(waitAfter(2, noHint)).hasValueSatisfying(d -> assertThat(d).isBetween(ms(399), ms(400)));
    }

    @Test
    void rate_limit_whose_wait_exceeds_the_budget_fails_at_once() {
        assertThat(waitAfter(1, rateLimit(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void no_wait_may_end_after_the_total_time_budget() {
        assertThat(decider.delayBeforeNextAttempt(true, 1, rateLimit(Duration.ofSeconds(10)), Duration.ofSeconds(20)))
                .contains(Duration.ofSeconds(10));
        assertThat(decider.delayBeforeNextAttempt(true, 1, rateLimit(Duration.ofSeconds(10)), Duration.ofSeconds(21)))
                .isEmpty();
        assertThat(decider.delayBeforeNextAttempt(true, 1, transientError(), Duration.ofMillis(29_900))).isEmpty();
    }

    @Test
    void transient_failure_honours_a_longer_retry_after() {
        GraphError unavailable = transientError().withRetryAfter(Duration.ofSeconds(3));

        assertThat(waitAfter(1, unavailable)).contains(Duration.ofSeconds(3));
    }

    @Test
    void policy_none_never_retries() {
        RetryDecider none = new RetryDecider(RetryPolicy.none(), () -> 0.5);

        assertThat(none.delayBeforeNextAttempt(true, 1, transientError(), Duration.ZERO)).isEmpty();
    }

    private Optional<Duration> waitAfter(int attempts, GraphError error) {
        return decider.delayBeforeNextAttempt(true, attempts, error, Duration.ZERO);
    }

    private static GraphError transientError() {
        return new GraphError(500, 2, null, "OAuthException", "(#2) Service temporarily unavailable", null, null, null,
                null, true, Optional.empty());
    }

    private static GraphError rateLimit(Duration wait) {
        return new GraphError(400, 80004, null, "OAuthException", "(#80004) There have been too many calls", null,
                null, null, null, false, Optional.of(wait));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
