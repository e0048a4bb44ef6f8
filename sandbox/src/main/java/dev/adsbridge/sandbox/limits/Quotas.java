package dev.adsbridge.sandbox.limits;

/**
 * The rate-limit numbers of one Marketing API access tier (docs/meta-graph-api.md, "Rate-limit headers").
 *
 * @param tier                     ads_api_access_tier as the usage headers name it
 * @param scoreMax                 ad-account score ceiling (reads cost 1 point, writes 3)
 * @param scoreDecaySeconds        time for a full score to decay to 0
 * @param blockSeconds             how long an account stays blocked (17/2446079) after going over
 * @param adsManagementPerHour     hourly Business Use Case quota for ads_management calls (base)
 * @param adsManagementPerActiveAd added to that quota per active ad in the account
 * @param adsInsightsPerHour       hourly Business Use Case quota for ads_insights calls (base)
 * @param adsInsightsPerActiveAd   added to that quota per active ad in the account
 * @param appCallsPerHour          the app's hourly call budget behind X-App-Usage (Meta: 200 × daily active users;
 *                                 the sandbox pretends 100 users in development and 10,000 in standard)
 */
public record Quotas(String tier, int scoreMax, int scoreDecaySeconds, int blockSeconds,
                     long adsManagementPerHour, long adsManagementPerActiveAd,
                     long adsInsightsPerHour, long adsInsightsPerActiveAd, long appCallsPerHour) {

    public static final String DEVELOPMENT = "development_access";
    public static final String STANDARD = "standard_access";

    public Quotas {
        if (scoreMax <= 0 || scoreDecaySeconds <= 0 || blockSeconds < 0 || adsManagementPerHour <= 0
                || adsInsightsPerHour <= 0 || appCallsPerHour <= 0) {
            throw new IllegalArgumentException("quotas must be positive");
        }
    }

    public static Quotas development() {
        return new Quotas(DEVELOPMENT, 60, 300, 300, 300, 0, 600, 0, 20_000);
    }

    public static Quotas standard() {
        return new Quotas(STANDARD, 9_000, 300, 60, 100_000, 40, 190_000, 400, 2_000_000);
    }

    /** The quotas of a configured tier; anything but the two Meta tiers is a configuration mistake. */
    public static Quotas forTier(String tier) {
        return switch (tier) {
            case DEVELOPMENT -> development();
            case STANDARD -> standard();
            default -> throw new IllegalArgumentException("unknown ads_api_access_tier '" + tier + "' (expected "
                    + DEVELOPMENT + " or " + STANDARD + ")");
        };
    }

    public long adsManagementQuota(int activeAds) {
        return adsManagementPerHour + adsManagementPerActiveAd * activeAds;
    }

    public long adsInsightsQuota(int activeAds) {
        return adsInsightsPerHour + adsInsightsPerActiveAd * activeAds;
    }

    /** True when the quota depends on the number of active ads (standard tier), so it is worth counting them. */
    public boolean dependsOnActiveAds() {
        return adsManagementPerActiveAd > 0 || adsInsightsPerActiveAd > 0;
    }
}
