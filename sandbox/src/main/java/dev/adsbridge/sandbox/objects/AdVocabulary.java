package dev.adsbridge.sandbox.objects;

import java.util.List;
import java.util.Map;

/** The enumerations of campaigns and ad sets, and which goals and billing events go with which objective. */
public final class AdVocabulary {

    public static final List<String> OBJECTIVES = List.of("OUTCOME_AWARENESS", "OUTCOME_TRAFFIC",
            "OUTCOME_ENGAGEMENT", "OUTCOME_LEADS", "OUTCOME_APP_PROMOTION", "OUTCOME_SALES");
    /** Pre-ODAX objectives: existing campaigns may carry them, new campaigns, ad sets and ads can't use them. */
    public static final List<String> LEGACY_OBJECTIVES = List.of("APP_INSTALLS", "BRAND_AWARENESS", "CONVERSIONS",
            "EVENT_RESPONSES", "LEAD_GENERATION", "LINK_CLICKS", "LOCAL_AWARENESS", "MESSAGES", "OFFER_CLAIMS",
            "PAGE_LIKES", "POST_ENGAGEMENT", "PRODUCT_CATALOG_SALES", "REACH", "STORE_VISITS", "VIDEO_VIEWS");
    public static final List<String> SPECIAL_AD_CATEGORIES = List.of("NONE", "EMPLOYMENT", "HOUSING", "CREDIT",
            "ISSUES_ELECTIONS_POLITICS", "ONLINE_GAMBLING_AND_GAMING", "FINANCIAL_PRODUCTS_SERVICES");
    public static final List<String> BID_STRATEGIES = List.of("LOWEST_COST_WITHOUT_CAP", "LOWEST_COST_WITH_BID_CAP",
            "COST_CAP", "LOWEST_COST_WITH_MIN_ROAS");
    public static final List<String> CREATE_STATUSES = List.of("ACTIVE", "PAUSED");
    public static final List<String> STATUSES = List.of("ACTIVE", "PAUSED", "DELETED", "ARCHIVED");
    public static final List<String> BUYING_TYPES = List.of("AUCTION", "RESERVED");
    public static final List<String> BILLING_EVENTS = List.of("APP_INSTALLS", "CLICKS", "IMPRESSIONS",
            "LINK_CLICKS", "NONE", "OFFER_CLAIMS", "PAGE_LIKES", "POST_ENGAGEMENT", "THRUPLAY", "PURCHASE",
            "LISTING_INTERACTION");
    public static final List<String> OPTIMIZATION_GOALS = List.of("NONE", "APP_INSTALLS", "AD_RECALL_LIFT",
            "ENGAGED_USERS", "EVENT_RESPONSES", "IMPRESSIONS", "LEAD_GENERATION", "QUALITY_LEAD", "LINK_CLICKS",
            "OFFSITE_CONVERSIONS", "PAGE_LIKES", "POST_ENGAGEMENT", "QUALITY_CALL", "REACH", "LANDING_PAGE_VIEWS",
            "VISIT_INSTAGRAM_PROFILE", "VALUE", "THRUPLAY", "DERIVED_EVENTS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS",
            "CONVERSATIONS", "IN_APP_VALUE", "MESSAGING_PURCHASE_CONVERSION", "SUBSCRIBERS", "REMINDERS_SET",
            "MEANINGFUL_CALL_ATTEMPT", "PROFILE_VISIT", "PROFILE_AND_PAGE_ENGAGEMENT");

    /** Performance goals each objective accepts; the first is the default when none is sent. */
    public static final Map<String, List<String>> GOALS_BY_OBJECTIVE = Map.of(
            "OUTCOME_AWARENESS", List.of("REACH", "IMPRESSIONS", "AD_RECALL_LIFT", "THRUPLAY"),
            "OUTCOME_TRAFFIC", List.of("LINK_CLICKS", "LANDING_PAGE_VIEWS", "REACH", "IMPRESSIONS", "CONVERSATIONS",
                    "VISIT_INSTAGRAM_PROFILE", "QUALITY_CALL"),
            "OUTCOME_ENGAGEMENT", List.of("POST_ENGAGEMENT", "THRUPLAY", "CONVERSATIONS", "PAGE_LIKES",
                    "EVENT_RESPONSES", "REACH", "IMPRESSIONS", "LINK_CLICKS", "LANDING_PAGE_VIEWS"),
            "OUTCOME_LEADS", List.of("LEAD_GENERATION", "QUALITY_LEAD", "OFFSITE_CONVERSIONS", "CONVERSATIONS",
                    "QUALITY_CALL", "LINK_CLICKS", "LANDING_PAGE_VIEWS"),
            "OUTCOME_APP_PROMOTION", List.of("APP_INSTALLS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS",
                    "OFFSITE_CONVERSIONS", "VALUE", "LINK_CLICKS"),
            "OUTCOME_SALES", List.of("OFFSITE_CONVERSIONS", "VALUE", "LINK_CLICKS", "LANDING_PAGE_VIEWS",
                    "CONVERSATIONS", "IMPRESSIONS", "REACH"));

    /** Goals whose ad sets need a promoted_object (a pixel and event, or an app). */
    public static final List<String> GOALS_NEEDING_PROMOTED_OBJECT = List.of("OFFSITE_CONVERSIONS", "VALUE",
            "APP_INSTALLS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS");

    private AdVocabulary() {
    }

    /** IMPRESSIONS always; the other billing events only with their own goal. */
    public static boolean billingFits(String billingEvent, String optimizationGoal) {
        return switch (billingEvent) {
            case "IMPRESSIONS" -> true;
            case "LINK_CLICKS" -> "LINK_CLICKS".equals(optimizationGoal);
            case "THRUPLAY" -> "THRUPLAY".equals(optimizationGoal);
            case "POST_ENGAGEMENT" -> "POST_ENGAGEMENT".equals(optimizationGoal);
            case "APP_INSTALLS" -> "APP_INSTALLS".equals(optimizationGoal);
            case "PAGE_LIKES" -> "PAGE_LIKES".equals(optimizationGoal);
            default -> false;
        };
    }

    /** Billing events that fit a goal, IMPRESSIONS first. */
    public static List<String> billingEventsFor(String optimizationGoal) {
        return BILLING_EVENTS.stream().filter(event -> billingFits(event, optimizationGoal))
                .sorted((a, b) -> a.equals("IMPRESSIONS") ? -1 : b.equals("IMPRESSIONS") ? 1 : 0).toList();
    }
}
