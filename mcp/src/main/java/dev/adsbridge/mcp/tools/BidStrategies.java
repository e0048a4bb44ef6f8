package dev.adsbridge.mcp.tools;

import java.util.List;
import java.util.Set;

/** Meta's bid strategies, for campaigns and ad sets alike, and which of them need a bid. */
final class BidStrategies {

    static final List<String> ALL = List.of("LOWEST_COST_WITHOUT_CAP", "LOWEST_COST_WITH_BID_CAP", "COST_CAP",
            "LOWEST_COST_WITH_MIN_ROAS");
    /** Meta's default: no bid, Meta spends the budget at the lowest cost it can. */
    static final String NO_CAP = "LOWEST_COST_WITHOUT_CAP";
    /** Needs a return-on-ad-spend floor (bid_constraints.roas_average_floor) instead of a bid. */
    static final String MIN_ROAS = "LOWEST_COST_WITH_MIN_ROAS";

    /** Strategies that need a bid: the highest bid (bid cap) or the average cost per result to aim for (cost cap). */
    private static final Set<String> CAPPED = Set.of("LOWEST_COST_WITH_BID_CAP", "COST_CAP");

    private BidStrategies() {
    }

    static boolean isCapped(String strategy) {
        return CAPPED.contains(strategy);
    }
}
