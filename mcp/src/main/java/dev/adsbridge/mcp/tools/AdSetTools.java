package dev.adsbridge.mcp.tools;

import dev.adsbridge.graph.GraphException;
import dev.adsbridge.graph.GraphError;
import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.Hints;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolCall;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolError;
import dev.adsbridge.mcp.inventory.ToolException;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Toolset {@code adsets}: list, read, create and update ad sets (budget, schedule, targeting, optimization). */
public final class AdSetTools {

    static final List<String> OPTIMIZATION_GOALS = List.of("NONE", "APP_INSTALLS", "APP_DOWNLOADS",
            "AD_RECALL_LIFT", "ENGAGED_USERS", "EVENT_RESPONSES", "IMPRESSIONS", "LEAD_GENERATION", "QUALITY_LEAD",
            "LINK_CLICKS", "OFFSITE_CONVERSIONS", "PAGE_LIKES", "POST_ENGAGEMENT", "QUALITY_CALL", "REACH",
            "LANDING_PAGE_VIEWS", "VISIT_INSTAGRAM_PROFILE", "VALUE", "THRUPLAY", "DERIVED_EVENTS",
            "APP_INSTALLS_AND_OFFSITE_CONVERSIONS", "CONVERSATIONS", "IN_APP_VALUE", "MESSAGING_PURCHASE_CONVERSION",
            "SUBSCRIBERS", "REMINDERS_SET", "MEANINGFUL_CALL_ATTEMPT", "PROFILE_VISIT", "PROFILE_AND_PAGE_ENGAGEMENT",
            "PAGE_ENGAGEMENT", "REPLIES", "TWO_SECOND_CONTINUOUS_VIDEO_VIEWS", "VIDEO_VIEWS");
    static final List<String> BILLING_EVENTS = List.of("IMPRESSIONS", "LINK_CLICKS", "THRUPLAY", "POST_ENGAGEMENT",
            "APP_INSTALLS", "PAGE_LIKES", "CLICKS", "OFFER_CLAIMS", "PURCHASE", "LISTING_INTERACTION", "VIDEO_VIEWS",
            "NONE");
    static final List<String> EFFECTIVE_STATUSES = List.of("ACTIVE", "PAUSED", "DELETED", "ARCHIVED",
            "CAMPAIGN_PAUSED", "IN_PROCESS", "WITH_ISSUES");

    static final String LIST_FIELDS = "id,name,campaign_id,status,effective_status,daily_budget,lifetime_budget,"
            + "budget_remaining,bid_amount,bid_strategy,bid_constraints,optimization_goal,billing_event,targeting,"
            + "start_time,end_time,created_time,updated_time,is_dynamic_creative,frequency_control_specs,promoted_object";
    static final String DETAIL_FIELDS = LIST_FIELDS + ",account_id,configured_status,promoted_object,"
            + "destination_type,attribution_spec,pacing_type,learning_stage_info,source_adset_id,dsa_beneficiary,"
            + "campaign{id,name,objective,bid_strategy,daily_budget,lifetime_budget}";

    private static final Set<String> GOALS_NEEDING_PROMOTED_OBJECT = Set.of("OFFSITE_CONVERSIONS", "VALUE",
            "APP_INSTALLS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS");
    private static final String TARGETING_EXAMPLE = "{\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":18,"
            + "\"age_max\":65,\"targeting_automation\":{\"advantage_audience\":0}}";
    private static final Pattern UPPER_WORD = Pattern.compile("[A-Z][A-Z0-9_]{0,60}");
    private static final int BUDGET_CHANGE_SUBCODE = 1487632;
    private static final long BUDGET_CHANGE_WINDOW_SECONDS = 3600;

