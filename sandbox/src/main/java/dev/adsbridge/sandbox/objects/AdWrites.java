package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /act_{id}/ads}: an ad in an ad set, pointing at a creative of the same account. */
final class AdWrites {

    private AdWrites() {
    }

    static Object create(GraphCall call) {
        Node account = call.node();
        AccountGuard.requireWritable(account);
        NodeViews.checkFields(call, NodeType.AD);
        SandboxStore store = call.api().context().store();
        Params p = new Params(call);
        long now = call.api().context().nowEpochSeconds();

        String name = p.required("name");
        Node adSet = adSetFor(store, account, p.required("adset_id"));
        Node campaign = AdSetWrites.campaignFor(store, account, adSet.getString("campaign_id"));
        String creativeId = creativeId(store, account, p.json("creative").orElseThrow(() -> AdErrors.required(
                "creative")));
        checkCreativeFits(store, adSet, creativeId);
        String status = p.oneOf("status", AdVocabulary.CREATE_STATUSES).orElse("ACTIVE");
        var tracking = p.json("tracking_specs");
        var conversionDomain = p.string("conversion_domain");
        if (p.validateOnly()) {
            return Map.of("success", true);
        }

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign_id", campaign.id());
        fields.put("adset_id", adSet.id());
        fields.put("name", name);
        fields.put("status", status);
        fields.put("creative", Map.of("id", creativeId));
        fields.put("tracking_specs", tracking.isPresent() ? Json.MAPPER.convertValue(tracking.get(), Object.class)
                : defaultTrackingSpecs(store, adSet, creativeId));
        conversionDomain.ifPresent(v -> fields.put("conversion_domain", v));
        Node ad = MarketingObjects.create(store, NodeType.AD, account.id(), fields, now);
        ad.update(f -> f.put("preview_shareable_link", "https://fb.me/sbx" + ad.id().substring(10)));
        Activities.record(call, account.id(), "create_ad", ad, Map.of("adset_id", adSet.id()));
        return NodeViews.created(call, ad);
    }

    /**
     * The tracking specs Meta gives an ad created without any (Ad reference, tracking_specs: "defaults are added"):
     * engagement with its post and Page, link clicks on the post, and conversions of the ad set's pixel.
     */
    static List<Map<String, Object>> defaultTrackingSpecs(SandboxStore store, Node adSet, String creativeId) {
        List<Map<String, Object>> specs = new ArrayList<>();
        Node creative = store.node(creativeId).orElse(null);
        String story = creative == null ? null : creative.getString("effective_object_story_id");
        if (story != null && story.contains("_")) {
            String page = story.substring(0, story.indexOf('_'));
            String post = story.substring(story.indexOf('_') + 1);
            specs.add(spec("post_engagement", "page", page, "post", post));
            specs.add(spec("link_click", "post", post, "post.wall", page));
            specs.add(spec("page_engagement", "page", page, null, null));
        }
        if (adSet.get("promoted_object") instanceof Map<?, ?> promoted && promoted.get("pixel_id") != null) {
            specs.add(spec("offsite_conversion", "fb_pixel", promoted.get("pixel_id").toString(), null, null));
        }
        return specs;
    }

    private static Map<String, Object> spec(String actionType, String key, String value, String key2,
                                            String value2) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("action.type", List.of(actionType));
        spec.put(key, List.of(value));
        if (key2 != null) {
            spec.put(key2, List.of(value2));
        }
        return spec;
    }

    /** The ad set an ad goes into: in this account, not deleted or archived. */
    static Node adSetFor(SandboxStore store, Node account, String adSetId) {
        Node adSet = store.node(adSetId).filter(n -> n.type() == NodeType.AD_SET)
                .filter(n -> account.id().equals(n.accountId()))
                .orElseThrow(() -> AdErrors.parameter("Param adset_id must be a valid ad set id of this ad account",
                        "Ad Set Not Found", "The ad set " + adSetId + " doesn't exist in this ad account."));
        String status = adSet.getString("status");
        if ("DELETED".equals(status) || "ARCHIVED".equals(status)) {
            throw AdErrors.invalid("adset_id", null, "Ad Set Is " + (status.equals("DELETED") ? "Deleted" : "Archived"),
                    "The ad set \"" + adSet.getString("name") + "\" is " + status.toLowerCase()
                            + ", so you can't add ads to it.");
        }
        return adSet;
    }

    /** A dynamic creative (one with an asset_feed_spec) only goes into an ad set made with is_dynamic_creative=true. */
    static void checkCreativeFits(SandboxStore store, Node adSet, String creativeId) {
        boolean dynamicCreative = store.node(creativeId).map(c -> c.get("asset_feed_spec") != null).orElse(false);
        if (dynamicCreative && !Boolean.TRUE.equals(adSet.get("is_dynamic_creative"))) {
            throw AdErrors.invalid("creative", AdErrors.DYNAMIC_CREATIVE_IN_STATIC_AD_SET,
                    "Cannot create dynamic creative ad in non-dynamic creative ad set",
                    "Dynamic creative ads can only be created under dynamic creative ad sets.");
        }
    }

    /** {@code creative={"creative_id":"…"}}: a creative of this account that is not deleted. */
    static String creativeId(SandboxStore store, Node account, JsonNode creative) {
        String id = creative.isObject() ? creative.path("creative_id").asString("") : "";
        if (id.isEmpty()) {
            throw AdErrors.parameter("Param creative must be an object with a creative_id",
                    "Creative Required", "Choose the ad's creative: send creative={\"creative_id\":\"…\"}.");
        }
        boolean usable = store.node(id).filter(n -> n.type() == NodeType.AD_CREATIVE)
                .filter(n -> account.id().equals(n.accountId()))
                .filter(n -> !"DELETED".equals(n.getString("status"))).isPresent();
        if (!usable) {
            throw AdErrors.parameter("Param creative[creative_id] must be a valid creative id of this ad account",
                    "Creative Not Found", "The creative " + id + " doesn't exist in this ad account or was "
                            + "deleted.");
        }
        return id;
    }
}
