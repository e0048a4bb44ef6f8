package dev.adsbridge.sandbox.batch;

import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** POST / with batch=[…]: items, headers, dependencies, references, limits. */
class BatchTest {

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

    private static SandboxHttp.Answer batch(String json) {
        return sandbox.post(token, "", Map.of("batch", json));
    }

    private static JsonNode body(JsonNode item) {
        return Json.MAPPER.readTree(item.get("body").asString());
    }

    @Test
    void each_item_answers_with_code_headers_and_a_json_string_body() {
        SandboxHttp.Answer answer = batch("[{\"method\":\"GET\",\"relative_url\":\"me?fields=name\"},"
                + "{\"method\":\"GET\",\"relative_url\":\"act_1000000002?fields=name,currency\"}]");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().isArray()).isTrue();
        assertThat(answer.json().size()).isEqualTo(2);
        JsonNode me = answer.json().get(0);
        assertThat(me.get("code").asInt()).isEqualTo(200);
        assertThat(me.get("body").isString()).isTrue();
        assertThat(body(me).get("name").asString()).isEqualTo("Dana Whitfield");
        List<String> headerNames = new ArrayList<>();
        me.get("headers").forEach(h -> headerNames.add(h.get("name").asString()));
        // A fresh app's usage is under 1 %: Meta sends no X-App-Usage yet.
        assertThat(headerNames).contains("Content-Type").doesNotContain("X-App-Usage");

