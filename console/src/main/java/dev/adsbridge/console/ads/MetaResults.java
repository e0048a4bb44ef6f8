package dev.adsbridge.console.ads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The console's one vocabulary of Ads Manager's "Results": what an ad set's optimization_goal (and, for conversion
 * goals, its promoted_object.custom_event_type) counts as a result, Meta's result indicator for it, and the words a
 * marketer reads. Results of different types are never added together: a row or total has a single {@code results}
 * number only when all its results are of one type, otherwise {@code results} is null and {@code results_by_type}
 * lists each type.
 *
 * <p>Numbers come from Meta's insights {@code results} / {@code cost_per_result} fields when the row has them; a row
 * without them (an older API version) falls back to its {@code optimization_goal} and the matching action.
 */
public final class MetaResults {

    /**
     * One result type.
     *
     * @param indicator  Meta's result indicator ({@code actions:link_click}, {@code reach}, …)
     * @param actionType the action type (or row field) that counts it, also used when {@code results} is absent
     * @param label      plural words for a count ("link clicks")
     * @param singular   singular words ("link click")
     */
    public record Type(String indicator, String actionType, String label, String singular) {

        /** "1 link click", "1,204 link clicks": the words for a count of this type. */
        public String words(long count) {
            return String.format(Locale.US, "%,d %s", count, count == 1 ? singular : label);
        }
    }

    static final Type LINK_CLICKS = type("actions:link_click", "link_click", "link clicks", "link click");
    static final Type LANDING_PAGE_VIEWS = type("actions:landing_page_view", "landing_page_view",
            "landing page views", "landing page view");
    static final Type POST_ENGAGEMENT = type("actions:post_engagement", "post_engagement", "post engagements",
            "post engagement");
    static final Type THRUPLAYS = type("video_thruplay_watched_actions:video_view", "video_view", "ThruPlays",
            "ThruPlay");
    static final Type REACH = type("reach", "reach", "people reached", "person reached");
    static final Type IMPRESSIONS = type("impressions", "impressions", "impressions", "impression");
    static final Type LEADS = type("actions:lead", "lead", "leads", "lead");
    static final Type WEBSITE_LEADS = type("actions:offsite_conversion.fb_pixel_lead",
            "offsite_conversion.fb_pixel_lead", "website leads", "website lead");
    static final Type PURCHASES = type("actions:offsite_conversion.fb_pixel_purchase",
            "offsite_conversion.fb_pixel_purchase", "purchases", "purchase");
    static final Type REGISTRATIONS = type("actions:offsite_conversion.fb_pixel_complete_registration",
            "offsite_conversion.fb_pixel_complete_registration", "registrations completed", "registration completed");
    static final Type ADDS_TO_CART = type("actions:offsite_conversion.fb_pixel_add_to_cart",
            "offsite_conversion.fb_pixel_add_to_cart", "adds to cart", "add to cart");
    static final Type CHECKOUTS = type("actions:offsite_conversion.fb_pixel_initiate_checkout",
            "offsite_conversion.fb_pixel_initiate_checkout", "checkouts initiated", "checkout initiated");
    static final Type APP_INSTALLS = type("actions:mobile_app_install", "mobile_app_install", "app installs",
            "app install");
    static final Type PAGE_LIKES = type("actions:like", "like", "Page likes", "Page like");
    static final Type CONVERSATIONS = type("actions:onsite_conversion.messaging_conversation_started_7d",
            "onsite_conversion.messaging_conversation_started_7d", "conversations started", "conversation started");

    private static final Map<String, Type> BY_INDICATOR = new LinkedHashMap<>();
    private static final String PURCHASE_VALUE_TYPES = "omni_purchase,purchase,offsite_conversion.fb_pixel_purchase";

