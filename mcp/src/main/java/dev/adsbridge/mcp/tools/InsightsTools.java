package dev.adsbridge.mcp.tools;

import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.graph.GraphError;
import dev.adsbridge.graph.GraphException;
import dev.adsbridge.graph.Page;
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
import dev.adsbridge.meta.DatePresets;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Toolset {@code insights}: performance metrics, synchronously ({@code get_insights}) or as an async report run
 * ({@code create_insights_report} → {@code get_insights_report}) for queries too large to answer at once.
 */
public final class InsightsTools {

    static final List<String> DATE_PRESETS = DatePresets.VALUES;
    static final List<String> LEVELS = List.of("account", "campaign", "adset", "ad");
    /** Meta's AdsInsights breakdowns (the business SDKs' list plus the newer ones the reference server documents). */
    static final List<String> BREAKDOWNS = List.of("ad_extension_domain", "ad_extension_url", "ad_format_asset",
            "age", "app_id", "body_asset", "breakdown_ad_objective", "breakdown_reporting_ad_id",
            "call_to_action_asset", "coarse_conversion_value", "comscore_market", "comscore_market_code",
            "conversion_destination", "country", "creative_relaxation_asset_type",
            "crm_advertiser_l12_territory_ids", "crm_advertiser_subvertical_id", "crm_advertiser_vertical_id",
            "crm_ult_advertiser_id", "description_asset", "device_platform", "dma", "fidelity_type",
            "flexible_format_asset_type", "frequency_value", "gen_ai_asset_type", "gender",
            "hourly_stats_aggregated_by_advertiser_time_zone", "hourly_stats_aggregated_by_audience_time_zone",
            "hsid", "image_asset", "impression_device", "impression_view_time_advertiser_hour_v2", "is_auto_advance",
            "is_conversion_id_modeled", "is_rendered_as_delayed_skip_ad", "landing_destination", "link_url_asset",
            "marketing_messages_btn_name", "mdsa_landing_destination", "media_asset_url", "media_creator",
            "media_destination_url", "media_format", "media_origin_url", "media_text_content", "media_type", "mmm",
            "place_page_id", "platform_position", "postback_sequence_index", "product_id", "publisher_platform",
            "redownload", "region", "signal_source_bucket", "skan_campaign_id", "skan_conversion_id",
            "skan_version", "sot_attribution_model_type", "sot_attribution_window", "sot_channel",
            "sot_event_type", "sot_source", "standard_event_content_type", "title_asset", "user_persona_id",
            "user_persona_name", "video_asset");
    static final List<String> ACTION_BREAKDOWNS = List.of("action_canvas_component_name", "action_carousel_card_id",
            "action_carousel_card_name", "action_destination", "action_device", "action_reaction", "action_target_id",
            "action_type", "action_video_sound", "action_video_type", "conversion_destination", "matched_persona_id",
            "matched_persona_name", "signal_source_bucket", "standard_event_content_type");
    static final List<String> ATTRIBUTION_WINDOWS = List.of("1d_click", "7d_click", "28d_click", "1d_view", "1d_ev",
            "default", "dda", "skan_click", "skan_view");
    /** View-through windows Meta stopped reporting on 2026-01-12. */
    static final Set<String> REMOVED_WINDOWS = Set.of("7d_view", "28d_view", "7d_view_all_conversions",
            "28d_view_all_conversions", "7d_view_first_conversion", "28d_view_first_conversion");
    /**
     * The metrics a marketer reads, asked for when the call names no fields: spend, impressions, clicks, CTR, CPC,
     * CPM, Ads Manager's results and cost per result, purchase value (action_values) and ROAS (purchase_roas). Reach,
     * frequency, actions and cost_per_action_type only when named: the two action lists are most of a row's bytes.
     */
    static final List<String> METRIC_FIELDS = List.of("spend", "impressions", "clicks", "ctr", "cpc", "cpm",
            "results", "cost_per_result", "action_values", "purchase_roas");
    /** Breakdowns that collide with the default action_breakdowns=[action_type] (the reference clears it for them). */
    private static final Set<String> CLEAR_ACTION_BREAKDOWNS = Set.of("media_type");
    /** Action-type prefixes whose entries repeat a canonical action type's value (omni_purchase = purchase). */
    private static final List<String> REDUNDANT_ACTION_PREFIXES = List.of("omni_", "onsite_web_app_", "onsite_web_",
            "onsite_app_", "web_app_in_store_", "offsite_conversion.fb_pixel_");
    private static final List<String> ASYNC_STATUSES_DONE = List.of("Job Completed");
    private static final List<String> ASYNC_STATUSES_FAILED = List.of("Job Failed", "Job Skipped");

