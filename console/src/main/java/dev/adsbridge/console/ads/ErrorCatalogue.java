package dev.adsbridge.console.ads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one catalogue of what the console tells a marketer when something did not happen: for each of our problem codes
 * and for the Meta error codes/subcodes the Graph API (and the sandbox) answer, a {@link Wording} — a short title, one
 * sentence, and the next step. Texts that come from elsewhere (Meta's {@code error_user_msg}, the MCP server's
 * messages written for AI agents) pass through {@link #forMarketer(String)} first, which turns tool and argument names
 * into the console's words and drops sentences a marketer cannot use (tool instructions, epoch times).
 */
public final class ErrorCatalogue {

    /** Title, sentence and next step: one message per problem. */
    public record Wording(String title, String sentence, String nextStep) {

        Wording withSentence(@Nullable String text) {
            return text == null || text.isBlank() ? this : new Wording(title, text, nextStep);
        }
    }

    private static final Map<String, Wording> OURS = new LinkedHashMap<>();
    private static final Map<Integer, Wording> META_SUBCODES = new LinkedHashMap<>();
    private static final Map<Integer, Wording> META_CODES = new LinkedHashMap<>();

    private static final String RETRY = "Wait a moment, then try again.";
    private static final String RECONNECT = "An owner or admin can reconnect Facebook in Settings.";

    static {
        OURS.put("not_found", new Wording("Not found", "This item does not exist, or it belongs to another account.",
                "Go back to the list and pick it again."));
        OURS.put("validation_failed", new Wording("Some fields need a fix",
                "Some of what was entered cannot be used as it is.", "Correct the marked fields and try again."));
        OURS.put("confirmation_required", new Wording("Please confirm", "This change can increase what you spend.",
                "Check the amounts and confirm to go ahead."));
        OURS.put("refused_by_guard", new Wording("Above your spending limit",
                "This amount is above the hard limit your team set for this ad account.",
                "Use a lower amount, or ask an owner to raise the limit in Settings → Spending limits."));
        OURS.put("forbidden_role", new Wording("Read-only access", "Your role can look but not change anything.",
                "Ask an owner or admin to make this change."));
        OURS.put("api_key_read_only", new Wording("Read-only key", "This API key can only read.",
                "Create a key that can also write in Settings → API keys."));
        OURS.put("no_connection", new Wording("Facebook Ads not connected",
                "No Facebook Ads account is connected yet.", "Connect one from the dashboard, then choose an ad account."));
        OURS.put("connection_needs_reconnect", new Wording("Reconnect Facebook",
                "Facebook no longer accepts this connection, so ads cannot be loaded or changed.", RECONNECT));
        OURS.put("meta_rate_limited", new Wording("Facebook needs a short break",
                "Facebook limits how many requests can be made for this ad account in a short time.", RETRY));
        OURS.put("meta_app_rate_limited", new Wording("Facebook needs a short break",
                "Facebook limits how many requests this app makes across all ad accounts.", RETRY));
        OURS.put("rate_limited", new Wording("Too many requests",
                "Too many requests were made in a short time.", RETRY));
        OURS.put("meta_permission_denied", new Wording("Permission missing",
                "Facebook says this connection is not allowed to do this.",
                "Reconnect Facebook and allow the ads permissions, or ask the ad account's admin for access."));
        OURS.put("meta_invalid_request", new Wording("Facebook did not accept this",
                "Facebook did not accept these settings.", "Change the settings it names and try again."));
        OURS.put("meta_error", new Wording("Facebook had a problem",
                "Facebook could not answer just now.", "Try again in a minute."));
        OURS.put("service_unavailable", new Wording("Facebook is out of reach for a moment",
                "The console cannot reach Facebook just now; nothing was sent.", "Try again in a few seconds."));
        OURS.put("image_unavailable", new Wording("Preview not available",
                "The image could not be loaded from Facebook just now.", "Reload the page in a minute."));
        OURS.put("idempotency_in_progress", new Wording("Already in progress",
                "The same request is still running.", "Wait a few seconds and reload the page before trying again."));
        OURS.put("idempotency_key_reused", new Wording("Already used for something else",
                "This request reused a key that belongs to a different request.", "Start again from the form."));

        // Meta's subcodes first: they say more than the code.
        META_SUBCODES.put(458, new Wording("Reconnect Facebook",
                "The AdsBridge app was removed from the Facebook account behind this connection.", RECONNECT));
        META_SUBCODES.put(459, new Wording("Reconnect Facebook",
                "Facebook asks the person behind this connection to sign in to Facebook and check their account.",
                RECONNECT));
        META_SUBCODES.put(460, new Wording("Reconnect Facebook",
                "The Facebook password behind this connection was changed.", RECONNECT));
        META_SUBCODES.put(463, new Wording("Reconnect Facebook", "The Facebook sign-in behind this connection expired.",
                RECONNECT));
        META_SUBCODES.put(464, new Wording("Reconnect Facebook",
                "The Facebook account behind this connection is not confirmed yet.", RECONNECT));
        META_SUBCODES.put(467, new Wording("Reconnect Facebook",
                "The person behind this connection signed out of Facebook.", RECONNECT));
        META_SUBCODES.put(33, new Wording("Not found", "Facebook cannot find this item, or this connection cannot see it.",
                "Go back to the list and pick it again."));
        META_SUBCODES.put(2446079, new Wording("Facebook needs a short break",
                "Facebook limits how many requests can be made for this ad account in a short time.", RETRY));
        META_SUBCODES.put(1487742, new Wording("Facebook needs a short break",
                "Too many requests were made for this ad account in a short time.", RETRY));
        META_SUBCODES.put(1487632, new Wording("Budget changed too often",
                "Facebook lets an ad set's budget change only four times an hour.",
                "Wait up to an hour before changing this budget again."));
        META_SUBCODES.put(1885172, new Wording("Spending limit changed too often",
                "Facebook lets the campaign spending limit change only ten times a day.",
                "Try again tomorrow, or pause the campaign if it must stop spending now."));
        META_SUBCODES.put(1885272, new Wording("Budget is too low",
                "The budget is below the minimum Facebook accepts for this ad account.",
                "Raise the budget and try again."));
        META_SUBCODES.put(1885621, new Wording("Budget set twice",
                "The campaign already has a budget, so its ad sets cannot have their own.",
                "Leave the ad set's budget empty, or create a campaign without a campaign budget."));
        META_SUBCODES.put(4834011, new Wording("Budget sharing must be chosen",
                "A campaign without a campaign budget must say whether its ad sets may share budget.",
                "Give the campaign a budget, or set a budget on each ad set."));
        META_SUBCODES.put(1815857, new Wording("Bid amount needed",
                "The chosen bid strategy needs a bid cap or cost target.",
                "Enter a bid amount, or choose the lowest-cost bid strategy."));
        META_SUBCODES.put(1487188, new Wording("Ad account not active",
                "This ad account is disabled or closed, so nothing in it can be changed.",
                "Open Facebook Ads Manager to see why, or choose another ad account."));
        META_SUBCODES.put(1870227, new Wording("Audience setting needed",
                "Facebook now asks whether Advantage+ audience may widen who sees the ads.",
                "Choose whether to use Advantage+ audience and try again."));
        META_SUBCODES.put(1870189, new Wording("Age range too narrow",
                "With Advantage+ audience on, the age range must reach 65.",
                "Raise the maximum age to 65, or turn Advantage+ audience off."));
        META_SUBCODES.put(1885998, new Wording("Ad type does not fit the ad set",
                "A dynamic creative ad can only go into an ad set made for dynamic creative.",
                "Choose another ad set or another creative."));
        META_SUBCODES.put(1443226, new Wording("Thumbnail needed", "A video ad needs a thumbnail image.",
                "Add a thumbnail image and try again."));
        META_SUBCODES.put(1504018, new Wording("Report too large",
                "Facebook took too long to prepare this much data.",
                "Choose a shorter date range or fewer breakdowns, then try again."));
        META_SUBCODES.put(1504038, new Wording("Report too large",
                "Facebook took too long to prepare this much data.",
                "Choose a shorter date range or fewer breakdowns, then try again."));

        META_CODES.put(190, new Wording("Reconnect Facebook",
                "Facebook no longer accepts this connection, so ads cannot be loaded or changed.", RECONNECT));
        META_CODES.put(102, META_CODES.get(190));
        META_CODES.put(10, new Wording("Permission missing", "Facebook says this connection lacks a permission it needs.",
                "Reconnect Facebook and allow every permission asked for."));
        META_CODES.put(200, new Wording("Permission missing",
                "Facebook says this connection is not allowed to manage this ad account.",
                "Reconnect Facebook and allow the ads permissions, or ask the ad account's admin for access."));
        META_CODES.put(273, new Wording("Not an admin of this ad account",
                "The person behind this connection is not an admin of this ad account.",
                "Ask an admin of the ad account to give them access, then try again."));
        META_CODES.put(294, new Wording("Ads access not approved",
                "Facebook has not approved this app to manage ads for this account.",
                "Contact support so we can check the app's access."));
        META_CODES.put(4, OURS.get("meta_app_rate_limited"));
        META_CODES.put(17, OURS.get("meta_rate_limited"));
        META_CODES.put(32, new Wording("Facebook needs a short break",
                "Facebook limits how many requests can be made for this Page in a short time.", RETRY));
        META_CODES.put(613, OURS.get("meta_rate_limited"));
        META_CODES.put(80000, new Wording("Facebook needs a short break",
                "Facebook limits how many reports can be requested for this ad account each hour.", RETRY));
        META_CODES.put(80004, new Wording("Facebook needs a short break",
                "Facebook limits how many changes and reads can be made for this ad account each hour.", RETRY));
        META_CODES.put(368, new Wording("Temporarily blocked",
                "Facebook has temporarily blocked this action for policy reasons.",
                "Check the account's quality in Facebook Ads Manager, then try again later."));
        META_CODES.put(2635, new Wording("Outdated connection",
                "Facebook no longer accepts the older version of its ads interface this request used.",
                "Contact support: the console needs an update."));
        META_CODES.put(1, new Wording("Facebook had a problem", "Facebook had a temporary problem.",
                "Try again in a minute."));
        META_CODES.put(2, META_CODES.get(1));
        META_CODES.put(100, new Wording("Facebook did not accept this", "Facebook did not accept these settings.",
                "Change the settings it names and try again."));
    }

    /** Words for known field and tool names; other snake_case names are spelled out as words. */
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
        WORDS.put("bid_amount", "the bid amount");
        WORDS.put("bid_cap", "the bid cap");
        WORDS.put("bid_strategy", "the bid strategy");
        WORDS.put("bid_constraints", "the bid limits");
        WORDS.put("spend_cap", "the campaign spending limit");
        WORDS.put("special_ad_categories", "the special ad categories");
        WORDS.put("optimization_goal", "the optimization goal");
        WORDS.put("billing_event", "the billing event");
        WORDS.put("promoted_object", "what the ad set promotes");
        WORDS.put("end_time", "the end date");
        WORDS.put("stop_time", "the end date");
        WORDS.put("start_time", "the start date");
        WORDS.put("campaign_id", "the campaign");
        WORDS.put("adset_id", "the ad set");
        WORDS.put("ad_id", "the ad");
        WORDS.put("creative_id", "the creative");
        WORDS.put("page_id", "the Facebook Page");
        WORDS.put("account_id", "the ad account");
        WORDS.put("image_hash", "the image");
        WORDS.put("link_url", "the website link");
        WORDS.put("call_to_action_type", "the button");
        WORDS.put("targeting_automation", "Advantage+ audience");
        WORDS.put("advantage_audience", "Advantage+ audience");
        WORDS.put("is_adset_budget_sharing_enabled", "budget sharing");
        WORDS.put("use_adset_level_budgets", "ad set budgets");
        WORDS.put("validate_only", "the dry run");
    }

    /** Tool-like names (verb_noun): a sentence naming one that has no word is an instruction for an AI agent. */
    private static final Pattern TOOLISH = Pattern.compile(
            "\\b(get|create|update|upload|search|estimate|list|duplicate|compute|delete)_[a-z_]+\\b");
    private static final Pattern SNAKE = Pattern.compile("\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b");
    /** Epoch seconds (9–10 digits): a sentence with one is for programs. */
    private static final Pattern EPOCH = Pattern.compile("\\b[0-9]{9,10}\\b");
    /** Object ids (11+ digits): dropped from the sentence, which names the object otherwise. */
    private static final Pattern OBJECT_ID = Pattern.compile("\\s*\\b[0-9]{11,}\\b");
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern META_PREFIX = Pattern.compile("^\\(#[0-9]+\\)\\s*");

    private ErrorCatalogue() {
    }

    /** The wording for one of our problem codes; a generic one for codes the catalogue does not know. */
    public static Wording forCode(String code) {
        Wording wording = OURS.get(code);
        return wording != null ? wording : new Wording("Something went wrong", "The request did not go through.",
                "Try again; if it keeps happening, contact support with the reference below.");
    }

    /**
     * The wording for what Meta (or the MCP server in front of it) answered: by subcode, else by code (200–299 as
     * permission, 80000–80014 as Business Use Case limits), else Meta's title for people, else by our code. The
     * sentence is Meta's message for people ({@code error_user_msg}) when it gave one, else the catalogue's. {@code write}: whether a change was
     * asked for (a read never says a change was refused).
     */
    /**
     * Why Meta refused a connection's token, in the catalogue's words (the reason kept on the connection and shown
     * wherever it is): never Meta's own text, which holds epoch times and jargon.
     */
    static String reconnectReason(int code, int subcode) {
        return forMeta(code, subcode, null, null, null, "connection_needs_reconnect", false).sentence();
    }

    public static Wording forMeta(int code, int subcode, @Nullable String userTitle, @Nullable String userMessage,
            @Nullable String message, String ourCode, boolean write) {
        Wording wording = META_SUBCODES.get(subcode);
        String title = forMarketer(userTitle);
        if (wording == null && !title.isBlank() && (code == 100 || code == 0)) {
            // A refusal the catalogue has no subcode for: Meta's own title for people says more than ours.
            Wording general = META_CODES.getOrDefault(100, forCode(ourCode));
            wording = new Wording(title, general.sentence(), general.nextStep());
        }
        if (wording == null) {
            wording = META_CODES.get(code >= 200 && code <= 299 && code != 273 && code != 294 ? 200
                    : code >= 80000 && code <= 80014 && code != 80000 ? 80004 : code);
        }
        boolean known = wording != null;
        if (wording == null) {
            wording = forCode(ourCode);
        }
        if (!write && (ourCode.equals("meta_invalid_request") || ourCode.equals("meta_error"))
                && (code == 100 || code == 0 || !known) && META_SUBCODES.get(subcode) == null) {
            wording = new Wording("Facebook could not load this", "Facebook did not answer this request.",
                    "Reload the page; if it keeps happening, choose fewer details or a shorter date range.");
        }
        String sentence = forMarketer(userMessage == null ? "" : userMessage);
        if (sentence.isBlank() && message != null && (!known || (write && code == 100))) {
            // Only where the catalogue has nothing better: the MCP server's own (validation) message, cleaned.
            sentence = forMarketer(META_PREFIX.matcher(message).replaceFirst(""));
        }
        return wording.withSentence(sentence);
    }

    /**
     * A text from Meta or the MCP server in a marketer's words: known field and tool names become the console's words,
     * other names are spelled out, object ids are left out, and sentences that only make sense to a program (an
     * unknown tool to call, a timestamp) are dropped. Empty when nothing usable remains.
     */
    public static String forMarketer(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String sentence : SENTENCES.split(text.strip())) {
            String replaced = OBJECT_ID.matcher(replaceKnown(sentence)).replaceAll("");
            if (TOOLISH.matcher(replaced).find() || EPOCH.matcher(replaced).find()) {
                continue;
            }
            Matcher names = SNAKE.matcher(replaced);
            StringBuilder out = new StringBuilder();
            while (names.find()) {
                names.appendReplacement(out, Matcher.quoteReplacement(
                        names.group().replaceAll("_id$", "").replace('_', ' ')));
            }
            names.appendTail(out);
            kept.add(out.toString());
        }
        return String.join(" ", kept).strip();
    }

    private static final Pattern KNOWN = Pattern.compile("\\b(" + String.join("|", WORDS.keySet()) + ")\\b");

    private static String replaceKnown(String text) {
        Matcher names = KNOWN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (names.find()) {
            names.appendReplacement(out, Matcher.quoteReplacement(WORDS.get(names.group(1))));
        }
        names.appendTail(out);
        return out.toString();
    }
}
