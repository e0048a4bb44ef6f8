package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adsbridge.mcp.MetaAdsMcpServer;
import dev.adsbridge.mcp.TestEnv;
import dev.adsbridge.mcp.inventory.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Toolset insights against the sandbox: Meta's invariants as the tools show them (numbers as strings, spend in major
 * units, breakdown rows that add up), the compact shape, validation before Meta, the "too much data" error that
 * points to create_insights_report, and an async report from start to rows.
 */
class InsightsToolsTest {

    private static String token;
    /** A campaign of the big account that spent money in the last 30 days. */
    private static String deliveringCampaign;

    @BeforeAll
    static void setUp() {
        token = TestEnv.token();
        JsonNode campaigns = ok(callTool(token, "get_insights", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "level", "campaign", "time_range", "last_30d", "fields", "campaign_id,spend,impressions",
                "limit", 200)));
        for (JsonNode row : campaigns.get("data")) {
            if (new BigDecimal(row.get("spend").asString()).compareTo(BigDecimal.TEN) > 0) {
                deliveringCampaign = row.get("campaign_id").asString();
                break;
            }
        }
        assertThat(deliveringCampaign).as("a campaign that delivered in the last 30 days").isNotNull();
    }

    // ------------------------------------------------------------------ Meta's shape and invariants

    @Test
    void rowsCarryNumbersAsStringsWithSpendInMajorUnitsAndConsistentRatios() {
        // Named fields, reach and the action lists among them (the defaults are fewer).
        JsonNode result = ok(callTool(token, "get_insights", Map.of("account_id", "1000000001",
                "level", "campaign", "time_range", "last_30d", "limit", 5, "fields", "campaign_id,campaign_name,"
                        + "account_currency,impressions,reach,clicks,spend,ctr,cpm,actions")));
        JsonNode rows = result.get("data");
        assertThat(rows.size()).isEqualTo(5);
        assertThat(result.get("next_cursor").asString()).isNotBlank();
        assertThat(result.at("/paging/next").asString()).doesNotContain("access_token");
        for (JsonNode row : rows) {
            assertThat(row.get("campaign_id").isString()).isTrue();
            assertThat(row.get("campaign_name").asString()).isNotBlank();
            assertThat(row.get("account_currency").asString()).isEqualTo("USD");
            assertThat(row.get("spend").isString()).as("spend is a string").isTrue();
            assertThat(row.get("spend").asString()).as("major units with cents").matches("[0-9]+(\\.[0-9]{1,2})?");
            assertThat(row.get("impressions").isString()).isTrue();
            long impressions = Long.parseLong(row.get("impressions").asString());
            long clicks = Long.parseLong(row.get("clicks").asString());
            long reach = Long.parseLong(row.get("reach").asString());
            assertThat(clicks).isLessThanOrEqualTo(impressions);
            assertThat(reach).isLessThanOrEqualTo(impressions);
            if (impressions > 0 && row.has("ctr")) {
                assertThat(Double.parseDouble(row.get("ctr").asString()))
                        .isCloseTo(clicks * 100.0 / impressions, within(0.01));
                double spend = Double.parseDouble(row.get("spend").asString());
                assertThat(Double.parseDouble(row.get("cpm").asString()))
                        .isCloseTo(spend * 1000 / impressions, within(0.01));
            }
            assertThat(row.get("date_start").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(row.get("date_stop").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        }
        JsonNode withActions = firstWith(rows, "actions");
        assertThat(withActions.get("actions").get(0).get("action_type").isString()).isTrue();
        assertThat(withActions.get("actions").get(0).get("value").isString()).isTrue();

        JsonNode next = ok(callTool(token, "get_insights", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "level", "campaign", "time_range", "last_30d", "limit", 5, "after",
                result.get("next_cursor").asString(), "fields", "campaign_id,spend")));
        assertThat(campaignIds(next.get("data"))).doesNotContainAnyElementsOf(campaignIds(rows));
    }

    /** The metrics a marketer reads, which get_insights answers when the call names no fields. */
    private static final List<String> MARKETER_METRICS = List.of("spend", "impressions", "clicks", "ctr", "cpc",
            "cpm", "results", "cost_per_result", "action_values", "purchase_roas");

    @Test
    void theDefaultAnswerIsTheMarketersMetricsWithTotalsInAFewKilobytes() {
        for (String account : List.of(TestEnv.BIG_ACCOUNT, TestEnv.EUR_ACCOUNT, TestEnv.JPY_ACCOUNT)) {
            // As an agent asks: no fields, Meta's shape (compact=false), 25 ad rows over the whole history.
            JsonNode answer = ok(callTool(token, "get_insights", Map.of("account_id", account)));
            JsonNode rows = answer.get("data");
            assertThat(rows.size()).as(account).isEqualTo(25);
            // One copy of the answer (structuredContent; the text content carries the same JSON): 42-45 KB with
            // every metric and the ids and names of account, campaign and ad set; the 12 KB is reached
            // only with compact=true (below); Meta's own row shape needs 12.4-14.2 KB here.
            assertThat(bytes(answer)).as(account + " default answer bytes").isLessThanOrEqualTo(15 * 1024);
            Set<String> seen = new TreeSet<>();
            for (JsonNode row : rows) {
                row.propertyNames().forEach(seen::add);
                assertThat(row.get("ad_id").asString()).matches("[0-9]+");
                assertThat(row.get("ad_name").asString()).isNotBlank();
                assertThat(row.get("spend").isString()).as("Meta's shape: numbers as strings").isTrue();
                if (row.has("results")) {
                    assertThat(row.at("/results/0/indicator").isString()).as("Meta's results shape").isTrue();
                }
            }
            assertThat(seen).as(account).contains("spend", "impressions", "clicks", "ctr", "cpc", "cpm",
                    "results", "cost_per_result", "date_start", "date_stop")
                    .doesNotContain("reach", "frequency", "actions", "cost_per_action_type", "account_name",
                            "campaign_name", "adset_name");
            // Totals of the whole query (every ad, not only this page): Meta's summary row.
            JsonNode summary = answer.get("summary");
            assertThat(summary.isObject()).as(account + " totals").isTrue();
            assertThat(List.copyOf(summary.propertyNames())).as(account).containsAll(MARKETER_METRICS);
            BigDecimal pageSpend = BigDecimal.ZERO;
            for (JsonNode row : rows) {
                pageSpend = pageSpend.add(new BigDecimal(row.get("spend").asString()));
            }
            assertThat(new BigDecimal(summary.get("spend").asString())).isGreaterThanOrEqualTo(pageSpend);

            JsonNode compact = ok(callTool(token, "get_insights", Map.of("account_id", account, "compact", true)));
            assertThat(compact.get("data").size()).isEqualTo(25);
            assertThat(bytes(compact)).as(account + " compact answer bytes").isLessThanOrEqualTo(12 * 1024);
            assertThat(List.copyOf(compact.get("summary").propertyNames())).containsAll(MARKETER_METRICS);
        }
        // The account with purchases has them per row too: purchase value and ROAS.
        JsonNode purchases = ok(callTool(token, "get_insights", Map.of("account_id", TestEnv.EUR_ACCOUNT)));
        assertThat(firstWith(purchases.get("data"), "purchase_roas").has("action_values")).isTrue();
        // Named fields are what the caller gets, the ones outside the defaults included, and no totals unasked.
        JsonNode named = ok(callTool(token, "get_insights", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "fields", "ad_id,reach,frequency,actions", "limit", 5)));
        named.get("data").forEach(row -> assertThat(List.copyOf(row.propertyNames()))
                .contains("ad_id", "reach", "frequency").doesNotContain("spend"));
        assertThat(named.has("summary")).isFalse();
    }

    private static int bytes(JsonNode answer) {
        return Json.write(answer).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void compactRowsHaveNumbersFoldedActionsAndNoEmptyFields() {
        Map<String, Object> query = Map.of("campaign_id", deliveringCampaign, "level", "campaign",
                "time_range", "last_30d", "fields", "campaign_id,spend,impressions,clicks,ctr,actions");
        JsonNode raw = ok(callTool(token, "get_insights", query)).at("/data/0");
        Map<String, Object> compactQuery = new HashMap<>(query);
        compactQuery.put("compact", true);
        JsonNode compact = ok(callTool(token, "get_insights", compactQuery));
        JsonNode row = compact.at("/data/0");

        assertThat(compact.has("paging")).as("no paging URLs in the compact shape").isFalse();
        assertThat(compact.get("row_count").asInt()).isEqualTo(1);
        assertThat(row.get("spend").isNumber()).isTrue();
        assertThat(row.get("spend").decimalValue()).isEqualByComparingTo(raw.get("spend").asString());
        assertThat(row.get("impressions").isIntegralNumber()).isTrue();
        assertThat(row.get("impressions").asLong()).isEqualTo(Long.parseLong(raw.get("impressions").asString()));
        assertThat(row.get("campaign_id").isString()).as("ids stay text").isTrue();
        assertThat(row.get("campaign_id").asString()).isEqualTo(deliveringCampaign);
        assertThat(row.get("date_start").asString()).isEqualTo(raw.get("date_start").asString());

        JsonNode actions = row.get("actions");
        assertThat(actions.isObject()).as("actions folded into a map").isTrue();
        Map<String, String> rawActions = new LinkedHashMap<>();
        raw.get("actions").forEach(a -> rawActions.put(a.get("action_type").asString(), a.get("value").asString()));
        actions.properties().forEach(entry -> assertThat(entry.getValue().decimalValue())
                .isEqualByComparingTo(rawActions.get(entry.getKey())));
        // Variants that repeat a canonical action type's value are left out.
        for (String type : rawActions.keySet()) {
            for (String prefix : List.of("omni_", "offsite_conversion.fb_pixel_")) {
                if (type.startsWith(prefix) && rawActions.containsKey(type.substring(prefix.length()))) {
                    assertThat(actions.has(type)).as(type).isFalse();
                }
            }
        }
        assertThat(actions.size()).isPositive();
        row.properties().forEach(entry -> assertThat(entry.getValue().isNull()
                || entry.getValue().isString() && entry.getValue().asString().isEmpty()).as(entry.getKey()).isFalse());
    }

    @Test
    void breakdownRowsArePresentAndAddUpToTheTotal() {
        Map<String, Object> total = Map.of("campaign_id", deliveringCampaign, "level", "campaign",
                "time_range", "last_30d", "fields", "impressions,clicks,spend");
        JsonNode whole = ok(callTool(token, "get_insights", total)).at("/data/0");

        Map<String, Object> byAge = new HashMap<>(total);
        byAge.put("breakdown", "age");
        byAge.put("limit", 100);
        JsonNode rows = ok(callTool(token, "get_insights", byAge)).get("data");
        assertThat(rows.size()).isGreaterThan(1);
        long impressions = 0;
        long clicks = 0;
        BigDecimal spend = BigDecimal.ZERO;
        List<String> ages = new ArrayList<>();
        for (JsonNode row : rows) {
            ages.add(row.get("age").asString());
            impressions += Long.parseLong(row.get("impressions").asString());
            clicks += Long.parseLong(row.get("clicks").asString());
            spend = spend.add(new BigDecimal(row.get("spend").asString()));
        }
        assertThat(ages).doesNotHaveDuplicates().allMatch(age -> age.matches("\\d+-\\d+|\\d+\\+|Unknown"));
        assertThat(impressions).isEqualTo(Long.parseLong(whole.get("impressions").asString()));
        assertThat(clicks).isEqualTo(Long.parseLong(whole.get("clicks").asString()));
        assertThat(spend.doubleValue()).isCloseTo(Double.parseDouble(whole.get("spend").asString()),
                within(0.01 * rows.size()));
    }

    @Test
    void platformPositionComesPairedWithPublisherPlatform() {
        JsonNode rows = ok(callTool(token, "get_insights", Map.of("campaign_id", deliveringCampaign,
                "level", "campaign", "time_range", "last_30d", "breakdown", "platform_position", "limit", 50)))
                .get("data");
        assertThat(rows.size()).isPositive();
        rows.forEach(row -> {
            assertThat(row.get("publisher_platform").asString()).isNotBlank();
            assertThat(row.get("platform_position").asString()).isNotBlank();
        });
    }

    @Test
    void frequencyValueAndActionBreakdownsReachMetaAsSent() {
        // The tool passes breakdowns and action_breakdowns through as JSON arrays; the sandbox answers them as Meta
        // does: frequency_value rows that divide the reach, actions split by device (compact: "link_click/iphone").
        Map<String, Object> total = Map.of("campaign_id", deliveringCampaign, "level", "campaign",
                "time_range", "last_30d", "fields", "impressions,reach,actions");
        JsonNode whole = ok(callTool(token, "get_insights", total)).at("/data/0");

        Map<String, Object> byFrequency = new HashMap<>(total);
        byFrequency.put("fields", "impressions,reach");
        byFrequency.put("breakdown", "frequency_value");
        JsonNode buckets = ok(callTool(token, "get_insights", byFrequency)).get("data");
        assertThat(buckets.size()).isGreaterThan(1);
        long reach = 0;
        for (JsonNode bucket : buckets) {
            assertThat(bucket.get("frequency_value").asString()).matches("[1-5]|6-10|11\\+");
            reach += Long.parseLong(bucket.get("reach").asString());
        }
        assertThat(reach).isEqualTo(Long.parseLong(whole.get("reach").asString()));

        Map<String, Object> byDevice = new HashMap<>(total);
        byDevice.put("action_breakdowns", List.of("action_type", "action_device"));
        byDevice.put("compact", true);
        JsonNode actions = ok(callTool(token, "get_insights", byDevice)).at("/data/0/actions");
        long clicks = 0;
        for (String device : List.of("iphone", "android_smartphone", "ipad", "android_tablet", "desktop", "other")) {
            clicks += actions.path("link_click/" + device).asLong(0);
        }
        long expected = 0;
        for (JsonNode action : whole.get("actions")) {
            if (action.get("action_type").asString().equals("link_click")) {
                expected = Long.parseLong(action.get("value").asString());
            }
        }
        assertThat(expected).isPositive();
        assertThat(clicks).as(actions.toString()).isEqualTo(expected);
    }

    @Test
    void aTimeRangeWithDailyIncrementGivesOneRowPerDay() {
        LocalDate until = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        LocalDate since = until.minusDays(6);
        JsonNode rows = ok(callTool(token, "get_insights", Map.of("campaign_id", deliveringCampaign,
                "level", "campaign", "time_range", Map.of("since", since.toString(), "until", until.toString()),
                "time_increment", 1, "fields", "spend"))).get("data");
        assertThat(rows.size()).isBetween(1, 7);
        for (JsonNode row : rows) {
            assertThat(row.get("date_start").asString()).isEqualTo(row.get("date_stop").asString());
            LocalDate day = LocalDate.parse(row.get("date_start").asString());
            assertThat(day).isBetween(since, until);
        }
    }

    private static long graphCalls() {
        return TestEnv.control("GET", "/_sandbox/rate-limits", null).json().at("/app/calls_this_hour").asLong();
    }

    @Test
    void timeRangesAnswerEachPeriodInOneCallWithTheSameNumbersAsOneRangeEach() {
        LocalDate until = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Map<String, String> current = Map.of("since", until.minusDays(6).toString(), "until", until.toString());
        Map<String, String> before = Map.of("since", until.minusDays(13).toString(),
                "until", until.minusDays(7).toString());
        long calls = graphCalls();
        JsonNode rows = ok(callTool(token, "get_insights", Map.of("campaign_id", deliveringCampaign,
                "level", "campaign", "time_ranges", List.of(before, current), "fields", "spend,impressions",
                "compact", true))).get("data");
        assertThat(graphCalls() - calls).as("one Graph call for both periods").isEqualTo(1);
        assertThat(rows.size()).isEqualTo(2);
        for (Map<String, String> range : List.of(before, current)) {
            JsonNode alone = ok(callTool(token, "get_insights", Map.of("campaign_id", deliveringCampaign,
                    "level", "campaign", "time_range", range, "fields", "spend,impressions", "compact", true)))
                    .get("data").get(0);
            JsonNode together = null;
            for (JsonNode row : rows) {
                if (row.get("date_start").asString().equals(range.get("since"))
                        && row.get("date_stop").asString().equals(range.get("until"))) {
                    together = row;
                }
            }
            assertThat(together).as("a row for " + range + " in " + rows).isNotNull();
            assertThat(together.get("spend").decimalValue()).isEqualByComparingTo(alone.get("spend").decimalValue());
            assertThat(together.get("impressions").asLong()).isEqualTo(alone.get("impressions").asLong());
        }
        TestEnv.assertRefusedBeforeMeta(token, "get_insights", Map.of("campaign_id", deliveringCampaign,
                "time_ranges", List.of(current), "time_range", "last_7d"), "not both", "time_ranges with time_range");
        TestEnv.assertRefusedBeforeMeta(token, "get_insights", Map.of("campaign_id", deliveringCampaign,
                "time_ranges", List.of(current), "time_increment", 1), "time_increment", "time_ranges sliced");
        TestEnv.assertRefusedBeforeMeta(token, "get_insights", Map.of("campaign_id", deliveringCampaign,
                "time_ranges", List.of()), "1 to 10", "no ranges");
        TestEnv.assertRefusedBeforeMeta(token, "get_insights", Map.of("campaign_id", deliveringCampaign,
                "time_ranges", List.of(Map.of("since", "2026-10-10", "until", "2026-10-01"))), "after until",
                "a range backwards");
    }

    @Test
    void adLevelIsTheDefaultAndNamesTheAdsOfTheObject() {
        JsonNode rows = ok(callTool(token, "get_insights", Map.of("object_id", deliveringCampaign,
                "time_range", "last_30d", "limit", 10))).get("data");
        assertThat(rows.size()).isPositive();
        rows.forEach(row -> {
            assertThat(row.get("ad_id").asString()).matches("[0-9]+");
            assertThat(row.get("ad_name").asString()).isNotBlank();
        });
        JsonNode named = ok(callTool(token, "get_insights", Map.of("object_id", deliveringCampaign,
                "time_range", "last_30d", "limit", 10, "fields", "ad_id,campaign_id"))).get("data");
        assertThat(TestEnv.values(named, "ad_id")).isEqualTo(TestEnv.values(rows, "ad_id"));
        named.forEach(row -> assertThat(row.get("campaign_id").asString()).isEqualTo(deliveringCampaign));
    }

    // ------------------------------------------------------------------ validation before Meta

    @Test
    void invalidQueriesAreRefusedBeforeMetaIsCalled() {
        String old = LocalDate.now(ZoneOffset.UTC).minusMonths(40).toString();
        Map<String, List<Object>> cases = new LinkedHashMap<>();
        cases.put("no object", List.of(Map.of("time_range", "last_7d"), "exactly one of object_id"));
        cases.put("two objects", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT, "campaign_id",
                deliveringCampaign), "got account_id and campaign_id"));
        cases.put("unknown preset", List.of(query("time_range", "last_week"), "last_7d"));
        cases.put("since after until", List.of(query("time_range", Map.of("since", "2026-10-10",
                "until", "2026-10-01")), "after until"));
        cases.put("not a date", List.of(query("time_range", Map.of("since", "10/01/2026", "until", "2026-10-31")),
                "YYYY-MM-DD"));
        cases.put("half a range", List.of(query("time_range", Map.of("since", "2026-10-01")), "until is missing"));
        cases.put("beyond 37 months", List.of(query("time_range", Map.of("since", old, "until",
                LocalDate.now(ZoneOffset.UTC).toString())), "37 months"));
        cases.put("removed view window", List.of(query("action_attribution_windows", List.of("1d_click", "7d_view")),
                "2026-01-12"));
        cases.put("unknown window", List.of(query("action_attribution_windows", List.of("3d_click")), "1d_click"));
        cases.put("unknown breakdown", List.of(query("breakdown", "age,shoe_size"), "shoe_size"));
        cases.put("unknown action breakdown", List.of(query("action_breakdowns", List.of("action_colour")),
                "action_colour"));
        cases.put("level", List.of(query("level", "creative"), "account, campaign, adset, ad"));
        cases.put("increment", List.of(query("time_increment", 0), "1 to 90"));
        cases.put("weekly", List.of(query("time_increment", "weekly"), "monthly"));
        cases.put("fields", List.of(query("fields", "spend; DROP"), "field names"));
        cases.put("object id", List.of(Map.of("object_id", "my campaign"), "object_id"));
        cases.put("limit", List.of(query("limit", 0), "limit"));
        cases.forEach((label, testCase) -> {
            for (String tool : List.of("get_insights", "create_insights_report")) {
                if (!(tool.equals("create_insights_report") && label.equals("limit"))) {
                    TestEnv.assertRefusedBeforeMeta(token, tool, (Map<?, ?>) testCase.get(0),
                            (String) testCase.get(1), tool + ": " + label);
                }
            }
        });
    }

    // ------------------------------------------------------------------ too much data → async

    @Test
    void tooMuchDataPointsToCreateInsightsReportWithTheSameArguments() {
        TestEnv.fault("too_much_data", TestEnv.BIG_ACCOUNT + "/insights", "GET", 1);
        JsonNode result = callTool(token, "get_insights", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "time_range", "maximum", "breakdown", "age,gender", "time_increment", 1));
        JsonNode error = error(result);
        assertThat(error.get("code").asInt()).isEqualTo(1);
        assertThat(error.get("message").asString()).contains("reduce the amount of data")
                .contains("create_insights_report").contains("get_insights_report");
        assertThat(error.get("category").asString()).as("repeating the same call will not help")
                .isEqualTo("invalid_request");
        assertThat(error.get("is_transient").asBoolean()).isFalse();
        JsonNode content = result.get("structuredContent");
        assertThat(content.get("suggested_tool").asString()).isEqualTo("create_insights_report");
        JsonNode suggested = content.get("suggested_arguments");
        assertThat(suggested.get("account_id").asString()).isEqualTo(TestEnv.BIG_ACCOUNT);
        assertThat(suggested.get("breakdown").asString()).isEqualTo("age,gender");
        assertThat(suggested.get("time_increment").asString()).isEqualTo("1");
        assertThat(suggested.has("access_token")).isFalse();
    }

    @Test
    void metasUseAsyncTimeoutsAlsoPointToCreateInsightsReport() {
        TestEnv.fault("timeout_use_async", TestEnv.BIG_ACCOUNT + "/insights", "GET", 1);
        JsonNode timeout = error(callTool(token, "get_insights", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(timeout.get("code").asInt()).isEqualTo(100);
        assertThat(timeout.get("error_subcode").asInt()).isEqualTo(1504018);
        assertThat(timeout.get("message").asString()).contains("create_insights_report");

        TestEnv.control("POST", "/_sandbox/faults", Map.of("kind", "timeout_use_async", "path",
                TestEnv.BIG_ACCOUNT + "/insights", "method", "GET", "count", 1, "code", 2));
        JsonNode service = error(callTool(token, "get_insights", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(service.get("code").asInt()).isEqualTo(2);
        assertThat(service.get("error_subcode").asInt()).isEqualTo(1504038);
        assertThat(service.get("message").asString()).contains("create_insights_report");
        assertThat(service.get("category").asString()).isEqualTo("transient");
    }

    @Test
    void otherMetaErrorsPassThroughUnchanged() {
        TestEnv.fault("server_error", TestEnv.BIG_ACCOUNT + "/insights", "GET", 1);
        JsonNode error = error(callTool(token, "get_insights", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(error.get("code").asInt()).isEqualTo(1);
        assertThat(error.get("message").asString()).doesNotContain("create_insights_report");
        assertThat(error.get("category").asString()).isEqualTo("transient");
    }

    // ------------------------------------------------------------------ async report lifecycle

    @Test
    void anAsyncReportGoesFromSubmittedToCompletedRowsThatMatchTheSyncAnswer() throws InterruptedException {
        Map<String, Object> query = Map.of("campaign_id", deliveringCampaign, "level", "campaign",
                "time_range", "last_30d", "breakdown", "gender", "fields", "impressions,spend");
        JsonNode started = ok(callTool(token, "create_insights_report", query));
        String runId = started.get("report_run_id").asString();
        assertThat(runId).matches("[0-9]+");
        assertThat(started.get("status").asString()).isEqualTo("submitted");
        assertThat(started.get("next_step").asString()).contains("get_insights_report");

        JsonNode answer = ok(callTool(token, "get_insights_report", Map.of("report_run_id", runId, "limit", 1)));
        List<String> statuses = new ArrayList<>();
        for (int poll = 0; poll < 30 && !answer.has("data"); poll++) {
            statuses.add(answer.get("async_status").asString());
            assertThat(answer.get("async_percent_completion").asInt()).isBetween(0, 100);
            assertThat(answer.get("next_step").asString()).contains("again");
            Thread.sleep(200);
            answer = ok(callTool(token, "get_insights_report", Map.of("report_run_id", runId, "limit", 1)));
        }
        // The sandbox's first poll normally says "Job Not Started"; on a very slow machine the job may already be
        // done by then, so progress answers are checked when they come.
        assertThat(statuses).allMatch(status -> status.startsWith("Job ") && !status.equals("Job Completed"));
        assertThat(answer.get("async_status").asString()).isEqualTo("Job Completed");
        assertThat(answer.get("report_run_id").asString()).isEqualTo(runId);
        assertThat(answer.get("data").size()).isEqualTo(1);
        assertThat(answer.at("/data/0/gender").asString()).isNotBlank();
        assertThat(answer.at("/data/0/spend").isString()).isTrue();

        // Paging through the report gives exactly the rows the synchronous call gives.
        List<JsonNode> reportRows = new ArrayList<>();
        answer.get("data").forEach(reportRows::add);
        while (answer.has("next_cursor")) {
            answer = ok(callTool(token, "get_insights_report", Map.of("report_run_id", runId, "limit", 1,
                    "after", answer.get("next_cursor").asString())));
            answer.get("data").forEach(reportRows::add);
        }
        JsonNode sync = ok(callTool(token, "get_insights", withLimit(query, 50))).get("data");
        assertThat(reportRows).hasSize(sync.size());
        for (int i = 0; i < sync.size(); i++) {
            assertThat(reportRows.get(i).get("gender")).isEqualTo(sync.get(i).get("gender"));
            assertThat(reportRows.get(i).get("spend")).isEqualTo(sync.get(i).get("spend"));
            assertThat(reportRows.get(i).get("impressions")).isEqualTo(sync.get(i).get("impressions"));
        }

        JsonNode compact = ok(callTool(token, "get_insights_report", Map.of("report_run_id", runId,
                "compact", true, "limit", 50)));
        assertThat(compact.get("row_count").asInt()).isEqualTo(sync.size());
        assertThat(compact.at("/data/0/spend").isNumber()).isTrue();
    }

    @Test
    void aReadOnlyServerOffersAsyncReports() {
        MetaAdsMcpServer readOnly = TestEnv.startServer(TestEnv.config().readOnly(true).build());
        try {
            // Async reports are the opt-in toolset "reports" (the default list stays small).
            Map<String, String> headers = new java.util.LinkedHashMap<>(TestEnv.bearer(token));
            headers.put("X-MCP-Toolsets", "insights,reports");
            JsonNode list = TestEnv.post(readOnly.endpoint(), headers, TestEnv.rpc("tools/list", Map.of())).json();
            assertThat(TestEnv.names(list.at("/result/tools"))).contains("get_insights", "create_insights_report",
                    "get_insights_report");
            JsonNode started = ok(callTool(readOnly, TestEnv.bearer(token), "create_insights_report", Map.of(
                    "account_id", TestEnv.EUR_ACCOUNT, "level", "account", "time_range", "last_7d")));
            assertThat(started.get("report_run_id").asString()).matches("[0-9]+");
        } finally {
            readOnly.close();
        }
    }

    @Test
    void getInsightsReportChecksTheIdAndPassesMetasNotFound() {
        JsonNode notNumeric = error(callTool(token, "get_insights_report", Map.of("report_run_id", "run-1")));
        assertThat(notNumeric.get("code").isNull()).isTrue();
        assertThat(notNumeric.get("message").asString()).contains("report_run_id");
        JsonNode unknown = error(callTool(token, "get_insights_report", Map.of("report_run_id", "999999999")));
        assertThat(unknown.get("code").asInt()).isEqualTo(100);
        assertThat(unknown.get("category").asString()).isEqualTo("invalid_request");
    }

    // ------------------------------------------------------------------ Meta's failures

    @Test
    void anExpiredTokenIsAnAuthError() {
        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.expire(expiring);
        for (String tool : List.of("get_insights", "create_insights_report")) {
            JsonNode error = error(callTool(expiring, tool, Map.of("account_id", TestEnv.EUR_ACCOUNT)));
            assertThat(error.get("category").asString()).as(tool).isEqualTo("auth");
            assertThat(error.get("code").asInt()).isEqualTo(190);
        }
    }

    @Test
    void aRateLimitOnInsightsSaysWhenToRetry() {
        TestEnv.control("POST", "/_sandbox/faults", Map.of("kind", "rate_limit", "path",
                TestEnv.EUR_ACCOUNT + "/insights", "method", "GET", "count", 1, "code", 80000));
        JsonNode error = error(callTool(token, "get_insights", Map.of("account_id", TestEnv.EUR_ACCOUNT)));
        assertThat(error.get("category").asString()).isEqualTo("rate_limit");
        assertThat(error.get("code").asInt()).isEqualTo(80000);
        assertThat(error.get("retry_after_seconds").asLong()).isPositive();
    }

    @Test
    void anAccountTheUserCannotReachIsMetasError() {
        String stranger = TestEnv.token(TestEnv.NO_ACCOUNTS_USER, null, null);
        JsonNode error = error(callTool(stranger, "get_insights", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("error_subcode").asInt()).isEqualTo(33);
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> query(Object... pairs) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("account_id", TestEnv.BIG_ACCOUNT);
        for (int i = 0; i < pairs.length; i += 2) {
            arguments.put((String) pairs[i], pairs[i + 1]);
        }
        return arguments;
    }

    private static Map<String, Object> withLimit(Map<String, Object> query, int limit) {
        Map<String, Object> copy = new LinkedHashMap<>(query);
        copy.put("limit", limit);
        return copy;
    }

    private static List<String> campaignIds(JsonNode rows) {
        List<String> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get("campaign_id").asString()));
        return ids;
    }

    private static JsonNode firstWith(JsonNode rows, String field) {
        for (JsonNode row : rows) {
            if (row.has(field) && row.get(field).size() > 0) {
                return row;
            }
        }
        throw new AssertionError("no row with " + field + " in " + rows);
    }
}
