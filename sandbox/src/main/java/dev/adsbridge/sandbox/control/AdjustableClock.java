package dev.adsbridge.sandbox.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's clock: the configured clock plus an offset that {@code POST /_sandbox/clock} moves forward, so tests
 * can expire codes and tokens or let rate-limit blocks pass without waiting. Dev mode keeps the offset in the world
 * file, so a clock moved forward stays moved across a restart.
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

    /** Puts back the offset a kept world was saved with (a fresh clock's offset is zero). */
    public void restoreOffset(Duration offset) {
        if (offset.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward: offset " + offset);
        }
        offsetMillis.set(offset.toMillis());
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
