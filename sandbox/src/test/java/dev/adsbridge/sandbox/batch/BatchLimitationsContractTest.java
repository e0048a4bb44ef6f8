package dev.adsbridge.sandbox.batch;

import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph API "Batch Requests": a batch is a POST to an endpoint with the batch parameter (the root or, e.g., /me), and a
 * batch cannot include several ad sets under the same campaign.
 */
class BatchLimitationsContractTest {

    private static final String ACCOUNT = "act_1000000001";
    private static final String TARGETING = "{\"geo_locations\":{\"countries\":[\"US\"]},"
            + "\"targeting_automation\":{\"advantage_audience\":0}}";

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String adSetItem(String campaignId, String name) {
        String body = "name=" + name + "&campaign_id=" + campaignId + "&billing_event=IMPRESSIONS"
                + "&optimization_goal=LINK_CLICKS&daily_budget=2500&status=PAUSED&targeting="
                + java.net.URLEncoder.encode(TARGETING, java.nio.charset.StandardCharsets.UTF_8);
        return "{\"method\":\"POST\",\"relative_url\":\"" + ACCOUNT + "/adsets\",\"body\":"
                + Json.write(body) + "}";
    }

    private static String campaign() {
        SandboxHttp.Answer created = sandbox.post(token, ACCOUNT + "/campaigns", Map.of("name", "Batch parent",
                "objective", "OUTCOME_TRAFFIC", "status", "PAUSED", "special_ad_categories", "[]",
                "is_adset_budget_sharing_enabled", "false"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().path("id").asString();
    }

    private static int adSetsOf(String campaignId) {
        return sandbox.get(token, campaignId + "/adsets", Map.of("summary", "true")).json().path("summary")
                .path("total_count").asInt();
    }

    @Test
    void several_ad_sets_under_one_campaign_in_one_batch_are_refused_and_none_is_created() {
        String campaignId = campaign();
        SandboxHttp.Answer answer = sandbox.post(token, "", Map.of("batch", "[" + adSetItem(campaignId, "A") + ","
                + adSetItem(campaignId, "B") + "]"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().path("code").asInt()).isEqualTo(100);
        assertThat(answer.error().path("message").asString()).contains("multiple ad sets under the same campaign");
        assertThat(adSetsOf(campaignId)).isZero();
    }

    @Test
    void ad_sets_under_different_campaigns_in_one_batch_are_fine() {
        String first = campaign();
        String second = campaign();
        JsonNode answers = sandbox.post(token, "", Map.of("batch", "[" + adSetItem(first, "A") + ","
                + adSetItem(second, "B") + "]")).json();
        assertThat(answers.get(0).path("code").asInt()).as(answers.toString()).isEqualTo(200);
        assertThat(answers.get(1).path("code").asInt()).isEqualTo(200);
        assertThat(adSetsOf(first)).isEqualTo(1);
    }

    @Test
    void a_batch_posted_to_me_runs_like_one_posted_to_the_root() {
        SandboxHttp.Answer answer = sandbox.post(token, "me", Map.of("batch",
                "[{\"method\":\"GET\",\"relative_url\":\"me?fields=name\"},"
                        + "{\"method\":\"GET\",\"relative_url\":\"" + ACCOUNT + "?fields=currency\"}]"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().size()).isEqualTo(2);
        assertThat(Json.MAPPER.readTree(answer.json().get(0).path("body").asString()).path("name").asString())
                .isEqualTo("Dana Whitfield");
        assertThat(Json.MAPPER.readTree(answer.json().get(1).path("body").asString()).path("currency").asString())
                .isEqualTo("USD");
    }
}