    private AdSetTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(getAdsets(), getAdsetDetails(), createAdset(), updateAdset());
    }

    // ---------------------------------------------------------------- get_adsets

    public static ToolDefinition getAdsets() {
        return ToolDefinition.builder("get_adsets", Toolset.ADSETS)
                .title("List ad sets")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List the ad sets of an ad account, newest first, or only those of one campaign \
                        (campaign_id). An ad set holds the budget (unless the campaign has one), schedule, \
                        targeting, optimization goal and bidding of its ads. Use get_adset_details for one ad set, \
                        get_insights for performance.
                        Returns {"data":[{"id","name","campaign_id","status","effective_status","daily_budget",\
                        "lifetime_budget","budget_remaining","bid_strategy","bid_amount","optimization_goal",\
                        "billing_event","promoted_object","targeting","frequency_control_specs",…}],"paging",\
                        "next_cursor"}. Money is in the account currency's minor units (cents). Without \
                        status_filter Meta hides archived and deleted ad sets. 'fields' replaces the default \
                        fields with Graph's own list, field expansion included (insights with a date_preset).""")
                .input(GraphFields.argument(Common.statusFilter(Common.paging(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required(), "ad sets", 10)
                        .string("campaign_id", "Only the ad sets of this campaign (digits). Empty for the whole "
                                + "account.").defaultValue(""), "ad sets", EFFECTIVE_STATUSES), LIST_FIELDS,
                        "id,name,campaign_id,optimization_goal,promoted_object,"
                                + "insights.date_preset(last_7d){spend,results,cost_per_result}"))
                .handler(AdSetTools::listAdsets)
                .build();
    }

    private static CallToolResult listAdsets(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        Optional<String> campaignId = args.optionalObjectId("campaign_id", "campaign");
        Map<String, String> params = Common.listParams(args,
                GraphFields.read(args, ToolListings.defaultFields(call, LIST_FIELDS)), 10);
        Common.putStatusFilter(args, EFFECTIVE_STATUSES, params);
        String edge = campaignId.map(id -> id + "/adsets").orElse(accountId + "/adsets");
        return ToolResults.success(Common.listResult(call.graph().page(edge, params)));
    }

    // ---------------------------------------------------------------- get_adset_details

    public static ToolDefinition getAdsetDetails() {
        return ToolDefinition.builder("get_adset_details", Toolset.ADSETS)
                .title("Get ad set details")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get one ad set by id: status and effective status, budgets and budget_remaining (minor \
                        units), bid strategy, bid_amount and bid_constraints, optimization goal, billing event, \
                        full targeting spec, schedule, promoted object, destination type, learning stage, frequency \
                        cap (frequency_control_specs), EU DSA beneficiary (dsa_beneficiary) and its campaign (id, \
                        name, objective, campaign budget). Works for archived and deleted ad sets too.""")
                .input(Schema.object()
                        .string("adset_id", "Ad set id (digits), e.g. from get_adsets.").required())
                .handler(Common.readById("adset_id", "ad set", DETAIL_FIELDS))
                .build();
    }

    // ---------------------------------------------------------------- create_adset

    public static ToolDefinition createAdset() {
        return ToolDefinition.builder("create_adset", Toolset.ADSETS)
                .title("Create an ad set")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Create an ad set in a campaign: who sees the ads (targeting), when (start_time, end_time), \
                        for how much (budget, unless the campaign has a campaign budget) and what Meta optimizes \
                        for. It starts PAUSED unless status is ACTIVE.
                        targeting is a JSON object and must contain geo_locations (at least one country, region, \
                        city or zip) and targeting_automation.advantage_audience (0 = keep the audience as given, \
                        1 = let Meta widen it; Meta requires the flag), e.g. \
                        {"geo_locations":{"countries":["US"]},"age_min":25,"age_max":55,"genders":[2],\
                        "interests":[{"id":"6003139266461","name":"Hiking"}],\
                        "targeting_automation":{"advantage_audience":0}}. Ages are 13-65; with \
                        advantage_audience 1, age_max must be 65 or left out. search_interests and \
                        search_geo_locations find ids.
                        Budget: daily_budget OR lifetime_budget in minor units (5000 = 50.00 USD), required unless \
                        the campaign has its own budget (then leave both out). lifetime_budget needs end_time.
                        Bidding: bid_strategy LOWEST_COST_WITHOUT_CAP (default, no bid_amount), \
                        LOWEST_COST_WITH_BID_CAP or COST_CAP (need bid_amount in minor units), \
                        LOWEST_COST_WITH_MIN_ROAS (needs bid_constraints {"roas_average_floor":20000} = 2.0x ROAS). \
                        billing_event IMPRESSIONS fits every goal; LINK_CLICKS, THRUPLAY, POST_ENGAGEMENT, \
                        PAGE_LIKES and APP_INSTALLS only their own goal. OFFSITE_CONVERSIONS and VALUE need \
                        promoted_object {"pixel_id","custom_event_type"}; APP_INSTALLS needs {"application_id",\
                        "object_store_url"}.
                        Everything is checked before Meta is called (the campaign is read to check budget and \
                        bidding rules), with a message that says how to fix it. Use validate_only=true for a dry \
                        run. Returns {"id","campaign_id","status","budget_level"}; then add ads with create_ad.""")
                .input(Common.validateOnly(adsetFields(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("campaign_id", "The campaign the ad set belongs to (digits).").required()
                        .string("name", "Ad set name.").required()
                        .string("optimization_goal", "What Meta optimizes delivery for, e.g. LINK_CLICKS, "
                                + "LANDING_PAGE_VIEWS, REACH, IMPRESSIONS, OFFSITE_CONVERSIONS, VALUE, "
                                + "LEAD_GENERATION, THRUPLAY, POST_ENGAGEMENT, APP_INSTALLS, CONVERSATIONS.")
                        .required()
                        .string("billing_event", "What you pay for: IMPRESSIONS (fits every goal), or "
                                + "LINK_CLICKS / THRUPLAY / POST_ENGAGEMENT / PAGE_LIKES / APP_INSTALLS with the "
                                + "same optimization_goal.").required()
                        .string("status", "Initial status. Default PAUSED: nothing delivers until you activate it.")
                        .oneOf(Common.CREATE_STATUSES).defaultValue("PAUSED"), true)
                        .string("destination_type", "Where people go after a click, e.g. WEBSITE, APP, MESSENGER, "
                                + "WHATSAPP, ON_AD (instant forms), ON_POST, ON_VIDEO. Optional.")))
                .handler(AdSetTools::create)
                .build();
    }

    /** The ad set settings create and update share. */
    private static Schema adsetFields(Schema schema, boolean create) {
        String change = create ? "" : "new ";
        return schema
                .integer("daily_budget", capitalized(change + "daily budget in minor units (cents), e.g. 5000 = "
                        + "50.00 USD. Not together with lifetime_budget" + (create
                        ? "; leave out when the campaign has a budget."
                        : ". Meta allows about 4 budget changes per ad set per hour."))).min(1)
                .integer("lifetime_budget", capitalized(change + "lifetime budget in minor units (cents); needs "
                        + "end_time." + (create ? " Not together with daily_budget." : ""))).min(1)
                .objectProperty("targeting", (create ? "Targeting spec (JSON object)" : "Complete new targeting "
                        + "spec (replaces the old one)") + ": must hold geo_locations and "
                        + "targeting_automation.advantage_audience (0|1), e.g. " + TARGETING_EXAMPLE + ".")
                .integer("bid_amount", capitalized(change + "bid cap or cost cap in minor units (cents), for "
                        + "LOWEST_COST_WITH_BID_CAP or COST_CAP.")).min(1)
                .string("bid_strategy", capitalized(change + "bid strategy; capped strategies need bid_amount, "
                        + "LOWEST_COST_WITH_MIN_ROAS needs bid_constraints.")).oneOf(BidStrategies.ALL)
                .objectProperty("bid_constraints", "For LOWEST_COST_WITH_MIN_ROAS: {\"roas_average_floor\": target "
                        + "ROAS x 10000}, e.g. {\"roas_average_floor\":20000} for 2.0x.")
                .string("start_time", capitalized(change + "start: ISO-8601 with offset "
                        + "(2026-12-01T09:00:00-0800) or Unix seconds." + (create ? " Default: now." : "")))
                .string("end_time", capitalized(change + "end: ISO-8601 with offset or Unix seconds; required "
                        + "with lifetime_budget."))
                .objectProperty("promoted_object", "What the ad set promotes: {\"pixel_id\",\"custom_event_type\"}"
                        + " for conversions, {\"application_id\",\"object_store_url\"} for app installs, "
                        + "{\"page_id\"} for page goals.")
                .bool("is_dynamic_creative", "true to use a dynamic creative (asset_feed_spec variants) in this "
                        + "ad set.")
                .property("frequency_control_specs", Map.of(
                        "type", "array",
                        "description", "Frequency cap, e.g. [{\"event\":\"IMPRESSIONS\",\"interval_days\":7,"
                                + "\"max_frequency\":3}] (at most 3 impressions per person per 7 days; reach "
                                + "and awareness goals).",
                        "items", Map.of("type", "object",
                                "properties", Map.of(
                                        "event", Map.of("type", "string"),
                                        "interval_days", Map.of("type", "integer", "minimum", 1),
                                        "max_frequency", Map.of("type", "integer", "minimum", 1)),
                                "required", List.of("event", "interval_days", "max_frequency"))))
                .string("dsa_beneficiary", "EU Digital Services Act: who benefits from the ads (person or "
                        + "organisation), required by Meta for ads shown in the EU.")
                .string("dsa_payor", "EU Digital Services Act: who pays for the ads, if not the beneficiary.")
                .objectArray("attribution_spec", "Conversion attribution windows, e.g. [{\"event_type\":"
                        + "\"CLICK_THROUGH\",\"window_days\":7},{\"event_type\":\"VIEW_THROUGH\",\"window_days\":1}]. "
                        + "event_type CLICK_THROUGH, VIEW_THROUGH or ENGAGED_VIDEO_VIEW; window_days 1, 7 or 28.")
                .objectProperty("bid_adjustments", "Bid multipliers per audience dimension, sent to Meta as given "
                        + "(Meta allows them only for some apps).")
                .integer("multi_advertiser_ads", "Refused: Meta sets multi-advertiser ads per creative "
                        + "(contextual_multi_ads), not per ad set.").min(0).max(1)
                .stringArray("regional_regulated_categories", "Regulated categories for regions with their own "
                        + "ad transparency rules, e.g. ['TAIWAN_UNIVERSAL'] (needs regional_regulation_identities).")
                .objectProperty("regional_regulation_identities", "Verified beneficiary and payer ids for the "
                        + "regional_regulated_categories, e.g. {\"taiwan_universal_beneficiary\":\"<id>\","
                        + "\"taiwan_universal_payer\":\"<id>\"}.");
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static CallToolResult create(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        String campaignId = args.objectId("campaign_id", "campaign");
        String name = Common.name(args, "ad set", true, Common.MAX_NAME_LENGTH).orElseThrow();
        String goal = optimizationGoal(args).orElseThrow(() -> ToolException.invalid("Missing required argument "
                + "'optimization_goal': pass what Meta should optimize for, e.g. LINK_CLICKS or REACH."));
        String billing = billingEvent(args).orElseThrow(() -> ToolException.invalid("Missing required argument "
                + "'billing_event': pass IMPRESSIONS (fits every optimization_goal)."));
        checkBillingFits(billing, goal);
        String status = args.enumValue("status", Common.CREATE_STATUSES).orElse("PAUSED");
        Budget budget = Budget.of(args);
        JsonNode targeting = args.json("targeting").map(t -> checkedTargeting("targeting", t))
                .orElseThrow(() -> ToolException.invalid("Missing required argument 'targeting': Meta needs a "
                        + "targeting spec with at least a location and the Advantage+ audience flag, e.g. "
                        + TARGETING_EXAMPLE + "."));
        Bidding bidding = Bidding.of(args);
        Schedule schedule = Schedule.of(args);
        Optional<JsonNode> promoted = args.json("promoted_object").map(AdSetTools::checkedPromotedObject);
        checkPromotedObject(goal, promoted);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("campaign_id", campaignId);
        params.put("status", status);
        params.put("optimization_goal", goal);
        params.put("billing_event", billing);
        params.put("targeting", Json.write(targeting));
        putCommon(args, params, budget, bidding, schedule, promoted);
        args.string("destination_type").map(value -> upperWord("destination_type", value))
                .ifPresent(value -> params.put("destination_type", value));

        // Budget and bidding rules depend on the campaign: one read, before anything is created.
        CampaignFacts campaign = CampaignFacts.read(call, campaignId);
        campaign.check(accountId, budget, bidding, schedule);

        boolean validateOnly = Common.applyValidateOnly(args, params);
        ObjectNode result = Common.copyOf(call.graph().post(accountId + "/adsets", params));
        result.put("account_id", accountId);
        result.put("campaign_id", campaignId);
        result.put("status", status);
        result.put("budget_level", campaign.hasBudget() ? "campaign" : "ad_set");
        if (validateOnly) {
            Common.dryRun(result, Common.DRY_RUN_CREATED);
        } else {
            result.put("note", "Next: create a creative (create_ad_creative) and an ad (create_ad with this "
                    + "adset_id).");
        }
        return ToolResults.success(result);
    }

    // ---------------------------------------------------------------- update_adset

    public static ToolDefinition updateAdset() {
        return ToolDefinition.builder("update_adset", Toolset.ADSETS)
                .title("Update an ad set")
                .hints(Hints.UPDATE)
                .scopes("ads_management")
                .description("""
                        Change an existing ad set: rename, pause, activate, archive or delete it (DELETED cannot \
                        be undone), change its budget, schedule, targeting (the new spec replaces the old one \
                        and is checked like on create), optimization goal, billing event, bidding or frequency \
                        cap. Only the arguments you pass change.
                        Budgets are whole numbers in minor units (5000 = 50.00 USD); an ad set keeps its budget \
                        type (daily or lifetime). Meta allows about 4 budget changes per ad set per hour: the \
                        fifth fails with category rate_limit and retry_after_seconds. Switching to \
                        LOWEST_COST_WITH_BID_CAP or COST_CAP needs a bid_amount (passed now or already set); \
                        LOWEST_COST_WITH_MIN_ROAS needs bid_constraints.
                        Use validate_only=true for a dry run. Returns {"success":true,"adset_id",\
                        "updated_fields":[…]}.""")
                .input(Common.validateOnly(adsetFields(Schema.object()
                        .string("adset_id", "Ad set id (digits).").required()
                        .string("name", "New name.")
                        .string("status", "New status. ARCHIVED hides it; DELETED removes it for good.")
                        .oneOf(Common.UPDATE_STATUSES)
                        .string("optimization_goal", "New optimization goal (see create_adset).")
                        .string("billing_event", "New billing event (IMPRESSIONS fits every goal)."), false)))
                .handler(AdSetTools::update)
                .build();
    }

    private static CallToolResult update(ToolCall call) {
        Args args = call.args();
        String adsetId = args.objectId("adset_id", "ad set");
        Map<String, String> params = new LinkedHashMap<>();
        Common.name(args, "ad set", false, Common.MAX_NAME_LENGTH).ifPresent(name -> params.put("name", name));
        args.enumValue("status", Common.UPDATE_STATUSES).ifPresent(status -> params.put("status", status));
        Optional<String> goal = optimizationGoal(args);
        Optional<String> billing = billingEvent(args);
        if (goal.isPresent() && billing.isPresent()) {
            checkBillingFits(billing.get(), goal.get());
        }
        goal.ifPresent(value -> params.put("optimization_goal", value));
        billing.ifPresent(value -> params.put("billing_event", value));
        Budget budget = Budget.of(args);
        args.json("targeting").map(t -> checkedTargeting("targeting", t))
                .ifPresent(targeting -> params.put("targeting", Json.write(targeting)));
        Bidding bidding = Bidding.of(args);
        Schedule schedule = Schedule.of(args);
        Optional<JsonNode> promoted = args.json("promoted_object").map(AdSetTools::checkedPromotedObject);
        goal.ifPresent(value -> {
            if (promoted.isPresent() || GOALS_NEEDING_PROMOTED_OBJECT.contains(value)) {
                checkPromotedObject(value, promoted);
            }
        });
        putCommon(args, params, budget, bidding, schedule, promoted);
        if (params.isEmpty()) {
            throw ToolException.invalid("Nothing to update: pass at least one of name, status, daily_budget, "
                    + "lifetime_budget, targeting, optimization_goal, billing_event, bid_strategy, bid_amount, "
                    + "bid_constraints, start_time, end_time, promoted_object, is_dynamic_creative, "
                    + "frequency_control_specs, dsa_beneficiary, dsa_payor, attribution_spec, bid_adjustments, "
                    + "multi_advertiser_ads, regional_regulated_categories, regional_regulation_identities.");
        }
        if (bidding.needsExistingBid()) {
            // The strategy may rely on a bid the ad set already has: read it rather than refuse blindly.
            JsonNode current = call.graph().get(adsetId, Map.of("fields", "id,bid_amount,bid_constraints"));
            bidding.checkAgainst(Json.text(current, "bid_amount") != null,
                    current.path("bid_constraints").path("roas_average_floor").isValueNode(), "the ad set");
        }
        List<String> updated = new ArrayList<>(params.keySet());
        boolean validateOnly = Common.applyValidateOnly(args, params);
        JsonNode answer;
        try {
            answer = call.graph().post(adsetId, params);
        } catch (GraphException e) {
            throw budgetChangeLimit(e, adsetId).map(ToolException::new).orElseThrow(() -> e);
        }
        return ToolResults.success(Common.updateResult(answer, "adset_id", adsetId, updated, validateOnly));
    }

    /** Meta's "budget changed too often" (613/1487632) with the wait spelled out; empty for any other error. */
    private static Optional<ToolError> budgetChangeLimit(GraphException e, String adsetId) {
        GraphError error = e.error();
        Integer subcode = error.subcode();
        if (error.code() != 613 || subcode == null || subcode != BUDGET_CHANGE_SUBCODE) {
            return Optional.empty();
        }
        ToolError meta = ToolError.fromGraph(error);
        // Usage headers describe the account's call score, not this per-ad-set window, which lasts up to an hour.
        long wait = BUDGET_CHANGE_WINDOW_SECONDS;
        return Optional.of(new ToolError(meta.code(), meta.subcode(), meta.type(), meta.message()
                + " — Meta allows about 4 budget changes per ad set per hour; ad set " + adsetId + " has used them."
                + " Retry the budget change later (up to an hour); other changes (status, name, targeting) can "
                + "still be made without a budget.", meta.userTitle(), meta.userMessage(), meta.fbtraceId(),
                meta.isTransient(), meta.category(), wait, meta.extra()));
    }

    // ---------------------------------------------------------------- shared argument handling

    private static void putCommon(Args args, Map<String, String> params, Budget budget,
                                  Bidding bidding, Schedule schedule, Optional<JsonNode> promoted) {
        budget.putInto(params);
        bidding.putInto(params);
        schedule.putInto(params);
        promoted.ifPresent(value -> params.put("promoted_object", Json.write(value)));
        args.bool("is_dynamic_creative").ifPresent(value -> params.put("is_dynamic_creative", value.toString()));
        args.json("frequency_control_specs").map(AdSetTools::checkedFrequencyCaps)
                .ifPresent(value -> params.put("frequency_control_specs", Json.write(value)));
        args.string("dsa_beneficiary").ifPresent(value -> params.put("dsa_beneficiary", value));
        args.string("dsa_payor").ifPresent(value -> params.put("dsa_payor", value));
        args.json("attribution_spec").map(AdSetTools::checkedAttributionSpec)
                .ifPresent(value -> params.put("attribution_spec", Json.write(value)));
        args.json("bid_adjustments").map(value -> requireObject("bid_adjustments", value))
                .ifPresent(value -> params.put("bid_adjustments", Json.write(value)));
        if (args.has("multi_advertiser_ads")) {
            // Not an ad set parameter of the Marketing API (Meta refuses it as unknown); refused, never dropped.
            throw ToolException.invalid("multi_advertiser_ads is not an ad set setting at Meta, so nothing was sent: "
                    + "Meta enrols ads in multi-advertiser placements per creative (contextual_multi_ads with "
                    + "enroll_status OPT_IN or OPT_OUT). Leave it out here.");
        }
        Optional<List<String>> regulated = args.stringList("regional_regulated_categories")
                .map(list -> list.stream().map(v -> upperWord("regional_regulated_categories", v)).toList());
        Optional<JsonNode> identities = args.json("regional_regulation_identities")
                .map(value -> requireObject("regional_regulation_identities", value));
        if (regulated.filter(list -> !list.isEmpty()).isPresent() && identities.isEmpty()) {
            throw ToolException.invalid("regional_regulated_categories " + regulated.get() + " needs "
                    + "regional_regulation_identities: the verified beneficiary and payer ids for each category, e.g. "
                    + "{\"taiwan_universal_beneficiary\":\"<id>\",\"taiwan_universal_payer\":\"<id>\"}.");
        }
        regulated.ifPresent(value -> params.put("regional_regulated_categories", Json.write(value)));
        identities.ifPresent(value -> params.put("regional_regulation_identities", Json.write(value)));
    }

    private static final List<String> ATTRIBUTION_EVENTS = List.of("CLICK_THROUGH", "VIEW_THROUGH",
            "ENGAGED_VIDEO_VIEW");

    /** Meta's attribution_spec: a non-empty list of {event_type, window_days 1|7|28}. */
    private static JsonNode checkedAttributionSpec(JsonNode value) {
        String example = "[{\"event_type\":\"CLICK_THROUGH\",\"window_days\":7}]";
        if (!value.isArray() || value.isEmpty()) {
            throw Args.invalid("attribution_spec", "must be a non-empty list like " + example);
        }
        for (JsonNode entry : value) {
            String event = Json.text(entry, "event_type");
            String days = Json.text(entry, "window_days");
            if (event == null || !ATTRIBUTION_EVENTS.contains(event)) {
                throw Args.invalid("attribution_spec", "needs event_type " + String.join(", ", ATTRIBUTION_EVENTS)
                        + " in every entry, like " + example);
            }
            if (days == null || !List.of("1", "7", "28").contains(days)) {
                throw Args.invalid("attribution_spec", "needs window_days 1, 7 or 28 in every entry, like " + example);
            }
        }
        return value;
    }

    private static JsonNode requireObject(String name, JsonNode value) {
        if (!value.isObject()) {
            throw Args.invalid(name, "must be a JSON object");
        }
        return value;
    }

    private static Optional<String> optimizationGoal(Args args) {
        Optional<String> goal = args.string("optimization_goal").map(v -> v.toUpperCase(Locale.ROOT));
        goal.ifPresent(value -> {
            if (value.equals("CONVERSIONS")) {
                throw Args.invalid("optimization_goal", "CONVERSIONS is not an ad set goal; use "
                        + "OFFSITE_CONVERSIONS (website conversions, with promoted_object pixel_id and "
                        + "custom_event_type) or VALUE");
            }
            if (!OPTIMIZATION_GOALS.contains(value)) {
                throw Args.invalid("optimization_goal", "must be one of " + String.join(", ", OPTIMIZATION_GOALS)
                        + "; got '" + Args.shorten(value, 40) + "'");
            }
        });
        return goal;
    }

    private static Optional<String> billingEvent(Args args) {
        return args.enumValue("billing_event", BILLING_EVENTS);
    }

    /**
     * IMPRESSIONS fits every goal; LINK_CLICKS, THRUPLAY, POST_ENGAGEMENT, APP_INSTALLS and PAGE_LIKES only their own
     * goal (Meta's pairing table). Rarer billing events are left to Meta.
     */
    private static void checkBillingFits(String billing, String goal) {
        boolean fits = switch (billing) {
            case "LINK_CLICKS", "THRUPLAY", "POST_ENGAGEMENT", "APP_INSTALLS", "PAGE_LIKES" -> billing.equals(goal);
            default -> true;
        };
        if (!fits) {
            String alternative = List.of("LINK_CLICKS", "THRUPLAY", "POST_ENGAGEMENT", "APP_INSTALLS", "PAGE_LIKES")
                    .contains(goal) ? "IMPRESSIONS or " + goal : "IMPRESSIONS";
            throw Args.invalid("billing_event", billing + " cannot be billed with optimization_goal " + goal
                    + "; use billing_event " + alternative);
        }
    }

    /**
     * Checks a targeting spec as Meta would, with a fix for each problem: an object with at least one location, a
     * valid Advantage+ audience flag (required since v23), ages 13-65 in order, genders 1|2, interests with ids.
     */
    private static JsonNode checkedTargeting(String name, JsonNode targeting) {
        if (!targeting.isObject()) {
            throw Args.invalid(name, "must be a JSON object such as " + TARGETING_EXAMPLE);
        }
        JsonNode geo = targeting.path("geo_locations");
        boolean located = geo.isObject() && TargetingTools.GEO_MEMBERS.stream()
                .anyMatch(key -> geo.path(key).isArray() && !geo.path(key).isEmpty());
        if (!located) {
            throw Args.invalid(name, "needs geo_locations with at least one place, e.g. "
                    + "\"geo_locations\":{\"countries\":[\"US\"]} (regions and cities need keys from "
                    + "search_geo_locations: \"regions\":[{\"key\":\"3847\"}])");
        }
        for (JsonNode country : geo.path("countries")) {
            if (!country.isString() || !country.asString().matches("[A-Z]{2}")) {
                throw Args.invalid(name, "geo_locations.countries must hold two-letter upper-case ISO codes such "
                        + "as \"US\" or \"DE\"; got " + Args.shorten(country.toString(), 40));
            }
        }
        JsonNode flag = targeting.path("targeting_automation").path("advantage_audience");
        if (flag.isMissingNode() || flag.isNull()) {
            throw Args.invalid(name, "must say whether Advantage+ audience is on (Meta requires it): add "
                    + "\"targeting_automation\":{\"advantage_audience\":0} to keep the audience as given, or "
                    + "{\"advantage_audience\":1} to let Meta widen it");
        }
        String advantage = flag.isValueNode() ? flag.asString() : "";
        if (!advantage.equals("0") && !advantage.equals("1")) {
            throw Args.invalid(name, "targeting_automation.advantage_audience must be 0 or 1; got "
                    + Args.shorten(flag.toString(), 40));
        }
        int ageMin = age(name, targeting, "age_min");
        int ageMax = age(name, targeting, "age_max");
        if (ageMin > 0 && ageMax > 0 && ageMin > ageMax) {
            throw Args.invalid(name, "age_min (" + ageMin + ") must not be above age_max (" + ageMax + ")");
        }
        if (advantage.equals("1") && ageMax > 0 && ageMax < 65) {
            throw Args.invalid(name, "age_max " + ageMax + " is not allowed with advantage_audience 1 (Meta then "
                    + "treats ages as suggestions): remove age_max or set it to 65, or set advantage_audience to 0 "
                    + "to keep a hard age limit");
        }
        for (JsonNode gender : targeting.path("genders")) {
            if (!gender.asString().equals("1") && !gender.asString().equals("2")) {
                throw Args.invalid(name, "genders must be a list of 1 (men) and/or 2 (women), or left out for "
                        + "all; got " + Args.shorten(gender.toString(), 40));
            }
        }
        checkInterests(name, targeting.path("interests"));
        for (JsonNode group : targeting.path("flexible_spec")) {
            checkInterests(name, group.path("interests"));
        }
        return targeting;
    }

    /** An age limit in 13-65, or 0 when absent. */
    private static int age(String name, JsonNode targeting, String field) {
        JsonNode value = targeting.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        String text = value.isValueNode() ? value.asString().strip() : "";
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 13 || Integer.parseInt(text) > 65) {
            throw Args.invalid(name, field + " must be a whole number of years between 13 and 65 (65 means 65+); "
                    + "got " + Args.shorten(value.toString(), 40));
        }
        return Integer.parseInt(text);
    }

    private static void checkInterests(String name, JsonNode interests) {
        for (JsonNode interest : interests) {
            String id = Json.text(interest, "id");
            if (id == null || !id.matches("[0-9]{1,30}")) {
                throw Args.invalid(name, "every interest needs its numeric id, e.g. {\"id\":\"6003139266461\","
                        + "\"name\":\"Hiking\"} (search_interests finds ids)");
            }
        }
    }

    private static JsonNode checkedPromotedObject(JsonNode value) {
        if (!value.isObject() || value.isEmpty()) {
            throw Args.invalid("promoted_object", "must be a JSON object such as {\"pixel_id\":\"123\","
                    + "\"custom_event_type\":\"PURCHASE\"}");
        }
        return value;
    }

    private static void checkPromotedObject(String goal, Optional<JsonNode> promoted) {
        if (!GOALS_NEEDING_PROMOTED_OBJECT.contains(goal)) {
            return;
        }
        boolean app = goal.startsWith("APP_INSTALLS");
        if (promoted.isEmpty()) {
            throw ToolException.invalid("optimization_goal " + goal + " needs promoted_object: " + (app
                    ? "{\"application_id\":\"<Meta app id>\",\"object_store_url\":\"https://apps.apple.com/app/id…\"}"
                    : "{\"pixel_id\":\"<pixel id>\",\"custom_event_type\":\"PURCHASE\"} (the event to optimize "
                    + "for)") + ".");
        }
        if (app && (Json.text(promoted.get(), "application_id") == null
                || Json.text(promoted.get(), "object_store_url") == null)) {
            throw Args.invalid("promoted_object", "for " + goal + " must hold application_id and object_store_url "
                    + "(the App Store or Google Play link)");
        }
        if (!app && Json.text(promoted.get(), "pixel_id") == null
                && Json.text(promoted.get(), "application_id") == null) {
            throw Args.invalid("promoted_object", "for " + goal + " must hold pixel_id and custom_event_type, e.g. "
                    + "{\"pixel_id\":\"123\",\"custom_event_type\":\"PURCHASE\"}");
        }
    }

    private static JsonNode checkedFrequencyCaps(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw Args.invalid("frequency_control_specs", "must be a non-empty list like [{\"event\":\"IMPRESSIONS\","
                    + "\"interval_days\":7,\"max_frequency\":3}]");
        }
        for (JsonNode spec : value) {
            String event = Json.text(spec, "event");
            String days = Json.text(spec, "interval_days");
            String max = Json.text(spec, "max_frequency");
            if (event == null || days == null || !days.matches("[0-9]{1,3}") || max == null
                    || !max.matches("[0-9]{1,4}") || Integer.parseInt(days) < 1 || Integer.parseInt(max) < 1) {
                throw Args.invalid("frequency_control_specs", "needs event, interval_days (1-90) and max_frequency "
                        + "(at least 1) in every entry, e.g. {\"event\":\"IMPRESSIONS\",\"interval_days\":7,"
                        + "\"max_frequency\":3}");
            }
            if (Integer.parseInt(days) > 90) {
                throw Args.invalid("frequency_control_specs", "interval_days must be at most 90");
            }
        }
        return value;
    }

    private static String upperWord(String name, String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!UPPER_WORD.matcher(upper).matches()) {
            throw Args.invalid(name, "must be a single word such as WEBSITE; got '" + Args.shorten(value, 40) + "'");
        }
        return upper;
    }

    /** bid_strategy, bid_amount and bid_constraints, checked as a set. */
    private record Bidding(Optional<String> strategy, OptionalLong amount, Optional<JsonNode> constraints) {

        static Bidding of(Args args) {
            args.string("bid_strategy").map(v -> v.toUpperCase(Locale.ROOT)).ifPresent(value -> {
                if (value.equals("LOWEST_COST") || value.equals("LOWEST_COST_WITHOUT_BID_CAP")) {
                    throw Args.invalid("bid_strategy", "'" + value + "' is not a Meta bid strategy; use "
                            + "LOWEST_COST_WITHOUT_CAP (no bid_amount needed)");
                }
                if (value.equals("TARGET_COST")) {
                    throw Args.invalid("bid_strategy", "TARGET_COST was retired by Meta; use COST_CAP with "
                            + "bid_amount (the average cost per result to aim for)");
                }
            });
            Optional<String> strategy = args.enumValue("bid_strategy", BidStrategies.ALL);
            OptionalLong amount = args.minorUnits("bid_amount");
            Optional<JsonNode> constraints = args.json("bid_constraints").map(Bidding::checkedConstraints);
            Bidding bidding = new Bidding(strategy, amount, constraints);
            strategy.ifPresent(value -> {
                if (value.equals(BidStrategies.NO_CAP) && amount.isPresent()) {
                    throw ToolException.invalid("bid_amount does not apply to bid_strategy LOWEST_COST_WITHOUT_CAP; "
                            + "drop bid_amount, or use LOWEST_COST_WITH_BID_CAP / COST_CAP to cap bids.");
                }
            });
            return bidding;
        }

        private static JsonNode checkedConstraints(JsonNode value) {
            String floor = Json.text(value, "roas_average_floor");
            if (!value.isObject() || floor == null || !floor.matches("[0-9]{1,9}") || Long.parseLong(floor) <= 0) {
                throw Args.invalid("bid_constraints", "must be {\"roas_average_floor\": <target ROAS x 10000>}, "
                        + "e.g. {\"roas_average_floor\":20000} for a 2.0x return on ad spend");
            }
            return value;
        }

        /** On update: a capped strategy without a bid in this call may still be fine if the ad set has one. */
        boolean needsExistingBid() {
            return strategy.isPresent() && (BidStrategies.isCapped(strategy.get()) && amount.isEmpty()
                    || strategy.get().equals(BidStrategies.MIN_ROAS) && constraints.isEmpty());
        }

        /** Checks the strategy given here (or the campaign's) against the bid at hand. */
        void checkAgainst(boolean existingBid, boolean existingFloor, String whose) {
            String effective = strategy.orElse(null);
            if (effective == null) {
                return;
            }
            if (BidStrategies.isCapped(effective) && amount.isEmpty() && !existingBid) {
                throw ToolException.invalid("bid_strategy " + effective + " (" + whose + ") needs bid_amount: the "
                        + (effective.equals("COST_CAP") ? "average cost per result to aim for" : "highest bid")
                        + " in minor units, e.g. 500 = 5.00 USD. Or use LOWEST_COST_WITHOUT_CAP.");
            }
            if (effective.equals(BidStrategies.MIN_ROAS) && constraints.isEmpty() && !existingFloor) {
                throw ToolException.invalid("bid_strategy LOWEST_COST_WITH_MIN_ROAS (" + whose + ") needs "
                        + "bid_constraints {\"roas_average_floor\":20000} (target ROAS x 10000, here 2.0x).");
            }
        }

        void putInto(Map<String, String> params) {
            strategy.ifPresent(value -> params.put("bid_strategy", value));
            amount.ifPresent(value -> params.put("bid_amount", Long.toString(value)));
            constraints.ifPresent(value -> params.put("bid_constraints", Json.write(value)));
        }
    }

    /** start_time and end_time as Unix seconds, end after start and in the future. */
    private record Schedule(OptionalLong start, OptionalLong end) {

        static Schedule of(Args args) {
            OptionalLong start = args.epochSeconds("start_time");
            OptionalLong end = args.epochSeconds("end_time");
            long now = Instant.now().getEpochSecond();
            if (end.isPresent() && end.getAsLong() <= now) {
                throw Args.invalid("end_time", "must be in the future; got " + Instant.ofEpochSecond(end.getAsLong()));
            }
            if (start.isPresent() && end.isPresent() && end.getAsLong() <= start.getAsLong()) {
                throw Args.invalid("end_time", "must be after start_time (" + Instant.ofEpochSecond(start.getAsLong())
                        + "); got " + Instant.ofEpochSecond(end.getAsLong()));
            }
            return new Schedule(start, end);
        }

        void putInto(Map<String, String> params) {
            start.ifPresent(value -> params.put("start_time", Long.toString(value)));
            end.ifPresent(value -> params.put("end_time", Long.toString(value)));
        }
    }

    /** What create_adset needs to know about the campaign before creating an ad set in it. */
    private record CampaignFacts(JsonNode campaign) {

        static CampaignFacts read(ToolCall call, String campaignId) {
            return new CampaignFacts(call.graph().get(campaignId, Map.of("fields",
                    "id,name,account_id,status,objective,bid_strategy,daily_budget,lifetime_budget,stop_time")));
        }

        boolean hasBudget() {
            return positive(Json.text(campaign, "daily_budget")) || positive(Json.text(campaign, "lifetime_budget"));
        }

        void check(String accountId, Budget budget, Bidding bidding, Schedule schedule) {
            String label = "campaign " + Json.text(campaign, "id") + " (\"" + Json.text(campaign, "name") + "\")";
            String owner = Json.text(campaign, "account_id");
            if (owner != null && !("act_" + owner).equals(accountId)) {
                throw ToolException.invalid("The " + label + " belongs to ad account act_" + owner + ", not "
                        + accountId + ": pass account_id act_" + owner + " or a campaign of " + accountId + ".");
            }
            String status = Json.text(campaign, "status");
            if ("DELETED".equals(status) || "ARCHIVED".equals(status)) {
                throw ToolException.invalid("The " + label + " is " + status.toLowerCase(Locale.ROOT) + " and cannot "
                        + "get new ad sets; use an active or paused campaign (get_campaigns lists them).");
            }
            if (hasBudget() && budget.isSet()) {
                throw ToolException.invalid("The " + label + " has a campaign budget (Advantage+ campaign budget), "
                        + "so its ad sets cannot have their own: drop " + budget.name() + ", or change the budget "
                        + "with update_campaign.");
            }
            if (!hasBudget() && !budget.isSet()) {
                throw ToolException.invalid("The " + label + " has no campaign budget, so this ad set needs one: "
                        + "pass daily_budget (minor units, e.g. 5000 = 50.00 USD) or lifetime_budget with end_time.");
            }
            if ("lifetime_budget".equals(budget.name()) && schedule.end().isEmpty()
                    && Json.text(campaign, "stop_time") == null) {
                throw ToolException.invalid("lifetime_budget needs an end: pass end_time (ISO-8601 with offset or "
                        + "Unix seconds), or use daily_budget.");
            }
            String campaignStrategy = Json.text(campaign, "bid_strategy");
            Bidding effective = bidding.strategy().isPresent() || campaignStrategy == null ? bidding
                    : new Bidding(Optional.of(campaignStrategy), bidding.amount(), bidding.constraints());
            effective.checkAgainst(false, false, bidding.strategy().isPresent() ? "the ad set"
                    : "inherited from the " + label);
        }

        private static boolean positive(String amount) {
            return amount != null && amount.matches("[0-9]{1,18}") && Long.parseLong(amount) > 0;
        }
    }
}
