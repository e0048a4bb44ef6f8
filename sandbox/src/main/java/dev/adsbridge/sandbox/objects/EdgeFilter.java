package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The list filters of campaign, ad set and ad edges: {@code effective_status=["ACTIVE","PAUSED"]} and
 * {@code filtering=[{"field","operator","value"}]}. Without a filter on effective_status or status, ARCHIVED and
 * DELETED objects are left out (they stay readable by id), as Meta does.
 */
final class EdgeFilter {

    static final List<String> OPERATORS = List.of("EQUAL", "NOT_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL",
            "LESS_THAN", "LESS_THAN_OR_EQUAL", "IN_RANGE", "NOT_IN_RANGE", "CONTAIN", "NOT_CONTAIN", "IN", "NOT_IN",
            "STARTS_WITH", "ENDS_WITH", "ANY", "ALL", "AFTER", "BEFORE", "ON_OR_AFTER", "ON_OR_BEFORE", "NONE");

    private static final Set<String> TIME_FIELDS = Set.of("created_time", "updated_time", "start_time",
            "stop_time", "end_time");
    private static final Set<String> NUMBER_FIELDS = Set.of("daily_budget", "lifetime_budget", "spend_cap",
            "bid_amount");
    private static final Set<String> OWN_FIELDS = Set.of("id", "name", "status", "configured_status",
            "effective_status", "created_time", "updated_time", "start_time", "stop_time", "end_time", "daily_budget",
            "lifetime_budget", "spend_cap", "bid_amount", "bid_strategy", "buying_type", "objective",
            "optimization_goal", "billing_event", "campaign_id", "adset_id", "destination_type");

    private record Condition(String field, String operator, JsonNode value) {
    }

    private final SandboxStore store;
    private final NodeType type;
    private final List<String> effectiveStatuses;
    private final List<Condition> conditions;
    private final boolean hideArchived;

    private EdgeFilter(SandboxStore store, NodeType type, List<String> effectiveStatuses, List<Condition> conditions) {
        this.store = store;
        this.type = type;
        this.effectiveStatuses = effectiveStatuses;
        this.conditions = conditions;
        this.hideArchived = effectiveStatuses == null && conditions.stream()
                .noneMatch(c -> c.field().equals("effective_status") || c.field().equals("status")
                        || c.field().equals("configured_status"));
    }

    /** Parses and validates the call's filters for an edge listing {@code type}. */
    static EdgeFilter of(GraphCall call, NodeType type) {
        SandboxStore store = call.api().context().store();
        List<String> statuses = null;
        if (call.has("effective_status")) {
            statuses = Params.stringList("effective_status", call.param("effective_status").get());
            List<String> valid = EffectiveStatus.validValues(type);
            for (int i = 0; i < statuses.size(); i++) {
                if (!valid.contains(statuses.get(i))) {
                    throw AdErrors.mustBeOneOf("effective_status[" + i + "]", valid);
                }
            }
        }
        return new EdgeFilter(store, type, statuses, conditions(call, type));
    }

    /** Newest first: keeps the order of {@code newestFirst}. */
    List<Node> apply(List<Node> newestFirst) {
        List<Node> out = new ArrayList<>();
        Map<String, String> parentStatus = new HashMap<>();
        for (Node node : newestFirst) {
            String effective = EffectiveStatus.of(store, node);
            if (effectiveStatuses != null && !effectiveStatuses.contains(effective)) {
                continue;
            }
            if (hideArchived && EffectiveStatus.isHiddenByDefault(effective)) {
                continue;
            }
            boolean keep = true;
            for (Condition condition : conditions) {
                if (!matches(node, effective, condition, parentStatus)) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                out.add(node);
            }
        }
        return out;
    }

