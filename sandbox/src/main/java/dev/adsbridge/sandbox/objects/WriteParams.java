package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.Handler;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.store.MetaFieldList;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The parameters an Ads write takes, as Meta's endpoint takes them (the official SDK's parameter lists under
 * {@code objects/params/}). A parameter Meta does not take is an error, as on Meta, and changes nothing. A parameter
 * Meta takes that the sandbox does not model is kept as sent when it is also a field of the object (so reading it
 * back shows it), and refused otherwise: a write never answers success without applying what it was sent.
 */
enum WriteParams {
    CREATE_CAMPAIGN("CreateCampaign", "creating a campaign", NodeType.CAMPAIGN, Set.of("name", "objective",
            "status", "special_ad_categories", "daily_budget", "lifetime_budget", "bid_strategy", "spend_cap",
            "buying_type", "start_time", "stop_time", "promoted_object", "is_adset_budget_sharing_enabled",
            "execution_options")),
    CREATE_AD_SET("CreateAdSet", "creating an ad set", NodeType.AD_SET, Set.of("name", "campaign_id", "status",
            "daily_budget", "lifetime_budget", "bid_amount", "bid_strategy", "bid_constraints", "billing_event",
            "optimization_goal", "targeting", "promoted_object", "destination_type", "start_time", "end_time",
            "frequency_control_specs", "is_dynamic_creative", "dsa_beneficiary", "dsa_payor", "execution_options")),
    CREATE_AD("CreateAd", "creating an ad", NodeType.AD, Set.of("name", "adset_id", "creative", "status",
            "tracking_specs", "conversion_domain", "execution_options")),
    CREATE_AD_CREATIVE("CreateAdCreative", "creating an ad creative", NodeType.AD_CREATIVE, Set.of("name",
            "object_story_spec", "object_story_id", "asset_feed_spec", "degrees_of_freedom_spec", "url_tags",
            "execution_options")),
    UPDATE_CAMPAIGN("UpdateCampaign", "updating a campaign", NodeType.CAMPAIGN, Set.of("name", "status",
            "objective", "special_ad_categories", "daily_budget", "lifetime_budget", "bid_strategy", "spend_cap",
            "is_adset_budget_sharing_enabled", "start_time", "stop_time", "promoted_object", "execution_options")),
    UPDATE_AD_SET("UpdateAdSet", "updating an ad set", NodeType.AD_SET, Set.of("name", "status", "daily_budget",
            "lifetime_budget", "targeting", "optimization_goal", "billing_event", "bid_strategy", "bid_amount",
            "bid_constraints", "start_time", "end_time", "promoted_object", "frequency_control_specs",
            "dsa_beneficiary", "dsa_payor", "execution_options")),
    UPDATE_AD("UpdateAd", "updating an ad", NodeType.AD, Set.of("name", "status", "creative", "tracking_specs",
            "conversion_domain", "execution_options")),
    UPDATE_AD_CREATIVE("UpdateAdCreative", "updating an ad creative", NodeType.AD_CREATIVE, Set.of("name",
            "status")),
    COPY_CAMPAIGN("CopyCampaign", "copying a campaign", null, Set.of("deep_copy", "rename_options",
            "status_option")),
    COPY_AD_SET("CopyAdSet", "copying an ad set", null, Set.of("campaign_id", "deep_copy", "rename_options",
            "status_option")),
    COPY_AD("CopyAd", "copying an ad", null, Set.of("adset_id", "rename_options", "status_option"));

    /** Parameters of the Graph request itself, taken by every endpoint. */
    private static final Set<String> TRANSPORT = Set.of("access_token", "appsecret_proof", "appsecret_time",
            "fields", "format", "suppress_http_code", "pretty", "locale", "include_headers", "debug", "method",
            "callback", "transport", "sdk", "sdk_version", "batch_app_id", "_reqName", "_reqSrv");

    /**
     * {@code execution_options} (validate_only and friends) works on every Ads write Meta documents it for, and
     * every guarded handler honours it, though the SDK's lists leave it out of copies and creative updates.
     */
    private static final String VALIDATION = "execution_options";

    private final Set<String> meta;
    private final String doing;
    private final NodeType keptOn;
    private final Set<String> modelled;

    WriteParams(String metaList, String doing, NodeType keptOn, Set<String> modelled) {
        this.meta = Set.copyOf(MetaFieldList.read("/dev/adsbridge/sandbox/objects/params/" + metaList + ".txt"));
        this.doing = doing;
        this.keptOn = keptOn;
        this.modelled = modelled;
    }

    /** {@code handler}, behind the check; the parameters kept as sent land on the written object afterwards. */
    Handler guard(Handler handler) {
        return call -> {
            Map<String, Object> kept = check(call);
            Object result = handler.handle(call);
            if (kept.isEmpty() || new Params(call).validateOnly()) {
                return result;
            }
            Node node = written(call, result);
            if (node == null) {
                return result;
            }
            node.update(fields -> fields.putAll(kept));
            // Read-after-write shows the object as it now is.
            return result instanceof Map<?, ?> map && map.containsKey("id") && !call.fields().isEmpty()
                    ? NodeViews.render(call, node) : result;
        };
    }

    private Map<String, Object> check(GraphCall call) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : call.params().entrySet()) {
            String name = param.getKey();
            if (TRANSPORT.contains(name) || modelled.contains(name) || VALIDATION.equals(name)) {
                continue;
            }
            if (!meta.contains(name)) {
                throw AdErrors.unknownParameter(name, doing);
            }
            if ("account_id".equals(name) && call.node() != null) {
                // Names the object's own account (an object never moves between accounts).
                String own = call.node().accountId();
                if (own == null || !own.substring(4).equals(param.getValue().replaceFirst("^act_", ""))) {
                    throw AdErrors.invalid("account_id", null, "Wrong Ad Account", "This object belongs to ad "
                            + "account " + own + "; it can't be moved to another account.");
                }
                continue;
            }
            if (keptOn == null || !keptOn.hasField(name)) {
                throw GraphErrors.invalidParameter("The sandbox does not model the parameter " + name + " when "
                        + doing + "; nothing was changed").blame(name);
            }
            kept.put(name, value(param.getValue()));
        }
        return kept;
    }

    /** JSON objects and arrays are kept as such (Meta returns them as JSON), anything else as the string sent. */
    private static Object value(String raw) {
        String text = raw.trim();
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                JsonNode json = Json.MAPPER.readTree(text);
                return Json.MAPPER.convertValue(json, Object.class);
            } catch (JacksonException e) {
                return raw;
            }
        }
        return raw;
    }

    private Node written(GraphCall call, Object result) {
        if (call.edge() == null) {
            return call.node();
        }
        if (result instanceof Map<?, ?> map && map.get("id") != null) {
            return call.api().context().store().node(map.get("id").toString()).orElse(null);
        }
        return null;
    }
}
