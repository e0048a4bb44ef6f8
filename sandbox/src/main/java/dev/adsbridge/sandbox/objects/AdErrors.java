package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;

import java.util.List;

/**
 * Validation errors of the marketing objects, worded as Meta words them: parameter errors carry the "(#100) …"
 * message; advertiser-facing validation failures carry "Invalid parameter" plus error_user_title / error_user_msg and,
 * where Meta has one, an error_subcode clients branch on.
 */
final class AdErrors {

    /** Budget on both the campaign (campaign budget) and the ad set. */
    static final int BUDGET_ON_BOTH_LEVELS = 1885621;
    /** Daily budget under the account's minimum ("Budget Is Too Low"). */
    static final int BUDGET_TOO_LOW = 1885272;
    /** Ad set targeting without targeting_automation.advantage_audience (since v23). */
    static final int ADVANTAGE_AUDIENCE_REQUIRED = 1870227;
    /** Advantage+ audience on with an age maximum under 65. */
    static final int ADVANTAGE_AUDIENCE_AGE_MAX = 1870189;
    /** Campaign without a campaign budget and without is_adset_budget_sharing_enabled (since v24). */
    static final int BUDGET_SHARING_FLAG_REQUIRED = 4834011;
    /** An ad with a dynamic creative (asset_feed_spec) in an ad set without is_dynamic_creative. */
    static final int DYNAMIC_CREATIVE_IN_STATIC_AD_SET = 1885998;
    /** A video creative (video_data) without a thumbnail (image_hash or image_url). */
    static final int VIDEO_THUMBNAIL_REQUIRED = 1443226;
    /** A capped bid strategy without bid_amount. */
    static final int BID_AMOUNT_REQUIRED = 1815857;
    /**
     * Writes on an ad account that is not active (disabled, closed…). Meta's exact subcode for this is unverified;
     * the sandbox answers code 100 with this subcode and the title "Ad Account Disabled".
     */
    static final int ACCOUNT_NOT_ACTIVE = 1487188;

    private AdErrors() {
    }

    /** "(#100) The parameter X is required", with a user title and message for UIs. */
    static GraphException required(String param) {
        return new GraphException(400, 100, null, GraphErrors.OAUTH, "(#100) The parameter " + param
                + " is required", "Missing Required Field", "The field " + param + " is required.", false)
                .blame(param);
    }

    /** "(#100) Param X must be one of {A, B}". */
    static GraphException mustBeOneOf(String param, List<String> values) {
        return new GraphException(400, 100, null, GraphErrors.OAUTH, "(#100) Param " + param + " must be one of {"
                + String.join(", ", values) + "}", "Invalid Value", "The value of " + param
                + " isn't valid. Use one of: " + String.join(", ", values) + ".", false).blame(blameOf(param));
    }

    /** "(#100) Param X must be …" for a value of the wrong type. */
    static GraphException wrongType(String param, String what) {
        return new GraphException(400, 100, null, GraphErrors.OAUTH, "(#100) Param " + param + " must be " + what,
                "Invalid Value", "The value of " + param + " must be " + what + ".", false).blame(blameOf(param));
    }

    /** A "(#100) …" message with a user title and message. */
    static GraphException parameter(String message, String userTitle, String userMsg) {
        return new GraphException(400, 100, null, GraphErrors.OAUTH, "(#100) " + message, userTitle, userMsg, false);
    }

    /** Meta's advertiser-facing validation failure: "Invalid parameter" + title + message (+ subcode). */
    static GraphException invalid(Integer subcode, String userTitle, String userMsg) {
        return GraphErrors.invalidParameter("Invalid parameter", subcode, userTitle, userMsg);
    }

    /** As {@link #invalid(Integer, String, String)}, blaming the parameter at fault (error_data.blame_field_specs). */
    static GraphException invalid(String blamed, Integer subcode, String userTitle, String userMsg) {
        return invalid(subcode, userTitle, userMsg).blame(blamed);
    }

    /** A parameter the endpoint does not take (Meta refuses unknown parameters on Ads writes). */
    static GraphException unknownParameter(String param, String endpoint) {
        return invalid(param, null, "Unknown Parameter", "The parameter " + param + " isn't supported by " + endpoint
                + ". Remove it and try again.");
    }

    /** "execution_options[0]" → "execution_options": blame the parameter, not the element. */
    private static String blameOf(String param) {
        int bracket = param.indexOf('[');
        return bracket < 0 ? param : param.substring(0, bracket);
    }
}
