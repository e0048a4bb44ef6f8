package dev.adsbridge.mcp.tools;

import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.Hints;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolCall;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolException;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Toolset {@code ads}: list, read, create and update ads. */
public final class AdTools {

    static final List<String> EFFECTIVE_STATUSES = List.of("ACTIVE", "PAUSED", "DELETED", "ARCHIVED",
            "PENDING_REVIEW", "DISAPPROVED", "PREAPPROVED", "PENDING_BILLING_INFO", "CAMPAIGN_PAUSED",
            "ADSET_PAUSED", "IN_PROCESS", "WITH_ISSUES");

    static final String LIST_FIELDS = "id,name,adset_id,campaign_id,status,effective_status,"
            + "creative{id,name,thumbnail_url},bid_amount,tracking_specs,conversion_domain,created_time,updated_time";
    static final String DETAIL_FIELDS = "id,name,account_id,adset_id,campaign_id,status,configured_status,"
            + "effective_status,creative{id,name,title,body,image_hash,image_url,thumbnail_url,link_url,"
            + "call_to_action_type,url_tags},adset{id,name},campaign{id,name},bid_amount,tracking_specs,"
            + "conversion_specs,conversion_domain,preview_shareable_link,ad_review_feedback,issues_info,created_time,"
            + "updated_time";

