package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a console needs for Ads Manager's Results against the sandbox: get_insights passes results, cost_per_result,
 * action_values and purchase_roas through (by default and in compact form), the list tools take Graph's
 * {@code fields} with field expansion so one call returns a list with its numbers, and get_ad_images looks up several
 * image hashes at once.
 */
class ResultsAndListFieldsTest {

    private static String token;

    @BeforeAll
    static void setUp() {
        token = TestEnv.token();
    }

    @Test
    void defaultInsightsCarryResultsWhoseCostIsSpendOverResults() {
        JsonNode rows = ok(callTool(token, "get_insights", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "level", "adset", "time_range", "last_30d", "limit", 50))).get("data");
        int withResults = 0;
        for (JsonNode row : rows) {
            if (!row.has("results")) {
                continue;
            }
            assertThat(row.get("results")).hasSize(1);
            JsonNode result = row.get("results").get(0);
            assertThat(result.get("indicator").asString()).matches("actions:.+|reach|impressions|video_.+");
            long value = Long.parseLong(result.get("values").get(0).get("value").asString());
            if (value > 0) {
                withResults++;
                double cost = Double.parseDouble(row.get("cost_per_result").get(0).get("values").get(0)
                        .get("value").asString());
                // Per 1,000 for reach and impressions (Ads Manager's cost per result), per one otherwise.
                int per = result.get("indicator").asString().matches("reach|impressions") ? 1000 : 1;
                assertThat(cost).isCloseTo(Double.parseDouble(row.get("spend").asString()) * per / value,
                        org.assertj.core.api.Assertions.within(0.000002));
            }
        }
        assertThat(withResults).isPositive();
    }

    @Test
    void compactKeepsResultsPerIndicatorAndTheValueFields() {
        Map<String, Object> query = Map.of("account_id", TestEnv.BIG_ACCOUNT, "level", "account",
                "time_range", "last_30d", "fields", "spend,results,cost_per_result,action_values,purchase_roas");
        JsonNode raw = ok(callTool(token, "get_insights", query)).get("data").get(0);
        Map<String, Object> compactQuery = new HashMap<>(query);
        compactQuery.put("compact", true);
        JsonNode compact = ok(callTool(token, "get_insights", compactQuery)).get("data").get(0);
        assertThat(raw.get("results").size()).as("the account mixes result types").isGreaterThanOrEqualTo(2);
        assertThat(compact.get("results").size()).isEqualTo(raw.get("results").size());
        for (JsonNode entry : raw.get("results")) {
            String indicator = entry.get("indicator").asString();
            assertThat(compact.get("results").get(indicator).asLong())
                    .isEqualTo(Long.parseLong(entry.get("values").get(0).get("value").asString()));
        }
        for (JsonNode entry : raw.get("cost_per_result")) {
            assertThat(compact.get("cost_per_result").get(entry.get("indicator").asString()).decimalValue())
                    .isEqualByComparingTo(new BigDecimal(entry.get("values").get(0).get("value").asString()));
        }
        assertThat(compact.get("purchase_roas").get("omni_purchase").isNumber()).isTrue();
        assertThat(compact.get("action_values").size()).isPositive();
    }

    @Test
    void getCampaignsReturnsTheListWithInsightsAndAdSetGoalsInOneCall() {
        JsonNode page = ok(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 10,
                "fields", "id,name,objective,insights.date_preset(last_7d){spend,results,cost_per_result},"
                        + "adsets{optimization_goal,promoted_object}")));
        assertThat(page.get("data")).hasSize(10);
        int withNumbers = 0;
        for (JsonNode campaign : page.get("data")) {
            assertThat(campaign.has("effective_status")).as("only the fields asked for").isFalse();
            campaign.get("adsets").get("data").forEach(a -> assertThat(a.has("optimization_goal")).isTrue());
            JsonNode insights = campaign.path("insights").path("data");
            if (insights.isEmpty()) {
                continue;
            }
            withNumbers++;
            JsonNode direct = ok(callTool(token, "get_insights", Map.of("campaign_id", campaign.get("id").asString(),
                    "level", "campaign", "time_range", "last_7d", "fields", "spend,results,cost_per_result")))
                    .get("data").get(0);
            assertThat(insights.get(0).get("spend")).isEqualTo(direct.get("spend"));
            assertThat(insights.get(0).get("results")).isEqualTo(direct.get("results"));
        }
        assertThat(withNumbers).isPositive();
    }

    @Test
    void getAdsetsCanAskForGoalAndPromotedObjectAndGetAdsForTheCreativeThenImagesByHash() {
        JsonNode adSets = ok(callTool(token, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 50,
                "fields", List.of("id", "optimization_goal", "promoted_object"))));
        assertThat(adSets.get("data")).allSatisfy(a -> assertThat(a.has("optimization_goal")).isTrue());
        assertThat(adSets.get("data")).anySatisfy(a -> assertThat(a.at("/promoted_object/custom_event_type")
                .isString()).isTrue());

        JsonNode ads = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 25,
                "fields", "id,name,creative{id,name,thumbnail_url,image_hash,object_story_spec}")));
        List<String> hashes = new ArrayList<>();
        for (JsonNode ad : ads.get("data")) {
            JsonNode creative = ad.get("creative");
            assertThat(creative.has("name")).isTrue();
            String hash = creative.path("image_hash").asString(
                    creative.at("/object_story_spec/link_data/image_hash").asString(""));
            if (!hash.isEmpty() && !hashes.contains(hash)) {
                hashes.add(hash);
            }
        }
        assertThat(hashes.size()).isGreaterThanOrEqualTo(2);
        JsonNode images = ok(callTool(token, "get_ad_images", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "hashes", hashes)));
        List<String> returned = new ArrayList<>();
        images.get("data").forEach(i -> {
            returned.add(i.get("hash").asString());
            assertThat(i.get("url").asString()).startsWith("http");
        });
        assertThat(returned).containsExactlyInAnyOrderElementsOf(hashes);
    }

    @Test
    void badFieldsAndHashesAreRefusedBeforeMeta() {
        for (String fields : List.of("name,insights{spend", "name,insights.date_preset(last_7d&x=1){spend}",
                "Name", "name,,id", "insights.limit(){spend}")) {
            TestEnv.assertRefusedBeforeMeta(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                    "fields", fields), "fields", fields);
        }
        TestEnv.assertRefusedBeforeMeta(token, "get_ad_images", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "hashes", List.of("not-a-hash")), "hashes", "bad hash");
        TestEnv.assertRefusedBeforeMeta(token, "get_ad_images", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "hashes", List.of()), "hashes", "no hash");
    }
}
