package dev.adsbridge.sandbox.limits;

/**
 * One ad account's rate-limit state: the decaying score (reads 1 point, writes 3) with its block, and the hourly
 * Business Use Case counters. Guarded by its own monitor; cheap enough to take on every call.
 */
final class AccountUsage {

    private static final long ACTIVE_ADS_REFRESH_MILLIS = 60_000L;

    final HourlyCounter adsManagement = new HourlyCounter();
    final HourlyCounter adsInsights = new HourlyCounter();

    private double score;
    private long scoreAt;
    private long blockedUntil;
    private volatile int activeAds = -1;
    private volatile long activeAdsAt;

    HourlyCounter counter(String type) {
        return UsageLimits.ADS_INSIGHTS.equals(type) ? adsInsights : adsManagement;
    }

    /** Decays the score linearly: a full score (scoreMax) is gone after the tier's decay time. */
    private void decay(long now, Quotas quotas) {
        if (now > scoreAt) {
            double perMilli = (double) quotas.scoreMax() / (quotas.scoreDecaySeconds() * 1000.0);
            score = Math.max(0, score - (now - scoreAt) * perMilli);
        }
        scoreAt = now;
    }

    /**
     * Adds {@code cost} points, or throws 17/2446079 when blocked or when the points would go over the maximum
     * (which starts the block).
     */
    synchronized void chargeScore(long now, int cost, Quotas quotas, boolean enforced) {
        decay(now, quotas);
        if (enforced && blockedUntil > now) {
            throw RateLimitErrors.userRequestLimit(ceilSeconds(blockedUntil - now), quotas.tier());
        }
        if (enforced && score + cost > quotas.scoreMax()) {
            blockedUntil = now + quotas.blockSeconds() * 1000L;
            throw RateLimitErrors.userRequestLimit(quotas.blockSeconds(), quotas.tier());
        }
        score = Math.min(score + cost, quotas.scoreMax());
    }

    /** Takes back points charged for a call that was then refused by its Business Use Case quota. */
    synchronized void refund(int cost) {
        score = Math.max(0, score - cost);
    }

    synchronized double utilizationPct(long now, Quotas quotas) {
        decay(now, quotas);
        if (blockedUntil > now) {
            return 100;
        }
        return score * 100.0 / quotas.scoreMax();
    }

    /** Seconds until the block ends, or until the score has decayed to zero. */
    synchronized long resetSeconds(long now, Quotas quotas) {
        decay(now, quotas);
        if (blockedUntil > now) {
            return ceilSeconds(blockedUntil - now);
        }
        return (long) Math.ceil(score * quotas.scoreDecaySeconds() / quotas.scoreMax());
    }

    synchronized double score(long now, Quotas quotas) {
        decay(now, quotas);
        return score;
    }

    synchronized long blockedForSeconds(long now) {
        return blockedUntil > now ? ceilSeconds(blockedUntil - now) : 0;
    }

    synchronized void preset(long now, double points) {
        score = points;
        scoreAt = now;
        blockedUntil = 0;
    }

    boolean activeAdsStale(long now) {
        return activeAds < 0 || now - activeAdsAt >= ACTIVE_ADS_REFRESH_MILLIS || now < activeAdsAt;
    }

    void activeAds(int count, long now) {
        activeAds = count;
        activeAdsAt = now;
    }

    int activeAds() {
        return Math.max(0, activeAds);
    }

    private static long ceilSeconds(long millis) {
        return (millis + 999) / 1000;
    }
}