    /*
     * readOnlyHint=true on purpose: a report run is a server-side job that computes the same rows get_insights would;
     * it changes no campaign, ad set, ad, budget or audience, and it expires on its own. A read-only server must
     * still offer it, because large queries can only be answered this way. It is not idempotent (each call starts
     * a new run) and it talks to Meta (openWorldHint).
     */
    private static final Hints STARTS_REPORT = new Hints(true, false, false, true);

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");
    private static final Pattern OBJECT_ID = Pattern.compile("(?:act_)?[0-9]{1,30}");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]{0,80}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final List<String> ID_ALIASES = List.of("account_id", "campaign_id", "adset_id", "ad_id");
    private static final int MAX_FIELDS = 100;
    /** Most periods one time_ranges query asks for. */
    static final int MAX_TIME_RANGES = 10;
    private static final String TIME_RANGE_SHAPE = "a date preset such as 'last_7d' or an object "
            + "{\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}";
    private static final String ASYNC_HINT = "This query is too large for a synchronous answer. Run it as an async "
            + "report instead: call create_insights_report with the same arguments (see suggested_arguments), then "
            + "poll get_insights_report with the returned report_run_id until async_status is \"Job Completed\" "
            + "(it then returns the rows, paged). Or narrow the query: a shorter time_range, a coarser level, fewer "
            + "breakdowns or a larger time_increment.";

    private InsightsTools() {
    }

    static List<ToolDefinition> all() {
        return List.of(getInsights(), createInsightsReport(), getInsightsReport());
    }

    // ---------------------------------------------------------------- get_insights

    public static ToolDefinition getInsights() {
        return ToolDefinition.builder("get_insights", Toolset.INSIGHTS)
                .title("Get performance insights")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Get performance metrics for an ad account, campaign, ad set or ad, optionally broken down \
                        (age, gender, country, placement, …) and sliced by time. Without fields each row has the \
                        level's id and name (ad_id, ad_name at level 'ad') and the metrics a marketer reads: spend, \
                        impressions, clicks, ctr, cpc, cpm, results, cost_per_result, action_values (purchase \
                        value) and purchase_roas, and an answer of several rows has their totals over the whole \
                        query in "summary"; name fields for others (reach, frequency, actions, cost_per_action_type, \
                        campaign_name, account_currency, …).
                        Name the object with exactly one of object_id, account_id, campaign_id, adset_id, ad_id. \
                        level says which rows you get (default 'ad': one row per ad under the object; use \
                        'campaign' for one row per campaign, 'account' for a single total). time_range is a preset \
                        such as 'last_7d' (default 'maximum', about 37 months) or {"since":"YYYY-MM-DD",\
                        "until":"YYYY-MM-DD"}. Every breakdown value and every time_increment slice is its own row.
                        As Meta sends them, all numbers are strings and spend/cpc/cpm are decimals in the account \
                        currency's MAJOR units ("48.27" = 48.27 USD; unlike budgets, which are minor units); \
                        actions are lists of {"action_type","value"}. results is Ads Manager's Results column: \
                        [{"indicator":"actions:offsite_conversion.fb_pixel_purchase","values":[{"value":"12"}]}], \
                        the indicator following each ad set's optimization goal, one entry per indicator (never \
                        add different indicators up); cost_per_result has the same shape (per 1,000 for reach and \
                        impressions, as Ads Manager shows it). compact=true returns a \
                        smaller shape for reading: numbers as numbers, actions folded into {"link_click":45,…} \
                        without the duplicate omni_/pixel variants, results and cost_per_result folded into \
                        {"<indicator>":12}, empty fields dropped.
                        Returns {"data":[rows],"paging","next_cursor","summary"}; pass next_cursor as 'after' for \
                        more rows. \
                        When Meta says the query is too large, the error tells you to use create_insights_report.""")
                .input(queryArguments(Common.paging(Schema.object()
                        .string("object_id", "Id of the ad account (act_…), campaign, ad set or ad to report on. "
                                + "Or use one of the aliases account_id, campaign_id, adset_id, ad_id instead.")
                        .defaultValue("")
                        .string("account_id", "Alias: report on this ad account (act_123 or 123).").defaultValue("")
                        .string("campaign_id", "Alias: report on this campaign.").defaultValue("")
                        .string("adset_id", "Alias: report on this ad set.").defaultValue("")
                        .string("ad_id", "Alias: report on this ad.").defaultValue(""), "rows", 25))
                        .bool("compact", "true: numbers as numbers, actions folded into a {action_type: value} map, "
                                + "empty fields dropped, paging URLs left out. Default false (Meta's own shape).")
                        .defaultValue(false))
                .handler(InsightsTools::insights)
                .build();
    }

    private static CallToolResult insights(ToolCall call) {
        Args args = call.args();
        Query query = Query.of(args);
        int limit = args.integer("limit", 25, 1, Common.MAX_LIMIT);
        Optional<String> after = args.string("after");
        boolean compact = args.bool("compact", false);
        Map<String, String> params = query.params();
        if (query.fieldsDefaulted() && !query.oneRow()) {
            // Meta's totals of the default fields over every row of the query (not only this page) as "summary".
            params.put("default_summary", "true");
        }
        params.put("limit", Integer.toString(limit));
        after.ifPresent(cursor -> params.put("after", cursor));
        Page<JsonNode> page;
        try {
            page = call.graph().page(query.objectId() + "/insights", params);
        } catch (GraphException e) {
            throw asyncHintOr(e, query);
        }
        return ToolResults.success(compact ? compactList(page) : Common.listResult(page));
    }

    // ---------------------------------------------------------------- create_insights_report

    public static ToolDefinition createInsightsReport() {
        return ToolDefinition.builder("create_insights_report", Toolset.INSIGHTS)
                .title("Start an async insights report")
                .hints(STARTS_REPORT)
                .scopes("ads_read")
                .description("""
                        Start an asynchronous insights report (Meta's async report run) for queries too large for \
                        get_insights: long time ranges at ad level, several breakdowns, daily slices over months. \
                        Takes the same arguments as get_insights (without limit/after/compact). It only reads \
                        data: it creates a report job at Meta but changes no campaign, ad set, ad or budget, so it \
                        is offered in read-only mode too. Each call starts a new job.
                        Returns {"report_run_id","status":"submitted",…}. Then call get_insights_report with the \
                        report_run_id every few seconds: it answers the progress (async_status, \
                        async_percent_completion) until the job is "Job Completed", then the rows, paged.""")
                .input(queryArguments(Schema.object()
                        .string("object_id", "Id of the ad account (act_…), campaign, ad set or ad to report on. "
                                + "Or use one of the aliases account_id, campaign_id, adset_id, ad_id instead.")
                        .string("account_id", "Alias: report on this ad account (act_123 or 123).")
                        .string("campaign_id", "Alias: report on this campaign.")
                        .string("adset_id", "Alias: report on this ad set.")
                        .string("ad_id", "Alias: report on this ad.")))
                .handler(InsightsTools::startReport)
                .build();
    }

    private static CallToolResult startReport(ToolCall call) {
        Query query = Query.of(call.args());
        JsonNode answer = call.graph().post(query.objectId() + "/insights", query.params());
        String runId = Json.text(answer, "report_run_id");
        if (runId == null) {
            throw new IllegalStateException("Meta answered an async insights request without report_run_id");
        }
        ObjectNode result = Json.object();
        result.put("report_run_id", runId);
        result.put("status", "submitted");
        result.put("object_id", query.objectId());
        result.put("level", query.level());
        result.set("time_range", query.timeRangeJson());
        result.put("next_step", "Call get_insights_report with report_run_id=" + runId + " every few seconds until "
                + "async_status is \"Job Completed\"; it then returns the rows.");
        return ToolResults.success(result);
    }

    // ---------------------------------------------------------------- get_insights_report

    public static ToolDefinition getInsightsReport() {
        return ToolDefinition.builder("get_insights_report", Toolset.INSIGHTS)
                .title("Get an async insights report")
                .hints(Hints.READ)
                .scopes("ads_read")
                .description("""
                        Check an async insights report started with create_insights_report and, once it is done, \
                        read its rows. While the job runs it returns {"report_run_id","async_status",\
                        "async_percent_completion"} with async_status "Job Not Started", "Job Started" or "Job \
                        Running": wait a few seconds and call again. When async_status is "Job Completed" it \
                        returns {"report_run_id","async_status","data":[rows],"paging","next_cursor"}; pass \
                        next_cursor as 'after' for the next page. A failed job is an error: narrow the query and \
                        start a new report. Rows have the same shape as get_insights (numbers as strings, spend in \
                        major units; compact=true for numbers, folded actions, no empty fields).""")
                .input(Common.paging(Schema.object()
                        .string("report_run_id", "The report_run_id returned by create_insights_report.")
                        .required(), "rows", 25)
                        .bool("compact", "true: numbers as numbers, actions folded into a {action_type: value} map, "
                                + "empty fields dropped. Default false.")
                        .defaultValue(false))
                .handler(InsightsTools::readReport)
                .build();
    }

    private static CallToolResult readReport(ToolCall call) {
        Args args = call.args();
        String runId = args.objectId("report_run_id", "report run");
        int limit = args.integer("limit", 25, 1, Common.MAX_LIMIT);
        Optional<String> after = args.string("after");
        boolean compact = args.bool("compact", false);
        JsonNode run = call.graph().get(runId, Map.of("fields",
                "id,async_status,async_percent_completion,date_start,date_stop"));
        String status = Optional.ofNullable(Json.text(run, "async_status")).orElse("Job Not Started");
        if (ASYNC_STATUSES_FAILED.contains(status)) {
            throw new ToolException(new ToolError(null, null, "ReportRunFailed", "Report run " + runId
                    + " ended with async_status \"" + status + "\" at Meta. Start a new report with "
                    + "create_insights_report, ideally narrower (a shorter time_range, a coarser level, fewer "
                    + "breakdowns).", null, null, null, false, ErrorCategory.UNKNOWN, null, Map.of()));
        }
        if (!ASYNC_STATUSES_DONE.contains(status)) {
            ObjectNode progress = Json.object();
            progress.put("report_run_id", runId);
            progress.put("async_status", status);
            JsonNode percent = run.get("async_percent_completion");
            progress.put("async_percent_completion", percent != null && percent.isNumber() ? percent.asInt()
                    : percent != null && percent.isString() && DIGITS.matcher(percent.asString()).matches()
                    ? Integer.parseInt(percent.asString()) : 0);
            copyText(run, progress, "date_start", "date_stop");
            progress.put("next_step", "Not ready yet: call get_insights_report again in a few seconds.");
            return ToolResults.success(progress);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("limit", Integer.toString(limit));
        after.ifPresent(cursor -> params.put("after", cursor));
        Page<JsonNode> page = call.graph().page(runId + "/insights", params);
        ObjectNode result = Json.object();
        result.put("report_run_id", runId);
        result.put("async_status", status);
        copyText(run, result, "date_start", "date_stop");
        result.setAll(compact ? compactList(page) : Common.listResult(page));
        return ToolResults.success(result);
    }

    private static void copyText(JsonNode from, ObjectNode to, String... names) {
        for (String name : names) {
            String value = Json.text(from, name);
            if (value != null) {
                to.put(name, value);
            }
        }
    }

    // ---------------------------------------------------------------- the query both tools send

    /** The arguments get_insights and create_insights_report share, after the object id arguments. */
    private static Schema queryArguments(Schema schema) {
        Map<String, Object> since = new LinkedHashMap<>();
        since.put("type", "string");
        since.put("description", "First day, YYYY-MM-DD.");
        Map<String, Object> until = new LinkedHashMap<>();
        until.put("type", "string");
        until.put("description", "Last day (inclusive), YYYY-MM-DD.");
        Map<String, Object> rangeProperties = new LinkedHashMap<>();
        rangeProperties.put("since", since);
        rangeProperties.put("until", until);
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("type", "object");
        range.put("properties", rangeProperties);
        range.put("required", List.of("since", "until"));
        Map<String, Object> preset = new LinkedHashMap<>();
        preset.put("type", "string");
        preset.put("enum", DATE_PRESETS);
        Map<String, Object> timeRange = new LinkedHashMap<>();
        timeRange.put("anyOf", List.of(preset, range));
        timeRange.put("description", "Period to report: a preset (today, yesterday, last_7d, last_30d, this_month, "
                + "last_month, maximum = about 37 months, …) or {\"since\":\"2026-10-01\",\"until\":\"2026-10-31\"}. "
                + "Default 'maximum'. Days are in the ad account's time zone.");
        Map<String, Object> ranges = new LinkedHashMap<>();
        ranges.put("type", "array");
        ranges.put("items", range);
        ranges.put("minItems", 1);
        ranges.put("maxItems", MAX_TIME_RANGES);
        ranges.put("description", "Several periods in one call instead of time_range (Meta's time_ranges), e.g. "
                + "this week and the week before: [{\"since\":\"2026-11-01\",\"until\":\"2026-11-07\"},"
                + "{\"since\":\"2026-11-08\",\"until\":\"2026-11-14\"}]. 1 to " + MAX_TIME_RANGES + " ranges; each "
                + "range gets its own rows, told apart by date_start/date_stop. Not with time_range or "
                + "time_increment (Meta does not slice time_ranges).");
        return schema
                .property("time_range", timeRange).defaultValue("maximum")
                .property("time_ranges", ranges)
                .string("breakdown", "Breakdowns, comma-separated, e.g. 'age', 'age,gender', 'country', "
                        + "'publisher_platform,platform_position' (platform_position gets publisher_platform added), "
                        + "'device_platform', 'region'. Each combination of values is its own row. Empty for none.")
                .defaultValue("")
                .string("level", "Row granularity: one row per ad (default), adset, campaign, or one for the "
                        + "account.").oneOf(LEVELS).defaultValue("ad")
                .stringArray("action_attribution_windows", "Attribution windows to report actions for, e.g. "
                        + "['1d_click','7d_click','1d_view']. Allowed: " + String.join(", ", ATTRIBUTION_WINDOWS)
                        + ". (7d_view and 28d_view were removed by Meta on 2026-01-12.)")
                .oneOf(ATTRIBUTION_WINDOWS)
                .stringArray("action_breakdowns", "How actions are split (default ['action_type']); [] turns "
                        + "the split off. E.g. ['action_type','action_device'].")
                .oneOf(ACTION_BREAKDOWNS)
                .string("time_increment", "Slice the period into rows of N days (1-90), 'monthly', or "
                        + "'all_days' (default: one row for the whole period).")
                .stringOrStringArray("fields", "Insights fields to return instead of the default set (the "
                        + "level's id and name, spend, impressions, clicks, ctr, cpc, cpm, results, cost_per_result, "
                        + "action_values, purchase_roas), e.g. "
                        + "'spend,impressions,reach,frequency' or ['spend','actions','campaign_name'].");
    }

    /**
     * An insights query validated before Meta is called.
     *
     * @param objectId     the node whose insights edge is read ({@code act_…} for accounts)
     * @param level        row level
     * @param datePreset   the preset, or null when timeRange is set
     * @param timeRange    the days asked for, or null when datePreset or timeRanges is set
     * @param timeRanges   several periods (Meta's time_ranges), or empty
     * @param fields       the insights fields asked of Meta
     * @param fieldsDefaulted the call named no fields, so {@code fields} are the defaults
     * @param arguments    the normalised arguments, to suggest for create_insights_report
     */
    private record Query(String objectId, String level, String datePreset, DayRange timeRange,
                         List<DayRange> timeRanges, List<String> fields, boolean fieldsDefaulted,
                         List<String> breakdowns,
                         Optional<List<String>> actionBreakdowns,
                         List<String> windows, Optional<String> timeIncrement, ObjectNode arguments) {

        static Query of(Args args) {
            ObjectNode normalised = Json.object();
            String objectId = objectId(args, normalised);
            String level = args.enumValue("level", LEVELS, Args.Case.LOWER).orElse("ad");
            normalised.put("level", level);

            String preset = null;
            DayRange range = null;
            List<DayRange> ranges = timeRanges(args);
            JsonNode period = args.textOrObject("time_range", TIME_RANGE_SHAPE).orElse(Json.tree("maximum"));
            if (!ranges.isEmpty()) {
                if (args.textOrObject("time_range", TIME_RANGE_SHAPE).isPresent()) {
                    throw Args.invalid("time_ranges", "replaces time_range; pass one of them, not both");
                }
                if (args.string("time_increment").isPresent()) {
                    throw Args.invalid("time_ranges", "gives one set of rows per range and cannot be sliced by "
                            + "time_increment (Meta ignores it); use time_range with time_increment instead");
                }
                ArrayNode echo = normalised.putArray("time_ranges");
                for (DayRange each : ranges) {
                    echo.addObject().put("since", each.since().toString()).put("until", each.until().toString());
                }
            } else if (period.isObject()) {
                range = timeRange(period, "time_range");
                ObjectNode echo = normalised.putObject("time_range");
                echo.put("since", range.since().toString());
                echo.put("until", range.until().toString());
            } else {
                preset = period.asString().toLowerCase(Locale.ROOT);
                if (!DATE_PRESETS.contains(preset)) {
                    throw Args.invalid("time_range", "must be a date preset (" + String.join(", ", DATE_PRESETS)
                            + ") or an object {\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}; got '"
                            + Args.shorten(preset) + "'");
                }
                normalised.put("time_range", preset);
            }

            List<String> breakdowns = new ArrayList<>(args.stringList("breakdown").orElse(List.of()).stream()
                    .map(b -> b.toLowerCase(Locale.ROOT)).distinct().toList());
            List<String> unknown = breakdowns.stream().filter(b -> !BREAKDOWNS.contains(b)).toList();
            if (!unknown.isEmpty()) {
                throw Args.invalid("breakdown", "has unknown breakdown(s) " + String.join(", ", unknown.stream()
                        .map(Args::shorten).toList()) + "; common ones: age, gender, country, region, dma, "
                        + "publisher_platform, platform_position, device_platform, impression_device "
                        + "(comma-separated)");
            }
            // Meta refuses platform_position alone; paired with publisher_platform it answers per placement.
            if (breakdowns.contains("platform_position") && !breakdowns.contains("publisher_platform")) {
                breakdowns.add(0, "publisher_platform");
            }
            if (!breakdowns.isEmpty()) {
                normalised.put("breakdown", String.join(",", breakdowns));
            }

            Optional<List<String>> actionBreakdowns = args.stringList("action_breakdowns")
                    .map(list -> list.stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct().toList());
            actionBreakdowns.ifPresent(list -> {
                List<String> bad = list.stream().filter(a -> !ACTION_BREAKDOWNS.contains(a)).toList();
                if (!bad.isEmpty()) {
                    throw Args.invalid("action_breakdowns", "has unknown value(s) " + String.join(", ", bad.stream()
                            .map(Args::shorten).toList()) + "; allowed: " + String.join(", ",
                            ACTION_BREAKDOWNS) + " (or [] for none)");
                }
            });
            if (actionBreakdowns.isEmpty() && breakdowns.stream().anyMatch(CLEAR_ACTION_BREAKDOWNS::contains)) {
                actionBreakdowns = Optional.of(List.of());
            }
            actionBreakdowns.ifPresent(list -> normalised.set("action_breakdowns", Common.strings(list)));

            List<String> windows = args.stringList("action_attribution_windows").orElse(List.of()).stream()
                    .map(w -> w.toLowerCase(Locale.ROOT)).distinct().toList();
            for (String window : windows) {
                if (REMOVED_WINDOWS.contains(window)) {
                    throw Args.invalid("action_attribution_windows", "asks for '" + window + "', but Meta "
                            + "removed the 7-day and 28-day view-through windows (7d_view, 28d_view) on "
                            + "2026-01-12; use 1d_view, 1d_click, 7d_click or 28d_click instead");
                }
                if (!ATTRIBUTION_WINDOWS.contains(window)) {
                    throw Args.invalid("action_attribution_windows", "has unknown window '" + Args.shorten(window)
                            + "'; allowed: " + String.join(", ", ATTRIBUTION_WINDOWS));
                }
            }
            if (!windows.isEmpty()) {
                normalised.set("action_attribution_windows", Common.strings(windows));
            }

            Optional<String> increment = args.string("time_increment").map(InsightsTools::timeIncrement);
            increment.ifPresent(value -> normalised.put("time_increment", value));

            List<String> fields = args.stringList("fields").orElse(List.of()).stream()
                    .map(f -> f.toLowerCase(Locale.ROOT)).distinct().toList();
            for (String field : fields) {
                if (!FIELD_NAME.matcher(field).matches()) {
                    throw Args.invalid("fields", "must be insights field names such as spend, impressions, "
                            + "inline_link_clicks (comma-separated); got '" + Args.shorten(field) + "'");
                }
            }
            if (fields.size() > MAX_FIELDS) {
                throw Args.invalid("fields", "names " + fields.size() + " fields; ask for at most " + MAX_FIELDS);
            }
            if (!fields.isEmpty()) {
                normalised.set("fields", Common.strings(fields));
            }
            return new Query(objectId, level, ranges.isEmpty() ? preset : null, range, ranges,
                    fields.isEmpty() ? defaultFields(level) : fields, fields.isEmpty(), List.copyOf(breakdowns), actionBreakdowns, windows, increment, normalised);
        }

        /** Exactly one of object_id and its aliases; account ids become act_…. */
        private static String objectId(Args args, ObjectNode normalised) {
            List<String> given = new ArrayList<>();
            if (args.has("object_id")) {
                given.add("object_id");
            }
            for (String alias : ID_ALIASES) {
                if (args.has(alias)) {
                    given.add(alias);
                }
            }
            if (given.isEmpty()) {
                throw ToolException.invalid("Missing object: pass exactly one of object_id, account_id, campaign_id, "
                        + "adset_id or ad_id (e.g. account_id='act_1234567890' for the whole account).");
            }
            if (given.size() > 1) {
                throw ToolException.invalid("Pass exactly one of object_id, account_id, campaign_id, adset_id, "
                        + "ad_id; got " + String.join(" and ", given) + ". To see a campaign's rows per ad, pass "
                        + "campaign_id with level='ad'.");
            }
            String name = given.get(0);
            String id = switch (name) {
                case "account_id" -> args.accountId("account_id");
                case "object_id" -> {
                    String raw = args.string("object_id").orElseThrow().toLowerCase(Locale.ROOT);
                    if (!OBJECT_ID.matcher(raw).matches()) {
                        throw Args.invalid("object_id", "must be an ad account id (act_123…) or a numeric "
                                + "campaign, ad set or ad id; got '" + Args.shorten(raw) + "'");
                    }
                    yield raw;
                }
                default -> args.objectId(name, name.replace("_id", "").replace("adset", "ad set"));
            };
            normalised.put(name, id);
            return id;
        }

        /** The time_ranges argument (a JSON array or a string holding one), each range checked; empty when absent. */
        private static List<DayRange> timeRanges(Args args) {
            Optional<JsonNode> given = args.json("time_ranges");
            if (given.isEmpty()) {
                return List.of();
            }
            JsonNode list = given.get();
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_TIME_RANGES) {
                throw Args.invalid("time_ranges", "must be a list of 1 to " + MAX_TIME_RANGES + " objects "
                        + "{\"since\":\"YYYY-MM-DD\",\"until\":\"YYYY-MM-DD\"}");
            }
            List<DayRange> ranges = new ArrayList<>();
            for (JsonNode item : list) {
                if (!item.isObject()) {
                    throw Args.invalid("time_ranges", "must hold objects {\"since\":\"YYYY-MM-DD\",\"until\":"
                            + "\"YYYY-MM-DD\"}");
                }
                DayRange range = timeRange(item, "time_ranges");
                if (!ranges.contains(range)) {
                    ranges.add(range);
                }
            }
            return List.copyOf(ranges);
        }

        private static DayRange timeRange(JsonNode value, String name) {
            LocalDate since = date(value, "since", name);
            LocalDate until = date(value, "until", name);
            if (since.isAfter(until)) {
                throw Args.invalid(name, "has since (" + since + ") after until (" + until + "); since is "
                        + "the first day and must not be later than until");
            }
            // Meta keeps insights for 37 months; a day of slack for the account's time zone.
            LocalDate oldest = LocalDate.now(ZoneOffset.UTC).minusMonths(DatePresets.RETENTION_MONTHS).plusDays(1);
            if (since.isBefore(oldest)) {
                throw Args.invalid(name, "starts " + since + ", but Meta keeps insights for 37 months; "
                        + "use since on or after " + oldest + " (or time_range='maximum')");
            }
            return new DayRange(since, until);
        }

        private static LocalDate date(JsonNode range, String part, String name) {
            String text = Json.text(range, part);
            if (text == null || text.isBlank()) {
                throw Args.invalid(name, "needs both since and until, e.g. {\"since\":\"2026-10-01\","
                        + "\"until\":\"2026-10-31\"}; " + part + " is missing");
            }
            try {
                if (!text.strip().matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                    throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
                }
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw Args.invalid(name, part + " must be a date in the format YYYY-MM-DD; got '"
                        + Args.shorten(text) + "'");
            }
        }

        /** The query has one row (the object's total, unsliced), which totals would only repeat. */
        boolean oneRow() {
            return level.equals("account") && breakdowns.isEmpty() && timeIncrement.isEmpty()
                    && timeRanges.size() <= 1;
        }

        /** The Graph parameters of the insights edge (without limit and after). */
        Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("fields", String.join(",", fields));
            params.put("level", level);
            if (!timeRanges.isEmpty()) {
                params.put("time_ranges", Json.write(timeRangeJson()));
            } else if (timeRange != null) {
                params.put("time_range", Json.write(timeRangeJson()));
            } else {
                params.put("date_preset", datePreset);
            }
            if (!breakdowns.isEmpty()) {
                params.put("breakdowns", Json.write(breakdowns));
            }
            actionBreakdowns.ifPresent(list -> params.put("action_breakdowns", Json.write(list)));
            if (!windows.isEmpty()) {
                params.put("action_attribution_windows", Json.write(windows));
            }
            timeIncrement.ifPresent(value -> params.put("time_increment", value));
            return params;
        }

        JsonNode timeRangeJson() {
            if (!timeRanges.isEmpty()) {
                ArrayNode list = Json.array();
                for (DayRange each : timeRanges) {
                    list.addObject().put("since", each.since().toString()).put("until", each.until().toString());
                }
                return list;
            }
            if (timeRange == null) {
                return Json.tree(datePreset);
            }
            ObjectNode range = Json.object();
            range.put("since", timeRange.since().toString());
            range.put("until", timeRange.until().toString());
            return range;
        }
    }

    /** A period of whole days, both ends included. */
    private record DayRange(LocalDate since, LocalDate until) {
    }

    /**
     * The default fields: the id and name of the level's rows (ad_id and ad_name for ads) and {@link #METRIC_FIELDS};
     * Meta adds date_start and date_stop to every row.
     */
    private static List<String> defaultFields(String level) {
        List<String> fields = new ArrayList<>(List.of(level + "_id", level + "_name"));
        fields.addAll(METRIC_FIELDS);
        return List.copyOf(fields);
    }

    private static String timeIncrement(String raw) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.equals("monthly") || value.equals("all_days")) {
            return value;
        }
        if (DIGITS.matcher(value).matches() && value.length() <= 3) {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= 90) {
                return Integer.toString(days);
            }
        }
        throw Args.invalid("time_increment", "must be a whole number of days from 1 to 90, 'monthly' or "
                + "'all_days'; got '" + Args.shorten(raw) + "'");
    }

    // ---------------------------------------------------------------- errors

    /**
     * Meta's "too much data" and "use async jobs" answers become an error that points to create_insights_report with
     * the same arguments; every other error passes unchanged.
     */
    private static RuntimeException asyncHintOr(GraphException e, Query query) {
        GraphError graph = e.error();
        Integer subcode = graph.subcode();
        boolean tooMuchData = graph.code() == 1 && graph.message() != null
                && graph.message().toLowerCase(Locale.ROOT).contains("reduce the amount of data");
        boolean useAsync = graph.code() == 100 && subcode != null && subcode == 1504018
                || graph.code() == 2 && subcode != null && subcode == 1504038;
        if (!tooMuchData && !useAsync) {
            return e;
        }
        ToolError base = ToolError.fromGraph(graph);
        // Repeating the same synchronous call will not help with too much data; the async report will.
        ErrorCategory category = tooMuchData ? ErrorCategory.INVALID_REQUEST : base.category();
        boolean isTransient = !tooMuchData && base.isTransient();
        ToolError error = new ToolError(base.code(), base.subcode(), base.type(),
                base.message() + " — " + ASYNC_HINT, base.userTitle(), base.userMessage(), base.fbtraceId(),
                isTransient, category, isTransient ? base.retryAfterSeconds() : null, Map.of())
                .with("suggested_tool", Json.tree("create_insights_report"))
                .with("suggested_arguments", query.arguments());
        return new ToolException(error);
    }

    // ---------------------------------------------------------------- compact shape

    /** {@code {"data":[compact rows],"row_count","next_cursor","summary"}}: no paging URLs. */
    private static ObjectNode compactList(Page<JsonNode> page) {
        ObjectNode result = Json.object();
        ArrayNode rows = result.putArray("data");
        page.data().forEach(row -> rows.add(compactRow(row)));
        result.put("row_count", rows.size());
        page.nextCursor().ifPresent(cursor -> result.put("next_cursor", cursor));
        page.summary().ifPresent(summary -> result.set("summary", compactRow(summary)));
        return result;
    }

    /** One row: metric strings as numbers, action lists as maps, empty members dropped. */
    private static ObjectNode compactRow(JsonNode row) {
        ObjectNode out = Json.object();
        if (!row.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> member : row.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (isEmpty(value)) {
                continue;
            }
            if (isActionList(value)) {
                ObjectNode folded = foldActions(value);
                if (!folded.isEmpty()) {
                    out.set(name, folded);
                }
            } else if (isIndicatorList(value)) {
                out.set(name, foldIndicators(value));
            } else if (value.isString()) {
                String text = value.asString();
                if (keepsText(name) || !NUMBER.matcher(text).matches()) {
                    out.put(name, text);
                } else {
                    putNumber(out, name, text);
                }
            } else if (value.isObject()) {
                ObjectNode nested = compactRow(value);
                if (!nested.isEmpty()) {
                    out.set(name, nested);
                }
            } else {
                out.set(name, value);
            }
        }
        return out;
    }

    /** Ids, names, dates and breakdown values stay text even when they look like numbers. */
    private static boolean keepsText(String name) {
        return name.equals("id") || name.endsWith("_id") || name.endsWith("_ids") || name.endsWith("_name")
                || name.startsWith("date_") || BREAKDOWNS.contains(name) || ACTION_BREAKDOWNS.contains(name);
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || value.isString() && value.asString().isEmpty()
                || value.isContainer() && value.isEmpty();
    }

    private static boolean isActionList(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isObject() || !item.has("action_type")) {
                return false;
            }
        }
        return true;
    }

    /** Meta's results / cost_per_result shape: {@code [{"indicator":"…","values":[{"value":"12"}]}]}. */
    private static boolean isIndicatorList(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isObject() || !item.has("indicator") || !item.path("values").isArray()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [{"indicator":"actions:link_click","values":[{"value":"45"}]}]} → {@code {"actions:link_click":45}}:
     * one member per indicator, never added together (a campaign whose ad sets optimise for different things has
     * several). An entry with several values keeps them as a list.
     */
    private static ObjectNode foldIndicators(JsonNode list) {
        ObjectNode folded = Json.object();
        for (JsonNode item : list) {
            String indicator = item.path("indicator").asString("");
            JsonNode values = item.path("values");
            if (values.size() == 1 && values.get(0).path("value").isString()
                    && NUMBER.matcher(values.get(0).path("value").asString()).matches()) {
                putNumber(folded, indicator, values.get(0).path("value").asString());
            } else {
                folded.set(indicator, values);
            }
        }
        return folded;
    }

    /**
     * {@code [{"action_type":"link_click","value":"45"}]} → {@code {"link_click":45}}; with attribution windows
     * {@code {"link_click":{"value":45,"1d_click":40}}}; other action breakdowns join the key
     * ({@code "link_click/iphone"}). omni_, offsite_conversion.fb_pixel_ and similar variants are left out when the
     * canonical action type is in the same list (they repeat its value).
     */
    private static ObjectNode foldActions(JsonNode actions) {
        Set<String> types = new HashSet<>();
        actions.forEach(item -> types.add(item.path("action_type").asString("")));
        ObjectNode folded = Json.object();
        for (JsonNode item : actions) {
            String type = item.path("action_type").asString("");
            if (isRedundant(type, types)) {
                continue;
            }
            StringBuilder key = new StringBuilder(type);
            ObjectNode values = Json.object();
            for (Map.Entry<String, JsonNode> member : item.properties()) {
                String name = member.getKey();
                JsonNode value = member.getValue();
                if (name.equals("action_type") || isEmpty(value)) {
                    continue;
                }
                if (name.equals("value") || ATTRIBUTION_WINDOWS.contains(name)) {
                    if (value.isString() && NUMBER.matcher(value.asString()).matches()) {
                        putNumber(values, name, value.asString());
                    } else {
                        values.set(name, value);
                    }
                } else if (value.isValueNode()) {
                    key.append('/').append(value.asString());
                }
            }
            if (values.size() == 1 && values.has("value")) {
                folded.set(key.toString(), values.get("value"));
            } else if (!values.isEmpty()) {
                folded.set(key.toString(), values);
            }
        }
        return folded;
    }

    private static boolean isRedundant(String type, Set<String> types) {
        for (String prefix : REDUNDANT_ACTION_PREFIXES) {
            if (type.startsWith(prefix) && types.contains(type.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    private static void putNumber(ObjectNode node, String name, String text) {
        BigDecimal number = new BigDecimal(text);
        if (number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            node.put(name, number.longValueExact());
        } else {
            node.put(name, number);
        }
    }

}
