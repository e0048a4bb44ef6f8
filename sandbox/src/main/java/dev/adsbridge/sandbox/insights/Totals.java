package dev.adsbridge.sandbox.insights;

/**
 * Layout of an aggregated metric vector (a row, a breakdown cell). The first ten slots mirror {@link Metric}; the
 * objective-specific RESULTS of each ad land in the slot of its kind, so an account row can hold purchases, leads and
 * installs of different campaigns side by side.
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
    static final int SIZE = 14;

    private Totals() {
    }

    /** Adds one (ad, day or range) metric vector into {@code totals}, routing results by objective kind. */
    static void add(long[] totals, long[] metrics, ObjectiveKind kind) {
        for (int m = 0; m <= Metric.INITIATE_CHECKOUT.ordinal(); m++) {
            totals[m] += metrics[m];
        }
        long results = metrics[Metric.RESULTS.ordinal()];
        if (results != 0 || metrics[Metric.RESULT_VALUE.ordinal()] != 0) {
            switch (kind) {
                case SALES -> {
                    totals[PURCHASES] += results;
                    totals[PURCHASE_VALUE] += metrics[Metric.RESULT_VALUE.ordinal()];
                }
                case LEADS -> totals[LEADS] += results;
                case APP_PROMOTION -> totals[APP_INSTALLS] += results;
                default -> {
                }
            }
        }
    }

    /**
     * As {@link #add} for column {@code column} of a metric-major matrix ({@code metrics[metric][column]}), reading
     * only the metrics in the bit set {@code present}.
     */
    static void addColumn(long[] totals, long[][] metrics, int present, int column, ObjectiveKind kind) {
        for (int m = 0; m <= Metric.INITIATE_CHECKOUT.ordinal(); m++) {
            if ((present & (1 << m)) != 0) {
                totals[m] += metrics[m][column];
            }
        }
        if ((present & (1 << Metric.RESULTS.ordinal())) != 0) {
            long results = metrics[Metric.RESULTS.ordinal()][column];
            switch (kind) {
                case SALES -> {
                    totals[PURCHASES] += results;
                    if ((present & (1 << Metric.RESULT_VALUE.ordinal())) != 0) {
                        totals[PURCHASE_VALUE] += metrics[Metric.RESULT_VALUE.ordinal()][column];
                    }
                }
                case LEADS -> totals[LEADS] += results;
                case APP_PROMOTION -> totals[APP_INSTALLS] += results;
                default -> {
                }
            }
        }
    }

    static void addAll(long[] totals, long[] other) {
        for (int i = 0; i < SIZE; i++) {
            totals[i] += other[i];
        }
    }
}
