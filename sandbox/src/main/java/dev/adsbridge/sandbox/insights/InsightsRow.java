package dev.adsbridge.sandbox.insights;

import java.util.List;

/**
 * One computed insights row before rendering: its dates, the object it aggregates (ids down to its level; null
 * above), its breakdown values (aligned with the query's breakdowns) and its totals in {@link Totals} layout, with
 * reach already deduplicated for the row.
 */
record InsightsRow(DayRange range, String campaignId, String adSetId, String adId, List<String> dimensions,
                   long[] totals, long reach) {

    long impressions() {
        return totals[Totals.IMPRESSIONS];
    }
}
