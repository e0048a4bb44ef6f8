package dev.adsbridge.sandbox.sdk;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every field of Meta's own field lists (the official business SDKs' AdAccount, Campaign, AdSet, Ad, AdCreative and
 * AdsInsights lists) can be asked for: a value where the world has one, absent where Meta leaves a field out, never
 * "(#100) Tried accessing nonexisting field". Meta's reference pages list these fields per node ("Fields" tables of
 * the Ad Account, Campaign, Ad Set, Ad, Ad Creative and Ads Insights references); a field without a value is left out
 * of the answer.
 */
class MetaFieldListsContractTest {

    private static final String ACCOUNT = "act_1000000001";

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

    private static JsonNode ok(SandboxHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static String firstId(String edge) {
        return ok(sandbox.get(token, ACCOUNT + "/" + edge, Map.of("limit", "1"))).path("data").get(0).path("id")
                .asString();
    }

    @ParameterizedTest
    @CsvSource({"AdAccount,", "Campaign,campaigns", "AdSet,adsets", "Ad,ads", "AdCreative,adcreatives"})
    void every_field_of_the_sdk_list_reads_without_error(String type, String edge) {
        String id = edge == null ? ACCOUNT : firstId(edge);
        JsonNode node = ok(sandbox.get(token, id, Map.of("fields", MetaSdkLists.joined(type))));
        assertThat(node.path("id").asString()).isEqualTo(id);
        // Whatever comes back is a field of Meta's list, never a sandbox-internal one.
        node.propertyNames().forEach(name -> assertThat(MetaSdkLists.fields(type)).as(type).contains(name));
    }

    @Test
    void the_fields_clients_stumbled_on_have_values_where_the_world_has_them() {
        JsonNode account = ok(sandbox.get(token, ACCOUNT, Map.of("fields",
                "business_city,business_zip,funding_source,funding_source_details,owner_business")));
        assertThat(account.path("business_city").asString()).isNotBlank();
        assertThat(account.path("funding_source_details").path("display_string").asString()).isNotBlank();
        assertThat(account.path("funding_source_details").path("id").asString())
                .isEqualTo(account.path("funding_source").asString());

        JsonNode campaign = ok(sandbox.get(token, firstId("campaigns"),
                Map.of("fields", "special_ad_categories,special_ad_category_country")));
        assertThat(campaign.path("special_ad_category_country").isArray()).isTrue();

        // An ad set without bid adjustments: Meta leaves bid_adjustments out.
        JsonNode adSet = ok(sandbox.get(token, firstId("adsets"),
                Map.of("fields", "bid_adjustments,special_ad_categories,campaign_id")));
        assertThat(adSet.has("bid_adjustments")).isFalse();
        assertThat(adSet.path("special_ad_categories").isArray()).isTrue();

        JsonNode creatives = ok(sandbox.get(token, ACCOUNT + "/adcreatives",
                Map.of("fields", "object_story_spec,call_to_action,object_id", "limit", "50")));
        int withCallToAction = 0;
        for (JsonNode creative : creatives.path("data")) {
            JsonNode spec = creative.path("object_story_spec");
            JsonNode content = spec.has("link_data") ? spec.path("link_data") : spec.path("video_data");
            if (content.has("call_to_action")) {
                assertThat(creative.path("call_to_action")).isEqualTo(content.path("call_to_action"));
                assertThat(creative.path("object_id").asString()).isEqualTo(spec.path("page_id").asString());
                withCallToAction++;
            }
        }
        assertThat(withCallToAction).isPositive();
    }

    @Test
    void a_field_outside_metas_lists_is_still_nonexisting() {
        SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT, Map.of("fields", "name,favourite_colour"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().path("message").asString())
                .isEqualTo("(#100) Tried accessing nonexisting field (favourite_colour) on node type (AdAccount)");
    }

    @Test
    void every_ads_insights_field_is_accepted_and_results_come_with_cost_per_result() {
        JsonNode page = ok(sandbox.get(token, ACCOUNT + "/insights", Map.of("fields",
                MetaSdkLists.joined("AdsInsights"), "level", "campaign", "date_preset", "last_30d", "limit", "200")));
        assertThat(page.path("data").size()).isPositive();
        boolean sawResults = false;
        for (JsonNode row : page.path("data")) {
            row.propertyNames().forEach(name -> assertThat(MetaSdkLists.fields("AdsInsights")).contains(name));
            if (row.path("results").isArray() && row.has("cost_per_result")) {
                sawResults = true;
            }
        }
        assertThat(sawResults).as("rows with results and cost_per_result").isTrue();
    }
}
