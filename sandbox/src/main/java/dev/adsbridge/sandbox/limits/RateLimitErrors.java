package dev.adsbridge.sandbox.limits;

import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;

/** Meta's throttling errors, worded as Meta words them, each with the usage header that shows the exhausted limit. */
public final class RateLimitErrors {

    public static final int USER_REQUEST_LIMIT_SUBCODE = 2446079;
    public static final int AD_ACCOUNT_API_LIMIT_SUBCODE = 1487742;
    public static final int ADSET_BUDGET_CHANGES_SUBCODE = 1487632;

    private static final String TOO_MANY_FROM_ACCOUNT =
            "There have been too many calls from this ad-account. Please wait a bit and try again.";

    private RateLimitErrors() {
    }

    /** 4: the app's hourly budget is used up. */
    public static GraphException appLimit() {
        return new GraphException(400, 4, null, GraphErrors.OAUTH, "(#4) Application request limit reached",
                null, null, true)
                .withHeader(UsageHeaders.APP_USAGE, UsageHeaders.appUsage(100));
    }

    /** 17/2446079: the ad account's score is over the tier's maximum; blocked for {@code resetSeconds}. */
    public static GraphException userRequestLimit(long resetSeconds, String tier) {
        return new GraphException(400, 17, USER_REQUEST_LIMIT_SUBCODE, GraphErrors.OAUTH,
                "(#17) User request limit reached", "Ad Account Has Too Many API Calls", TOO_MANY_FROM_ACCOUNT, false)
                .withHeader(UsageHeaders.AD_ACCOUNT_USAGE, UsageHeaders.adAccountUsage(100, resetSeconds, tier));
    }

    /** 613/1487742: too many calls to this API from the ad account. */
    public static GraphException adAccountApiLimit(long resetSeconds, String tier) {
        return new GraphException(400, 613, AD_ACCOUNT_API_LIMIT_SUBCODE, GraphErrors.OAUTH,
                "(#613) Calls to this api have exceeded the rate limit.", "Too Many Calls", TOO_MANY_FROM_ACCOUNT,
                false)
                .withHeader(UsageHeaders.AD_ACCOUNT_USAGE, UsageHeaders.adAccountUsage(100, resetSeconds, tier));
    }

    /** 613/1487632: an ad set's budget was changed more than 4 times within an hour. */
    public static GraphException adSetBudgetChanges() {
        return new GraphException(400, 613, ADSET_BUDGET_CHANGES_SUBCODE, GraphErrors.OAUTH,
                "(#613) Calls to this api have exceeded the rate limit.", "Too Many Budget Changes",
                "There have been too many changes to this ad set's budget. An ad set's budget can be changed up to "
                        + "4 times an hour; please wait before changing it again.", false);
    }

    /**
     * 80004 (ads_management) or 80000 (ads_insights): the account's hourly Business Use Case quota is used up.
     *
     * @param accountNumericId the ad account id without {@code act_} (the header's key)
     */
    public static GraphException businessUseCase(String type, String accountNumericId, long minutesToRegain,
                                                 String tier) {
        boolean insights = UsageLimits.ADS_INSIGHTS.equals(type);
        int code = insights ? 80000 : 80004;
        String message = "(#" + code + ") There have been too many calls " + (insights ? "from" : "to")
                + " this ad-account. Wait a bit and try again. For more info, please refer to "
                + "https://developers.facebook.com/docs/graph-api/overview/rate-limiting#"
                + (insights ? "ads-insights" : "ads-management") + ".";
        return new GraphException(400, code, USER_REQUEST_LIMIT_SUBCODE, GraphErrors.OAUTH, message, null, null,
                false)
                .withHeader(UsageHeaders.BUSINESS_USE_CASE_USAGE, UsageHeaders.businessUseCase(accountNumericId,
                        java.util.List.of(new UsageHeaders.BucEntry(type, 100, minutesToRegain)), tier));
    }
}
