package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;

/**
 * How much one insights request may compute. A synchronous request over the limits fails like Meta's "too much
 * data" error (HTTP 500, code 1) and should be run as an async report; a report over the async limits fails
 * ("Job Failed").
 *
 * @param maxRows estimated rows: objects at the requested level that delivered × time slices × breakdown values
 * @param maxWork ad-days to aggregate × breakdown tree nodes each ad-day is split into
 */
record InsightsLimits(long maxRows, long maxWork) {

    /** Keeps a synchronous answer well under a second on a laptop core. */
    static final InsightsLimits SYNC = new InsightsLimits(50_000, 25_000_000);
    static final InsightsLimits ASYNC = new InsightsLimits(1_000_000, 2_000_000_000L);

    static GraphException tooMuchData() {
        return GraphErrors.tooMuchData(null, "Too Much Data", "Ask for a shorter date range, a coarser level, fewer breakdowns or a larger time_increment, or run "
                        + "the report asynchronously (POST …/insights, then poll the report run).");
    }
}
