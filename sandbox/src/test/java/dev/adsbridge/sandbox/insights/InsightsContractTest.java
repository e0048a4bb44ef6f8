package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.adsbridge.sandbox.insights.InsightsRows.action;
import static dev.adsbridge.sandbox.insights.InsightsRows.allPages;
import static dev.adsbridge.sandbox.insights.InsightsRows.count;
import static dev.adsbridge.sandbox.insights.InsightsRows.minor;
import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static dev.adsbridge.sandbox.insights.InsightsRows.sum;
import static dev.adsbridge.sandbox.insights.InsightsRows.sumAction;
import static dev.adsbridge.sandbox.insights.InsightsRows.sumMinor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /{object}/insights} as a Graph caller sees it: rows, string numbers, consistent ratios, exact rollups,
 * date presets in the account's time zone, Meta's errors. The clock is fixed at 2026-11-18T20:30Z, i.e. 12:30 on
 * Wednesday 2026-11-18 in act_1000000001's America/Los_Angeles and 05:30 on 2026-11-19 in act_1000000003's Tokyo.
 */
class InsightsContractTest {

    static final Instant NOW = Instant.parse("2026-11-18T20:30:00Z");
    static final String ACCOUNT = "act_1000000001";
    static final String FULL_FIELDS = "impressions,reach,frequency,clicks,unique_clicks,inline_link_clicks,spend,ctr,"
            + "cpc,cpm,cpp,actions,action_values,cost_per_action_type,purchase_roas,account_currency,account_id";

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start(config());
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static SandboxConfig config() {
        return SandboxConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void without_parameters_an_account_answers_impressions_and_spend_for_the_last_30_days() {
        List<JsonNode> rows = rows(sandbox, token, ACCOUNT + "/insights", Map.of());
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(fieldNames(row)).containsExactly("impressions", "spend", "date_start", "date_stop");
        assertThat(row.get("date_start").asString()).isEqualTo("2026-10-19");
        assertThat(row.get("date_stop").asString()).isEqualTo("2026-11-17");
        assertThat(count(row, "impressions")).isGreaterThan(100_000);
        assertThat(row.get("spend").asString()).matches("\\d+\\.\\d{2}");
    }

    @Test
    void every_row_is_internally_consistent_and_sends_numbers_as_strings() {
        for (String level : List.of("account", "campaign", "ad")) {
            List<JsonNode> rows = rows(sandbox, token, ACCOUNT + "/insights",
                    Map.of("fields", FULL_FIELDS, "level", level, "date_preset", "last_7d", "limit", "300"));
            assertThat(rows).isNotEmpty();
            for (JsonNode row : rows) {
                InsightsRows.assertConsistent(row);
                assertThat(row.get("account_currency").asString()).isEqualTo("USD");
                assertThat(row.get("account_id").asString()).isEqualTo("1000000001");
            }
        }
    }

    @Test
    void the_example_row_shape_carries_actions_values_costs_and_roas() {
        JsonNode row = rows(sandbox, token, ACCOUNT + "/insights",
                Map.of("fields", FULL_FIELDS, "date_preset", "last_30d")).get(0);
        long linkClicks = count(row, "inline_link_clicks");
        assertThat(action(row, "actions", "link_click")).isEqualTo(linkClicks);
        long purchases = action(row, "actions", "purchase");
        assertThat(purchases).isPositive();
        assertThat(action(row, "actions", "omni_purchase")).isEqualTo(purchases);
        assertThat(action(row, "actions", "landing_page_view")).isBetween(1L, linkClicks);
        long spendCents = minor(row, "spend", 2);
        JsonNode costPerPurchase = entry(row.get("cost_per_action_type"), "purchase");
        assertThat(Double.parseDouble(costPerPurchase.get("value").asString()))
                .isCloseTo(spendCents / 100.0 / purchases, org.assertj.core.api.Assertions.within(0.000001));
        JsonNode value = entry(row.get("action_values"), "purchase");
        double roas = Double.parseDouble(entry(row.get("purchase_roas"), "omni_purchase").get("value").asString());
        assertThat(roas).isCloseTo(Double.parseDouble(value.get("value").asString()) * 100 / spendCents,
                org.assertj.core.api.Assertions.within(0.000001));
    }

    @Test
    void campaign_rows_add_up_exactly_to_the_account_row_and_ad_rows_to_their_campaign() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("fields",
                "impressions,clicks,inline_link_clicks,spend,actions,campaign_id", "date_preset", "last_30d"));
        JsonNode account = rows(sandbox, token, ACCOUNT + "/insights", params).get(0);
        params.put("level", "campaign");
        params.put("limit", "500");
        List<JsonNode> campaigns = rows(sandbox, token, ACCOUNT + "/insights", params);
        assertThat(campaigns.size()).isGreaterThan(10);
        for (String field : List.of("impressions", "clicks", "inline_link_clicks")) {
            assertThat(sum(campaigns, field)).as(field).isEqualTo(count(account, field));
        }
        assertThat(sumMinor(campaigns, "spend", 2)).isEqualTo(minor(account, "spend", 2));
        assertThat(sumAction(campaigns, "actions", "purchase")).isEqualTo(action(account, "actions", "purchase"));
        assertThat(sumAction(campaigns, "actions", "lead")).isEqualTo(action(account, "actions", "lead"));

