package dev.adsbridge.meta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ads Manager's "Results": what an ad set's {@code optimization_goal} (and, for conversion goals, its
 * {@code promoted_object.custom_event_type}) counts as a result, Meta's result indicator for it (the
 * {@code indicator} of the insights {@code results} field), and the words a marketer reads.
 */
public final class ResultTypes {

    /**
     * One result type.
     *
     * @param indicator  Meta's result indicator ({@code actions:link_click}, {@code reach}, …)
     * @param actionType the action type (or insights field) that counts it
     * @param label      plural words for a count ("link clicks")
     * @param singular   singular words ("link click")
     */
    public record Type(String indicator, String actionType, String label, String singular) {

        /** "1 link click", "1,204 link clicks": the words for a count of this type. */
        public String words(long count) {
            return String.format(Locale.US, "%,d %s", count, count == 1 ? singular : label);
        }

        /**
         * How many results Meta's cost per result is the cost of: 1,000 for reach and impressions (Ads Manager's "Cost
         * per 1,000 Accounts Center accounts reached" and CPM), one for every other type.
         */
        public int costPer() {
            return indicator.equals("reach") || indicator.equals("impressions") ? 1000 : 1;
        }

        /** "per link click", "per 1,000 people reached": what a cost per result of this type is for. */
        public String costWords() {
            return costPer() == 1 ? "per " + singular : String.format(Locale.US, "per %,d %s", costPer(), label);
        }
    }

    public static final Type LINK_CLICKS = new Type("actions:link_click", "link_click", "link clicks", "link click");
    public static final Type LANDING_PAGE_VIEWS = new Type("actions:landing_page_view", "landing_page_view",
            "landing page views", "landing page view");
    public static final Type POST_ENGAGEMENT = new Type("actions:post_engagement", "post_engagement",
            "post engagements", "post engagement");
    public static final Type THRUPLAYS = new Type("video_thruplay_watched_actions:video_view", "video_view",
            "ThruPlays", "ThruPlay");
    public static final Type REACH = new Type("reach", "reach", "people reached", "person reached");
    public static final Type IMPRESSIONS = new Type("impressions", "impressions", "impressions", "impression");
    public static final Type LEADS = new Type("actions:lead", "lead", "leads", "lead");
    public static final Type WEBSITE_LEADS = new Type("actions:offsite_conversion.fb_pixel_lead",
            "offsite_conversion.fb_pixel_lead", "website leads", "website lead");
    public static final Type PURCHASES = new Type("actions:offsite_conversion.fb_pixel_purchase",
            "offsite_conversion.fb_pixel_purchase", "purchases", "purchase");
    public static final Type REGISTRATIONS = new Type("actions:offsite_conversion.fb_pixel_complete_registration",
            "offsite_conversion.fb_pixel_complete_registration", "registrations completed", "registration completed");
    public static final Type ADDS_TO_CART = new Type("actions:offsite_conversion.fb_pixel_add_to_cart",
            "offsite_conversion.fb_pixel_add_to_cart", "adds to cart", "add to cart");
    public static final Type CHECKOUTS = new Type("actions:offsite_conversion.fb_pixel_initiate_checkout",
            "offsite_conversion.fb_pixel_initiate_checkout", "checkouts initiated", "checkout initiated");
    public static final Type APP_INSTALLS = new Type("actions:mobile_app_install", "mobile_app_install",
            "app installs", "app install");
    public static final Type PAGE_LIKES = new Type("actions:like", "like", "Page likes", "Page like");
    public static final Type CONVERSATIONS = new Type("actions:onsite_conversion.messaging_conversation_started_7d",
            "onsite_conversion.messaging_conversation_started_7d", "conversations started", "conversation started");

    private static final Map<String, Type> BY_INDICATOR = new LinkedHashMap<>();

    static {
        for (Type type : List.of(LINK_CLICKS, LANDING_PAGE_VIEWS, POST_ENGAGEMENT, THRUPLAYS, REACH, IMPRESSIONS,
                LEADS, WEBSITE_LEADS, PURCHASES, REGISTRATIONS, ADDS_TO_CART, CHECKOUTS, APP_INSTALLS, PAGE_LIKES,
                CONVERSATIONS)) {
            BY_INDICATOR.put(type.indicator(), type);
        }
    }

    private ResultTypes() {
    }

    /** The known result types, in display order. */
    public static List<Type> all() {
        return List.copyOf(BY_INDICATOR.values());
    }

    /** Whether a goal's results depend on the promoted object's conversion event (OFFSITE_CONVERSIONS, VALUE). */
    public static boolean isConversionGoal(String goal) {
        return goal != null && switch (goal.toUpperCase(Locale.ROOT)) {
            case "OFFSITE_CONVERSIONS", "VALUE" -> true;
            default -> false;
        };
    }

    /**
     * What an ad set optimising for {@code goal} counts as results; null for a goal without a known result type. For
     * conversion goals {@code customEventType} (promoted_object.custom_event_type) decides; without an event, or with
     * one this table does not know, purchases are counted (value optimisation counts purchases too; their value is in
     * {@code action_values}).
     */
    public static Type forGoal(String goal, String customEventType) {
        if (goal == null) {
            return null;
        }
        if (isConversionGoal(goal)) {
            Type byEvent = forConversionEvent(customEventType);
            return byEvent == null ? PURCHASES : byEvent;
        }
        return switch (goal.toUpperCase(Locale.ROOT)) {
            case "LINK_CLICKS" -> LINK_CLICKS;
            case "LANDING_PAGE_VIEWS" -> LANDING_PAGE_VIEWS;
            case "POST_ENGAGEMENT" -> POST_ENGAGEMENT;
            case "THRUPLAY" -> THRUPLAYS;
            case "REACH" -> REACH;
            case "IMPRESSIONS" -> IMPRESSIONS;
            case "LEAD_GENERATION", "QUALITY_LEAD" -> LEADS;
            case "APP_INSTALLS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS" -> APP_INSTALLS;
            case "PAGE_LIKES" -> PAGE_LIKES;
            case "CONVERSATIONS" -> CONVERSATIONS;
            default -> null;
        };
    }

    /** The pixel result type of a promoted_object.custom_event_type; null when blank or not in this table. */
    public static Type forConversionEvent(String customEventType) {
        if (customEventType == null) {
            return null;
        }
        return switch (customEventType.strip().toUpperCase(Locale.ROOT)) {
            case "PURCHASE" -> PURCHASES;
            case "LEAD" -> WEBSITE_LEADS;
            case "COMPLETE_REGISTRATION" -> REGISTRATIONS;
            case "ADD_TO_CART" -> ADDS_TO_CART;
            case "INITIATED_CHECKOUT", "INITIATE_CHECKOUT" -> CHECKOUTS;
            default -> null;
        };
    }

    /** The known type of a result indicator, or null. */
    public static Type known(String indicator) {
        return BY_INDICATOR.get(indicator);
    }

    /** The type of a result indicator; one not in this table gets words made from the indicator itself. */
    public static Type forIndicator(String indicator) {
        Type known = BY_INDICATOR.get(indicator);
        if (known != null) {
            return known;
        }
        String action = indicator.contains(":") ? indicator.substring(indicator.indexOf(':') + 1) : indicator;
        String words = action.replace("offsite_conversion.fb_pixel_", "").replace('_', ' ').replace('.', ' ');
        return new Type(indicator, action, words, words);
    }
}