    private static List<Condition> conditions(GraphCall call, NodeType type) {
        if (!call.has("filtering")) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(call.param("filtering").get());
        } catch (JacksonException e) {
            throw AdErrors.wrongType("filtering", "a JSON array of {field, operator, value} objects");
        }
        if (!root.isArray()) {
            throw AdErrors.wrongType("filtering", "a JSON array of {field, operator, value} objects");
        }
        List<Condition> out = new ArrayList<>();
        int index = 0;
        for (JsonNode item : root) {
            if (!item.isObject() || !item.has("field") || !item.has("operator")) {
                throw AdErrors.wrongType("filtering[" + index + "]", "an object with field, operator and value");
            }
            String operator = item.get("operator").asString().toUpperCase(Locale.ROOT);
            if (!OPERATORS.contains(operator)) {
                throw AdErrors.mustBeOneOf("filtering[" + index + "][operator]", OPERATORS);
            }
            String field = normalize(type, item.get("field").asString().trim());
            if (field == null) {
                throw AdErrors.parameter("Filtering field '" + item.get("field").asString() + "' with operation '"
                        + operator.toLowerCase(Locale.ROOT) + "' is not supported", "Invalid Filter",
                        "You can't filter these objects by " + item.get("field").asString() + ".");
            }
            JsonNode value = item.path("value");
            if (field.equals("effective_status") || field.endsWith(".effective_status")) {
                NodeType of = field.startsWith("campaign.") ? NodeType.CAMPAIGN
                        : field.startsWith("adset.") ? NodeType.AD_SET : type;
                List<String> valid = EffectiveStatus.validValues(of);
                for (JsonNode v : value.isArray() ? value : List.of(value)) {
                    if (!valid.contains(v.asString())) {
                        throw AdErrors.mustBeOneOf("filtering[" + index + "][value]", valid);
                    }
                }
            }
            out.add(new Condition(field, operator, value));
            index++;
        }
        return out;
    }

    /** Own fields lose their level prefix ("campaign.name" on campaigns → "name"); parents' keep it; unknown → null. */
    private static String normalize(NodeType type, String raw) {
        String field = raw.toLowerCase(Locale.ROOT).replace("ad_set.", "adset.");
        String own = switch (type) {
            case CAMPAIGN -> "campaign.";
            case AD_SET -> "adset.";
            default -> "ad.";
        };
        if (field.startsWith(own)) {
            field = field.substring(own.length());
        }
        if (field.equals("campaign.id")) {
            field = "campaign_id";
        } else if (field.equals("adset.id")) {
            field = "adset_id";
        }
        if (type == NodeType.CAMPAIGN && (field.equals("campaign_id") || field.equals("adset_id"))) {
            return field.equals("campaign_id") ? "id" : null;
        }
        if (type == NodeType.AD_SET && field.equals("adset_id")) {
            return "id";
        }
        if (OWN_FIELDS.contains(field)) {
            return field;
        }
        if (field.equals("creative.id") && type == NodeType.AD) {
            return field;
        }
        int dot = field.indexOf('.');
        if (dot > 0) {
            String parent = field.substring(0, dot);
            String rest = field.substring(dot + 1);
            boolean parentOk = parent.equals("campaign") && type != NodeType.CAMPAIGN
                    || parent.equals("adset") && type == NodeType.AD;
            if (parentOk && OWN_FIELDS.contains(rest) && !rest.endsWith("_id")) {
                return field;
            }
        }
        return null;
    }

    private boolean matches(Node node, String effective, Condition condition, Map<String, String> parentStatus) {
        Object actual = valueOf(node, effective, condition.field(), parentStatus);
        String field = condition.field().substring(condition.field().indexOf('.') + 1);
        JsonNode value = condition.value();
        return switch (condition.operator()) {
            case "EQUAL" -> equal(field, actual, value);
            case "NOT_EQUAL" -> !equal(field, actual, value);
            case "IN", "ANY" -> anyEqual(field, actual, value);
            case "NOT_IN", "NONE" -> !anyEqual(field, actual, value);
            case "ALL" -> anyEqual(field, actual, value);
            case "CONTAIN" -> text(actual).contains(value.asString().toLowerCase(Locale.ROOT));
            case "NOT_CONTAIN" -> !text(actual).contains(value.asString().toLowerCase(Locale.ROOT));
            case "STARTS_WITH" -> text(actual).startsWith(value.asString().toLowerCase(Locale.ROOT));
            case "ENDS_WITH" -> text(actual).endsWith(value.asString().toLowerCase(Locale.ROOT));
            case "GREATER_THAN", "AFTER" -> compare(field, actual, value) > 0;
            case "GREATER_THAN_OR_EQUAL", "ON_OR_AFTER" -> compare(field, actual, value) >= 0;
            case "LESS_THAN", "BEFORE" -> compare(field, actual, value) < 0;
            case "LESS_THAN_OR_EQUAL", "ON_OR_BEFORE" -> compare(field, actual, value) <= 0;
            case "IN_RANGE" -> inRange(field, actual, value);
            case "NOT_IN_RANGE" -> !inRange(field, actual, value);
            default -> true;
        };
    }

    private Object valueOf(Node node, String effective, String field, Map<String, String> parentStatus) {
        if (field.equals("creative.id")) {
            return NodeViews.creativeId(node);
        }
        int dot = field.indexOf('.');
        if (dot > 0) {
            String parentId = node.getString(field.substring(0, dot) + "_id");
            Node parent = parentId == null ? null : store.node(parentId).orElse(null);
            if (parent == null) {
                return null;
            }
            String rest = field.substring(dot + 1);
            if (rest.equals("effective_status")) {
                return parentStatus.computeIfAbsent(parent.id(), id -> EffectiveStatus.of(store, parent));
            }
            return valueOf(parent, null, rest, parentStatus);
        }
        return switch (field) {
            case "id" -> node.id();
            case "effective_status" -> effective != null ? effective : EffectiveStatus.of(store, node);
            case "configured_status" -> node.getString("status");
            case "created_time" -> Times.createdEpoch(node);
            case "objective" -> node.type() == NodeType.CAMPAIGN ? node.getString("objective")
                    : store.node(node.getString("campaign_id")).map(c -> c.getString("objective")).orElse(null);
            default -> TIME_FIELDS.contains(field) ? (Object) Times.epochOf(node.get(field)) : node.getString(field);
        };
    }

    private static String text(Object actual) {
        return actual == null ? "" : actual.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean equal(String field, Object actual, JsonNode value) {
        if (actual == null) {
            return value.isNull() || value.isMissingNode();
        }
        if (TIME_FIELDS.contains(field) || NUMBER_FIELDS.contains(field)) {
            return compare(field, actual, value) == 0;
        }
        return actual.toString().equals(value.asString());
    }

    private static boolean anyEqual(String field, Object actual, JsonNode value) {
        for (JsonNode v : value.isArray() ? value : List.of(value)) {
            if (equal(field, actual, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(String field, Object actual, JsonNode value) {
        if (!value.isArray() || value.size() != 2) {
            throw AdErrors.wrongType("filtering value", "an array of two values for IN_RANGE");
        }
        return compare(field, actual, value.get(0)) >= 0 && compare(field, actual, value.get(1)) <= 0;
    }

    /** Numbers and times compare numerically (times as epoch seconds), anything else as text. */
    private static int compare(String field, Object actual, JsonNode value) {
        if (actual == null) {
            return -1;
        }
        if (TIME_FIELDS.contains(field)) {
            long wanted = value.isNumber() ? value.asLong()
                    : Times.parse("filtering value", value.asString(), java.time.ZoneOffset.UTC);
            return Long.compare(((Number) actual).longValue(), wanted);
        }
        try {
            double left = Double.parseDouble(actual.toString());
            double right = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asString());
            return Double.compare(left, right);
        } catch (NumberFormatException e) {
            return actual.toString().compareTo(value.asString());
        }
    }
}
