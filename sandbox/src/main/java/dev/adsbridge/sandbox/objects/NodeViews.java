package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.FieldSpec;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.Render;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A marketing object as Graph shows it: its stored fields plus the computed ones (effective_status,
 * configured_status, budget_remaining, issues_info of a non-active account, {@code campaign{…}} / {@code adset{…}} /
 * {@code creative{…}} sub-objects, absolute image URLs), then {@code fields=} selection by {@link Render}.
 */
public final class NodeViews {

    private NodeViews() {
    }

    /** The node with the call's {@code fields=}. */
    public static Map<String, Object> render(GraphCall call, Node node) {
        return render(call, node, call.fields());
    }

    public static Map<String, Object> render(GraphCall call, Node node, List<FieldSpec> fields) {
        return Render.select(call, node, values(call, node, fields), fields);
    }

    /** The answer to a create: {@code {"id":…}}, or the node itself when the call asked for fields (read-after-write). */
    static Object created(GraphCall call, Node node) {
        return call.fields().isEmpty() ? Map.of("id", node.id()) : render(call, node);
    }

    /** Fails with "(#100) Tried accessing nonexisting field" before a write, so a bad fields= creates nothing. */
    static void checkFields(GraphCall call, NodeType type) {
        for (FieldSpec spec : call.fields()) {
            if (!type.hasField(spec.name()) && !call.api().hasEdge(type, spec.name())) {
                throw GraphErrors.nonexistingField(spec.name(), type.graphName());
            }
        }
    }

    static Map<String, Object> values(GraphCall call, Node node, List<FieldSpec> fields) {
        SandboxStore store = call.api().context().store();
        Map<String, Object> values = node.snapshot();
        switch (node.type()) {
            case CAMPAIGN, AD_SET, AD -> {
                String effective = EffectiveStatus.of(store, node);
                values.put("effective_status", effective);
                values.put("configured_status", values.getOrDefault("status", "ACTIVE"));
                if (node.type() != NodeType.AD) {
                    values.put("budget_remaining", budgetRemaining(node, values));
                }
                if (("WITH_ISSUES".equals(effective) || "PENDING_BILLING_INFO".equals(effective))
                        && !values.containsKey("issues_info")) {
                    values.put("issues_info", List.of(accountIssue()));
                }
                for (FieldSpec spec : fields) {
                    switch (spec.name()) {
                        case "campaign" -> values.put("campaign",
                                reference(call, store, node.getString("campaign_id"), spec));
                        case "adset" -> values.put("adset", reference(call, store, node.getString("adset_id"), spec));
                        case "creative" -> values.put("creative",
                                reference(call, store, creativeId(node), spec));
                        default -> {
                        }
                    }
                }
            }
            case AD_CREATIVE -> {
                absolutize(call, values, "image_url");
                absolutize(call, values, "thumbnail_url");
            }
            case AD_IMAGE -> {
                Object path = values.get(Hidden.IMAGE_PATH);
                if (path != null) {
                    String url = call.baseUrl() + path;
                    values.put("url", url);
                    values.put("url_128", url + "?w=128");
                    values.put("permalink_url", url);
                }
            }
            default -> {
            }
        }
        DerivedFields.add(call, node, values);
        return values;
    }

    /** The creative id an ad points at. */
    @SuppressWarnings("unchecked")
    static String creativeId(Node ad) {
        Object creative = ad.get("creative");
        if (creative instanceof Map<?, ?> map) {
            Object id = ((Map<String, Object>) map).get("id");
            return id == null ? null : id.toString();
        }
        return null;
    }

    private static Object reference(GraphCall call, SandboxStore store, String id, FieldSpec spec) {
        if (id == null) {
            return null;
        }
        if (spec.children().isEmpty()) {
            return Map.of("id", id);
        }
        Node target = store.node(id).orElse(null);
        if (target == null) {
            return Map.of("id", id);
        }
        return render(call, target, spec.children());
    }

    private static void absolutize(GraphCall call, Map<String, Object> values, String field) {
        Object value = values.get(field);
        if (value instanceof String path && path.startsWith("/")) {
            values.put(field, call.baseUrl() + path);
        }
    }

    /** A deterministic share of the budget left for the current period (daily) or the flight (lifetime). */
    private static String budgetRemaining(Node node, Map<String, Object> values) {
        Object daily = values.get("daily_budget");
        Object lifetime = values.get("lifetime_budget");
        Object budget = daily != null ? daily : lifetime;
        if (budget == null) {
            return "0";
        }
        long amount;
        try {
            amount = Long.parseLong(budget.toString());
        } catch (NumberFormatException e) {
            return "0";
        }
        int spentPercent = Math.floorMod(node.id().hashCode(), daily != null ? 60 : 80);
        return Long.toString(amount * (100 - spentPercent) / 100);
    }

    private static Map<String, Object> accountIssue() {
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("level", "AD_ACCOUNT");
        issue.put("error_code", AdErrors.ACCOUNT_NOT_ACTIVE);
        issue.put("error_summary", "Ad account disabled");
        issue.put("error_message", "The ad account this object belongs to is not active, so its ads can't run.");
        issue.put("error_type", "HARD_ERROR");
        return issue;
    }
}
