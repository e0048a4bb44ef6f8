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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Toolset {@code ads}: list, read, create and update ads. */
public final class AdTools {

    static final List<String> CREATE_STATUSES = List.of("ACTIVE", "PAUSED");
    static final List<String> UPDATE_STATUSES = List.of("ACTIVE", "PAUSED", "ARCHIVED", "DELETED");
    static final List<String> EFFECTIVE_STATUSES = List.of("ACTIVE", "PAUSED", "DELETED", "ARCHIVED",
            "PENDING_REVIEW", "DISAPPROVED", "PREAPPROVED", "PENDING_BILLING_INFO", "CAMPAIGN_PAUSED",
            "ADSET_PAUSED", "IN_PROCESS", "WITH_ISSUES");

    static final String LIST_FIELDS = "id,name,adset_id,campaign_id,status,effective_status,"
            + "creative{id,name,thumbnail_url},bid_amount,tracking_specs,created_time,updated_time";
    static final String DETAIL_FIELDS = "id,name,account_id,adset_id,campaign_id,status,configured_status,"
            + "effective_status,creative{id,name,title,body,image_hash,image_url,thumbnail_url,link_url,"
            + "call_to_action_type,url_tags},adset{id,name},campaign{id,name},bid_amount,tracking_specs,"
            + "conversion_specs,preview_shareable_link,ad_review_feedback,issues_info,created_time,updated_time";

    private static final int MAX_NAME_LENGTH = 400;

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
                        "creative":{"id","name","thumbnail_url"},"tracking_specs",…}],"paging","next_cursor"}. \
                        effective_status tells why an ad does not deliver (ADSET_PAUSED, CAMPAIGN_PAUSED, \
                        DISAPPROVED, PENDING_REVIEW, WITH_ISSUES…). Without status_filter Meta hides archived \
                        and deleted ads.""")
                .input(Common.paging(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required(), "ads", 10)
                        .string("campaign_id", "Only the ads of this campaign (digits). Empty for all.")
                        .defaultValue("")
                        .string("adset_id", "Only the ads of this ad set (digits); wins over campaign_id. Empty for "
                                + "all.").defaultValue("")
                        .string("status_filter", "Only ads with this effective status: one of "
                                + String.join(", ", EFFECTIVE_STATUSES) + " (several comma-separated). Empty for "
                                + "all except archived/deleted.").defaultValue(""))
                .handler(AdTools::listAds)
                .build();
    }

    private static CallToolResult listAds(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        Optional<String> campaignId = args.optionalObjectId("campaign_id", "campaign");
        Optional<String> adsetId = args.optionalObjectId("adset_id", "ad set");
        int limit = args.integer("limit", 10, 1, Common.MAX_LIMIT);
        Map<String, String> params = Common.listParams(LIST_FIELDS, limit, args.string("after"));
        args.enumList("status_filter", EFFECTIVE_STATUSES)
                .filter(statuses -> !statuses.isEmpty())
                .ifPresent(statuses -> params.put("effective_status", Json.write(statuses)));
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
                        link_url, call to action, url_tags), tracking specs, review feedback when it was \
                        disapproved, delivery issues and a shareable preview link. Works for archived and deleted \
                        ads too.""")
                .input(Schema.object()
                        .string("ad_id", "Ad id (digits), e.g. from get_ads.").required())
                .handler(call -> {
                    String adId = call.args().objectId("ad_id", "ad");
                    JsonNode ad = call.graph().get(adId, Map.of("fields", DETAIL_FIELDS));
                    return ToolResults.success(ad.isObject() ? ad : Json.object());
                })
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
                        .string("status", "Initial status. Default PAUSED.").oneOf(CREATE_STATUSES)
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
        String name = adName(args, true).orElseThrow();
        String adsetId = args.objectId("adset_id", "ad set");
        String creativeId = args.objectId("creative_id", "creative");
        String status = args.enumValue("status", CREATE_STATUSES).orElse("PAUSED");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("adset_id", adsetId);
        params.put("creative", Json.write(Json.object().put("creative_id", creativeId)));
        params.put("status", status);
        args.minorUnits("bid_amount").ifPresent(amount -> params.put("bid_amount", Long.toString(amount)));
        args.json("tracking_specs").map(AdTools::checkedTrackingSpecs)
                .ifPresent(specs -> params.put("tracking_specs", Json.write(specs)));
        boolean validateOnly = Common.applyValidateOnly(args, params);
        JsonNode answer = call.graph().post(accountId + "/ads", params);
        ObjectNode result = answer.isObject() ? (ObjectNode) answer.deepCopy() : Json.object();
        result.put("account_id", accountId);
        result.put("adset_id", adsetId);
        result.put("creative_id", creativeId);
        result.put("status", status);
        if (validateOnly) {
            result.put("validate_only", true);
            result.put("note", "Dry run: Meta accepted the request; nothing was created.");
        }
        return ToolResults.success(result);
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
                        .oneOf(UPDATE_STATUSES)
                        .string("creative_id", "Id of the creative the ad should show from now on (digits).")
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
        adName(args, false).ifPresent(name -> params.put("name", name));
        args.enumValue("status", UPDATE_STATUSES).ifPresent(status -> params.put("status", status));
        args.optionalObjectId("creative_id", "creative").ifPresent(creativeId ->
                params.put("creative", Json.write(Json.object().put("creative_id", creativeId))));
        args.minorUnits("bid_amount").ifPresent(amount -> params.put("bid_amount", Long.toString(amount)));
        args.json("tracking_specs").map(AdTools::checkedTrackingSpecs)
                .ifPresent(specs -> params.put("tracking_specs", Json.write(specs)));
        if (params.isEmpty()) {
            throw ToolException.invalid("Nothing to update: pass at least one of name, status, creative_id, "
                    + "bid_amount, tracking_specs.");
        }
        List<String> updated = new ArrayList<>(params.keySet());
        boolean validateOnly = Common.applyValidateOnly(args, params);
        JsonNode answer = call.graph().post(adId, params);
        ObjectNode result = answer.isObject() ? (ObjectNode) answer.deepCopy() : Json.object();
        result.put("ad_id", adId);
        result.set("updated_fields", Common.strings(updated.stream()
                .map(field -> field.equals("creative") ? "creative_id" : field).toList()));
        if (validateOnly) {
            result.put("validate_only", true);
            result.put("note", "Dry run: Meta accepted the change; nothing was changed.");
        }
        return ToolResults.success(result);
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> trackingSpecsSchema(String description) {
        return Map.of("type", "array", "description", description, "items", Map.of("type", "object"));
    }

    private static Optional<String> adName(Args args, boolean required) {
        Optional<String> name = required ? Optional.of(args.requireString("name", "pass the ad name"))
                : args.string("name");
        name.ifPresent(value -> {
            if (value.length() > MAX_NAME_LENGTH) {
                throw Args.invalid("name", "must be at most " + MAX_NAME_LENGTH + " characters");
            }
        });
        return name;
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
