package dev.adsbridge.sandbox.limits;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage headers of the standard tier, as Meta sends them: account and Business Use Case usage on every Marketing
 * API answer, growing with calls; {@code X-App-Usage} only on other Graph calls, and only once the app's usage counts.
 */
class UsageHeadersTest {

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        // A fixed clock: no decay between calls, so the numbers are exact.
        sandbox = SandboxHttp.start(SandboxConfig.defaults().withClock(
                Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC)));
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_read_on_an_ad_account_carries_account_and_business_use_case_usage_but_not_app_usage() {
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("app_calls", 1_000_000));
        SandboxHttp.Answer answer = sandbox.get(token, "act_1000000002");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("X-App-Usage")).as("Marketing API calls are not platform rate limited").isNull();
        JsonNode account = Json.MAPPER.readTree(answer.header("X-Ad-Account-Usage"));
        assertThat(account.get("ads_api_access_tier").asString()).isEqualTo("standard_access");
        assertThat(account.get("acc_id_util_pct").asDouble()).isPositive();
        JsonNode buc = Json.MAPPER.readTree(answer.header("X-Business-Use-Case-Usage")).get("1000000002").get(0);
        assertThat(buc.get("type").asString()).isEqualTo("ads_management");
        assertThat(buc.get("estimated_time_to_regain_access").asInt()).isZero();
        assertThat(buc.get("ads_api_access_tier").asString()).isEqualTo("standard_access");
    }

    @Test
    void app_usage_appears_on_other_graph_calls_once_the_app_uses_one_percent_of_its_budget() {
        sandbox.control("DELETE", "/_sandbox/rate-limits", null);
        SandboxHttp.Answer first = sandbox.get(token, "me");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("X-App-Usage")).as("not from the first call").isNull();
        assertThat(first.header("X-Ad-Account-Usage")).isNull();

        // Standard tier budget: 2,000,000 calls an hour; 1 % is 20,000.
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("app_calls", 20_000));
        JsonNode app = Json.MAPPER.readTree(sandbox.get(token, "me").header("X-App-Usage"));
        assertThat(app.get("call_count").asInt()).isEqualTo(1);
        assertThat(app.has("total_cputime")).isTrue();
        assertThat(app.has("total_time")).isTrue();

        SandboxHttp.Answer badToken = sandbox.get("garbage", "me");
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.header("X-App-Usage")).isNotNull();
    }

    @Test
    void the_account_score_grows_with_each_read() {
        sandbox.control("DELETE", "/_sandbox/rate-limits", null);
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("account_id", "act_1000000003", "score", 8000));
        SandboxHttp.Answer first = sandbox.get(token, "act_1000000003");
        assertThat(util(first)).isEqualTo(88.9); // 8001 of 9000 points
        assertThat(Json.MAPPER.readTree(first.header("X-Ad-Account-Usage")).get("reset_time_duration").asLong())
                .isEqualTo(267); // 8001 points decay at 30 a second
        for (int i = 0; i < 20; i++) {
            sandbox.get(token, "act_1000000003");
        }
        assertThat(bucCalls("act_1000000003")).isEqualTo(21);
        assertThat(util(sandbox.get(token, "act_1000000003"))).isEqualTo(89.13); // 8022 of 9000
    }

    @Test
    void app_usage_grows_with_calls() {
        sandbox.control("DELETE", "/_sandbox/rate-limits", null);
        // Standard tier budget: 2,000,000 calls an hour; start just under 1% so the next calls cross it.
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("app_calls", 39_998));
        assertThat(appPct(sandbox.get(token, "me"))).isEqualTo(1); // 39,999 calls
        assertThat(appPct(sandbox.get(token, "me"))).isEqualTo(2); // 40,000 calls = 2%
    }

    @Test
    void the_rate_limit_state_counts_reads_per_account() {
        sandbox.control("DELETE", "/_sandbox/rate-limits", null);
        for (int i = 0; i < 3; i++) {
            sandbox.get(token, "act_1000000005");
        }
        JsonNode account = sandbox.control("GET", "/_sandbox/rate-limits", null).json().get("accounts")
                .get("act_1000000005");
        assertThat(account.get("ads_management").get("calls_this_hour").asLong()).isEqualTo(3);
        assertThat(account.get("score").asDouble()).isEqualTo(3.0);
        assertThat(account.get("ads_management").get("quota_per_hour").asLong()).isGreaterThanOrEqualTo(100_000);
    }

    private long bucCalls(String account) {
        return sandbox.control("GET", "/_sandbox/rate-limits", null).json().get("accounts").get(account)
                .get("ads_management").get("calls_this_hour").asLong();
    }

    private static double util(SandboxHttp.Answer answer) {
        return Json.MAPPER.readTree(answer.header("X-Ad-Account-Usage")).get("acc_id_util_pct").asDouble();
    }

    private static int appPct(SandboxHttp.Answer answer) {
        return Json.MAPPER.readTree(answer.header("X-App-Usage")).get("call_count").asInt();
    }
}
