package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A list with its numbers in one Graph call, as a console reads it: field expansion of the insights edge (with
 * date_preset / time_range modifiers) answers exactly what {@code /{id}/insights} answers, edges expand with
 * {@code .limit(n)}, an ad's creative expands to the creative's fields, and several images come back from one
 * {@code adimages?hashes=[…]} call.
 */
class ListsWithNumbersContractTest extends OwnSandbox {

    static final String ACCOUNT = InsightsContractTest.ACCOUNT;

    @Test
    void campaigns_come_with_their_insights_results_and_ad_set_goals_in_one_call() {
        SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/campaigns", Map.of("fields",
                "name,objective,insights.date_preset(last_7d){spend,results,cost_per_result},"
                        + "adsets.limit(2){optimization_goal,promoted_object}", "limit", "25"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        int withResults = 0;
        for (JsonNode campaign : answer.json().get("data")) {
            String id = campaign.get("id").asString();
            JsonNode direct = sandbox.get(token, id + "/insights", Map.of("date_preset", "last_7d",
                    "fields", "spend,results,cost_per_result")).json();
            assertThat(campaign.path("insights").path("data")).as(id).isEqualTo(direct.get("data"));
            withResults += campaign.path("insights").path("data").path(0).has("results") ? 1 : 0;
            JsonNode adSets = campaign.get("adsets").get("data");
            assertThat(adSets.size()).isBetween(1, 2);
            adSets.forEach(a -> assertThat(a.has("optimization_goal")).isTrue());
        }
        assertThat(withResults).isPositive();
    }

    @Test
    void an_expanded_insights_time_range_equals_the_insights_edge() {
        String range = "{\"since\":\"2026-11-01\",\"until\":\"2026-11-07\"}";
        SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/adsets", Map.of("fields",
                "name,optimization_goal,insights.time_range(" + range + "){spend,impressions,results}",
                "limit", "10"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        int compared = 0;
        for (JsonNode adSet : answer.json().get("data")) {
            JsonNode direct = sandbox.get(token, adSet.get("id").asString() + "/insights", Map.of("time_range", range,
                    "fields", "spend,impressions,results")).json();
            assertThat(adSet.path("insights").path("data")).isEqualTo(direct.get("data"));
            compared += direct.get("data").isEmpty() ? 0 : 1;
            direct.get("data").forEach(row -> {
                assertThat(row.get("date_start").asString()).isEqualTo("2026-11-01");
                assertThat(row.get("date_stop").asString()).isEqualTo("2026-11-07");
            });
        }
        assertThat(compared).isPositive();
    }

    @Test
    void ads_expand_their_creative_and_images_come_back_together_by_hash() {
        SandboxHttp.Answer ads = sandbox.get(token, ACCOUNT + "/ads", Map.of("fields",
                "name,creative{id,name,thumbnail_url,image_hash,object_story_spec}", "limit", "25"));
        assertThat(ads.status()).as(ads.body()).isEqualTo(200);
        List<String> hashes = new ArrayList<>();
        for (JsonNode ad : ads.json().get("data")) {
            JsonNode creative = ad.get("creative");
            assertThat(creative.get("id").asString()).isNotBlank();
            assertThat(creative.has("name")).as(creative.toString()).isTrue();
            String hash = creative.path("image_hash").asString(
                    creative.path("object_story_spec").path("link_data").path("image_hash").asString(""));
            if (!hash.isEmpty() && !hashes.contains(hash)) {
                hashes.add(hash);
            }
        }
        assertThat(hashes.size()).isGreaterThanOrEqualTo(2);
        SandboxHttp.Answer images = sandbox.get(token, ACCOUNT + "/adimages", Map.of("hashes",
                "[\"" + String.join("\",\"", hashes) + "\"]", "fields", "hash,url,width,height"));
        assertThat(images.status()).as(images.body()).isEqualTo(200);
        List<String> returned = new ArrayList<>();
        images.json().get("data").forEach(i -> {
            returned.add(i.get("hash").asString());
            assertThat(i.get("url").asString()).startsWith("http");
        });
        assertThat(returned).containsExactlyInAnyOrderElementsOf(hashes);
    }
}
