package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /{campaign | ad set | ad}/copies}: Meta's native duplication. Parameters: deep_copy (copy children),
 * status_option ACTIVE | PAUSED (default) | INHERITED_FROM_SOURCE, rename_options {rename_suffix, rename_prefix,
 * rename_strategy DEEP_RENAME | ONLY_TOP_LEVEL_RENAME (default) | NO_RENAME}, campaign_id (ad set copies) /
 * adset_id (ad copies) as the destination. Answer: {@code {"copied_campaign_id":…, "ad_object_ids":[{"ad_object_type",
 * "source_id","copied_id"}…]}} ({@code copied_adset_id}, {@code copied_ad_id} for the others). A synchronous deep copy
 * may copy at most {@value #MAX_SYNC_CHILDREN} children, as Meta's; larger copies are refused.
 */
final class Copies {

    static final int MAX_SYNC_CHILDREN = 3;
    private static final List<String> STATUS_OPTIONS = List.of("ACTIVE", "PAUSED", "INHERITED_FROM_SOURCE");
    private static final List<String> RENAME_STRATEGIES = List.of("DEEP_RENAME", "ONLY_TOP_LEVEL_RENAME",
            "NO_RENAME");

    private record Options(String statusOption, String prefix, String suffix, String strategy, boolean deep) {
        String name(String source, boolean topLevel) {
            boolean rename = strategy.equals("DEEP_RENAME") || topLevel && strategy.equals("ONLY_TOP_LEVEL_RENAME");
            return rename ? prefix + source + suffix : source;
        }

        String status(String source) {
            return statusOption.equals("INHERITED_FROM_SOURCE") ? source : statusOption;
        }
    }

    private Copies() {
    }

    static Object copy(GraphCall call) {
        Node source = call.node();
        SandboxStore store = call.api().context().store();
        Node account = store.node(source.accountId()).orElseThrow();
        AccountGuard.requireWritable(account);
        Params p = new Params(call);
        Map<String, Object> rename = p.object("rename_options").orElse(Map.of());
        String strategy = String.valueOf(rename.getOrDefault("rename_strategy", "ONLY_TOP_LEVEL_RENAME"));
        if (!RENAME_STRATEGIES.contains(strategy)) {
            throw AdErrors.mustBeOneOf("rename_options[rename_strategy]", RENAME_STRATEGIES);
        }
        boolean anyRename = rename.containsKey("rename_suffix") || rename.containsKey("rename_prefix");
        Options options = new Options(p.oneOf("status_option", STATUS_OPTIONS).orElse("PAUSED"),
                String.valueOf(rename.getOrDefault("rename_prefix", "")),
                String.valueOf(rename.getOrDefault("rename_suffix", anyRename ? "" : " - Copy")),
                strategy, p.bool("deep_copy").orElse(false));
        if ("DELETED".equals(source.getString("status"))) {
            throw AdErrors.invalid(null, "Object Deleted", "A deleted " + source.type().graphName() + " can't be "
                    + "copied.");
        }

        Node campaignTarget = null;
        Node adSetTarget = null;
        if (source.type() == NodeType.AD_SET) {
            campaignTarget = AdSetWrites.campaignFor(store, account,
                    p.string("campaign_id").orElse(source.getString("campaign_id")));
        } else if (source.type() == NodeType.AD) {
            adSetTarget = AdWrites.adSetFor(store, account, p.string("adset_id").orElse(source.getString("adset_id")));
            AdSetWrites.campaignFor(store, account, adSetTarget.getString("campaign_id"));
            String creativeId = NodeViews.creativeId(source);
            if (creativeId != null) {
                AdWrites.checkCreativeFits(store, adSetTarget, creativeId);
            }
        } else {
            AdSetWrites.legacyObjectiveCheck(source);
        }
        int children = options.deep() ? countChildren(store, source) : 0;
        if (children > MAX_SYNC_CHILDREN) {
            throw AdErrors.invalid(null, "Too Many Objects To Copy", "A deep copy can copy at most "
                    + MAX_SYNC_CHILDREN + " ad sets and ads in one request; this " + source.type().graphName()
                    + " has " + children + ". Copy it in parts, or use an asynchronous batch request.");
        }
        if (p.validateOnly()) {
            return Map.of("success", true);
        }

        long now = call.api().context().nowEpochSeconds();
        List<Map<String, Object>> copied = new ArrayList<>();
        Node copy = switch (source.type()) {
            case CAMPAIGN -> copyCampaign(call, store, source, options, now, copied);
            case AD_SET -> copyAdSet(call, store, source, campaignTarget, options, true, now, copied);
            default -> copyAd(call, store, source, adSetTarget, options, true, now, copied);
        };
        Map<String, Object> answer = new LinkedHashMap<>();
        String key = switch (source.type()) {
            case CAMPAIGN -> "copied_campaign_id";
            case AD_SET -> "copied_adset_id";
            default -> "copied_ad_id";
        };
        answer.put(key, copy.id());
        answer.put("ad_object_ids", copied);
        return answer;
    }

    private static int countChildren(SandboxStore store, Node source) {
        int count = 0;
        if (source.type() == NodeType.CAMPAIGN) {
            for (String adSetId : Hidden.ids(source, Hidden.ADSETS)) {
                Node adSet = store.node(adSetId).orElse(null);
                if (adSet != null && !"DELETED".equals(adSet.getString("status"))) {
                    count += 1 + liveAds(store, adSet).size();
                }
            }
        } else if (source.type() == NodeType.AD_SET) {
            count = liveAds(store, source).size();
        }
        return count;
    }

    private static List<Node> liveAds(SandboxStore store, Node parent) {
        List<Node> ads = new ArrayList<>();
        for (String id : Hidden.ids(parent, Hidden.ADS)) {
            store.node(id).filter(ad -> !"DELETED".equals(ad.getString("status"))).ifPresent(ads::add);
        }
        return ads;
    }

    private static Node copyCampaign(GraphCall call, SandboxStore store, Node source, Options options, long now,
                                     List<Map<String, Object>> copied) {
        Map<String, Object> fields = copyable(source);
        fields.put("name", options.name(source.getString("name"), true));
        fields.put("status", options.status(source.getString("status")));
        fields.put("source_campaign_id", source.id());
        Node copy = MarketingObjects.create(store, NodeType.CAMPAIGN, source.accountId(), fields, now);
        copied.add(entry("campaign", source, copy));
        Activities.record(call, source.accountId(), "create_campaign_group", copy, Map.of("copied_from", source.id()));
        if (options.deep()) {
            for (String adSetId : Hidden.ids(source, Hidden.ADSETS)) {
                Node adSet = store.node(adSetId).orElse(null);
                if (adSet != null && !"DELETED".equals(adSet.getString("status"))) {
                    copyAdSet(call, store, adSet, copy, options, false, now, copied);
                }
            }
        }
        return copy;
    }

    private static Node copyAdSet(GraphCall call, SandboxStore store, Node source, Node campaign, Options options,
                                  boolean topLevel, long now, List<Map<String, Object>> copied) {
        Map<String, Object> fields = copyable(source);
        fields.put("campaign_id", campaign.id());
        fields.put("name", options.name(source.getString("name"), topLevel));
        fields.put("status", options.status(source.getString("status")));
        fields.put("source_adset_id", source.id());
        if (Budgets.hasBudget(campaign)) {
            fields.remove("daily_budget");
            fields.remove("lifetime_budget");
        }
        Node copy = MarketingObjects.create(store, NodeType.AD_SET, source.accountId(), fields, now);
        copied.add(entry("ad_set", source, copy));
        Activities.record(call, source.accountId(), "create_ad_set", copy, Map.of("copied_from", source.id()));
        if (options.deep()) {
            for (Node ad : liveAds(store, source)) {
                copyAd(call, store, ad, copy, options, false, now, copied);
            }
        }
        return copy;
    }

    private static Node copyAd(GraphCall call, SandboxStore store, Node source, Node adSet, Options options,
                               boolean topLevel, long now, List<Map<String, Object>> copied) {
        Map<String, Object> fields = copyable(source);
        fields.put("campaign_id", adSet.getString("campaign_id"));
        fields.put("adset_id", adSet.id());
        fields.put("name", options.name(source.getString("name"), topLevel));
        fields.put("status", options.status(source.getString("status")));
        fields.put("source_ad_id", source.id());
        fields.remove("ad_review_feedback");
        fields.remove("issues_info");
        Node copy = MarketingObjects.create(store, NodeType.AD, source.accountId(), fields, now);
        copied.add(entry("ad", source, copy));
        Activities.record(call, source.accountId(), "create_ad", copy, Map.of("copied_from", source.id()));
        return copy;
    }

    /** The source's stored fields minus ids, times and the hidden child lists. */
    private static Map<String, Object> copyable(Node source) {
        Map<String, Object> fields = source.snapshot();
        fields.keySet().removeIf(key -> key.startsWith("_"));
        fields.remove("id");
        fields.remove("created_time");
        fields.remove("updated_time");
        fields.remove("account_id");
        fields.remove("source_campaign_id");
        fields.remove("source_adset_id");
        fields.remove("source_ad_id");
        return fields;
    }

    private static Map<String, Object> entry(String type, Node source, Node copy) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ad_object_type", type);
        entry.put("source_id", source.id());
        entry.put("copied_id", copy.id());
        return entry;
    }
}