    private AdTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(getAds(), getAdDetails(), createAd(), updateAd());
    }

    // ---------------------------------------------------------------- get_ads

    public static ToolDefinition getAds() {
        return ToolDefinition.builder("get_ads", Toolset.ADS)
                .title("List ads")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List the ads of an ad account, newest first; narrow to one ad set (adset_id) or one \
                        campaign (campaign_id) — the most specific one given wins. Use get_ad_details for one ad, \
                        get_ad_creatives / get_ad_image for what it shows, get_insights for performance.
                        Returns {"data":[{"id","name","adset_id","campaign_id","status","effective_status",\
                        "creative":{"id","name","thumbnail_url"},"tracking_specs","conversion_domain",…}],"paging",\
                        "next_cursor"}. effective_status tells why an ad does not deliver (ADSET_PAUSED, \
                        CAMPAIGN_PAUSED, DISAPPROVED, PENDING_REVIEW, WITH_ISSUES…). Without status_filter Meta \
                        hides archived and deleted ads. 'fields' replaces the default fields with Graph's own \
                        list, field expansion included (creative{…}, insights with a date_preset).""")
                .input(GraphFields.argument(Common.statusFilter(Common.paging(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required(), "ads", 10)
                        .string("campaign_id", "Only the ads of this campaign (digits). Empty for all.")
                        .defaultValue("")
                        .string("adset_id", "Only the ads of this ad set (digits); wins over campaign_id. Empty for "
                                + "all.").defaultValue(""), "ads", EFFECTIVE_STATUSES), LIST_FIELDS,
                        "id,name,adset_id,creative{id,name,thumbnail_url,image_hash,object_story_spec},"
                                + "insights.date_preset(last_7d){spend,results,cost_per_result}"))
                .handler(AdTools::listAds)
                .build();
    }

    private static CallToolResult listAds(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        Optional<String> campaignId = args.optionalObjectId("campaign_id", "campaign");
        Optional<String> adsetId = args.optionalObjectId("adset_id", "ad set");
        Map<String, String> params = Common.listParams(args,
                GraphFields.read(args, ToolListings.defaultFields(call, LIST_FIELDS)), 10);
        Common.putStatusFilter(args, EFFECTIVE_STATUSES, params);
        String parent = adsetId.or(() -> campaignId).orElse(accountId);
        return ToolResults.success(Common.listResult(call.graph().page(parent + "/ads", params)));
    }

    // ---------------------------------------------------------------- get_ad_details

    public static ToolDefinition getAdDetails() {
        return ToolDefinition.builder("get_ad_details", Toolset.ADS)
                .title("Get ad details")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get one ad by id: status and effective status, its ad set and campaign (id, name), its \
                        creative (id, name, headline title, text body, image_hash, image_url, thumbnail_url, \
                        link_url, call to action, url_tags), tracking specs, conversion domain, review feedback \
                        when it was disapproved, delivery issues and a shareable preview link. Works for archived \
                        and deleted ads too.""")
                .input(Schema.object()
                        .string("ad_id", "Ad id (digits), e.g. from get_ads.").required())
                .handler(Common.readById("ad_id", "ad", DETAIL_FIELDS))
                .build();
    }

    // ---------------------------------------------------------------- create_ad

    public static ToolDefinition createAd() {
        return ToolDefinition.builder("create_ad", Toolset.ADS)
                .title("Create an ad")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Create an ad: it puts an existing creative (create_ad_creative) into an ad set \
                        (create_adset). It starts PAUSED unless status is ACTIVE; an ACTIVE ad delivers only when \
                        its ad set and campaign are active too, after Meta's review.
                        tracking_specs is optional, e.g. [{"action.type":["offsite_conversion"],\
                        "fb_pixel":["<pixel id>"]}]. A creative with several variants (asset_feed_spec) needs an \
                        ad set created with is_dynamic_creative=true.
                        Use validate_only=true for a dry run. Returns {"id","adset_id","creative_id","status"}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("name", "Ad name.").required()
                        .string("adset_id", "The ad set the ad goes into (digits).").required()
                        .string("creative_id", "The creative the ad shows (digits), from create_ad_creative or "
                                + "get_ad_creatives.").required()
                        .string("status", "Initial status. Default PAUSED.").oneOf(Common.CREATE_STATUSES)
                        .defaultValue("PAUSED")
                        .integer("bid_amount", "Legacy ad-level bid in minor units (cents); normally the ad set's "
                                + "bid_amount applies. Optional.").min(1)
                        .property("tracking_specs", trackingSpecsSchema("Tracking specs (JSON list), e.g. "
                                + "[{\"action.type\":[\"offsite_conversion\"],\"fb_pixel\":[\"123\"]}]. "
                                + "Optional."))))
                .handler(AdTools::create)
                .build();
    }

    private static CallToolResult create(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        String name = Common.name(args, "ad", true, Common.MAX_NAME_LENGTH).orElseThrow();
        String adsetId = args.objectId("adset_id", "ad set");
        String creativeId = args.objectId("creative_id", "creative");
        String status = args.enumValue("status", Common.CREATE_STATUSES).orElse("PAUSED");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("adset_id", adsetId);
        params.put("creative", Json.write(Json.object().put("creative_id", creativeId)));
        params.put("status", status);
        args.minorUnits("bid_amount").ifPresent(amount -> params.put("bid_amount", Long.toString(amount)));
        args.json("tracking_specs").map(AdTools::checkedTrackingSpecs)
                .ifPresent(specs -> params.put("tracking_specs", Json.write(specs)));
        boolean validateOnly = Common.applyValidateOnly(args, params);
        ObjectNode result = Common.copyOf(call.graph().post(accountId + "/ads", params));
        result.put("account_id", accountId);
        result.put("adset_id", adsetId);
        result.put("creative_id", creativeId);
        result.put("status", status);
        return ToolResults.success(validateOnly ? Common.dryRun(result, Common.DRY_RUN_CREATED) : result);
    }

    // ---------------------------------------------------------------- update_ad

    public static ToolDefinition updateAd() {
        return ToolDefinition.builder("update_ad", Toolset.ADS)
                .title("Update an ad")
                .hints(Hints.UPDATE)
                .scopes("ads_management")
                .description("""
                        Change an existing ad: rename it, pause or activate it, archive or delete it (DELETED \
                        cannot be undone), swap its creative (creative_id: this is how you change an ad's text, \
                        image, link or url_tags, since a creative's content cannot be edited), or replace its \
                        tracking specs. Only the arguments you pass change. A new creative sends the ad back to \
                        review.
                        Use validate_only=true for a dry run. Returns {"success":true,"ad_id",\
                        "updated_fields":[…]}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("ad_id", "Ad id (digits).").required()
                        .string("name", "New name.")
                        .string("status", "New status. ARCHIVED hides it; DELETED removes it for good.")
                        .oneOf(Common.UPDATE_STATUSES)
                        .stringOrInteger("creative_id", "Id of the creative the ad should show from now on (digits).")
                        .integer("bid_amount", "New legacy ad-level bid in minor units (cents).").min(1)
                        .property("tracking_specs", trackingSpecsSchema("New tracking specs (JSON list); "
                                + "replaces the old ones."))))
                .handler(AdTools::update)
                .build();
    }

    private static CallToolResult update(ToolCall call) {
        Args args = call.args();
        String adId = args.objectId("ad_id", "ad");
        Map<String, String> params = new LinkedHashMap<>();
        Common.name(args, "ad", false, Common.MAX_NAME_LENGTH).ifPresent(name -> params.put("name", name));
        args.enumValue("status", Common.UPDATE_STATUSES).ifPresent(status -> params.put("status", status));
        args.optionalObjectId("creative_id", "creative").ifPresent(creativeId ->
                params.put("creative", Json.write(Json.object().put("creative_id", creativeId))));
        args.minorUnits("bid_amount").ifPresent(amount -> params.put("bid_amount", Long.toString(amount)));
        args.json("tracking_specs").map(AdTools::checkedTrackingSpecs)
                .ifPresent(specs -> params.put("tracking_specs", Json.write(specs)));
        if (params.isEmpty()) {
            throw ToolException.invalid("Nothing to update: pass at least one of name, status, creative_id, "
                    + "bid_amount, tracking_specs.");
        }
        // The argument is creative_id; Meta's parameter is creative={"creative_id":…}.
        List<String> updated = params.keySet().stream()
                .map(field -> field.equals("creative") ? "creative_id" : field).toList();
        boolean validateOnly = Common.applyValidateOnly(args, params);
        JsonNode answer = call.graph().post(adId, params);
        return ToolResults.success(Common.updateResult(answer, "ad_id", adId, updated, validateOnly));
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> trackingSpecsSchema(String description) {
        return Map.of("type", "array", "description", description, "items", Map.of("type", "object"));
    }

    private static JsonNode checkedTrackingSpecs(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw Args.invalid("tracking_specs", "must be a non-empty JSON list of objects, e.g. "
                    + "[{\"action.type\":[\"offsite_conversion\"],\"fb_pixel\":[\"123\"]}]");
        }
        for (JsonNode spec : value) {
            if (!spec.isObject() || !spec.has("action.type")) {
                throw Args.invalid("tracking_specs", "needs an object with \"action.type\" in every entry, e.g. "
                        + "{\"action.type\":[\"offsite_conversion\"],\"fb_pixel\":[\"123\"]}");
            }
        }
        return value;
    }
}