        JsonNode campaign = campaigns.get(0);
        String campaignId = campaign.get("campaign_id").asString();
        List<JsonNode> ads = rows(sandbox, token, campaignId + "/insights", Map.of("fields",
                "impressions,clicks,spend,campaign_id,ad_id", "date_preset", "last_30d", "level", "ad",
                "limit", "500"));
        assertThat(ads).isNotEmpty().allSatisfy(ad -> assertThat(ad.get("campaign_id").asString())
                .isEqualTo(campaignId));
        assertThat(sum(ads, "impressions")).isEqualTo(count(campaign, "impressions"));
        assertThat(sum(ads, "clicks")).isEqualTo(count(campaign, "clicks"));
        assertThat(sumMinor(ads, "spend", 2)).isEqualTo(minor(campaign, "spend", 2));
    }

    @Test
    void daily_rows_add_up_to_the_whole_range_and_reach_is_deduplicated_across_days() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("fields",
                "impressions,reach,clicks,spend,actions", "date_preset", "last_14d"));
        JsonNode total = rows(sandbox, token, ACCOUNT + "/insights", params).get(0);
        params.put("time_increment", "1");
        List<JsonNode> days = rows(sandbox, token, ACCOUNT + "/insights", params);
        assertThat(days).hasSize(14);
        assertThat(days.get(0).get("date_start").asString()).isEqualTo("2026-11-04");
        assertThat(days.get(13).get("date_stop").asString()).isEqualTo("2026-11-17");
        days.forEach(day -> assertThat(day.get("date_start")).isEqualTo(day.get("date_stop")));
        assertThat(sum(days, "impressions")).isEqualTo(count(total, "impressions"));
        assertThat(sum(days, "clicks")).isEqualTo(count(total, "clicks"));
        assertThat(sumMinor(days, "spend", 2)).isEqualTo(minor(total, "spend", 2));
        assertThat(sumAction(days, "actions", "link_click")).isEqualTo(action(total, "actions", "link_click"));
        long maxDaily = days.stream().mapToLong(d -> count(d, "reach")).max().orElseThrow();
        assertThat(count(total, "reach")).isGreaterThanOrEqualTo(maxDaily).isLessThan(sum(days, "reach"));

        params.put("time_increment", "7");
        List<JsonNode> weeks = rows(sandbox, token, ACCOUNT + "/insights", params);
        assertThat(weeks).extracting(w -> w.get("date_start").asString()).containsExactly("2026-11-04", "2026-11-11");
        assertThat(sum(weeks, "impressions")).isEqualTo(count(total, "impressions"));

        params.put("date_preset", "last_90d");
        params.put("time_increment", "monthly");
        List<JsonNode> months = rows(sandbox, token, ACCOUNT + "/insights", params);
        assertThat(months).extracting(m -> m.get("date_start").asString() + ".." + m.get("date_stop").asString())
                .containsExactly("2026-08-20..2026-08-31", "2026-09-01..2026-09-30", "2026-10-01..2026-10-31",
                        "2026-11-01..2026-11-17");
    }

    @Test
    void date_presets_are_computed_from_the_clock_in_the_account_time_zone() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("today", "2026-11-18..2026-11-18");
        expected.put("yesterday", "2026-11-17..2026-11-17");
        expected.put("this_month", "2026-11-01..2026-11-18");
        expected.put("last_month", "2026-10-01..2026-10-31");
        expected.put("this_quarter", "2026-10-01..2026-11-18");
        expected.put("last_quarter", "2026-07-01..2026-09-30");
        expected.put("this_year", "2026-01-01..2026-11-18");
        expected.put("last_year", "2025-01-01..2025-12-31");
        expected.put("last_3d", "2026-11-15..2026-11-17");
        expected.put("last_7d", "2026-11-11..2026-11-17");
        expected.put("last_14d", "2026-11-04..2026-11-17");
        expected.put("last_28d", "2026-10-21..2026-11-17");
        expected.put("last_30d", "2026-10-19..2026-11-17");
        expected.put("last_90d", "2026-08-20..2026-11-17");
        expected.put("last_week_mon_sun", "2026-11-09..2026-11-15");
        expected.put("last_week_sun_sat", "2026-11-08..2026-11-14");
        expected.put("this_week_mon_today", "2026-11-16..2026-11-18");
        expected.put("this_week_sun_today", "2026-11-15..2026-11-18");
        expected.put("maximum", "2023-10-18..2026-11-18");
        expected.forEach((preset, range) -> {
            JsonNode row = rows(sandbox, token, ACCOUNT + "/insights", Map.of("date_preset", preset)).get(0);
            assertThat(row.get("date_start").asString() + ".." + row.get("date_stop").asString()).as(preset)
                    .isEqualTo(range);
        });

        // In Tokyo it is already the 19th.
        JsonNode tokyo = rows(sandbox, token, "act_1000000003/insights", Map.of("date_preset", "yesterday")).get(0);
        assertThat(tokyo.get("date_start").asString()).isEqualTo("2026-11-18");

        // data_maximum starts where delivery started, and covers the same data as maximum.
        JsonNode data = rows(sandbox, token, ACCOUNT + "/insights", Map.of("date_preset", "data_maximum")).get(0);
        JsonNode maximum = rows(sandbox, token, ACCOUNT + "/insights", Map.of("date_preset", "maximum")).get(0);
        assertThat(data.get("date_start").asString()).isGreaterThan("2025-01-01");
        assertThat(data.get("date_stop").asString()).isEqualTo("2026-11-18");
        assertThat(count(data, "impressions")).isEqualTo(count(maximum, "impressions"));
    }

    @Test
    void today_holds_the_part_of_the_day_already_delivered() {
        JsonNode today = rows(sandbox, token, ACCOUNT + "/insights", Map.of("date_preset", "today")).get(0);
        JsonNode yesterday = rows(sandbox, token, ACCOUNT + "/insights", Map.of("date_preset", "yesterday")).get(0);
        // 12:30 in Los Angeles: roughly half a day of delivery.
        double share = (double) count(today, "impressions") / count(yesterday, "impressions");
        assertThat(share).isBetween(0.3, 0.8);
    }

    @Test
    void time_range_overrides_the_preset_and_time_ranges_answer_one_row_each() {
        JsonNode row = rows(sandbox, token, ACCOUNT + "/insights", Map.of("date_preset", "last_7d",
                "time_range", "{\"since\":\"2026-10-01\",\"until\":\"2026-10-07\"}")).get(0);
        assertThat(row.get("date_start").asString()).isEqualTo("2026-10-01");
        assertThat(row.get("date_stop").asString()).isEqualTo("2026-10-07");

        List<JsonNode> ranges = rows(sandbox, token, ACCOUNT + "/insights", Map.of("time_ranges",
                "[{\"since\":\"2026-10-01\",\"until\":\"2026-10-07\"},{\"since\":\"2026-09-01\",\"until\":\"2026-09-30\"}]"));
        assertThat(ranges).extracting(r -> r.get("date_start").asString()).containsExactly("2026-10-01", "2026-09-01");
        assertThat(ranges.get(0)).isEqualTo(row);
    }

    @Test
    void invalid_parameters_get_meta_errors() {
        assertError(Map.of("date_preset", "last_2_weeks"), 100, "date_preset must be one of the following values: "
                + "today, yesterday");
        assertError(Map.of("time_range", "{\"since\":\"2026-10-07\",\"until\":\"2026-10-01\"}"), 100,
                "must not be after until");
        assertError(Map.of("time_range", "{\"since\":\"2023-10-17\",\"until\":\"2023-11-01\"}"), 3018,
                "(#3018) The start date of the time range cannot be beyond 37 months from the current date");
        assertThat(sandbox.get(token, ACCOUNT + "/insights",
                Map.of("time_range", "{\"since\":\"2023-10-18\",\"until\":\"2023-11-01\"}")).status()).isEqualTo(200);
        assertError(Map.of("fields", "impressions,clickz"), 100,
                "(#100) Tried accessing nonexisting field (clickz) on node type (AdsInsights)");
        assertError(Map.of("action_attribution_windows", "[\"7d_click\",\"7d_view\"]"), 100,
                "the 7d_view attribution window was removed on 2026-01-12");
        assertError(Map.of("action_attribution_windows", "28d_view"), 100, "removed on 2026-01-12");
        assertError(Map.of("level", "creative"), 100,
                "level must be one of the following values: ad, adset, campaign, account");
        assertError(Map.of("time_increment", "91"), 100, "time_increment");
        assertError(Map.of("breakdowns", "age,horoscope"), 100, "breakdowns[1] must be one of the following values");
        assertError(Map.of("sort", "spend_sideways"), 100, "sort");
        assertError(Map.of("filtering", "[{\"field\":\"spend\",\"operator\":\"ROUGHLY\",\"value\":1}]"), 100,
                "filtering[0][operator] must be one of the following values");
    }

    @Test
    void valid_attribution_windows_add_their_values_to_conversion_actions() {
        JsonNode row = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions",
                "action_attribution_windows", "[\"1d_click\",\"7d_click\",\"1d_view\"]")).get(0);
        JsonNode purchase = entry(row.get("actions"), "purchase");
        long value = Long.parseLong(purchase.get("value").asString());
        long click7 = Long.parseLong(purchase.get("7d_click").asString());
        long click1 = Long.parseLong(purchase.get("1d_click").asString());
        long view1 = Long.parseLong(purchase.get("1d_view").asString());
        assertThat(click7 + view1).as("the default window is 7-day click + 1-day view").isEqualTo(value);
        assertThat(click1).isLessThanOrEqualTo(click7);
    }

    @Test
    void a_request_for_too_much_data_fails_like_meta_and_points_to_async_reports() {
        SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/insights", Map.of("level", "ad",
                "time_increment", "1", "date_preset", "maximum", "breakdowns", "age,gender"));
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.error().get("code").asInt()).isEqualTo(1);
        assertThat(answer.error().get("message").asString())
                .isEqualTo("Please reduce the amount of data you're asking for, then retry your request");
        assertThat(answer.error().get("error_user_msg").asString()).contains("asynchronously");
    }

    @Test
    void ad_level_rows_page_with_cursors_and_cover_every_delivering_ad_once() {
        Map<String, String> params = Map.of("fields", "impressions,spend,ad_id,ad_name", "level", "ad",
                "date_preset", "last_7d", "limit", "250");
        SandboxHttp.Answer first = sandbox.get(token, ACCOUNT + "/insights", params);
        assertThat(first.json().get("data")).hasSize(250);
        assertThat(first.json().at("/paging/cursors/after").asString()).isNotEmpty();
        assertThat(first.json().at("/paging/next").asString()).contains("after=");
        List<JsonNode> ads = allPages(sandbox, token, ACCOUNT + "/insights", params);
        Set<String> ids = new HashSet<>();
        ads.forEach(ad -> assertThat(ids.add(ad.get("ad_id").asString())).isTrue());
        assertThat(ads.size()).isGreaterThan(500);
        assertThat(ads).allSatisfy(ad -> assertThat(ad.get("ad_name").asString()).isNotBlank());
        JsonNode account = rows(sandbox, token, ACCOUNT + "/insights", Map.of("date_preset", "last_7d")).get(0);
        assertThat(sum(ads, "impressions")).isEqualTo(count(account, "impressions"));
    }

    @Test
    void sort_filtering_and_summary_work_on_rows() {
        List<JsonNode> sorted = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "spend,campaign_id",
                "level", "campaign", "sort", "[\"spend_descending\"]", "limit", "500"));
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(minor(sorted.get(i), "spend", 2)).isLessThanOrEqualTo(minor(sorted.get(i - 1), "spend", 2));
        }
        String top = sorted.get(0).get("campaign_id").asString();
        String second = sorted.get(1).get("campaign_id").asString();

        List<JsonNode> filtered = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "spend,campaign_id",
                "level", "campaign", "filtering",
                "[{\"field\":\"campaign.id\",\"operator\":\"IN\",\"value\":[\"" + top + "\",\"" + second + "\"]}]"));
        assertThat(filtered).extracting(r -> r.get("campaign_id").asString()).containsExactlyInAnyOrder(top, second);
        JsonNode own = rows(sandbox, token, top + "/insights", Map.of("fields", "spend")).get(0);
        assertThat(filtered.stream().filter(r -> r.get("campaign_id").asString().equals(top)).findFirst()
                .orElseThrow().get("spend")).isEqualTo(own.get("spend"));

        String threshold = sorted.get(4).get("spend").asString();
        List<JsonNode> big = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "spend",
                "level", "campaign", "filtering",
                "[{\"field\":\"spend\",\"operator\":\"GREATER_THAN\",\"value\":" + threshold + "}]"));
        assertThat(big).hasSize(4);

        SandboxHttp.Answer summarised = sandbox.get(token, ACCOUNT + "/insights", Map.of("fields",
                "impressions,spend,reach", "level", "campaign", "limit", "5", "default_summary", "true"));
        JsonNode summary = summarised.json().get("summary");
        JsonNode account = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "impressions,spend,reach"))
                .get(0);
        assertThat(summary.get("impressions")).isEqualTo(account.get("impressions"));
        assertThat(summary.get("spend")).isEqualTo(account.get("spend"));
        assertThat(summary.get("reach")).isEqualTo(account.get("reach"));
        assertThat(summary.get("date_start").asString()).isEqualTo("2026-10-19");
    }

    @Test
    void filtering_on_action_type_keeps_only_those_actions() {
        JsonNode row = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions", "filtering",
                "[{\"field\":\"action_type\",\"operator\":\"IN\",\"value\":[\"purchase\",\"lead\"]}]")).get(0);
        assertThat(row.get("actions")).extracting(a -> a.get("action_type").asString())
                .containsExactly("lead", "purchase");
    }

    @Test
    void insights_of_one_seed_are_the_same_on_every_sandbox_and_differ_with_another_seed() {
        Map<String, String> params = Map.of("fields", "campaign_id,impressions,reach,clicks,spend,actions",
                "level", "campaign", "date_preset", "last_90d", "limit", "500");
        JsonNode here = sandbox.get(token, ACCOUNT + "/insights", params).json().get("data");
        try (SandboxHttp twin = SandboxHttp.start(config())) {
            assertThat(twin.get(twin.token(), ACCOUNT + "/insights", params).json().get("data")).isEqualTo(here);
        }
        try (SandboxHttp other = SandboxHttp.start(config().withSeed(7))) {
            JsonNode there = other.get(other.token(), "act_1000000002/insights", Map.of()).json().get("data");
            JsonNode mine = sandbox.get(token, "act_1000000002/insights", Map.of()).json().get("data");
            assertThat(there).isNotEqualTo(mine);
        }
    }

    @Test
    void a_zero_decimal_currency_spends_whole_units() {
        List<JsonNode> rows = rows(sandbox, token, "act_1000000003/insights", Map.of("fields",
                "spend,cpc,cpm,account_currency,action_values", "level", "campaign", "date_preset", "last_90d"));
        assertThat(rows).isNotEmpty();
        for (JsonNode row : rows) {
            assertThat(row.get("account_currency").asString()).isEqualTo("JPY");
            assertThat(row.get("spend").asString()).matches("\\d+");
            row.path("action_values").forEach(v -> assertThat(v.get("value").asString()).matches("\\d+"));
        }
        // Yen amounts are in the thousands for what costs tens of dollars.
        assertThat(Long.parseLong(rows.get(0).get("spend").asString())).isGreaterThan(1000);
    }

    @Test
    void insights_expand_as_a_field_of_a_campaign_and_of_the_account_campaigns_edge() {
        String campaignId = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "campaign_id",
                "level", "campaign", "date_preset", "last_7d")).get(0).get("campaign_id").asString();
        SandboxHttp.Answer campaign = sandbox.get(token, campaignId,
                Map.of("fields", "name,insights.date_preset(last_7d){spend,impressions}"));
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(200);
        JsonNode direct = sandbox.get(token, campaignId + "/insights",
                Map.of("date_preset", "last_7d", "fields", "spend,impressions")).json();
        assertThat(campaign.json().get("name").asString()).isNotBlank();
        assertThat(campaign.json().get("insights").get("data")).isEqualTo(direct.get("data"));
        assertThat(campaign.json().get("insights").has("paging")).isTrue();

        SandboxHttp.Answer edge = sandbox.get(token, ACCOUNT + "/campaigns",
                Map.of("fields", "name,insights.date_preset(last_7d){spend}", "limit", "5"));
        assertThat(edge.status()).as(edge.body()).isEqualTo(200);
        assertThat(edge.json().get("data")).hasSize(5).allSatisfy(c -> {
            assertThat(c.get("insights").has("data")).isTrue();
            c.get("insights").get("data").forEach(r -> assertThat(r.get("spend").asString()).matches("\\d+\\.\\d{2}"));
        });
    }

    @Test
    void another_users_account_has_no_insights_for_you() {
        SandboxHttp.Answer answer = sandbox.get(token, "act_1000000006/insights", Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(answer.error().get("error_subcode").asInt()).isEqualTo(33);
    }

    private static void assertError(Map<String, String> params, int code, String message) {
        SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/insights", params);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).as(answer.body()).isEqualTo(code);
        assertThat(answer.error().get("message").asString()).contains(message);
    }

    static JsonNode entry(JsonNode list, String type) {
        for (JsonNode entry : list) {
            if (type.equals(entry.get("action_type").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in " + list);
    }

    static List<String> fieldNames(JsonNode row) {
        return row.propertyNames().stream().toList();
    }
}
