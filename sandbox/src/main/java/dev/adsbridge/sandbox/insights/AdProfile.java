package dev.adsbridge.sandbox.insights;

/**
 * The constant traits of one ad's delivery, drawn once from (seed, ad id): size, prices and funnel rates. Money is in
 * the account's minor units.
 *
 * @param keepPerMille share (‰) of the non-peak daily reach that is new people over a multi-day range: the
 *                     deduplication of reach across days
 */
record AdProfile(long hash, ObjectiveKind kind, double impressionsPerDay, double cpmMinor, double ctr,
                 double linkShare, double landingRate, double reactionRate, double videoRate, double cartRate,
                 double checkoutRate, double resultRate, double orderValueMinor, double frequency, int keepPerMille,
                 double fatigue) {

    // Per objective kind (AWARENESS, TRAFFIC, ENGAGEMENT, LEADS, APP_PROMOTION, SALES): {low, high}.
    private static final double[][] CPM_US_CENTS = {{250, 700}, {500, 1300}, {350, 900}, {900, 2200}, {500, 1400},
            {900, 2600}};
    private static final double[][] CTR = {{0.003, 0.009}, {0.010, 0.028}, {0.012, 0.035}, {0.008, 0.020},
            {0.008, 0.022}, {0.010, 0.028}};
    private static final double[][] LINK_SHARE = {{0.15, 0.35}, {0.60, 0.85}, {0.12, 0.30}, {0.45, 0.70},
            {0.55, 0.80}, {0.55, 0.80}};
    private static final double[][] LANDING = {{0.30, 0.55}, {0.60, 0.90}, {0.35, 0.60}, {0.55, 0.85}, {0.0, 0.0},
            {0.55, 0.88}};
    private static final double[][] REACTIONS = {{0.002, 0.008}, {0.001, 0.004}, {0.006, 0.025}, {0.001, 0.004},
            {0.001, 0.003}, {0.001, 0.004}};
    private static final double[][] VIDEO = {{0.05, 0.20}, {0.01, 0.05}, {0.06, 0.22}, {0.01, 0.05}, {0.02, 0.08},
            {0.015, 0.06}};

    /**
     * @param dailyBudgetMinor the ad's share of its ad set's (or campaign's) daily budget in minor units, or NaN when
     *                         there is none: the ad then gets a size of its own
     */
    static AdProfile of(long seed, String adId, ObjectiveKind kind, String currency, double dailyBudgetMinor) {
        long hash = SeededHash.combine(seed, SeededHash.of(adId));
        SeededHash.Draws draws = new SeededHash.Draws(SeededHash.combine(hash, 0x5EED));
        int k = kind.ordinal();
        double exchange = Exchange.minorPerUsCent(currency);
        // Sales funnels and order values land a typical return on ad spend of 1.5–4.
        double cartRate = kind == ObjectiveKind.SALES ? draws.between(0.08, 0.22) : 0;
        double checkoutRate = kind == ObjectiveKind.SALES ? draws.between(0.45, 0.70) : 0;
        double resultRate = switch (kind) {
            case SALES -> draws.between(0.50, 0.80);
            case LEADS, APP_PROMOTION -> draws.between(0.05, 0.20);
            default -> 0;
        };
        double orderValue = kind == ObjectiveKind.SALES ? draws.between(4000, 16000) * exchange : 0;
        double cpmMinor = draws.between(CPM_US_CENTS[k][0], CPM_US_CENTS[k][1]) * exchange;
        // Ads spend most of their budget share (pacing), some ads win more auctions than their siblings.
        double pacing = draws.between(0.70, 0.98) * draws.between(0.5, 1.5);
        double size = draws.logBetween(300, 25000);
        double impressionsPerDay = Double.isNaN(dailyBudgetMinor) || dailyBudgetMinor <= 0 ? size
                : dailyBudgetMinor * pacing * 1000.0 / cpmMinor;
        return new AdProfile(hash, kind,
                impressionsPerDay,
                cpmMinor,
                draws.between(CTR[k][0], CTR[k][1]),
                draws.between(LINK_SHARE[k][0], LINK_SHARE[k][1]),
                draws.between(LANDING[k][0], LANDING[k][1]),
                draws.between(REACTIONS[k][0], REACTIONS[k][1]),
                draws.between(VIDEO[k][0], VIDEO[k][1]),
                cartRate, checkoutRate, resultRate, orderValue,
                draws.between(1.05, 1.45),
                (int) Math.round(draws.between(280, 600)),
                draws.between(0.2, 1.0));
    }
}
