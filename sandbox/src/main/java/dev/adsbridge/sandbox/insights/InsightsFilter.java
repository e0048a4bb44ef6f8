package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.GraphErrors;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of {@code filtering=[{"field","operator","value"}]}: on the objects rows come from (campaign.id,
 * ad.effective_status, campaign.name, …), on row metrics (spend GREATER_THAN 100, in the units rows show), or on
 * {@code action_type} (which action types the action lists keep).
 */
record InsightsFilter(String field, String operator, List<String> values) {

    static final List<String> OPERATORS = List.of("EQUAL", "NOT_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL",
            "LESS_THAN", "LESS_THAN_OR_EQUAL", "IN_RANGE", "NOT_IN_RANGE", "CONTAIN", "NOT_CONTAIN", "IN", "NOT_IN",
            "STARTS_WITH", "ENDS_WITH", "ANY", "ALL", "AFTER", "BEFORE", "ON_OR_AFTER", "ON_OR_BEFORE", "NONE", "TOP");

    static final Set<String> OBJECT_FIELDS = Set.of("campaign.id", "adset.id", "ad.id", "campaign.name",
            "adset.name", "ad.name", "campaign.effective_status", "adset.effective_status", "ad.effective_status",
            "campaign.objective", "objective", "adset.optimization_goal", "campaign.buying_type", "buying_type");

    static final String ACTION_TYPE = "action_type";

    boolean isObjectFilter() {
        return OBJECT_FIELDS.contains(field);
    }

    boolean isActionTypeFilter() {
        return ACTION_TYPE.equals(field);
    }

    static List<InsightsFilter> parse(JsonNode filtering) {
        if (!filtering.isArray()) {
            throw GraphErrors.invalidParameter("Param filtering must be an array of filter objects");
        }
        List<InsightsFilter> filters = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : filtering) {
            String field = entry.path("field").asString("");
            String operator = entry.path("operator").asString("").toUpperCase(Locale.ROOT);
            if (field.isEmpty()) {
                throw GraphErrors.invalidParameter("filtering[" + i + "][field] is required");
            }
            if (!OPERATORS.contains(operator)) {
                throw GraphErrors.invalidParameter("filtering[" + i + "][operator] must be one of the following "
                        + "values: " + String.join(", ", OPERATORS));
            }
            boolean known = OBJECT_FIELDS.contains(field) || ACTION_TYPE.equals(field)
                    || InsightsFields.NUMERIC.contains(field);
            if (!known) {
                throw GraphErrors.invalidParameter("Filtering field " + field + " is invalid.");
            }
            List<String> values = new ArrayList<>();
            JsonNode value = entry.path("value");
            if (value.isArray()) {
                value.forEach(v -> values.add(v.asString()));
            } else if (!value.isMissingNode() && !value.isNull()) {
                values.add(value.asString());
            }
            InsightsFilter filter = new InsightsFilter(field, operator, values);
            filter.checkOperator(i);
            filters.add(filter);
            i++;
        }
        return filters;
    }

    private void checkOperator(int index) {
        boolean numeric = InsightsFields.NUMERIC.contains(field);
        Set<String> allowed = numeric
                ? Set.of("EQUAL", "NOT_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", "LESS_THAN",
                "LESS_THAN_OR_EQUAL", "IN_RANGE", "NOT_IN_RANGE")
                : Set.of("EQUAL", "NOT_EQUAL", "IN", "NOT_IN", "CONTAIN", "NOT_CONTAIN", "STARTS_WITH", "ENDS_WITH",
                "ANY", "NONE");
        if (!allowed.contains(operator)) {
            throw GraphErrors.invalidParameter("Filtering operator " + operator + " is not supported for field "
                    + field + " (filtering[" + index + "])");
        }
        if (values.isEmpty()) {
            throw GraphErrors.invalidParameter("filtering[" + index + "][value] is required");
        }
        if (numeric) {
            for (String v : values) {
                try {
                    new BigDecimal(v);
                } catch (NumberFormatException e) {
                    throw GraphErrors.invalidParameter("filtering[" + index + "][value] must be a number for field "
                            + field);
                }
            }
            if (operator.endsWith("IN_RANGE") && values.size() != 2) {
                throw GraphErrors.invalidParameter("filtering[" + index + "][value] must be [min, max] for "
                        + operator);
            }
        }
    }

    /** Object and action-type filters: does {@code actual} pass? */
    boolean matches(String actual) {
        String value = actual == null ? "" : actual;
        String first = values.get(0);
        return switch (operator) {
            case "EQUAL" -> value.equals(first);
            case "NOT_EQUAL" -> !value.equals(first);
            case "IN", "ANY" -> values.contains(value);
            case "NOT_IN", "NONE" -> !values.contains(value);
            case "CONTAIN" -> value.toLowerCase(Locale.ROOT).contains(first.toLowerCase(Locale.ROOT));
            case "NOT_CONTAIN" -> !value.toLowerCase(Locale.ROOT).contains(first.toLowerCase(Locale.ROOT));
            case "STARTS_WITH" -> value.startsWith(first);
            case "ENDS_WITH" -> value.endsWith(first);
            default -> true;
        };
    }

    /** Metric filters on a row's value (null when the row has none: never matches). */
    boolean matches(BigDecimal actual) {
        if (actual == null) {
            return false;
        }
        BigDecimal first = new BigDecimal(values.get(0));
        return switch (operator) {
            case "EQUAL" -> actual.compareTo(first) == 0;
            case "NOT_EQUAL" -> actual.compareTo(first) != 0;
            case "GREATER_THAN" -> actual.compareTo(first) > 0;
            case "GREATER_THAN_OR_EQUAL" -> actual.compareTo(first) >= 0;
            case "LESS_THAN" -> actual.compareTo(first) < 0;
            case "LESS_THAN_OR_EQUAL" -> actual.compareTo(first) <= 0;
            case "IN_RANGE" -> actual.compareTo(first) >= 0 && actual.compareTo(new BigDecimal(values.get(1))) <= 0;
            case "NOT_IN_RANGE" -> actual.compareTo(first) < 0 || actual.compareTo(new BigDecimal(values.get(1))) > 0;
            default -> true;
        };
    }
}
