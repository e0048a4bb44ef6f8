package dev.adsbridge.sandbox.limits;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes cost 3 points, and an ad set's budget may change only 4 times an hour (613/1487632). */
class WriteChargesTest {

    private static final String ACCOUNT = "act_1000000001";
    private static final String TARGETING = "{\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":25,"
            + "\"age_max\":54,\"targeting_automation\":{\"advantage_audience\":0}}";
    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start(SandboxConfig.defaults().withClock(
                Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC)));
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.control("DELETE", "/_sandbox/rate-limits", null);
    }

    private static String createCampaign(String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("objective", "OUTCOME_TRAFFIC");
        form.put("status", "PAUSED");
        form.put("special_ad_categories", "[]");
        form.put("is_adset_budget_sharing_enabled", "false");
        SandboxHttp.Answer created = sandbox.post(token, ACCOUNT + "/campaigns", form);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asString();
    }

    @Test
    void a_write_costs_three_points_and_a_read_one() {
        createCampaign("Charged write");
        sandbox.get(token, ACCOUNT);
        JsonNode account = sandbox.control("GET", "/_sandbox/rate-limits", null).json().get("accounts").get(ACCOUNT);
        assertThat(account.get("score").asDouble()).isEqualTo(4.0);
        assertThat(account.get("ads_management").get("calls_this_hour").asLong()).isEqualTo(2);
    }

    @Test
    void the_fifth_budget_change_of_an_ad_set_within_an_hour_is_613_1487632() {
        String campaign = createCampaign("Budget churn");
        Map<String, String> adSet = new LinkedHashMap<>();
        adSet.put("name", "Churny");
        adSet.put("campaign_id", campaign);
        adSet.put("billing_event", "IMPRESSIONS");
        adSet.put("optimization_goal", "LINK_CLICKS");
        adSet.put("daily_budget", "2500");
        adSet.put("targeting", TARGETING);
        adSet.put("status", "PAUSED");
        SandboxHttp.Answer created = sandbox.post(token, ACCOUNT + "/adsets", adSet);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String adSetId = created.json().get("id").asString();

        for (int i = 1; i <= 4; i++) {
            SandboxHttp.Answer changed = sandbox.post(token, adSetId, Map.of("daily_budget", (2500 + i * 100) + ""));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        }
        SandboxHttp.Answer refused = sandbox.post(token, adSetId, Map.of("daily_budget", "3500"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("code").asInt()).isEqualTo(613);
        assertThat(refused.error().get("error_subcode").asInt()).isEqualTo(1487632);
        assertThat(sandbox.get(token, adSetId, Map.of("fields", "daily_budget")).json().get("daily_budget").asString())
                .isEqualTo("2900");
        // Other changes to the ad set are still fine.
        assertThat(sandbox.post(token, adSetId, Map.of("name", "Calmer")).status()).isEqualTo(200);

        sandbox.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 3600));
        assertThat(sandbox.post(token, adSetId, Map.of("daily_budget", "3500")).status()).isEqualTo(200);
    }
}
