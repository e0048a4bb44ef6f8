package dev.adsbridge.sandbox.limits;

/** Calls counted in a fixed one-hour window that starts with the first call after the previous window ended. */
final class HourlyCounter {

    static final long HOUR_MILLIS = 3_600_000L;

    private long windowStart;
    private long count;
    private long quota = 1;

    synchronized void roll(long now) {
        if (now - windowStart >= HOUR_MILLIS || now < windowStart) {
            windowStart = now;
            count = 0;
        }
    }

    /** Counts one call unless that would go over {@code quota}; returns false (and counts nothing) when over. */
    synchronized boolean tryCount(long now, long quota, boolean enforced) {
        roll(now);
        this.quota = quota;
        if (enforced && count + 1 > quota) {
            return false;
        }
        count++;
        return true;
    }

    synchronized void preset(long now, long calls) {
        windowStart = now;
        count = calls;
    }

    synchronized long count(long now) {
        roll(now);
        return count;
    }

    /** The quota seen by the last charge (the header reports against it). */
    synchronized long quota() {
        return quota;
    }

    synchronized int percent(long now, long quota) {
        roll(now);
        return (int) Math.min(Integer.MAX_VALUE, count * 100 / Math.max(1, quota));
    }

    /** Whole minutes until the window ends, 0 while under the quota. */
    synchronized long minutesToRegain(long now, long quota) {
        roll(now);
        if (count < quota) {
            return 0;
        }
        long remaining = windowStart + HOUR_MILLIS - now;
        return Math.max(1, (remaining + 59_999) / 60_000);
    }
}
