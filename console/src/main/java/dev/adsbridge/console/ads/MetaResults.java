package dev.adsbridge.console.ads;

import dev.adsbridge.meta.ResultTypes;
import dev.adsbridge.meta.ResultTypes.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Ads Manager's "Results" in the console's rows and totals. What an ad set's optimization_goal (and, for conversion
 * goals, its promoted_object.custom_event_type) counts as a result, Meta's result indicator for it and the words a
 * marketer reads are {@link ResultTypes}' table, which the sandbox follows too. Results of different types are
 * never added together: a row or total has a single {@code results} number only when all its results are of one
 * type, otherwise {@code results} is null and {@code results_by_type} lists each type.
 *
 * <p>Numbers come from Meta's insights {@code results} / {@code cost_per_result} fields when the row has them; a row
 * without them (an older API version) falls back to its {@code optimization_goal} and the matching action.
 */
public final class MetaResults {

    private static final String PURCHASE_VALUE_TYPES = "omni_purchase,purchase,offsite_conversion.fb_pixel_purchase";

    private MetaResults() {
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
            // Reach and impressions cost per 1,000 (as in Ads Manager): "per 1,000 people reached".
            out.put("cost_per", type.costPer());
            out.put("cost_words", type.costWords());
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
                Type type = ResultTypes.forIndicator(indicator);
                if (cost == null && count > 0 && results.size() == 1) {
                    cost = round(spend * type.costPer() / count, 2);
                }
                out.add(new Count(type, count, count > 0 ? cost : null));
            }
            return out;
        }
        // No results field: the row's own optimisation goal says what to count (ad set and ad rows only).
        Type type = ResultTypes.forGoal(AdsGateway.text(row, "optimization_goal", null), null);
        if (type == null) {
            return out;
        }
        long count = Math.round(actionCount(row, type));
        out.add(new Count(type, count, count > 0 ? round(spend * type.costPer() / count, 2) : null));
        return out;
    }

    private static double actionCount(JsonNode row, Type type) {
        if (type == ResultTypes.REACH || type == ResultTypes.IMPRESSIONS) {
            return AdsGateway.number(row, type.actionType());
        }
        if (type == ResultTypes.THRUPLAYS) {
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
