package dev.adsbridge.console.ads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MCP server's own validation messages tell an AI agent which tool to call ("…change the budget with
 * update_campaign"). Shown to a marketer, the known tool and field names read as the console's words instead.
 */
final class McpMessages {

    private static final Map<String, String> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("update_campaign", "the campaign's budget setting");
        WORDS.put("update_adset", "the ad set's settings");
        WORDS.put("update_ad", "the ad's settings");
        WORDS.put("get_campaigns", "the Campaigns page");
        WORDS.put("get_adsets", "the campaign's ad sets");
        WORDS.put("get_ad_accounts", "the ad account picker");
        WORDS.put("daily_budget", "the daily budget");
        WORDS.put("lifetime_budget", "the lifetime budget");
    }

    private static final Pattern NAMES = Pattern.compile("\\b(" + String.join("|", WORDS.keySet()) + ")\\b");

    private McpMessages() {
    }

    /** The text with known MCP tool (and budget field) names replaced by what the console's UI calls them. */
    static String forMarketer(String text) {
        Matcher names = NAMES.matcher(text);
        StringBuilder out = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(out, Matcher.quoteReplacement(WORDS.get(names.group(1))));
        }
        names.appendTail(out);
        return out.toString();
    }
}
