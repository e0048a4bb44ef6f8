package dev.adsbridge.sandbox.insights;

import java.time.LocalDate;
import java.util.function.DoubleSupplier;

/**
 * The deterministic delivery of every ad: for each (ad, day) a vector of {@link Metric}s drawn from
 * (seed, ad id, date). An ad's series covers the days from its creation to the last day it could have delivered and is
 * generated once, on first use, as a compact {@code int[]} (12 ints a day: ~5 MB per 100,000 ad-days) kept with the
 * ad's {@link AdStates.AdState} and extended day by day; which of those
 * days count, and how much of a partial first or last day, is decided per request by {@link DeliveryWindows}.
 *
 * <p>An ad's size is its share of its ad set's daily budget (or of its campaign's, split over the ad sets) at the
 * ad's cost per thousand impressions and pacing. A day's volume = that size × weekday and month seasonality × a learning ramp over its first three days ×
 * log-normal noise; the funnel below it (reach, clicks, link clicks, landing-page views, add-to-cart, checkout, result)
 * is drawn with each step bounded by the previous one, and CTR decays slowly with the ad's age (creative fatigue).
 */
final class DeliveryModel {

    private static final double[] WEEKDAY = {1.00, 1.02, 1.03, 1.01, 0.97, 0.90, 0.88};
    private static final double[] MONTH = {0.90, 0.88, 0.95, 0.97, 1.00, 0.98, 0.96, 0.98, 1.00, 1.05, 1.20, 1.25};

    /** One ad's generated days. {@code values[(day - firstDay) * Metric.COUNT + metric]}. */
    record Series(AdProfile profile, String currency, long firstDay, long lastDay, int[] values) {

        boolean covers(long from, long to) {
            return from >= firstDay && to <= lastDay;
        }

        int value(long day, int metric) {
            return values[(int) (day - firstDay) * Metric.COUNT + metric];
        }

        int offset(long day) {
            return (int) (day - firstDay) * Metric.COUNT;
        }
    }

    private final long seed;

    DeliveryModel(long seed) {
        this.seed = seed;
    }

    /**
     * A series of the ad covering at least {@code firstDay..lastDay} (its creation day must be {@code firstDay}):
     * {@code existing} when it already does, else {@code existing} extended (days already generated are kept) or a
     * new one.
     *
     * @param dailyBudget the ad's share of its daily budget in minor units (NaN: none), asked only for a new profile
     */
    Series series(Series existing, String adId, ObjectiveKind kind, String currency, long firstDay, long lastDay,
                  DoubleSupplier dailyBudget) {
        boolean sameAd = existing != null && existing.profile().kind() == kind
                && existing.currency().equals(currency) && existing.firstDay() == firstDay;
        if (sameAd && existing.lastDay() >= lastDay) {
            return existing;
        }
        AdProfile profile = sameAd ? existing.profile() : AdProfile.of(seed, adId, kind, currency,
                dailyBudget.getAsDouble());
        int days = (int) Math.max(0, lastDay - firstDay + 1);
        int[] values = new int[days * Metric.COUNT];
        int kept = sameAd ? Math.min(days, (int) (existing.lastDay() - firstDay + 1)) : 0;
        if (kept > 0) {
            System.arraycopy(existing.values(), 0, values, 0, kept * Metric.COUNT);
        }
        for (int i = kept; i < days; i++) {
            generateDay(profile, firstDay + i, i, values, i * Metric.COUNT);
        }
        return new Series(profile, currency, firstDay, lastDay, values);
    }

    static void generateDay(AdProfile p, long day, int ageDays, int[] out, int offset) {
        SeededHash.Draws draws = new SeededHash.Draws(SeededHash.combine(p.hash(), day));
        int weekday = (int) Math.floorMod(day + 3, 7);
        double month = MONTH[LocalDate.ofEpochDay(day).getMonthValue() - 1];
        double ramp = ageDays == 0 ? 0.35 : ageDays == 1 ? 0.65 : ageDays == 2 ? 0.85 : 1.0;
        double noise = Math.exp(0.22 * draws.gaussian());
        long impressions = draws.round(p.impressionsPerDay() * WEEKDAY[weekday] * month * ramp * noise);
        if (impressions <= 0) {
            for (int m = 0; m < Metric.COUNT; m++) {
                out[offset + m] = 0;
            }
            return;
        }
        double fatigue = 1.0 / (1.0 + ageDays / 365.0 * p.fatigue());
        long reach = clamp(draws.round(impressions / (p.frequency() * draws.between(0.92, 1.12))), 1, impressions);
        long clicks = Math.min(impressions, draws.round(impressions * p.ctr() * fatigue * draws.between(0.8, 1.2)));
        long linkClicks = Math.min(clicks, draws.round(clicks * p.linkShare()));
        long spend = draws.round(impressions * p.cpmMinor() * draws.between(0.85, 1.15) / 1000.0);
        long landing = Math.min(linkClicks, draws.round(linkClicks * p.landingRate()));
        long reactions = Math.min(clicks, draws.round(impressions * p.reactionRate() * draws.between(0.7, 1.3)));
        long videos = Math.min(impressions, draws.round(impressions * p.videoRate() * draws.between(0.7, 1.3)));
        long carts = 0;
        long checkouts = 0;
        long results = 0;
        long value = 0;
        switch (p.kind()) {
            case SALES -> {
                carts = Math.min(landing, draws.round(landing * p.cartRate() * draws.between(0.7, 1.3)));
                checkouts = Math.min(carts, draws.round(carts * p.checkoutRate()));
                results = Math.min(checkouts, draws.round(checkouts * p.resultRate()));
                value = draws.round(results * p.orderValueMinor() * draws.between(0.8, 1.25));
            }
            case LEADS -> results = Math.min(landing, draws.round(landing * p.resultRate() * draws.between(0.7, 1.3)));
            case APP_PROMOTION ->
                    results = Math.min(linkClicks, draws.round(linkClicks * p.resultRate() * draws.between(0.7, 1.3)));
            default -> {
            }
        }
        out[offset + Metric.IMPRESSIONS.ordinal()] = toInt(impressions);
        out[offset + Metric.REACH.ordinal()] = toInt(reach);
        out[offset + Metric.CLICKS.ordinal()] = toInt(clicks);
        out[offset + Metric.INLINE_LINK_CLICKS.ordinal()] = toInt(linkClicks);
        out[offset + Metric.SPEND.ordinal()] = toInt(spend);
        out[offset + Metric.LANDING_PAGE_VIEWS.ordinal()] = toInt(landing);
        out[offset + Metric.POST_REACTIONS.ordinal()] = toInt(reactions);
        out[offset + Metric.VIDEO_VIEWS.ordinal()] = toInt(videos);
        out[offset + Metric.ADD_TO_CART.ordinal()] = toInt(carts);
        out[offset + Metric.INITIATE_CHECKOUT.ordinal()] = toInt(checkouts);
        out[offset + Metric.RESULTS.ordinal()] = toInt(results);
        out[offset + Metric.RESULT_VALUE.ordinal()] = toInt(value);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    private static int toInt(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
