package dev.adsbridge.console.ads;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adsbridge.meta.DatePresets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Reports: an account's key numbers against the period before, insights of any object of a chosen account (every row,
 * paged to the end, with Meta's own totals) and the numbers of the campaigns list and drill-down rows. Results follow
 * {@link MetaResults}: one type per ad set goal, never added across types.
 */
@Service
public class AdsReporting {

    /** Rows a synchronous insights answer pages through at most; beyond, the answer says it is incomplete. */
    public static final int MAX_SYNC_ROWS = 2_500;
    static final int PAGE = 500;
    /** The numbers every insights request asks Meta for (the level's ids and names are added). */
    static final List<String> METRICS = List.of("spend", "impressions", "reach", "frequency", "clicks", "ctr", "cpc",
            "cpm", "actions", "action_values", "purchase_roas", "results", "cost_per_result",
            "video_thruplay_watched_actions", "account_currency", "date_start", "date_stop");

    private final AdsGateway gateway;
    private final Map<String, String> timezones = new ConcurrentHashMap<>();
    private final Map<String, Object> timezoneLocks = new ConcurrentHashMap<>();

    AdsReporting(AdsGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * One type's results (see {@link MetaResults}); {@code cost_per_result} is the cost of {@code cost_per} results
     * (1,000 for reach and impressions, as in Ads Manager, else one), {@code cost_words} says so ("per 1,000 people
     * reached").
     */
    public record ResultCount(String indicator, @JsonProperty("action_type") String actionType, String label,
            String singular, long results, @JsonProperty("cost_per_result") @Nullable Double costPerResult,
            @JsonProperty("cost_per") int costPer, @JsonProperty("cost_words") String costWords, String text) {
    }

    /**
     * The numbers of a period as Meta computes them for one object (reach and frequency deduplicated): {@code results}
     * is a number only when all results are of one type, else null with {@code results_by_type} listing each type.
     */
    public record Totals(double spend, long impressions, long reach, double frequency, long clicks, double ctr,
            double cpc, double cpm, @Nullable Long results, @JsonProperty("result_type") @Nullable String resultType,
            @JsonProperty("result_label") @Nullable String resultLabel,
            @JsonProperty("cost_per_result") @Nullable Double costPerResult,
            @JsonProperty("results_by_type") List<ResultCount> resultsByType,
            @JsonProperty("results_text") String resultsText, long purchases,
            @JsonProperty("purchase_value") double purchaseValue, @Nullable Double roas) {

        static Totals of(@Nullable JsonNode row) {
            if (row == null) {
                return new Totals(0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, List.of(), "—", 0, 0, null);
            }
            Map<String, Object> m = AdsReporting.row(row);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> types = (List<Map<String, Object>>) m.get("results_by_type");
            return new Totals(d(m, "spend"), (long) d(m, "impressions"), (long) d(m, "reach"), d(m, "frequency"),
                    (long) d(m, "clicks"), d(m, "ctr"), d(m, "cpc"), d(m, "cpm"), (Long) m.get("results"),
                    (String) m.get("result_type"), (String) m.get("result_label"), (Double) m.get("cost_per_result"),
                    types.stream().map(t -> new ResultCount((String) t.get("indicator"), (String) t.get("action_type"),
                            (String) t.get("label"), (String) t.get("singular"), (Long) t.get("results"),
                            (Double) t.get("cost_per_result"), (Integer) t.get("cost_per"),
                            (String) t.get("cost_words"), (String) t.get("text"))).toList(),
                    (String) m.get("results_text"), (long) d(m, "purchases"), d(m, "purchase_value"),
                    (Double) m.get("roas"));
        }

        private static double d(Map<String, Object> m, String key) {
            return m.get(key) instanceof Number n ? n.doubleValue() : 0;
        }
    }

    /** The dashboard's key numbers of a period and the one before. */
    public record Summary(@JsonProperty("date_start") String dateStart, @JsonProperty("date_stop") String dateStop,
            @Nullable String currency, @JsonProperty("timezone_name") @Nullable String timezoneName,
            @com.fasterxml.jackson.annotation.JsonUnwrapped Totals totals,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Summary previous) {
    }

    /**
     * Key numbers of an account for a preset, and for the period of equal length before it: one insights call with
     * Meta's {@code time_ranges} for both periods (the preset's days worked out in the account's time zone, as Meta
     * does). {@code maximum} and {@code data_maximum}, whose days only Meta knows, ask for the period first.
     */
    public Summary summary(AdsCaller caller, String accountId, String datePreset) {
        InsightsQuery.requirePreset(datePreset);
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        String currency = gateway.currency(caller.tenant(), scope.accountId());
        String timezone = timezone(caller, scope);
        Map<String, Object> args = baseArgs(scope.accountId(), "account");
        Period period = Period.preset(datePreset, today(timezone));
        JsonNode currentRow;
        JsonNode previousRow;
        Period before;
        if (period != null) {
            before = period.previous();
            args.put("time_ranges", List.of(before.range(), period.range()));
            List<JsonNode> rows = AdsGateway.rows(gateway.call(caller, scope.connectionId(), scope.accountId(),
                    "get_insights", args, false));
            currentRow = first(period.rowsOf(rows));
            previousRow = first(before.rowsOf(rows));
        } else {
            args.put("time_range", datePreset);
            List<JsonNode> rows = AdsGateway.rows(gateway.call(caller, scope.connectionId(), scope.accountId(),
                    "get_insights", args, false));
            period = Period.of(rows, datePreset, today(timezone));
            before = period.previous();
            args.put("time_range", before.range());
            currentRow = first(rows);
            previousRow = first(AdsGateway.rows(gateway.call(caller, scope.connectionId(), scope.accountId(),
                    "get_insights", args, false)));
        }
        Summary previous = new Summary(before.since.toString(), before.until.toString(), currency, timezone,
                Totals.of(previousRow), null);
        return new Summary(period.since.toString(), period.until.toString(), currency, timezone,
                Totals.of(currentRow), previous);
    }

    /** Today in the account's time zone (Meta's presets count days there), UTC when the zone is unknown. */
    LocalDate today(@Nullable String timezone) {
        if (timezone != null) {
            try {
                return LocalDate.ofInstant(gateway.clock().instant(), ZoneId.of(timezone));
            } catch (java.time.DateTimeException e) {
                // An unknown zone name: fall back to UTC, as before the zone was known.
            }
        }
        return gateway.today();
    }

    /** An insights answer: the rows (all of them, or {@code complete=false} with the reason), Meta's totals. */
    public record Answer(List<Map<String, Object>> rows, @Nullable Totals totals, String since, String until,
            boolean complete, @JsonProperty("incomplete_reason") @Nullable String incompleteReason,
            @Nullable String message, @Nullable String currency,
            @JsonProperty("timezone_name") @Nullable String timezoneName,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Answer previous) {
    }

    /** Where an insights query runs: the object, its account and connection, and the object's own level. */
    record Target(UUID connectionId, String accountId, String objectId, String ownLevel) {
    }

    Target target(AdsCaller caller, String objectId) {
        if (objectId.startsWith("act_")) {
            AdsGateway.Scope scope = gateway.scope(caller.tenant(), objectId);
            return new Target(scope.connectionId(), scope.accountId(), scope.accountId(), "account");
        }
        AdsGateway.Found found = gateway.locateAny(caller, objectId);
        return new Target(found.located().connectionId(), found.located().accountId(), objectId, found.kind().name);
    }

    /**
     * Insights of an object (account, campaign, ad set or ad of a chosen account): every row, paged to the end (up to
     * {@link #MAX_SYNC_ROWS}; beyond, or when Meta wants an async report, {@code complete=false} says so), the totals
     * of the whole period as Meta computes them for the object, and with {@code compare=previous} the same for the
     * period of equal length just before.
     */
    public Answer insights(AdsCaller caller, InsightsQuery query) {
        Target target = target(caller, query.objectId());
        Map<String, Object> args = arguments(query, target);
        String currency = gateway.currency(caller.tenant(), target.accountId());
        String timezone = timezone(caller, target.accountId(), target.connectionId());
        if (query.comparePrevious()) {
            Period period = query.since() != null && query.until() != null
                    ? new Period(LocalDate.parse(query.since()), LocalDate.parse(query.until()))
                    : Period.preset(query.datePreset() == null || query.datePreset().isBlank() ? "last_30d"
                            : query.datePreset(), today(timezone));
            Answer both = period == null ? null
                    : compared(caller, target, query, args, period, currency, timezone);
            if (both != null) {
                return both;
            }
        }
        Answer current = answer(caller, target, query, args, null, currency, timezone);
        if (!query.comparePrevious()) {
            return current;
        }
        // The days of maximum/data_maximum only Meta knows: ask for the period first, then the one before.
        Period before = new Period(LocalDate.parse(current.since()), LocalDate.parse(current.until())).previous();
        args.put("time_range", before.range());
        Answer previous = answer(caller, target, query, args, before, currency, timezone);
        return new Answer(current.rows(), current.totals(), current.since(), current.until(), current.complete(),
                current.incompleteReason(), current.message(), currency, timezone, previous);
    }

    /**
     * A period and the one of equal length before it, fetched together: without time slices in one call with Meta's
     * {@code time_ranges} (each range its own rows); sliced by N days (N dividing the period's length, so slices
     * line up with the periods' edges) in one call over both periods, split at the period's first day. Totals, when
     * the rows are not already them, come from one more call with {@code time_ranges}. Null for slicing that does
     * not line up (monthly, N not dividing the length): the caller then asks period by period.
     */
    private @Nullable Answer compared(AdsCaller caller, Target target, InsightsQuery query, Map<String, Object> args,
            Period period, @Nullable String currency, @Nullable String timezone) {
        Period before = period.previous();
        String increment = (String) args.get("time_increment");
        boolean sliced = increment != null && !increment.equals("all_days");
        if (sliced && !(increment.matches("[0-9]+") && period.days() % Integer.parseInt(increment) == 0)) {
            return null;
        }
        Map<String, Object> both = new LinkedHashMap<>(args);
        both.remove("time_range");
        if (sliced) {
            both.put("time_range", new Period(before.since, period.until).range());
        } else {
            both.remove("time_increment");
            both.put("time_ranges", List.of(before.range(), period.range()));
        }
        boolean unsliced = !sliced && args.get("level").equals(target.ownLevel()) && !args.containsKey("breakdown");
        Map<String, Object> whole = new LinkedHashMap<>(args);
        whole.remove("time_range");
        whole.remove("time_increment");
        whole.remove("breakdown");
        whole.put("level", target.ownLevel());
        whole.put("fields", fields(target.ownLevel()));
        whole.put("time_ranges", List.of(before.range(), period.range()));
        Supplier<List<JsonNode>> totalsRead = () -> AdsGateway.rows(gateway.call(caller, target.connectionId(),
                target.accountId(), "get_insights", whole, false));
        // Totals the rows cannot be are asked for beside the rows: one round trip for both.
        Supplier<List<JsonNode>> separateTotals = query.withTotals() && !unsliced
                ? gateway.alongside(totalsRead) : null;
        Fetched fetched = fetchAll(caller, target, both, MAX_SYNC_ROWS * 2);
        List<JsonNode> currentRows = sliced ? period.rowsWithin(fetched.rows()) : period.rowsOf(fetched.rows());
        List<JsonNode> previousRows = sliced ? before.rowsWithin(fetched.rows()) : before.rowsOf(fetched.rows());
        Totals currentTotals = null;
        Totals previousTotals = null;
        if (query.withTotals()) {
            List<JsonNode> totalRows = separateTotals != null ? separateTotals.get()
                    : fetched.complete() ? fetched.rows() : totalsRead.get();
            currentTotals = Totals.of(first(period.rowsOf(totalRows)));
            previousTotals = Totals.of(first(before.rowsOf(totalRows)));
        }
        Answer previous = new Answer(previousRows.stream().map(AdsReporting::row).toList(), previousTotals,
                before.since.toString(), before.until.toString(), fetched.complete(), fetched.reason(),
                fetched.message(), currency, timezone, null);
        return new Answer(currentRows.stream().map(AdsReporting::row).toList(), currentTotals,
                period.since.toString(), period.until.toString(), fetched.complete(), fetched.reason(),
                fetched.message(), currency, timezone, previous);
    }

    private Answer answer(AdsCaller caller, Target target, InsightsQuery query, Map<String, Object> args,
            @Nullable Period fixed, @Nullable String currency, @Nullable String timezone) {
        boolean unsliced = args.get("level").equals(target.ownLevel()) && !args.containsKey("time_increment")
                && !args.containsKey("breakdown");
        Map<String, Object> whole = new LinkedHashMap<>(args);
        whole.put("level", target.ownLevel());
        whole.remove("time_increment");
        whole.remove("breakdown");
        whole.put("fields", fields(target.ownLevel()));
        Supplier<JsonNode> totalsRead = () -> first(AdsGateway.rows(gateway.call(caller, target.connectionId(),
                target.accountId(), "get_insights", whole, false)));
        // Totals the rows cannot be are asked for beside the rows: one round trip for both.
        Supplier<JsonNode> separateTotals = query.withTotals() && !unsliced ? gateway.alongside(totalsRead) : null;
        Fetched fetched = fetchAll(caller, target, args, MAX_SYNC_ROWS);
        Totals totals = null;
        JsonNode totalsRow = null;
        if (query.withTotals()) {
            totalsRow = separateTotals != null ? separateTotals.get()
                    : fetched.complete() ? first(fetched.rows()) : totalsRead.get();
            totals = Totals.of(totalsRow);
        }
        Period period = fixed != null ? fixed : query.since() != null && query.until() != null
                ? new Period(LocalDate.parse(query.since()), LocalDate.parse(query.until()))
                : Period.of(totalsRow != null ? List.of(totalsRow) : fetched.rows(), query.datePreset(),
                        gateway.today());
        return new Answer(fetched.rows().stream().map(AdsReporting::row).toList(), totals, period.since.toString(),
                period.until.toString(), fetched.complete(), fetched.reason(), fetched.message(), currency, timezone,
                null);
    }

    /** The get_insights arguments of a query: the level's ids and names and {@link #METRICS}, compact rows. */
    Map<String, Object> arguments(InsightsQuery query, Target target) {
        Map<String, Object> args = query.arguments(target.objectId());
        // Like Meta, rows default to the object's own level (the MCP tool would default to ads).
        args.putIfAbsent("level", target.ownLevel());
        args.put("fields", fields((String) args.get("level")));
        return args;
    }

    /** Rows of a query, paged to the end or to {@code maxRows}, and whether that is all of them. */
    record Fetched(List<JsonNode> rows, boolean complete, @Nullable String reason, @Nullable String message) {
    }

    Fetched fetchAll(AdsCaller caller, Target target, Map<String, Object> args, int maxRows) {
        List<JsonNode> rows = new ArrayList<>();
        Map<String, Object> page = new LinkedHashMap<>(args);
        page.put("limit", PAGE);
        while (true) {
            McpToolClient.ToolResult result = gateway.callRaw(caller, target.connectionId(), target.accountId(),
                    "get_insights", page, false);
            if (result.isError()) {
                if (wantsReport(result.content())) {
                    return new Fetched(rows, false, "report_required", "Meta says this report is too large to "
                            + "answer at once: run it as a report (POST /api/v1/insights/reports).");
                }
                throw gateway.failure(caller, target.connectionId(), target.accountId(), result.content());
            }
            result.content().path("data").forEach(rows::add);
            String next = AdsGateway.text(result.content(), "next_cursor", null);
            if (next == null || next.isBlank()) {
                return new Fetched(rows, true, null, null);
            }
            if (rows.size() >= maxRows) {
                return new Fetched(rows, false, "row_limit", "More than " + maxRows + " rows: only the first "
                        + rows.size() + " are here. Run it as a report (POST /api/v1/insights/reports) for all rows.");
            }
            page.put("after", next);
        }
    }

    static boolean wantsReport(JsonNode content) {
        return "create_insights_report".equals(content.path("error").path("suggested_tool").asString(""))
                || content.findValue("suggested_tool") != null
                && "create_insights_report".equals(content.findValue("suggested_tool").asString(""));
    }

    /** The numbers of a campaigns-list or drill-down row (zero when it did not deliver in the period). */
    static Map<String, Object> listNumbers(@Nullable Map<String, Object> stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (stats == null) {
            out.put("spend", 0.0);
            out.put("impressions", 0L);
            MetaResults.put(out, List.of());
            out.put("purchase_value", 0.0);
            out.put("roas", null);
            return out;
        }
        for (String key : List.of("spend", "impressions", "reach", "clicks", "results", "result_type",
                "result_label", "cost_per_result", "results_by_type", "results_text", "purchases", "purchase_value",
                "roas")) {
            out.put(key, stats.get(key));
        }
        return out;
    }

    private static Map<String, Object> baseArgs(String objectId, String level) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("object_id", objectId);
        args.put("level", level);
        args.put("fields", fields(level));
        args.put("compact", true);
        return args;
    }

    /** The insights fields of a level: its ids and names, the metrics, and ad sets' and ads' optimisation goal. */
    static List<String> fields(String level) {
        Set<String> fields = new LinkedHashSet<>();
        int depth = List.of("account", "campaign", "adset", "ad").indexOf(level);
        fields.add("account_id");
        if (depth >= 1) {
            fields.addAll(List.of("campaign_id", "campaign_name"));
        }
        if (depth >= 2) {
            fields.addAll(List.of("adset_id", "adset_name", "optimization_goal"));
        }
        if (depth >= 3) {
            fields.addAll(List.of("ad_id", "ad_name"));
        }
        fields.addAll(METRICS);
        return List.copyOf(fields);
    }

    /** The account's time zone (Meta's timezone_name), read once per account. */
    @Nullable String timezone(AdsCaller caller, AdsGateway.Scope scope) {
        return timezone(caller, scope.accountId(), scope.connectionId());
    }

    @Nullable String timezone(AdsCaller caller, String accountId, UUID connection) {
        String known = timezones.get(accountId);
        if (known != null) {
            return known;
        }
        // One lookup per account even when a page's reads all start at once (the dashboard's two summaries).
        synchronized (timezoneLocks.computeIfAbsent(accountId, id -> new Object())) {
            known = timezones.get(accountId);
            if (known != null) {
                return known;
            }
            McpToolClient.ToolResult result = gateway.callRaw(caller, connection, accountId, "get_account_info",
                    Map.of("account_id", accountId, "fields", "id,timezone_name"), false);
            String zone = result.isError() ? null : AdsGateway.text(result.content(), "timezone_name", null);
            rememberTimezone(accountId, zone);
            return zone;
        }
    }

    /** Notes an account's time zone seen in another answer (the ad-account list), sparing a lookup. */
    void rememberTimezone(String accountId, @Nullable String zone) {
        if (zone != null && !zone.isBlank()) {
            timezones.put(accountId, zone);
        }
    }

    /**
     * One insights row for the API, the UI and the CSV: ids, names, breakdown values and dates as Meta sent them,
     * numbers as numbers, and the results fields of {@link MetaResults#put}, purchases, purchase value and ROAS.
     */
    static Map<String, Object> row(JsonNode row) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("results") || key.equals("cost_per_result") || key.equals("purchase_roas")) {
                return;
            }
            if (v.isNumber()) {
                out.put(key, v.numberValue());
            } else if (v.isString() && v.asString().matches("-?[0-9]+(\\.[0-9]+)?") && !key.endsWith("_id")
                    && !key.startsWith("date_")) {
                // Counts stay whole numbers (impressions 92059, not 92059.0).
                String number = v.asString();
                out.put(key, number.contains(".") ? (Object) Double.parseDouble(number) : Long.parseLong(number));
            } else {
                out.put(key, AdsGateway.JSON.convertValue(v, Object.class));
            }
        });
        for (String metric : List.of("spend", "impressions", "reach", "frequency", "clicks", "ctr", "cpc", "cpm")) {
            out.putIfAbsent(metric, 0);
        }
        MetaResults.put(out, MetaResults.of(row));
        double spend = AdsGateway.number(row, "spend");
        double value = MetaResults.round(MetaResults.purchaseValue(row), 2);
        out.put("purchases", Math.round(MetaResults.purchases(row)));
        out.put("purchase_value", value);
        double metaRoas = MetaResults.action(row.path("purchase_roas"), "omni_purchase");
        // Four decimals, not the two shown: the change against the previous period is worked out from this value,
        // and from 0.67 vs 0.53 it would say +26.4 % where 0.6733 vs 0.5255 is +28.1 %.
        out.put("roas", metaRoas > 0 ? (Double) MetaResults.round(metaRoas, 4)
                : value > 0 && spend > 0 ? (Double) MetaResults.round(value / spend, 4) : null);
        return out;
    }

    private static @Nullable JsonNode first(List<JsonNode> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** A reporting period, inclusive. */
    record Period(LocalDate since, LocalDate until) {

        /** The period of equal length that ends the day before this one starts. */
        Period previous() {
            long days = ChronoUnit.DAYS.between(since, until) + 1;
            return new Period(since.minusDays(days), since.minusDays(1));
        }

        Map<String, String> range() {
            Map<String, String> range = new LinkedHashMap<>();
            range.put("since", since.toString());
            range.put("until", until.toString());
            return range;
        }

        long days() {
            return ChronoUnit.DAYS.between(since, until) + 1;
        }

        /** The rows Meta answered for exactly this range (a time_ranges answer holds each range's own rows). */
        List<JsonNode> rowsOf(List<JsonNode> rows) {
            return rows.stream().filter(row -> since.toString().equals(AdsGateway.text(row, "date_start", null))
                    && until.toString().equals(AdsGateway.text(row, "date_stop", null))).toList();
        }

        /** The time slices that lie within this period. */
        List<JsonNode> rowsWithin(List<JsonNode> rows) {
            return rows.stream().filter(row -> {
                String start = AdsGateway.text(row, "date_start", null);
                String stop = AdsGateway.text(row, "date_stop", null);
                return start != null && stop != null && !LocalDate.parse(start).isBefore(since)
                        && !LocalDate.parse(stop).isAfter(until);
            }).toList();
        }

        /**
         * The days of a date preset as Meta counts them on {@code today} (the account's day); null for
         * {@code maximum} and {@code data_maximum}, whose days depend on what Meta keeps and what delivered.
         */
        static @Nullable Period preset(String preset, LocalDate today) {
            if ("maximum".equals(preset) || "data_maximum".equals(preset) || !DatePresets.isPreset(preset)) {
                return null;
            }
            DatePresets.Period days = DatePresets.resolve(preset, today);
            return new Period(days.since(), days.until());
        }

        /** The dates Meta answered with, or the preset computed from today when there were no rows. */
        static Period of(List<JsonNode> rows, @Nullable String preset, LocalDate today) {
            LocalDate since = null;
            LocalDate until = null;
            for (JsonNode row : rows) {
                String start = AdsGateway.text(row, "date_start", null);
                String stop = AdsGateway.text(row, "date_stop", null);
                if (start != null && (since == null || LocalDate.parse(start).isBefore(since))) {
                    since = LocalDate.parse(start);
                }
                if (stop != null && (until == null || LocalDate.parse(stop).isAfter(until))) {
                    until = LocalDate.parse(stop);
                }
            }
            if (since != null && until != null) {
                return new Period(since, until);
            }
            DatePresets.Period days = DatePresets.resolve(DatePresets.isPreset(preset) ? preset : "last_30d", today);
            return new Period(days.since(), days.until());
        }
    }
}
