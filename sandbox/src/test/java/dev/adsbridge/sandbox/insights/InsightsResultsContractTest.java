package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.adsbridge.sandbox.insights.InsightsRows.action;
import static dev.adsbridge.sandbox.insights.InsightsRows.allPages;
import static dev.adsbridge.sandbox.insights.InsightsRows.count;
import static dev.adsbridge.sandbox.insights.InsightsRows.decimal;
import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Meta's {@code results} / {@code cost_per_result} (Ads Manager's Results column): the result of an ad follows its ad
 * set's optimization_goal (and promoted_object.custom_event_type), equals the matching action of the same row, costs
 * spend / results (× 1,000 for reach and impressions, as Ads Manager shows them), and rows over ad sets with different
 * goals keep one entry per indicator that adds up exactly.
 */
class InsightsResultsContractTest {

    static final String ACCOUNT = InsightsContractTest.ACCOUNT;
    static final String FIELDS = "adset_id,campaign_id,impressions,reach,spend,actions,video_thruplay_watched_actions,"
            + "results,cost_per_result";

    private static SandboxHttp sandbox;
    private static String token;
    private static Map<String, JsonNode> adSets;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start(InsightsContractTest.config());
        token = sandbox.token();
        adSets = new HashMap<>();
        for (JsonNode adSet : allPages(sandbox, token, ACCOUNT + "/adsets",
                Map.of("fields", "id,campaign_id,optimization_goal,promoted_object,effective_status", "limit", "200"))) {
            adSets.put(adSet.get("id").asString(), adSet);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** The indicator Meta reports for an ad set: the rule the sandbox must follow, stated independently. */
    static String indicatorOf(JsonNode adSet, String objective) {
        String event = adSet.path("promoted_object").path("custom_event_type").asString("");
        return switch (adSet.get("optimization_goal").asString()) {
            case "LINK_CLICKS" -> "actions:link_click";
            case "LANDING_PAGE_VIEWS" -> "actions:landing_page_view";
            case "POST_ENGAGEMENT" -> "actions:post_engagement";
            case "THRUPLAY" -> "video_thruplay_watched_actions:video_view";
            case "REACH" -> "reach";
            case "IMPRESSIONS" -> "impressions";
            case "LEAD_GENERATION", "QUALITY_LEAD" -> "actions:lead";
            case "APP_INSTALLS", "APP_INSTALLS_AND_OFFSITE_CONVERSIONS" -> "actions:mobile_app_install";
            // A pixel event only counts where the campaign's objective produces it (purchases: sales campaigns).
            case "OFFSITE_CONVERSIONS", "VALUE" -> switch (event) {
                case "PURCHASE" -> objective.equals("OUTCOME_SALES") || objective.equals("CONVERSIONS")
                        ? "actions:offsite_conversion.fb_pixel_purchase" : null;
                case "LEAD" -> objective.equals("OUTCOME_LEADS") ? "actions:offsite_conversion.fb_pixel_lead" : null;
                case "COMPLETE_REGISTRATION" -> objective.equals("OUTCOME_LEADS")
                        ? "actions:offsite_conversion.fb_pixel_complete_registration" : null;
                case "ADD_TO_CART" -> "actions:offsite_conversion.fb_pixel_add_to_cart";
                default -> objective.equals("OUTCOME_APP_PROMOTION") ? "actions:mobile_app_install" : null;
            };
            default -> null;
        };
    }

    /** The row's own value of what an indicator counts. */
    static long matching(JsonNode row, String indicator) {
        return switch (indicator) {
            case "reach", "impressions" -> count(row, indicator);
            case "video_thruplay_watched_actions:video_view" ->
                    action(row, "video_thruplay_watched_actions", "video_view");
            default -> action(row, "actions", indicator.substring("actions:".length()));
        };
    }

    static Map<String, Long> results(JsonNode row, String field) {
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode entry : row.path(field)) {
            assertThat(entry.get("values")).as(entry.toString()).hasSize(1);
            JsonNode value = entry.get("values").get(0).get("value");
            assertThat(value.isString()).isTrue();
            out.put(entry.get("indicator").asString(), "results".equals(field) ? Long.parseLong(value.asString())
                    : new BigDecimal(value.asString()).movePointRight(6).longValue());
        }
        return out;
    }

