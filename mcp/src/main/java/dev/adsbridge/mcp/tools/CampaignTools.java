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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Toolset {@code campaigns}: list, read, create and update campaigns; schedule budget increases. */
public final class CampaignTools {

    static final List<String> OBJECTIVES = List.of("OUTCOME_AWARENESS", "OUTCOME_TRAFFIC", "OUTCOME_ENGAGEMENT",
            "OUTCOME_LEADS", "OUTCOME_APP_PROMOTION", "OUTCOME_SALES");
    static final List<String> SPECIAL_AD_CATEGORIES = List.of("NONE", "CREDIT", "EMPLOYMENT", "HOUSING",
            "FINANCIAL_PRODUCTS_SERVICES", "ISSUES_ELECTIONS_POLITICS", "ONLINE_GAMBLING_AND_GAMING");
    static final List<String> BUYING_TYPES = List.of("AUCTION", "RESERVED");
    static final List<String> EFFECTIVE_STATUSES = List.of("ACTIVE", "PAUSED", "DELETED", "ARCHIVED", "IN_PROCESS",
            "WITH_ISSUES");
    static final List<String> BUDGET_VALUE_TYPES = List.of("ABSOLUTE", "MULTIPLIER");

    static final String LIST_FIELDS = "id,name,objective,status,effective_status,daily_budget,lifetime_budget,"
            + "budget_remaining,buying_type,bid_strategy,spend_cap,special_ad_categories,start_time,stop_time,"
            + "created_time,updated_time";
    static final String DETAIL_FIELDS = LIST_FIELDS + ",account_id,configured_status,promoted_object,"
            + "is_adset_budget_sharing_enabled,source_campaign_id,smart_promotion_type,issues_info";

    /** Legacy objectives (no new ad sets or ads since v21) and their outcome-based replacements. */
    private static final Map<String, String> LEGACY_OBJECTIVES = Map.ofEntries(
            Map.entry("BRAND_AWARENESS", "OUTCOME_AWARENESS"), Map.entry("REACH", "OUTCOME_AWARENESS"),
            Map.entry("LOCAL_AWARENESS", "OUTCOME_AWARENESS"), Map.entry("STORE_VISITS", "OUTCOME_AWARENESS"),
            Map.entry("LINK_CLICKS", "OUTCOME_TRAFFIC"), Map.entry("POST_ENGAGEMENT", "OUTCOME_ENGAGEMENT"),
            Map.entry("PAGE_LIKES", "OUTCOME_ENGAGEMENT"), Map.entry("EVENT_RESPONSES", "OUTCOME_ENGAGEMENT"),
            Map.entry("VIDEO_VIEWS", "OUTCOME_ENGAGEMENT"), Map.entry("MESSAGES", "OUTCOME_ENGAGEMENT"),
            Map.entry("LEAD_GENERATION", "OUTCOME_LEADS"), Map.entry("CONVERSIONS", "OUTCOME_SALES"),
            Map.entry("PRODUCT_CATALOG_SALES", "OUTCOME_SALES"), Map.entry("APP_INSTALLS", "OUTCOME_APP_PROMOTION"));
    private static final Pattern OBJECTIVE_NAME = Pattern.compile("[A-Z_]{1,60}");

