package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.adsbridge.sandbox.insights.InsightsRows.action;
import static dev.adsbridge.sandbox.insights.InsightsRows.count;
import static dev.adsbridge.sandbox.insights.InsightsRows.minor;
import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static dev.adsbridge.sandbox.insights.InsightsRows.sum;
import static dev.adsbridge.sandbox.insights.InsightsRows.sumAction;
import static dev.adsbridge.sandbox.insights.InsightsRows.sumMinor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Breakdowns: each breakdown value is its own row, and the rows of a breakdown add up exactly to the row without it —
 * impressions, clicks, spend, actions and reach alike — at every level and for every time slice.
 */
class InsightsBreakdownsContractTest extends OwnSandbox {

    private static final String ACCOUNT = InsightsContractTest.ACCOUNT;
    private static final String FIELDS = InsightsContractTest.FULL_FIELDS;

    @Test
    void every_breakdown_adds_up_exactly_to_the_unbroken_row() {
        JsonNode total = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", FIELDS)).get(0);
        for (String breakdowns : List.of("age", "gender", "age,gender", "country", "region", "dma",
                "publisher_platform", "publisher_platform,platform_position", "impression_device", "device_platform",
                "publisher_platform,platform_position,impression_device")) {
            List<JsonNode> rows = rows(sandbox, token, ACCOUNT + "/insights",
                    Map.of("fields", FIELDS, "breakdowns", breakdowns, "limit", "500"));
            // act_1000000001 targets the US only: one country row; everything else splits further.
            assertThat(rows.size()).as(breakdowns).isGreaterThan(breakdowns.equals("country") ? 0 : 1);
            for (String field : List.of("impressions", "reach", "clicks", "inline_link_clicks")) {
                assertThat(sum(rows, field)).as(breakdowns + " " + field).isEqualTo(count(total, field));
            }
            assertThat(sumMinor(rows, "spend", 2)).as(breakdowns + " spend").isEqualTo(minor(total, "spend", 2));
            for (String type : List.of("purchase", "lead", "landing_page_view", "video_view")) {
                assertThat(sumAction(rows, "actions", type)).as(breakdowns + " " + type)
                        .isEqualTo(action(total, "actions", type));
            }
            for (JsonNode row : rows) {
                InsightsRows.assertConsistent(row);
                for (String name : breakdowns.split(",")) {
                    assertThat(row.get(name).asString()).as(name + " in " + row).isNotBlank();
                }
            }
        }
    }

