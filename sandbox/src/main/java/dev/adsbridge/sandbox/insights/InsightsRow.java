package dev.adsbridge.sandbox.insights;

import java.util.List;

/**
 * One computed insights row before rendering: its dates, the object it aggregates (ids down to its level; null
 * above), its breakdown values (aligned with the query's breakdowns) and its totals in {@link Totals} layout, with
 * reach already deduplicated for the row.
 *
 * @param parts the row's totals divided by what its action lists are split by (the device of the action, the ad's
 *              Page or creative), adding up to {@code totals}; null when the query splits actions by neither
 * @param salt  seeds the splits made while rendering (reactions, video types, carousel cards), so a row renders the
 *              same every time
 */
record InsightsRow(DayRange range, String campaignId, String adSetId, String adId, List<String> dimensions,
                   long[] totals, long reach, List<Part> parts, long salt) {

    long impressions() {
        return totals[Totals.IMPRESSIONS];
    }

    /**
     * One part of a row: the delivery of its ads on one impression device (null when actions are not split by
     * device) and credited to one ad part ({@link AdParts}; null when actions are not split by ad).
     */
    record Part(String device, String adPart, long[] totals) {
    }
}