    static {
        for (Type type : List.of(LINK_CLICKS, LANDING_PAGE_VIEWS, POST_ENGAGEMENT, THRUPLAYS, REACH, IMPRESSIONS,
                LEADS, WEBSITE_LEADS, PURCHASES, REGISTRATIONS, ADDS_TO_CART, CHECKOUTS, APP_INSTALLS, PAGE_LIKES,
                CONVERSATIONS)) {
            BY_INDICATOR.put(type.indicator(), type);
        }
    }

    private MetaResults() {
    }

    private static Type type(String indicator, String actionType, String label, String singular) {
        return new Type(indicator, actionType, label, singular);
    }

    /** The known result types, in display order. */
    public static List<Type> all() {
        return List.copyOf(BY_INDICATOR.values());
    }

    /**
     * What an ad set optimising for {@code goal} counts as results ({@code customEventType}: its
     * promoted_object.custom_event_type); null when the console does not know the goal.
     */
    public static @Nullable Type forGoal(@Nullable String goal, @Nullable String customEventType) {
        if (goal == null) {
            return null;
        }
        String event = customEventType == null ? "" : customEventType.toUpperCase(Locale.ROOT);
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
            case "OFFSITE_CONVERSIONS", "VALUE" -> switch (event) {
                case "LEAD" -> WEBSITE_LEADS;
                case "COMPLETE_REGISTRATION" -> REGISTRATIONS;
                case "ADD_TO_CART" -> ADDS_TO_CART;
                case "INITIATED_CHECKOUT", "INITIATE_CHECKOUT" -> CHECKOUTS;
                default -> PURCHASES;
            };
            default -> null;
        };
    }

    /** The type of a Meta result indicator; an unknown one gets its own words from the indicator. */
    public static Type forIndicator(String indicator) {
        Type known = BY_INDICATOR.get(indicator);
        if (known != null) {
            return known;
        }
        String action = indicator.contains(":") ? indicator.substring(indicator.indexOf(':') + 1) : indicator;
        String words = action.replace("offsite_conversion.fb_pixel_", "").replace('_', ' ').replace('.', ' ');
        return new Type(indicator, action, words, words);
    }

    /** One type's results in a row: count, and cost per result (null when there is no result). */
    public record Count(Type type, long results, @Nullable Double costPerResult) {

        Map<String, Object> toMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("indicator", type.indicator());
            out.put("action_type", type.actionType());
            out.put("label", type.label());
            out.put("singular", type.singular());
            out.put("results", results);
            out.put("cost_per_result", costPerResult);
            out.put("text", type.words(results));
            return out;
        }
    }

    /**
     * The results of one insights row, one entry per type, from Meta's {@code results}/{@code cost_per_result} or,
     * when the row has no {@code results} field, from its {@code optimization_goal} and the matching action.
     */
    public static List<Count> of(JsonNode row) {
        List<Count> out = new ArrayList<>();
        JsonNode results = row.path("results");
        double spend = AdsGateway.number(row, "spend");
        if (results.isArray() || results.isObject()) {
            // Meta's [{"indicator","values":[{"value"}]}], or the MCP server's compact {"<indicator>": value}.
            Map<String, Double> costs = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> cost : indicators(row.path("cost_per_result"))) {
                costs.put(cost.getKey(), firstValue(cost.getValue()));
            }
            for (Map.Entry<String, JsonNode> entry : indicators(results)) {
                String indicator = entry.getKey();
                if (indicator.isEmpty()) {
                    continue;
                }
                Double value = firstValue(entry.getValue());
                long count = value == null ? 0 : Math.round(value);
                Double cost = costs.get(indicator);
                if (cost == null && count > 0 && results.size() == 1) {
                    cost = round(spend / count, 2);
                }
                out.add(new Count(forIndicator(indicator), count, count > 0 ? cost : null));
            }
            return out;
        }
        // No results field: the row's own optimisation goal says what to count (ad set and ad rows only).
        Type type = forGoal(AdsGateway.text(row, "optimization_goal", null), null);
        if (type == null) {
            return out;
        }
        long count = Math.round(actionCount(row, type));
        out.add(new Count(type, count, count > 0 ? round(spend / count, 2) : null));
        return out;
    }

    private static double actionCount(JsonNode row, Type type) {
        if (type == REACH || type == IMPRESSIONS) {
            return AdsGateway.number(row, type.actionType());
        }
        if (type == THRUPLAYS) {
            return action(row.path("video_thruplay_watched_actions"), "video_view");
        }
        double direct = action(row.path("actions"), type.actionType());
        if (direct == 0 && type.actionType().startsWith("offsite_conversion.fb_pixel_")) {
            // A compact row keeps the canonical action type ("purchase") for the pixel one.
            return action(row.path("actions"), type.actionType().substring("offsite_conversion.fb_pixel_".length()));
        }
        return direct;
    }

    /** An action's value in Meta's list shape or the compact {action_type: value} map. */
    static double action(JsonNode actions, String actionType) {
        if (actions.isObject()) {
            JsonNode value = actions.path(actionType);
            return value.isObject() ? AdsGateway.number(value, "value") : AdsGateway.number(actions, actionType);
        }
        for (JsonNode action : actions) {
            if (actionType.equals(action.path("action_type").asString(""))) {
                return AdsGateway.number(action, "value");
            }
        }
        return 0;
    }

    /** Purchase value (action_values of omni_purchase, purchase or the pixel's purchase: the first present). */
    static double purchaseValue(JsonNode row) {
        for (String type : PURCHASE_VALUE_TYPES.split(",")) {
            double value = action(row.path("action_values"), type);
            if (value != 0) {
                return value;
            }
        }
        return 0;
    }

    /** Purchases (omni_purchase, purchase or the pixel's purchase: the first present). */
    static double purchases(JsonNode row) {
        for (String type : PURCHASE_VALUE_TYPES.split(",")) {
            double value = action(row.path("actions"), type);
            if (value != 0) {
                return value;
            }
        }
        return 0;
    }

    /**
     * The result fields of a row or total: {@code results} (a number only when there is exactly one type),
     * {@code result_type}/{@code result_label}/{@code cost_per_result} for that one type, {@code results_by_type}
     * always, and {@code results_text} ("1,204 link clicks · 37 leads").
     */
    static void put(Map<String, Object> out, List<Count> counts) {
        Count single = counts.size() == 1 ? counts.get(0) : null;
        out.put("results", single == null ? null : single.results());
        out.put("result_type", single == null ? null : single.type().indicator());
        out.put("result_label", single == null ? null : single.type().label());
        out.put("cost_per_result", single == null ? null : single.costPerResult());
        out.put("results_by_type", counts.stream().map(Count::toMap).toList());
        out.put("results_text", text(counts));
    }

    /** "1,204 link clicks · 37 leads", or "—" when there are no results of any type. */
    static String text(List<Count> counts) {
        if (counts.isEmpty()) {
            return "—";
        }
        return String.join(" · ", counts.stream().map(c -> c.type().words(c.results())).toList());
    }

    /** indicator → its entry (Meta's list) or its value (compact map), in Meta's order. */
    private static List<Map.Entry<String, JsonNode>> indicators(JsonNode field) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        if (field.isObject()) {
            field.properties().forEach(e -> out.add(Map.entry(e.getKey(), e.getValue())));
        } else {
            for (JsonNode entry : field) {
                out.add(Map.entry(entry.path("indicator").asString(""), entry));
            }
        }
        return out;
    }

    private static @Nullable Double firstValue(JsonNode entry) {
        if (entry.isArray()) {
            // A compact entry with several values keeps Meta's [{"value"}] list.
            entry = entry.isEmpty() ? entry : entry.get(0);
        }
        JsonNode values = entry.path("values");
        JsonNode value = entry.isValueNode() ? entry
                : values.isArray() && !values.isEmpty() ? values.get(0).path("value") : entry.path("value");
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return value.isString() ? Double.parseDouble(value.asString()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static double round(double value, int decimals) {
        double factor = Math.pow(10, decimals);
        return Math.round(value * factor) / factor;
    }
}
