package dev.adsbridge.sandbox.limits;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The development access tier: 60 points, a 300 s block, 300 ads_management calls an hour. */
class DevelopmentTierLimitsTest {

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start(SandboxConfig.defaults().withAccessTier("development_access")
                .withClock(Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC)));
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.control("DELETE", "/_sandbox/rate-limits", null);
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("enforce", true));
    }

    @Test
    void sixty_points_of_reads_pass_and_the_next_is_blocked_with_17_2446079() {
        SandboxHttp.Answer last = null;
        for (int i = 1; i <= 60; i++) {
            last = sandbox.get(token, "act_1000000002");
            assertThat(last.status()).as("read %d", i).isEqualTo(200);
        }
        JsonNode usage = Json.MAPPER.readTree(last.header("X-Ad-Account-Usage"));
        assertThat(usage.get("acc_id_util_pct").asDouble()).isEqualTo(100.0);
        assertThat(usage.get("ads_api_access_tier").asString()).isEqualTo("development_access");

        SandboxHttp.Answer blocked = sandbox.get(token, "act_1000000002");
        assertThat(blocked.status()).isEqualTo(400);
        assertThat(blocked.error().get("code").asInt()).isEqualTo(17);
        assertThat(blocked.error().get("error_subcode").asInt()).isEqualTo(2446079);
        assertThat(blocked.error().get("type").asString()).isEqualTo("OAuthException");
        assertThat(blocked.error().get("is_transient").asBoolean()).isFalse();
        assertThat(blocked.error().get("error_user_title").asString()).isEqualTo("Ad Account Has Too Many API Calls");
        JsonNode blockedUsage = Json.MAPPER.readTree(blocked.header("X-Ad-Account-Usage"));
        assertThat(blockedUsage.get("acc_id_util_pct").asDouble()).isEqualTo(100.0);
        assertThat(blockedUsage.get("reset_time_duration").asLong()).isEqualTo(300);

        // Other accounts are not affected; this one stays blocked until the block has passed.
        assertThat(sandbox.get(token, "act_1000000003").status()).isEqualTo(200);
        sandbox.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 200));
        SandboxHttp.Answer stillBlocked = sandbox.get(token, "act_1000000002");
        assertThat(stillBlocked.error().get("code").asInt()).isEqualTo(17);
        assertThat(Json.MAPPER.readTree(stillBlocked.header("X-Ad-Account-Usage")).get("reset_time_duration")
                .asLong()).isEqualTo(100);
        sandbox.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 101));
        SandboxHttp.Answer again = sandbox.get(token, "act_1000000002");
        assertThat(again.status()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(again.header("X-Ad-Account-Usage")).get("acc_id_util_pct").asDouble())
                .isEqualTo(1.67);
    }

    @Test
    void the_score_decays_over_the_window() {
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("account_id", "act_1000000003", "score", 59));
        sandbox.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 150));
        // 59 points less 30 decayed in 150 s, plus this read.
        SandboxHttp.Answer answer = sandbox.get(token, "act_1000000003");
        assertThat(Json.MAPPER.readTree(answer.header("X-Ad-Account-Usage")).get("acc_id_util_pct").asDouble())
                .isEqualTo(50.0);
    }

    @Test
    void the_ads_management_quota_of_300_an_hour_answers_80004() {
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("account_id", "act_1000000005",
                "ads_management_calls", 299));
        SandboxHttp.Answer lastAllowed = sandbox.get(token, "act_1000000005");
        assertThat(lastAllowed.status()).isEqualTo(200);
        JsonNode full = Json.MAPPER.readTree(lastAllowed.header("X-Business-Use-Case-Usage")).get("1000000005")
                .get(0);
        assertThat(full.get("call_count").asInt()).isEqualTo(100);
        assertThat(full.get("ads_api_access_tier").asString()).isEqualTo("development_access");

        SandboxHttp.Answer refused = sandbox.get(token, "act_1000000005");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("code").asInt()).isEqualTo(80004);
        assertThat(refused.error().get("message").asString()).isEqualTo("(#80004) There have been too many calls to "
                + "this ad-account. Wait a bit and try again. For more info, please refer to "
                + "https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.");
        JsonNode usage = Json.MAPPER.readTree(refused.header("X-Business-Use-Case-Usage")).get("1000000005").get(0);
        assertThat(usage.get("type").asString()).isEqualTo("ads_management");
        assertThat(usage.get("estimated_time_to_regain_access").asInt()).isEqualTo(60);

        // The hour passes: calls are allowed again.
        sandbox.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 3600));
        assertThat(sandbox.get(token, "act_1000000005").status()).isEqualTo(200);
    }

    @Test
    void the_app_budget_answers_4_when_used_up() {
        // Development budget: 20,000 calls an hour.
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("app_calls", 19_998));
        SandboxHttp.Answer nearly = sandbox.get(token, "me");
        assertThat(nearly.status()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(nearly.header("X-App-Usage")).get("call_count").asInt()).isEqualTo(99);
        SandboxHttp.Answer full = sandbox.get(token, "me");
        assertThat(Json.MAPPER.readTree(full.header("X-App-Usage")).get("call_count").asInt()).isEqualTo(100);

        SandboxHttp.Answer refused = sandbox.get(token, "me");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error().get("code").asInt()).isEqualTo(4);
        assertThat(refused.error().get("message").asString()).isEqualTo("(#4) Application request limit reached");
        assertThat(Json.MAPPER.readTree(refused.header("X-App-Usage")).get("call_count").asInt()).isEqualTo(100);
    }

    @Test
    void without_enforcement_usage_is_counted_but_nothing_is_refused() {
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("enforce", false));
        for (int i = 0; i < 70; i++) {
            assertThat(sandbox.get(token, "act_1000000002").status()).isEqualTo(200);
        }
        JsonNode state = sandbox.control("GET", "/_sandbox/rate-limits", null).json();
        assertThat(state.get("enforced").asBoolean()).isFalse();
        assertThat(state.get("accounts").get("act_1000000002").get("ads_management").get("calls_this_hour").asLong())
                .isEqualTo(70);
    }

    @Test
    void batch_items_each_count_toward_the_account() {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 5; i++) {
            items.append(i == 0 ? "" : ",").append("{\"method\":\"GET\",\"relative_url\":\"act_1000000003\"}");
        }
        SandboxHttp.Answer batch = sandbox.post(token, "", Map.of("batch", items.append("]").toString()));
        assertThat(batch.status()).isEqualTo(200);
        JsonNode account = sandbox.control("GET", "/_sandbox/rate-limits", null).json().get("accounts")
                .get("act_1000000003");
        assertThat(account.get("ads_management").get("calls_this_hour").asLong()).isEqualTo(5);
        assertThat(account.get("score").asDouble()).isEqualTo(5.0);
    }
}
