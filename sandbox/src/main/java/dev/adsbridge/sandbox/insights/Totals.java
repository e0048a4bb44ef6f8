package dev.adsbridge.sandbox.insights;

import java.util.function.IntToLongFunction;

/**
 * Layout of an aggregated metric vector (a row, a breakdown cell). The first ten slots mirror {@link Metric}; the
 * objective-specific RESULTS of each ad land in the slot of its kind, so an account row can hold purchases, leads and
 * installs of different campaigns side by side. Each ad's own result (by its ad set's optimization goal) and its spend
 * also land in the slots of its {@link ResultType}, so a row over ad sets with different goals keeps one result per
 * indicator, and breakdown cells and days add up to their row exactly.
 */
final class Totals {

    static final int IMPRESSIONS = 0;
    /** Sum of daily reach: not a reach itself, the input to deduplication and to splitting reach across cells. */
    static final int DAILY_REACH = 1;
    static final int CLICKS = 2;
    static final int INLINE_LINK_CLICKS = 3;
    static final int SPEND = 4;
    static final int LANDING_PAGE_VIEWS = 5;
    static final int POST_REACTIONS = 6;
    static final int VIDEO_VIEWS = 7;
    static final int ADD_TO_CART = 8;
    static final int INITIATE_CHECKOUT = 9;
    static final int PURCHASES = 10;
    static final int PURCHASE_VALUE = 11;
    static final int LEADS = 12;
    static final int APP_INSTALLS = 13;
    static final int REGISTRATIONS = 14;
    /** Then per {@link ResultType}: its result count and the spend of its ads (see {@link ResultType#countSlot}). */
    static final int RESULTS_BASE = 15;
    static final int SIZE = RESULTS_BASE + 2 * ResultType.ALL.length;

    private Totals() {
    }

    /** Adds one (ad, day or range) metric vector into {@code totals}, routing conversions and the ad's result. */
    static void add(long[] totals, long[] metrics, ResultType.Route route) {
        for (int m = 0; m <= Metric.INITIATE_CHECKOUT.ordinal(); m++) {
            totals[m] += metrics[m];
        }
        addConversions(totals, metrics[Metric.RESULTS.ordinal()], metrics[Metric.RESULT_VALUE.ordinal()], route);
        if (route.result() != null) {
            totals[route.result().countSlot()] += route.count(m -> metrics[m]);
            totals[route.result().spendSlot()] += metrics[Metric.SPEND.ordinal()];
        }
    }

    /**
     * As {@link #add} for column {@code column} of a metric-major matrix ({@code metrics[metric][column]}), reading
     * only the metrics in the bit set {@code present}.
     */
    static void addColumn(long[] totals, long[][] metrics, int present, int column, ResultType.Route route) {
        for (int m = 0; m <= Metric.INITIATE_CHECKOUT.ordinal(); m++) {
            if ((present & (1 << m)) != 0) {
                totals[m] += metrics[m][column];
            }
        }
        IntToLongFunction metric = m -> (present & (1 << m)) != 0 ? metrics[m][column] : 0;
        addConversions(totals, metric.applyAsLong(Metric.RESULTS.ordinal()),
                metric.applyAsLong(Metric.RESULT_VALUE.ordinal()), route);
        if (route.result() != null) {
            totals[route.result().countSlot()] += route.count(metric);
            totals[route.result().spendSlot()] += metric.applyAsLong(Metric.SPEND.ordinal());
        }
    }

    private static void addConversions(long[] totals, long results, long value, ResultType.Route route) {
        switch (route.conversion()) {
            case PURCHASE -> {
                totals[PURCHASES] += results;
                totals[PURCHASE_VALUE] += value;
            }
            case LEAD -> totals[LEADS] += results;
            case APP_INSTALL -> totals[APP_INSTALLS] += results;
            case COMPLETE_REGISTRATION -> totals[REGISTRATIONS] += results;
            case NONE -> {
            }
        }
    }

    static void addAll(long[] totals, long[] other) {
        for (int i = 0; i < SIZE; i++) {
            totals[i] += other[i];
        }
    }
}
