package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.List;
import java.util.Map;

/**
 * Values of fields in Meta's field lists that follow from what the sandbox stores (a creative's call_to_action from
 * its story spec, an ad set's special_ad_categories from its campaign, a copy's source object, …). Fields without a
 * value in the world stay absent, as Meta leaves them out; a stored value always wins.
 */
final class DerivedFields {

    private DerivedFields() {
    }

    static void add(GraphCall call, Node node, Map<String, Object> values) {
        SandboxStore store = call.api().context().store();
        switch (node.type()) {
            case CAMPAIGN -> {
                values.putIfAbsent("special_ad_category_country", List.of());
                values.putIfAbsent("is_budget_schedule_enabled", !Hidden.ids(node, Hidden.SCHEDULES).isEmpty());
                values.putIfAbsent("topline_id", "0");
                values.putIfAbsent("can_create_brand_lift_study", false);
                values.putIfAbsent("has_secondary_skadnetwork_reporting", false);
                values.putIfAbsent("is_skadnetwork_attribution", false);
                reference(values, "source_campaign", values.get("source_campaign_id"));
            }
            case AD_SET -> {
                store.node(node.getString("campaign_id")).ifPresent(campaign ->
                        values.putIfAbsent("special_ad_categories", campaign.get("special_ad_categories")));
                Object bid = values.get("bid_amount");
                if (bid != null) {
                    values.putIfAbsent("bid_info", Map.of("ACTIONS", Long.parseLong(bid.toString())));
                }
                values.putIfAbsent("is_budget_schedule_enabled", !Hidden.ids(node, Hidden.SCHEDULES).isEmpty());
                values.putIfAbsent("lifetime_imps", 0);
                values.putIfAbsent("multi_optimization_goal_weight", "UNDEFINED");
                values.putIfAbsent("optimization_sub_event", "NONE");
                values.putIfAbsent("recurring_budget_semantics", false);
                values.putIfAbsent("use_new_app_click", false);
                reference(values, "source_adset", values.get("source_adset_id"));
            }
            case AD -> {
                store.node(node.getString("adset_id")).ifPresent(adSet -> {
                    if (adSet.get("targeting") != null) {
                        values.putIfAbsent("targeting", adSet.get("targeting"));
                    }
                });
                store.node(node.getString("campaign_id")).ifPresent(campaign ->
                        values.putIfAbsent("special_ad_categories", campaign.get("special_ad_categories")));
                values.putIfAbsent("bid_type", "ABSOLUTE_OCPM");
                values.putIfAbsent("last_updated_by_app_id", call.api().context().config().appId());
                values.putIfAbsent("engagement_audience", false);
                reference(values, "source_ad", values.get("source_ad_id"));
            }
            case AD_CREATIVE -> creative(values);
            default -> {
            }
        }
    }

    /** A creative's call_to_action, object_id and object_url come from its story spec, as Meta derives them. */
    private static void creative(Map<String, Object> values) {
        values.putIfAbsent("authorization_category", "NONE");
        values.putIfAbsent("effective_authorization_category", "NONE");
        values.putIfAbsent("use_page_actor_override", false);
        if (!(values.get("object_story_spec") instanceof Map<?, ?> spec)) {
            return;
        }
        if (spec.get("page_id") != null) {
            values.putIfAbsent("object_id", spec.get("page_id").toString());
        }
        for (String key : List.of("link_data", "video_data")) {
            if (spec.get(key) instanceof Map<?, ?> content) {
                if (content.get("call_to_action") != null) {
                    values.putIfAbsent("call_to_action", content.get("call_to_action"));
                }
                if (content.get("link") != null) {
                    values.putIfAbsent("object_url", content.get("link"));
                }
            }
        }
    }

    private static void reference(Map<String, Object> values, String field, Object id) {
        if (id != null && !"0".equals(id.toString())) {
            values.putIfAbsent(field, Map.of("id", id.toString()));
        }
    }
}
