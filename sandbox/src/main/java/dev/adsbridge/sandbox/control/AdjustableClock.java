package dev.adsbridge.sandbox.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's clock: the configured clock plus an offset that {@code POST /_sandbox/clock} moves forward, so tests
 * can expire codes and tokens or let rate-limit blocks pass without waiting.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicLong offsetMillis;

    public AdjustableClock(Clock base) {
        this(base, new AtomicLong());
    }

    private AdjustableClock(Clock base, AtomicLong offsetMillis) {
        this.base = base;
        this.offsetMillis = offsetMillis;
    }

    public void advance(Duration duration) {
        offsetMillis.addAndGet(duration.toMillis());
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(base.withZone(zone), offsetMillis);
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis.get();
    }
}