        JsonNode account = answer.json().get(1);
        assertThat(body(account).get("currency").asString()).isEqualTo("EUR");
        List<String> accountHeaders = new ArrayList<>();
        account.get("headers").forEach(h -> accountHeaders.add(h.get("name").asString()));
        assertThat(accountHeaders).contains("X-Business-Use-Case-Usage", "X-Ad-Account-Usage")
                .doesNotContain("X-App-Usage");
        assertThat(account.get("headers").toString()).contains("X-Ad-Account-Usage")
                .contains("X-Business-Use-Case-Usage");
    }

    @Test
    void the_unversioned_root_and_versioned_relative_urls_work() {
        SandboxHttp.Answer answer = sandbox.send(token, "POST", sandbox.baseUrl() + "/",
                "application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString("batch="
                        + java.net.URLEncoder.encode("[{\"method\":\"GET\",\"relative_url\":\"/v25.0/me\"}]",
                        java.nio.charset.StandardCharsets.UTF_8) + "&include_headers=false"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get(0).get("code").asInt()).isEqualTo(200);
        assertThat(answer.json().get(0).has("headers")).isFalse();
    }

    @Test
    void a_result_reference_feeds_ids_into_a_later_item_and_the_referenced_item_is_omitted() {
        SandboxHttp.Answer answer = batch("["
                + "{\"method\":\"GET\",\"name\":\"accounts\",\"relative_url\":\"me/adaccounts?fields=id&limit=3\"},"
                + "{\"method\":\"GET\",\"relative_url\":\"?ids={result=accounts:$.data.*.id}&fields=name\"},"
                + "{\"method\":\"GET\",\"relative_url\":\"{result=accounts:$.data.2.id}?fields=currency\"}]");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get(0).isNull()).isTrue();
        JsonNode byId = body(answer.json().get(1));
        List<String> ids = new ArrayList<>();
        byId.propertyNames().forEach(ids::add);
        assertThat(ids).containsExactly("act_1000000001", "act_1000000002", "act_1000000003");
        assertThat(byId.get("act_1000000002").get("name").asString()).isEqualTo("Whitfield Outdoor - EU");
        assertThat(body(answer.json().get(2)).get("currency").asString()).isEqualTo("JPY");
    }

    @Test
    void omit_response_on_success_false_keeps_the_referenced_answer() {
        SandboxHttp.Answer answer = batch("["
                + "{\"method\":\"GET\",\"name\":\"me\",\"omit_response_on_success\":false,\"relative_url\":\"me\"},"
                + "{\"method\":\"GET\",\"relative_url\":\"{result=me:$.id}/adaccounts?limit=1\"}]");
        assertThat(answer.json().get(0).get("code").asInt()).isEqualTo(200);
        assertThat(body(answer.json().get(0)).get("id").asString()).isEqualTo("100000000000001");
        assertThat(body(answer.json().get(1)).get("data").get(0).get("id").asString()).isEqualTo("act_1000000001");
    }

    @Test
    void a_created_campaign_id_feeds_the_ad_set_created_after_it() {
        String campaignBody = "name=Batch+campaign&objective=OUTCOME_TRAFFIC&status=PAUSED"
                + "&special_ad_categories=%5B%5D&is_adset_budget_sharing_enabled=false";
        String adSetBody = "name=Batch+ad+set&campaign_id={result=campaign:$.id}&billing_event=IMPRESSIONS"
                + "&optimization_goal=LINK_CLICKS&daily_budget=2500&status=PAUSED&targeting="
                + java.net.URLEncoder.encode("{\"geo_locations\":{\"countries\":[\"US\"]},"
                + "\"targeting_automation\":{\"advantage_audience\":0}}", java.nio.charset.StandardCharsets.UTF_8);
        List<Map<String, Object>> items = List.of(
                Map.of("method", "POST", "name", "campaign", "omit_response_on_success", false,
                        "relative_url", "act_1000000001/campaigns", "body", campaignBody),
                Map.of("method", "POST", "name", "adset", "relative_url", "act_1000000001/adsets",
                        "body", adSetBody),
                Map.of("method", "GET", "relative_url", "{result=adset:$.id}?fields=campaign_id,name"));
        SandboxHttp.Answer answer = batch(Json.write(items));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get(0).get("code").asInt()).as(answer.body()).isEqualTo(200);
        String campaignId = body(answer.json().get(0)).get("id").asString();
        assertThat(answer.json().get(1).isNull()).as("referenced, so omitted on success").isTrue();
        JsonNode adSet = body(answer.json().get(2));
        assertThat(adSet.get("campaign_id").asString()).isEqualTo(campaignId);
        assertThat(adSet.get("name").asString()).isEqualTo("Batch ad set");
    }

    @Test
    void an_item_whose_dependency_failed_answers_null() {
        SandboxHttp.Answer answer = batch("["
                + "{\"method\":\"GET\",\"name\":\"missing\",\"relative_url\":\"act_1999999999\"},"
                + "{\"method\":\"GET\",\"depends_on\":\"missing\",\"relative_url\":\"me\"},"
                + "{\"method\":\"GET\",\"relative_url\":\"me?fields=name\"}]");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode failed = answer.json().get(0);
        assertThat(failed.get("code").asInt()).isEqualTo(400);
        assertThat(body(failed).get("error").get("error_subcode").asInt()).isEqualTo(33);
        assertThat(answer.json().get(1).isNull()).isTrue();
        assertThat(answer.json().get(2).get("code").asInt()).isEqualTo(200);
    }

    @Test
    void an_item_may_carry_its_own_access_token() {
        String marco = sandbox.token("100000000000002", List.of("ads_read"));
        SandboxHttp.Answer answer = batch("[{\"method\":\"GET\",\"relative_url\":\"me?fields=name&access_token="
                + marco + "\"},{\"method\":\"GET\",\"relative_url\":\"me?fields=name\"}]");
        assertThat(body(answer.json().get(0)).get("name").asString()).isEqualTo("Marco Rossi");
        assertThat(body(answer.json().get(1)).get("name").asString()).isEqualTo("Dana Whitfield");
    }

    @Test
    void an_item_with_a_bad_token_fails_alone() {
        SandboxHttp.Answer answer = batch("[{\"method\":\"GET\",\"relative_url\":\"me?access_token=garbage\"},"
                + "{\"method\":\"GET\",\"relative_url\":\"me\"}]");
        assertThat(answer.json().get(0).get("code").asInt()).isEqualTo(400);
        assertThat(body(answer.json().get(0)).get("error").get("code").asInt()).isEqualTo(190);
        assertThat(answer.json().get(1).get("code").asInt()).isEqualTo(200);
    }

    @Test
    void more_than_fifty_items_are_refused() {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            items.append(i == 0 ? "" : ",").append("{\"method\":\"GET\",\"relative_url\":\"me\"}");
        }
        SandboxHttp.Answer answer = batch(items.append("]").toString());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(answer.error().get("message").asString()).contains("Maximum batch size is 50");
    }

    @Test
    void a_batch_that_is_not_a_json_array_is_refused() {
        SandboxHttp.Answer answer = batch("{\"method\":\"GET\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(batch("[{\"method\":\"GET\"}]").error().get("message").asString()).contains("relative_url");
    }

    @Test
    void a_reference_to_an_unknown_name_fails_that_item() {
        SandboxHttp.Answer answer = batch("[{\"method\":\"GET\",\"relative_url\":\"{result=nope:$.id}\"}]");
        assertThat(answer.json().get(0).get("code").asInt()).isEqualTo(400);
        assertThat(body(answer.json().get(0)).get("error").get("message").asString()).contains("nope");
    }
}