    private CampaignTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(getCampaigns(), getCampaignDetails(), createCampaign(), updateCampaign(),
                createBudgetSchedule());
    }

    // ---------------------------------------------------------------- get_campaigns

    public static ToolDefinition getCampaigns() {
        return ToolDefinition.builder("get_campaigns", Toolset.CAMPAIGNS)
                .title("List campaigns")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        List the campaigns of an ad account, newest first, optionally only those with a given \
                        delivery status or objective. Use it to find campaign ids and see budgets and status at a \
                        glance; use get_campaign_details for one campaign, get_insights for performance.
                        Returns {"data":[{"id","name","objective","status","effective_status","daily_budget",\
                        "lifetime_budget","budget_remaining","bid_strategy","special_ad_categories",…}],"paging",\
                        "next_cursor"}. Budgets are strings in the account currency's minor units (cents). Without \
                        a status filter Meta hides archived and deleted campaigns. 'fields' replaces the default fields \
                        with Graph's own list, field expansion included (insights with a date_preset, the ad sets' \
                        optimization_goal), so one call returns the list with its numbers.""")
                .input(GraphFields.argument(Common.statusFilter(Common.paging(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required(), "campaigns", 10),
                        "campaigns", EFFECTIVE_STATUSES)
                        .stringOrStringArray("objective_filter", "Only campaigns with this objective, or any of a "
                                + "list, e.g. 'OUTCOME_SALES' or ['OUTCOME_LEADS','OUTCOME_SALES']. Empty for all.")
                        .defaultValue(""), LIST_FIELDS, "id,name,objective,"
                        + "insights.date_preset(last_7d){spend,results,cost_per_result},"
                        + "adsets{optimization_goal,promoted_object}"))
                .handler(CampaignTools::listCampaigns)
                .build();
    }

    private static CallToolResult listCampaigns(ToolCall call) {
        Args args = call.args();
        String accountId = args.accountId("account_id");
        Map<String, String> params = Common.listParams(args,
                GraphFields.read(args, ToolListings.defaultFields(call, LIST_FIELDS)), 10);
        Common.putStatusFilter(args, EFFECTIVE_STATUSES, params);
        List<String> objectives = args.stringList("objective_filter").orElse(List.of()).stream()
                .map(String::toUpperCase).toList();
        for (String objective : objectives) {
            if (!OBJECTIVE_NAME.matcher(objective).matches()) {
                throw Args.invalid("objective_filter", "must hold objective names such as OUTCOME_SALES; got '"
                        + objective + "'");
            }
        }
        if (!objectives.isEmpty()) {
            ArrayNode filtering = Json.array();
            ObjectNode filter = filtering.addObject();
            filter.put("field", "objective");
            filter.put("operator", "IN");
            filter.set("value", Common.strings(objectives));
            params.put("filtering", Json.write(filtering));
        }
        return ToolResults.success(Common.listResult(call.graph().page(accountId + "/campaigns", params)));
    }

    // ---------------------------------------------------------------- get_campaign_details

    public static ToolDefinition getCampaignDetails() {
        return ToolDefinition.builder("get_campaign_details", Toolset.CAMPAIGNS)
                .title("Get campaign details")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get one campaign by id: name, objective, configured and effective status, budgets \
                        (minor units), budget_remaining, bid strategy, spend cap, special ad categories, \
                        schedule, promoted object and delivery issues. Works for archived and deleted campaigns \
                        too.""")
                .input(Schema.object()
                        .string("campaign_id", "Campaign id (digits), e.g. from get_campaigns.").required())
                .handler(Common.readById("campaign_id", "campaign", DETAIL_FIELDS))
                .build();
    }

    // ---------------------------------------------------------------- create_campaign

    public static ToolDefinition createCampaign() {
        return ToolDefinition.builder("create_campaign", Toolset.CAMPAIGNS)
                .title("Create a campaign")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Create a campaign in an ad account: the top of the campaign → ad set → ad hierarchy. It \
                        starts PAUSED unless status is ACTIVE, and spends nothing until it has active ad sets and \
                        ads.
                        Budget: give daily_budget OR lifetime_budget to put the budget on the campaign (Advantage \
                        campaign budget, formerly CBO; bid_strategy applies then), or neither (or \
                        use_adset_level_budgets=true) to set budgets on each ad set instead. Amounts are whole \
                        numbers in the account currency's minor units: 5000 = 50.00 USD, 5000 = 5000 JPY \
                        (get_account_info tells the currency).
                        objective must be outcome-based: OUTCOME_AWARENESS, OUTCOME_TRAFFIC, OUTCOME_ENGAGEMENT, \
                        OUTCOME_LEADS, OUTCOME_APP_PROMOTION, OUTCOME_SALES. special_ad_categories is required by \
                        Meta for credit, employment, housing, finance, politics and gambling ads ([] for none).
                        Use validate_only=true to check everything without creating. Returns {"id", "status", \
                        "budget_level":"campaign"|"ad_set"}; then create ad sets with create_adset.""")
                .input(Common.validateOnly(Schema.object()
                        .string("account_id", Common.ACCOUNT_ID).required()
                        .string("name", "Campaign name (shown in Ads Manager).").required()
                        .string("objective", "Campaign objective (outcome-based).").oneOf(OBJECTIVES).required()
                        .string("status", "Initial status. Default PAUSED: nothing delivers until you activate it.")
                        .oneOf(Common.CREATE_STATUSES).defaultValue("PAUSED")
                        .stringArray("special_ad_categories", "Special ad categories the ads fall under; [] (default) "
                                + "when none apply.").oneOf(SPECIAL_AD_CATEGORIES).defaultValue(List.of())
                        .integer("daily_budget", "Campaign daily budget in minor units (cents), e.g. 5000 = 50.00 "
                                + "USD. Not together with lifetime_budget.").min(1)
                        .integer("lifetime_budget", "Campaign lifetime budget in minor units (cents); ad sets then "
                                + "need an end_time. Not together with daily_budget.").min(1)
                        .string("buying_type", "AUCTION (default at Meta) or RESERVED (reach and frequency).")
                        .oneOf(BUYING_TYPES)
                        .string("bid_strategy", "How Meta bids with a campaign budget. With LOWEST_COST_WITH_BID_CAP "
                                + "or COST_CAP each ad set then carries its cap as bid_amount (create_adset); "
                                + "LOWEST_COST_WITH_MIN_ROAS needs bid_constraints on the ad sets. With ad set "
                                + "budgets, set bid_strategy on the ad sets instead.")
                        .oneOf(BidStrategies.ALL).defaultValue(BidStrategies.NO_CAP)
                        .integer("bid_cap", "Refused: Meta has no campaign bid cap. The cap of a "
                                + "LOWEST_COST_WITH_BID_CAP or COST_CAP campaign is each ad set's bid_amount "
                                + "(create_adset).").min(1)
                        .integer("spend_cap", "Most the campaign may ever spend, in minor units (cents).").min(1)
                        .string("stop_time", "When the campaign ends: ISO-8601 with offset (2026-12-31T23:59:00-0800) "
                                + "or Unix seconds. Needed with a campaign lifetime_budget.")
                        .bool("campaign_budget_optimization", "Compatibility switch: true requires daily_budget or "
                                + "lifetime_budget (the campaign budget is what turns optimization on); false "
                                + "means budgets on the ad sets.")
                        .bool("use_adset_level_budgets", "true: no campaign budget; each ad set gets its own "
                                + "(Meta's is_adset_budget_sharing_enabled=false). Default false.")
                        .defaultValue(false)
                        .objectArray("ab_test_control_setups", "Not supported: Meta's Graph API has no campaign "
                                + "parameter for A/B test setups, so a call with it is refused. Build test variants "
                                + "with duplicate_campaign or duplicate_adset and compare them with get_insights.")))
                .handler(CampaignTools::create)
                .build();
    }

    private static CallToolResult create(ToolCall call) {
        Args args = call.args();
        if (args.has("ab_test_control_setups")) {
            throw ToolException.invalid("ab_test_control_setups is not supported: Meta's Graph API has no campaign "
                    + "parameter for A/B test setups, so nothing was created. Create the campaign without it, then "
                    + "make the variants with duplicate_campaign or duplicate_adset and compare them with "
                    + "get_insights.");
        }
        String accountId = args.accountId("account_id");
        String name = Common.name(args, "campaign", true, Common.MAX_NAME_LENGTH).orElseThrow();
        String objective = objective(args);
        String status = args.enumValue("status", Common.CREATE_STATUSES).orElse("PAUSED");
        List<String> categories = args.enumList("special_ad_categories", SPECIAL_AD_CATEGORIES).orElse(List.of());
        Budget budget = Budget.of(args);
        boolean adsetLevel = args.bool("use_adset_level_budgets", false);
        Optional<Boolean> cbo = args.bool("campaign_budget_optimization");
        if (adsetLevel && budget.isSet()) {
            throw ToolException.invalid("use_adset_level_budgets=true means the ad sets carry the budgets, so drop "
                    + budget.name() + " (or set use_adset_level_budgets=false to keep a campaign budget).");
        }
        if (cbo.orElse(false) && !budget.isSet()) {
            throw ToolException.invalid("campaign_budget_optimization=true needs a campaign budget: add daily_budget "
                    + "or lifetime_budget (minor units, e.g. 5000 = 50.00 USD).");
        }
        if (cbo.isPresent() && !cbo.get() && budget.isSet()) {
            throw ToolException.invalid("campaign_budget_optimization=false contradicts " + budget.name()
                    + ": a campaign budget is campaign budget optimization. Drop one of them.");
        }
        boolean campaignBudget = budget.isSet();
        String strategy = args.enumValue("bid_strategy", BidStrategies.ALL).orElse(BidStrategies.NO_CAP);
        OptionalLong bidCap = args.minorUnits("bid_cap");
        if (!campaignBudget && !strategy.equals(BidStrategies.NO_CAP)) {
            throw ToolException.invalid("bid_strategy " + strategy + " on a campaign needs a campaign budget "
                    + "(daily_budget or lifetime_budget). With budgets on the ad sets, set bid_strategy and "
                    + "bid_amount on each ad set instead.");
        }
        refuseCampaignBidCap(bidCap, "create_adset");
        OptionalLong spendCap = args.minorUnits("spend_cap");
        Optional<String> buyingType = args.enumValue("buying_type", BUYING_TYPES);
        OptionalLong stopTime = args.epochSeconds("stop_time");
        if (stopTime.isPresent() && stopTime.getAsLong() <= Instant.now().getEpochSecond()) {
            throw Args.invalid("stop_time", "must be in the future; got "
                    + Instant.ofEpochSecond(stopTime.getAsLong()));
        }

        Map<String, String> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("objective", objective);
        params.put("status", status);
        params.put("special_ad_categories", Json.write(categories));
        if (campaignBudget) {
            budget.putInto(params);
            params.put("bid_strategy", strategy);
        } else {
            // Meta requires this flag on every campaign without a campaign budget.
            params.put("is_adset_budget_sharing_enabled", "false");
        }
        spendCap.ifPresent(cap -> params.put("spend_cap", Long.toString(cap)));
        buyingType.ifPresent(type -> params.put("buying_type", type));
        stopTime.ifPresent(time -> params.put("stop_time", Long.toString(time)));
        boolean validateOnly = Common.applyValidateOnly(args, params);

        ObjectNode result = Common.copyOf(call.graph().post(accountId + "/campaigns", params));
        result.put("account_id", accountId);
        result.put("status", status);
        result.put("budget_level", campaignBudget ? "campaign" : "ad_set");
        if (validateOnly) {
            Common.dryRun(result, Common.DRY_RUN_CREATED);
        } else if (!campaignBudget) {
            result.put("note", "No campaign budget: give each ad set a daily_budget or lifetime_budget when you "
                    + "create it (create_adset).");
        }
        if (objective.equals("OUTCOME_LEADS") && !args.has("special_ad_categories")) {
            result.put("compliance_warning", "OUTCOME_LEADS without special_ad_categories: if the ads are about "
                    + "credit, employment, housing or financial products, Meta requires the category and may "
                    + "reject the ads.");
        }
        return ToolResults.success(result);
    }

    private static String objective(Args args) {
        String objective = args.requireString("objective", "pass one of " + String.join(", ", OBJECTIVES))
                .toUpperCase();
        if (OBJECTIVES.contains(objective)) {
            return objective;
        }
        String replacement = LEGACY_OBJECTIVES.get(objective);
        if (replacement != null) {
            throw Args.invalid("objective", "'" + objective + "' is a legacy objective that Meta no longer accepts "
                    + "for new campaigns; use " + replacement + " instead");
        }
        throw Args.invalid("objective", "must be one of " + String.join(", ", OBJECTIVES) + "; got '"
                + Args.shorten(objective, 40) + "'");
    }

    /**
     * Meta's campaigns have no bid cap parameter (the Marketing API refuses it as unknown): with a capped bid strategy
     * on the campaign, each ad set carries the cap as {@code bid_amount}. The reference server's {@code bid_cap} is
     * accepted as an argument and refused with that reason, before Meta is called, rather than dropped.
     */
    private static void refuseCampaignBidCap(OptionalLong bidCap, String adSetTool) {
        if (bidCap.isPresent()) {
            throw ToolException.invalid("bid_cap is not a campaign setting at Meta, so nothing was sent: with "
                    + "bid_strategy LOWEST_COST_WITH_BID_CAP or COST_CAP on the campaign, each ad set carries the cap "
                    + "as bid_amount. Leave bid_cap out here and pass bid_amount=" + bidCap.getAsLong() + " to "
                    + adSetTool + ".");
        }
    }

    // ---------------------------------------------------------------- update_campaign

    public static ToolDefinition updateCampaign() {
        return ToolDefinition.builder("update_campaign", Toolset.CAMPAIGNS)
                .title("Update a campaign")
                .hints(Hints.UPDATE)
                .scopes("ads_management")
                .description("""
                        Change an existing campaign: rename it, pause or activate it, archive or delete it \
                        (status ARCHIVED / DELETED: deletion cannot be undone), change its campaign budget, bid \
                        strategy, spend cap or special ad categories. Only the arguments you pass change.
                        Budgets are whole numbers in minor units (cents): 5000 = 50.00 USD. A campaign budget can \
                        be changed but not added to a campaign that uses ad set budgets; to move budgets from the \
                        campaign to its ad sets, pass adset_budgets. Meta limits budget changes to about four an \
                        hour per object.
                        Use validate_only=true for a dry run. Returns {"success":true,"campaign_id",\
                        "updated_fields":[…]}.""")
                .input(Common.validateOnly(Schema.object()
                        .string("campaign_id", "Campaign id (digits).").required()
                        .string("name", "New name.")
                        .string("status", "New status. ARCHIVED hides it; DELETED removes it for good.")
                        .oneOf(Common.UPDATE_STATUSES)
                        .stringArray("special_ad_categories", "New special ad categories ([] for none).")
                        .oneOf(SPECIAL_AD_CATEGORIES)
                        .integer("daily_budget", "New campaign daily budget in minor units (cents). Not together "
                                + "with lifetime_budget.").min(1)
                        .integer("lifetime_budget", "New campaign lifetime budget in minor units (cents).").min(1)
                        .string("bid_strategy", "New bid strategy (campaign budget campaigns only).")
                        .oneOf(BidStrategies.ALL)
                        .integer("bid_cap", "Refused: Meta has no campaign bid cap; change each ad set's "
                                + "bid_amount (update_adset).").min(1)
                        .integer("spend_cap", "New spend cap in minor units (cents).").min(1)
                        .string("objective", "Objective, for a check only: Meta does not change a campaign's "
                                + "objective after it is created, so a different one is refused by Meta.")
                        .bool("campaign_budget_optimization", "true turns on the campaign budget: pass "
                                + "daily_budget or lifetime_budget with it. false moves the budget to the ad sets: "
                                + "pass adset_budgets with it.")
                        .bool("use_adset_level_budgets", "true moves the budget from the campaign to its ad sets: "
                                + "pass adset_budgets with it (Meta needs each ad set's new budget).")
                        .property("adset_budgets", Map.of(
                                "type", "array",
                                "description", "Move the budget from the campaign to its ad sets in one step: "
                                        + "one entry per ad set, e.g. [{\"adset_id\":\"123\",\"daily_budget\":5000}]"
                                        + " (minor units).",
                                "items", Map.of("type", "object",
                                        "properties", Map.of(
                                                "adset_id", Map.of("type", "string"),
                                                "daily_budget", Map.of("type", "integer", "minimum", 1),
                                                "lifetime_budget", Map.of("type", "integer", "minimum", 1)),
                                        "required", List.of("adset_id"))))))
                .handler(CampaignTools::update)
                .build();
    }

    private static CallToolResult update(ToolCall call) {
        Args args = call.args();
        String campaignId = args.objectId("campaign_id", "campaign");
        Map<String, String> params = new LinkedHashMap<>();
        Common.name(args, "campaign", false, Common.MAX_NAME_LENGTH).ifPresent(name -> params.put("name", name));
        args.enumValue("status", Common.UPDATE_STATUSES).ifPresent(status -> params.put("status", status));
        args.enumList("special_ad_categories", SPECIAL_AD_CATEGORIES)
                .ifPresent(categories -> params.put("special_ad_categories", Json.write(categories)));
        Budget budget = Budget.of(args);
        budget.putInto(params);
        Optional<String> strategy = args.enumValue("bid_strategy", BidStrategies.ALL);
        refuseCampaignBidCap(args.minorUnits("bid_cap"), "update_adset");
        strategy.ifPresent(value -> params.put("bid_strategy", value));
        args.minorUnits("spend_cap").ifPresent(cap -> params.put("spend_cap", Long.toString(cap)));
        Optional<JsonNode> adsetBudgets = args.json("adset_budgets").map(CampaignTools::checkedAdsetBudgets);
        if (adsetBudgets.isPresent() && budget.isSet()) {
            throw ToolException.invalid("adset_budgets moves the budget to the ad sets, so it cannot come with "
                    + budget.name() + ". Send one or the other.");
        }
        checkBudgetLevelSwitches(args, budget, adsetBudgets.isPresent());
        if (args.has("objective")) {
            params.put("objective", objective(args));
        }
        adsetBudgets.ifPresent(value -> params.put("adset_budgets", Json.write(value)));
        if (params.isEmpty()) {
            throw ToolException.invalid("Nothing to update: pass at least one of name, status, "
                    + "special_ad_categories, daily_budget, lifetime_budget, bid_strategy, bid_cap, spend_cap, "
                    + "objective, adset_budgets.");
        }
        List<String> updated = new ArrayList<>(params.keySet());
        boolean validateOnly = Common.applyValidateOnly(args, params);
        JsonNode answer = call.graph().post(campaignId, params);
        return ToolResults.success(Common.updateResult(answer, "campaign_id", campaignId, updated, validateOnly));
    }

    /**
     * The reference server's switches between campaign and ad set budgets, honoured the way Meta does it: a campaign
     * budget appears with daily_budget/lifetime_budget, and moves to the ad sets with adset_budgets. A switch without
     * the values Meta needs is refused rather than sent as empty budgets (which Meta ignores).
     */
    private static void checkBudgetLevelSwitches(Args args, Budget budget, boolean hasAdsetBudgets) {
        Optional<Boolean> cbo = args.bool("campaign_budget_optimization");
        Optional<Boolean> adsetLevel = args.bool("use_adset_level_budgets");
        if (cbo.isPresent() && adsetLevel.isPresent() && cbo.get() == adsetLevel.get()) {
            throw ToolException.invalid("campaign_budget_optimization=" + cbo.get() + " contradicts "
                    + "use_adset_level_budgets=" + adsetLevel.get() + "; pass one of them.");
        }
        boolean toCampaign = cbo.orElse(false) || adsetLevel.map(v -> !v).orElse(false);
        boolean toAdsets = cbo.map(v -> !v).orElse(false) || adsetLevel.orElse(false);
        if (toCampaign && !budget.isSet()) {
            throw ToolException.invalid("A campaign budget (campaign_budget_optimization=true or "
                    + "use_adset_level_budgets=false) is set by giving the campaign one: add daily_budget or "
                    + "lifetime_budget (minor units, e.g. 5000 = 50.00 USD). Nothing was changed.");
        }
        if (toCampaign && hasAdsetBudgets) {
            throw ToolException.invalid("adset_budgets moves the budget to the ad sets, which contradicts a "
                    + "campaign budget; pass one or the other.");
        }
        if (toAdsets && !hasAdsetBudgets) {
            throw ToolException.invalid("Moving the budget to the ad sets (campaign_budget_optimization=false or "
                    + "use_adset_level_budgets=true) needs adset_budgets: one entry per ad set with its new budget, "
                    + "e.g. [{\"adset_id\":\"123\",\"daily_budget\":5000}] (get_adsets lists them). Meta ignores "
                    + "empty campaign budgets, so nothing was changed.");
        }
        if (toAdsets && budget.isSet()) {
            throw ToolException.invalid(budget.name() + " is a campaign budget, which contradicts moving the budget "
                    + "to the ad sets; drop it.");
        }
    }

    private static JsonNode checkedAdsetBudgets(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            throw Args.invalid("adset_budgets", "must be a non-empty list like "
                    + "[{\"adset_id\":\"123\",\"daily_budget\":5000}]");
        }
        ArrayNode clean = Json.array();
        for (JsonNode entry : value) {
            String adsetId = Json.text(entry, "adset_id");
            if (adsetId == null || !adsetId.matches("[0-9]{1,30}")) {
                throw Args.invalid("adset_budgets", "needs a numeric adset_id in every entry");
            }
            ObjectNode item = clean.addObject().put("adset_id", adsetId);
            int budgets = 0;
            for (String field : List.of("daily_budget", "lifetime_budget")) {
                String amount = Json.text(entry, field);
                if (amount != null) {
                    if (!amount.matches("[0-9]{1,18}") || Long.parseLong(amount) <= 0) {
                        throw Args.invalid("adset_budgets", field + " of ad set " + adsetId + " must be a positive "
                                + "whole number of minor units (e.g. 5000 = 50.00 USD)");
                    }
                    item.put(field, Long.parseLong(amount));
                    budgets++;
                }
            }
            if (budgets != 1) {
                throw Args.invalid("adset_budgets", "needs exactly one of daily_budget or lifetime_budget for ad set "
                        + adsetId);
            }
        }
        return clean;
    }

    // ---------------------------------------------------------------- create_budget_schedule

    public static ToolDefinition createBudgetSchedule() {
        return ToolDefinition.builder("create_budget_schedule", Toolset.CAMPAIGNS)
                .title("Schedule a budget increase")
                .hints(Hints.CREATE)
                .scopes("ads_management")
                .description("""
                        Schedule a temporary budget increase for a campaign with a campaign budget during a \
                        high-demand period (a sale, a holiday). budget_value_type ABSOLUTE: budget_value is an \
                        amount in minor units (cents) added to the budget during the period; MULTIPLIER: \
                        budget_value is a relative increase in percent (e.g. 50 = +50%). time_start and time_end \
                        are Unix seconds or ISO-8601 date-times; the period must end in the future.
                        Use validate_only=true for a dry run. Returns {"id"} of the schedule.""")
                .input(Common.validateOnly(Schema.object()
                        .string("campaign_id", "Campaign id (digits); the campaign needs a campaign budget.").required()
                        .integer("budget_value", "Size of the increase: minor units for ABSOLUTE, percent for "
                                + "MULTIPLIER.").min(1).required()
                        .string("budget_value_type", "How budget_value is read.").oneOf(BUDGET_VALUE_TYPES)
                        .required()
                        .integer("time_start", "Start of the period: Unix seconds (an ISO-8601 date-time string is "
                                + "accepted too).").required()
                        .integer("time_end", "End of the period: Unix seconds (or ISO-8601), after time_start.")
                        .required()))
                .handler(CampaignTools::scheduleBudget)
                .build();
    }

    private static CallToolResult scheduleBudget(ToolCall call) {
        Args args = call.args();
        String campaignId = args.objectId("campaign_id", "campaign");
        long value = args.positiveInteger("budget_value").orElseThrow(() -> ToolException.invalid(
                "Missing required argument 'budget_value': pass the size of the increase (minor units for "
                        + "ABSOLUTE, percent for MULTIPLIER)."));
        String type = args.enumValue("budget_value_type", BUDGET_VALUE_TYPES).orElseThrow(() ->
                ToolException.invalid("Missing required argument 'budget_value_type': pass ABSOLUTE or MULTIPLIER."));
        long start = args.epochSeconds("time_start").orElseThrow(() -> ToolException.invalid(
                "Missing required argument 'time_start': pass Unix seconds or an ISO-8601 date-time."));
        long end = args.epochSeconds("time_end").orElseThrow(() -> ToolException.invalid(
                "Missing required argument 'time_end': pass Unix seconds or an ISO-8601 date-time."));
        if (end <= start) {
            throw ToolException.invalid("time_end (" + Instant.ofEpochSecond(end) + ") must be after time_start ("
                    + Instant.ofEpochSecond(start) + ").");
        }
        if (end <= Instant.now().getEpochSecond()) {
            throw ToolException.invalid("The period ends in the past (" + Instant.ofEpochSecond(end)
                    + "); schedule a period that ends in the future.");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("budget_value", Long.toString(value));
        params.put("budget_value_type", type);
        params.put("time_start", Long.toString(start));
        params.put("time_end", Long.toString(end));
        boolean validateOnly = Common.applyValidateOnly(args, params);
        ObjectNode result = Common.copyOf(call.graph().post(campaignId + "/budget_schedules", params));
        result.put("campaign_id", campaignId);
        result.put("budget_value", value);
        result.put("budget_value_type", type);
        result.put("time_start", start);
        result.put("time_end", end);
        if (validateOnly) {
            result.put("validate_only", true);
        }
        return ToolResults.success(result);
    }
}