    @Test
    void the_seeded_world_has_several_objectives_goals_a_mixed_campaign_and_pixel_conversions() {
        Map<String, String> objectives = objectives();
        assertThat(new HashSet<>(objectives.values())).contains("OUTCOME_SALES", "OUTCOME_TRAFFIC",
                "OUTCOME_LEADS", "OUTCOME_AWARENESS");
        Set<String> goals = new HashSet<>();
        Map<String, Set<String>> goalsByCampaign = new HashMap<>();
        for (JsonNode adSet : adSets.values()) {
            String goal = adSet.get("optimization_goal").asString();
            goals.add(goal);
            goalsByCampaign.computeIfAbsent(adSet.get("campaign_id").asString(), k -> new HashSet<>()).add(goal);
            if (goal.equals("OFFSITE_CONVERSIONS") || goal.equals("VALUE")) {
                JsonNode promoted = adSet.get("promoted_object");
                boolean app = promoted.has("application_id");
                assertThat(app || promoted.has("pixel_id") && promoted.has("custom_event_type"))
                        .as(adSet.toString()).isTrue();
            }
        }
        assertThat(goals).contains("OFFSITE_CONVERSIONS", "LINK_CLICKS", "REACH", "LEAD_GENERATION");
        assertThat(goalsByCampaign.values()).anyMatch(set -> set.size() >= 2);
        assertThat(adSets.values()).anyMatch(a -> "PURCHASE".equals(
                a.path("promoted_object").path("custom_event_type").asString("")));
    }

    @Test
    void an_ad_has_one_result_matching_its_ad_sets_goal_its_action_and_its_spend() {
        Map<String, String> objectives = objectives();
        List<JsonNode> ads = allPages(sandbox, token, ACCOUNT + "/insights", Map.of("fields", FIELDS + ",ad_id",
                "level", "ad", "date_preset", "last_30d", "limit", "200"));
        Set<String> seen = new HashSet<>();
        for (JsonNode row : ads) {
            JsonNode adSet = adSets.get(row.get("adset_id").asString());
            if (adSet == null) {
                continue;
            }
            String indicator = indicatorOf(adSet, objectives.getOrDefault(row.get("campaign_id").asString(), ""));
            Map<String, Long> results = results(row, "results");
            if (indicator == null) {
                assertThat(results).as(row.toString()).isEmpty();
                continue;
            }
            assertThat(results.keySet()).as(row.toString()).containsExactly(indicator);
            long value = results.get(indicator);
            assertThat(value).as(row.toString()).isEqualTo(matching(row, indicator));
            if (value > 0) {
                seen.add(indicator);
                double cost = Double.parseDouble(row.get("cost_per_result").get(0).get("values").get(0)
                        .get("value").asString());
                assertThat(row.get("cost_per_result").get(0).get("indicator").asString()).isEqualTo(indicator);
                // Reach and impressions cost per 1,000, as in Ads Manager; every other result per one.
                assertThat(cost).as(indicator).isCloseTo(decimal(row, "spend").doubleValue() * per(indicator) / value,
                        within(0.0000011));
            } else {
                assertThat(row.has("cost_per_result")).as("no cost without results").isFalse();
            }
        }
        assertThat(seen).contains("actions:link_click", "reach", "actions:offsite_conversion.fb_pixel_purchase",
                "actions:lead");
    }

    @Test
    void a_campaign_with_mixed_goals_reports_one_result_per_indicator_summing_its_ad_sets() {
        Map<String, List<JsonNode>> byCampaign = new HashMap<>();
        for (JsonNode row : allPages(sandbox, token, ACCOUNT + "/insights", Map.of("fields", FIELDS,
                "level", "adset", "date_preset", "last_30d", "limit", "200"))) {
            byCampaign.computeIfAbsent(row.get("campaign_id").asString(), k -> new java.util.ArrayList<>()).add(row);
        }
        List<JsonNode> campaigns = allPages(sandbox, token, ACCOUNT + "/insights", Map.of("fields", FIELDS,
                "level", "campaign", "date_preset", "last_30d", "limit", "200"));
        int mixed = 0;
        for (JsonNode campaign : campaigns) {
            Map<String, Long> results = results(campaign, "results");
            Map<String, Long> expected = new TreeMap<>();
            Map<String, Long> spend = new TreeMap<>();
            for (JsonNode adSet : byCampaign.get(campaign.get("campaign_id").asString())) {
                results(adSet, "results").forEach((k, v) -> {
                    expected.merge(k, v, Long::sum);
                    spend.merge(k, InsightsRows.minor(adSet, "spend", 2), Long::sum);
                });
            }
            assertThat(results.keySet()).isEqualTo(expected.keySet());
            expected.forEach((indicator, value) -> {
                if (!indicator.equals("reach")) {
                    assertThat(results.get(indicator)).as(indicator + " of " + campaign).isEqualTo(value);
                    if (value > 0) {
                        long costMicros = results(campaign, "cost_per_result").get(indicator);
                        assertThat((double) costMicros).isCloseTo(spend.get(indicator) * 10_000.0
                                * per(indicator) / value, within(1.0));
                    }
                }
            });
            boolean allModelled = byCampaign.get(campaign.get("campaign_id").asString()).stream()
                    .allMatch(a -> a.has("results"));
            if (allModelled && results.size() == 1 && !results.containsKey("reach")) {
                assertThat(results.values().iterator().next())
                        .isEqualTo(matching(campaign, results.keySet().iterator().next()));
            }
            mixed += results.size() >= 2 ? 1 : 0;
        }
        assertThat(mixed).as("campaigns whose ad sets optimise for different things").isPositive();
    }