    @Test
    void breakdown_values_are_metas() {
        assertThat(values("age", "age")).containsExactly("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
        assertThat(values("gender", "gender")).containsExactly("female", "male", "unknown");
        assertThat(values("publisher_platform", "publisher_platform"))
                .containsExactly("facebook", "instagram", "audience_network", "messenger");
        assertThat(values("device_platform", "device_platform")).containsExactlyInAnyOrder("desktop", "mobile_app",
                "mobile_web");
        assertThat(values("impression_device", "impression_device")).contains("iphone", "android_smartphone",
                "desktop");
        assertThat(values("publisher_platform,platform_position", "platform_position")).contains("feed",
                "instagram_stories", "instagram_reels", "facebook_reels", "right_hand_column", "an_classic");
        assertThat(values("country", "country")).contains("US");
        assertThat(values("dma", "dma")).contains("Los Angeles", "New York", "Chicago");
    }

    @Test
    void a_single_breakdown_is_the_combined_breakdown_summed_over_the_other_dimension() {
        List<JsonNode> ages = rows(sandbox, token, ACCOUNT + "/insights",
                Map.of("fields", "impressions,clicks,spend,reach", "breakdowns", "age"));
        List<JsonNode> ageGender = rows(sandbox, token, ACCOUNT + "/insights",
                Map.of("fields", "impressions,clicks,spend,reach", "breakdowns", "age,gender", "limit", "100"));
        Map<String, List<JsonNode>> byAge = ageGender.stream().collect(Collectors.groupingBy(r -> r.get("age").asString()));
        for (JsonNode age : ages) {
            List<JsonNode> parts = byAge.get(age.get("age").asString());
            assertThat(sum(parts, "impressions")).isEqualTo(count(age, "impressions"));
            assertThat(sum(parts, "clicks")).isEqualTo(count(age, "clicks"));
            assertThat(sumMinor(parts, "spend", 2)).isEqualTo(minor(age, "spend", 2));
        }
    }

    @Test
    void daily_breakdown_rows_add_up_to_the_range_and_campaign_rows_to_the_account() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("fields", "impressions,clicks,spend,actions",
                "breakdowns", "publisher_platform", "date_preset", "last_7d"));
        Map<String, JsonNode> range = byValue(rows(sandbox, token, ACCOUNT + "/insights", params),
                r -> r.get("publisher_platform").asString());
        params.put("time_increment", "1");
        params.put("limit", "100");
        List<JsonNode> daily = rows(sandbox, token, ACCOUNT + "/insights", params);
        assertThat(daily.size()).isEqualTo(7 * range.size());
        params.remove("time_increment");
        params.put("level", "campaign");
        params.put("limit", "1000");
        List<JsonNode> campaigns = rows(sandbox, token, ACCOUNT + "/insights", params);
        range.forEach((platform, row) -> {
            List<JsonNode> days = daily.stream().filter(r -> r.get("publisher_platform").asString().equals(platform))
                    .toList();
            List<JsonNode> parts = campaigns.stream()
                    .filter(r -> r.get("publisher_platform").asString().equals(platform)).toList();
            for (List<JsonNode> split : List.of(days, parts)) {
                assertThat(sum(split, "impressions")).as(platform).isEqualTo(count(row, "impressions"));
                assertThat(sum(split, "clicks")).as(platform).isEqualTo(count(row, "clicks"));
                assertThat(sumMinor(split, "spend", 2)).as(platform).isEqualTo(minor(row, "spend", 2));
                assertThat(sumAction(split, "actions", "link_click")).as(platform)
                        .isEqualTo(action(row, "actions", "link_click"));
            }
        });
        // Rows come by date, then by breakdown value.
        assertThat(daily.get(0).get("date_start").asString()).isEqualTo("2026-11-11");
        assertThat(daily.get(0).get("publisher_platform").asString()).isEqualTo("facebook");
    }

    @Test
    void an_ad_set_delivers_only_to_the_audience_it_targets() {
        JsonNode adSets = sandbox.get(token, ACCOUNT + "/adsets", Map.of("fields", "id,targeting",
                "limit", "500", "effective_status", "[\"ACTIVE\"]")).json().get("data");
        String menOnly = null;
        String californiaOnly = null;
        String over25 = null;
        String feedsOnly = null;
        for (JsonNode adSet : adSets) {
            JsonNode targeting = adSet.get("targeting");
            String id = adSet.get("id").asString();
            if (menOnly == null && targeting.path("genders").size() == 1 && targeting.path("genders").get(0).asInt() == 1) {
                menOnly = id;
            }
            JsonNode regions = targeting.path("geo_locations").path("regions");
            if (californiaOnly == null && regions.size() == 1
                    && regions.get(0).get("name").asString().equals("California")) {
                californiaOnly = id;
            }
            if (over25 == null && targeting.path("age_min").asInt() >= 25) {
                over25 = id;
            }
            if (feedsOnly == null && targeting.path("publisher_platforms").size() == 2) {
                feedsOnly = id;
            }
        }
        assertThat(List.of(String.valueOf(menOnly), String.valueOf(californiaOnly), String.valueOf(over25),
                String.valueOf(feedsOnly))).doesNotContain("null");
        assertThat(adSetValues(menOnly, "gender")).containsExactly("male");
        assertThat(adSetValues(californiaOnly, "region")).containsExactly("California");
        assertThat(adSetValues(californiaOnly, "country")).containsExactly("US");
        assertThat(adSetValues(californiaOnly, "dma")).containsOnly("Los Angeles", "San Francisco-Oakland-San Jose",
                "San Diego", "Sacramento-Stockton-Modesto");
        assertThat(adSetValues(over25, "age")).doesNotContain("13-17", "18-24");
        assertThat(adSetValues(feedsOnly, "publisher_platform")).containsOnly("facebook", "instagram");
    }

    @Test
    void combinations_meta_does_not_offer_are_refused() {
        for (String invalid : List.of("age,country", "platform_position", "gender,publisher_platform",
                "hourly_stats_aggregated_by_advertiser_time_zone,age",
                "hourly_stats_aggregated_by_advertiser_time_zone,hourly_stats_aggregated_by_audience_time_zone")) {
            SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/insights", Map.of("breakdowns", invalid));
            assertThat(answer.status()).as(invalid).isEqualTo(400);
            assertThat(answer.error().get("code").asInt()).isEqualTo(100);
            assertThat(answer.error().get("message").asString()).as(invalid)
                    .isEqualTo("(#100) Current combination of data breakdown columns (action_type," + invalid
                            + ") is invalid ");
        }
    }

    @Test
    void breakdowns_meta_offers_that_the_sandbox_does_not_compute_say_so() {
        // product_id is in Meta's list of permutations (Insights API Breakdowns, "Combining breakdowns"), so Meta
        // would answer it: the sandbox says it does not compute it instead of claiming the combination is invalid.
        for (String breakdowns : List.of("product_id", "[\"product_id\"]", "age,product_id")) {
            SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/insights", Map.of("breakdowns", breakdowns));
            assertThat(answer.status()).as(breakdowns).isEqualTo(400);
            assertThat(answer.error().get("code").asInt()).isEqualTo(100);
            assertThat(answer.error().get("message").asString()).as(breakdowns)
                    .startsWith("(#100) The sandbox does not model the breakdown product_id (it computes ")
                    .contains("frequency_value");
        }
    }

    @Test
    void hourly_breakdowns_split_delivery_over_24_hours_without_reach() {
        // Ads Insights breakdowns: hourly_stats_aggregated_by_advertiser_time_zone rows are labelled
        // "HH:00:00 - HH:59:59"; Meta reports no reach (nor frequency) by hour.
        Map<String, String> params = Map.of("fields", "impressions,clicks,spend,reach", "date_preset", "last_7d",
                "breakdowns", "hourly_stats_aggregated_by_advertiser_time_zone", "limit", "100");
        List<JsonNode> hours = rows(sandbox, token, ACCOUNT + "/insights", params);
        assertThat(hours).hasSize(24);
        assertThat(hours.get(0).get("hourly_stats_aggregated_by_advertiser_time_zone").asString())
                .isEqualTo("00:00:00 - 00:59:59");
        assertThat(hours.get(23).get("hourly_stats_aggregated_by_advertiser_time_zone").asString())
                .isEqualTo("23:00:00 - 23:59:59");
        long total = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "impressions", "date_preset",
                "last_7d")).get(0).get("impressions").asLong();
        long summed = hours.stream().mapToLong(r -> r.get("impressions").asLong()).sum();
        assertThat(summed).isEqualTo(total);
        assertThat(hours).noneMatch(r -> r.has("reach"));
        long night = hours.get(3).get("impressions").asLong();
        long evening = hours.get(20).get("impressions").asLong();
        assertThat(evening).isGreaterThan(night);
    }

    private List<String> values(String breakdowns, String field) {
        Set<String> seen = new HashSet<>();
        return rows(sandbox, token, ACCOUNT + "/insights", Map.of("breakdowns", breakdowns, "limit", "500")).stream()
                .map(r -> r.get(field).asString()).filter(seen::add).toList();
    }

    private List<String> adSetValues(String adSetId, String breakdown) {
        List<JsonNode> rows = rows(sandbox, token, adSetId + "/insights",
                Map.of("breakdowns", breakdown, "date_preset", "maximum", "limit", "500"));
        assertThat(rows).as("ad set " + adSetId + " delivered").isNotEmpty();
        Set<String> seen = new HashSet<>();
        return rows.stream().map(r -> r.get(breakdown).asString()).filter(seen::add).toList();
    }

    private static Map<String, JsonNode> byValue(List<JsonNode> rows, Function<JsonNode, String> key) {
        Map<String, JsonNode> out = new HashMap<>();
        rows.forEach(r -> out.put(key.apply(r), r));
        return out;
    }
}
