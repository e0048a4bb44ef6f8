package dev.adsbridge.sandbox.limits;

import java.util.List;

/** The JSON values of Meta's usage headers, built by hand because they are written on every response. */
public final class UsageHeaders {

    public static final String APP_USAGE = "X-App-Usage";
    public static final String AD_ACCOUNT_USAGE = "X-Ad-Account-Usage";
    public static final String BUSINESS_USE_CASE_USAGE = "X-Business-Use-Case-Usage";
    public static final String INSIGHTS_THROTTLE = "X-FB-Ads-Insights-Throttle";

    /** One Business Use Case entry; cputime and time are reported as fixed shares of the call count percentage. */
    public record BucEntry(String type, int callCountPct, long minutesToRegain) {
    }

    private UsageHeaders() {
    }

    public static String appUsage(int callCountPct) {
        return "{\"call_count\":" + callCountPct + ",\"total_cputime\":" + cpuShare(callCountPct)
                + ",\"total_time\":" + timeShare(callCountPct) + "}";
    }

    public static String adAccountUsage(double utilPct, long resetSeconds, String tier) {
        return "{\"acc_id_util_pct\":" + twoDecimals(utilPct) + ",\"reset_time_duration\":" + resetSeconds
                + ",\"ads_api_access_tier\":\"" + tier + "\"}";
    }

    public static String businessUseCase(String accountNumericId, List<BucEntry> entries, String tier) {
        StringBuilder out = new StringBuilder(96 * entries.size() + 24);
        out.append("{\"").append(accountNumericId).append("\":[");
        for (int i = 0; i < entries.size(); i++) {
            BucEntry e = entries.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"type\":\"").append(e.type())
                    .append("\",\"call_count\":").append(e.callCountPct())
                    .append(",\"total_cputime\":").append(cpuShare(e.callCountPct()))
                    .append(",\"total_time\":").append(timeShare(e.callCountPct()))
                    .append(",\"estimated_time_to_regain_access\":").append(e.minutesToRegain())
                    .append(",\"ads_api_access_tier\":\"").append(tier).append("\"}");
        }
        return out.append("]}").toString();
    }

    public static String insightsThrottle(double appPct, double accountPct, String tier) {
        return "{\"app_id_util_pct\":" + twoDecimals(appPct) + ",\"acc_id_util_pct\":" + twoDecimals(accountPct)
                + ",\"ads_api_access_tier\":\"" + tier + "\"}";
    }

    // The sandbox does not measure CPU: it reports time shares proportional to the call count, which drives throttling.
    private static int cpuShare(int callCountPct) {
        return callCountPct / 2;
    }

    private static int timeShare(int callCountPct) {
        return callCountPct * 3 / 4;
    }

    static String twoDecimals(double value) {
        return Double.toString(Math.round(value * 100) / 100.0);
    }
}