    @Test
    void account_results_never_add_different_indicators_and_breakdowns_and_days_add_up() {
        JsonNode account = rows(sandbox, token, ACCOUNT + "/insights",
                Map.of("fields", FIELDS, "date_preset", "last_30d")).get(0);
        Map<String, Long> total = results(account, "results");
        assertThat(total.size()).isGreaterThanOrEqualTo(4);
        List<JsonNode> campaigns = allPages(sandbox, token, ACCOUNT + "/insights", Map.of("fields", FIELDS,
                "level", "campaign", "date_preset", "last_30d", "limit", "200"));
        assertThat(sumByIndicator(campaigns)).isEqualTo(withoutReach(total));
        List<JsonNode> ages = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", FIELDS,
                "date_preset", "last_30d", "breakdowns", "age", "limit", "100"));
        assertThat(sumByIndicator(ages)).isEqualTo(withoutReach(total));
        List<JsonNode> days = allPages(sandbox, token, ACCOUNT + "/insights", Map.of("fields", FIELDS,
                "date_preset", "last_30d", "time_increment", "1", "limit", "100"));
        assertThat(days).hasSize(30);
        assertThat(sumByIndicator(days)).isEqualTo(withoutReach(total));
    }

    @Test
    void action_values_roas_and_cost_per_action_agree_with_actions_and_spend() {
        for (JsonNode row : rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields",
                "spend,actions,action_values,purchase_roas,website_purchase_roas,cost_per_action_type",
                "level", "campaign", "date_preset", "last_30d", "limit", "200"))) {
            double spend = decimal(row, "spend").doubleValue();
            for (JsonNode cost : row.path("cost_per_action_type")) {
                long count = action(row, "actions", cost.get("action_type").asString());
                assertThat(Double.parseDouble(cost.get("value").asString()))
                        .isCloseTo(spend / count, within(0.0000011));
            }
            if (action(row, "actions", "omni_purchase") == 0) {
                assertThat(row.has("purchase_roas")).isFalse();
                continue;
            }
            double value = Double.parseDouble(InsightsContractTest.entry(row.get("action_values"), "omni_purchase")
                    .get("value").asString());
            for (String field : List.of("purchase_roas", "website_purchase_roas")) {
                assertThat(Double.parseDouble(row.get(field).get(0).get("value").asString()))
                        .isCloseTo(value / spend, within(0.0000011));
            }
            assertThat(row.get("purchase_roas").get(0).get("action_type").asString()).isEqualTo("omni_purchase");
        }
    }

    private static Map<String, Long> sumByIndicator(List<JsonNode> rows) {
        Map<String, Long> out = new TreeMap<>();
        rows.forEach(row -> results(row, "results").forEach((k, v) -> out.merge(k, v, Long::sum)));
        return withoutReach(out);
    }

    /** Reach is deduplicated per row, so reach results do not add up (as reach itself does not). */
    private static Map<String, Long> withoutReach(Map<String, Long> results) {
        Map<String, Long> out = new TreeMap<>(results);
        out.remove("reach");
        return out;
    }

    private static Map<String, String> objectives() {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode campaign : allPages(sandbox, token, ACCOUNT + "/campaigns",
                Map.of("fields", "id,objective", "limit", "200"))) {
            out.put(campaign.get("id").asString(), campaign.get("objective").asString());
        }
        return out;
    }

    /** How many results Meta's cost per result is for: 1,000 reached people or impressions, else one. */
    private static int per(String indicator) {
        return indicator.equals("reach") || indicator.equals("impressions") ? 1000 : 1;
    }
}
