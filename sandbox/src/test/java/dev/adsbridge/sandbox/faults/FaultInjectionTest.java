package dev.adsbridge.sandbox.faults;

import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each fault kind as a Graph caller meets it. */
class FaultInjectionTest {

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

    @AfterEach
    void clear() {
        sandbox.control("DELETE", "/_sandbox/faults", null);
    }

    private static void arm(Object... keyValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        assertThat(sandbox.control("POST", "/_sandbox/faults", body).status()).isEqualTo(200);
    }

    @Test
    void latency_delays_the_call_and_then_lets_it_through() {
        arm("kind", "latency", "latency_ms", 400, "path", "me");
        long started = System.nanoTime();
        SandboxHttp.Answer answer = sandbox.get(token, "me");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(answer.status()).isEqualTo(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(400);
    }

    @Test
    void server_error_is_a_500_code_1_marked_transient_once() {
        arm("kind", "server_error");
        SandboxHttp.Answer failed = sandbox.get(token, "me");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.error().get("code").asInt()).isEqualTo(1);
        assertThat(failed.error().get("message").asString()).isEqualTo("An unknown error occurred");
        assertThat(failed.error().get("is_transient").asBoolean()).isTrue();
        assertThat(failed.error().get("fbtrace_id").asString()).isNotBlank();
        assertThat(sandbox.get(token, "me").status()).isEqualTo(200);
    }

    @Test
    void transient_is_code_2_please_retry() {
        arm("kind", "transient", "count", 2);
        for (int i = 0; i < 2; i++) {
            SandboxHttp.Answer failed = sandbox.get(token, "me");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.error().get("code").asInt()).isEqualTo(2);
            assertThat(failed.error().get("message").asString())
                    .isEqualTo("An unexpected error has occurred. Please retry your request later.");
            assertThat(failed.error().get("is_transient").asBoolean()).isTrue();
        }
        assertThat(sandbox.get(token, "me").status()).isEqualTo(200);
    }

    @Test
    void a_fault_until_cleared_keeps_firing() {
        arm("kind", "transient", "count", -1);
        for (int i = 0; i < 5; i++) {
            assertThat(sandbox.get(token, "me").status()).isEqualTo(500);
        }
        sandbox.control("DELETE", "/_sandbox/faults", null);
        assertThat(sandbox.get(token, "me").status()).isEqualTo(200);
    }

    @Test
    void path_and_method_filters_narrow_the_fault() {
        arm("kind", "server_error", "path", "act_1000000002", "method", "GET");
        assertThat(sandbox.get(token, "me").status()).isEqualTo(200);
        assertThat(sandbox.get(token, ACCOUNT).status()).isEqualTo(200);
        assertThat(sandbox.get(token, "act_1000000002").status()).isEqualTo(500);
    }

    @Test
    void rate_limit_80004_is_the_business_use_case_error_with_a_full_header() {
        arm("kind", "rate_limit", "path", ACCOUNT);
        SandboxHttp.Answer failed = sandbox.get(token, ACCOUNT + "/campaigns");
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.error().get("code").asInt()).isEqualTo(80004);
        assertThat(failed.error().get("error_subcode").asInt()).isEqualTo(2446079);
        assertThat(failed.error().get("message").asString()).isEqualTo("(#80004) There have been too many calls to "
                + "this ad-account. Wait a bit and try again. For more info, please refer to "
                + "https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-management.");
        JsonNode usage = Json.MAPPER.readTree(failed.header("X-Business-Use-Case-Usage")).get("1000000001").get(0);
        assertThat(usage.get("type").asString()).isEqualTo("ads_management");
        assertThat(usage.get("call_count").asInt()).isEqualTo(100);
        assertThat(usage.get("estimated_time_to_regain_access").asInt()).isPositive();
    }

    @Test
    void rate_limit_80000_is_the_insights_variant() {
        arm("kind", "rate_limit", "code", 80000);
        SandboxHttp.Answer failed = sandbox.get(token, ACCOUNT + "/insights");
        assertThat(failed.error().get("code").asInt()).isEqualTo(80000);
        assertThat(failed.error().get("message").asString()).startsWith("(#80000) There have been too many calls")
                .endsWith("#ads-insights.");
        assertThat(failed.header("X-Business-Use-Case-Usage")).contains("\"type\":\"ads_insights\"");
    }

    @Test
    void rate_limit_17_is_user_request_limit_with_the_account_header_at_100() {
        arm("kind", "rate_limit", "code", 17);
        SandboxHttp.Answer failed = sandbox.get(token, ACCOUNT);
        assertThat(failed.error().get("code").asInt()).isEqualTo(17);
        assertThat(failed.error().get("error_subcode").asInt()).isEqualTo(2446079);
        assertThat(failed.error().get("message").asString()).isEqualTo("(#17) User request limit reached");
        assertThat(failed.error().get("error_user_title").asString()).isEqualTo("Ad Account Has Too Many API Calls");
        assertThat(failed.error().get("is_transient").asBoolean()).isFalse();
        JsonNode usage = Json.MAPPER.readTree(failed.header("X-Ad-Account-Usage"));
        assertThat(usage.get("acc_id_util_pct").asDouble()).isEqualTo(100.0);
        assertThat(usage.get("reset_time_duration").asInt()).isPositive();
    }

    @Test
    void rate_limit_4_is_the_application_limit_with_app_usage_at_100() {
        arm("kind", "rate_limit", "code", 4);
        SandboxHttp.Answer failed = sandbox.get(token, "me");
        assertThat(failed.error().get("code").asInt()).isEqualTo(4);
        assertThat(failed.error().get("message").asString()).isEqualTo("(#4) Application request limit reached");
        assertThat(Json.MAPPER.readTree(failed.header("X-App-Usage")).get("call_count").asInt()).isEqualTo(100);
    }

    @Test
    void rate_limit_613_is_calls_to_this_api_exceeded() {
        arm("kind", "rate_limit", "code", 613);
        SandboxHttp.Answer failed = sandbox.get(token, ACCOUNT);
        assertThat(failed.error().get("code").asInt()).isEqualTo(613);
        assertThat(failed.error().get("error_subcode").asInt()).isEqualTo(1487742);
        assertThat(failed.error().get("message").asString())
                .isEqualTo("(#613) Calls to this api have exceeded the rate limit.");
    }

    @Test
    void expire_token_makes_the_calls_token_expired_from_then_on() {
        String victim = sandbox.token();
        arm("kind", "expire_token", "path", "me");
        for (int i = 0; i < 2; i++) {
            SandboxHttp.Answer failed = sandbox.get(victim, "me");
            assertThat(failed.error().get("code").asInt()).isEqualTo(190);
            assertThat(failed.error().get("error_subcode").asInt()).isEqualTo(463);
        }
        assertThat(sandbox.get(token, "me").status()).isEqualTo(200);
    }

    @Test
    void revoke_token_invalidates_the_calls_token_as_password_changed_or_app_removed() {
        String victim = sandbox.token();
        arm("kind", "revoke_token");
        assertThat(sandbox.get(victim, "me").error().get("error_subcode").asInt()).isEqualTo(460);

        String other = sandbox.token();
        arm("kind", "revoke_token", "subcode", 458);
        assertThat(sandbox.get(other, "me").error().get("error_subcode").asInt()).isEqualTo(458);
    }

    @Test
    void too_much_data_is_a_500_code_1_asking_to_reduce_the_data() {
        arm("kind", "too_much_data", "path", "insights");
        SandboxHttp.Answer failed = sandbox.get(token, ACCOUNT + "/insights");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.error().get("code").asInt()).isEqualTo(1);
        assertThat(failed.error().get("message").asString())
                .isEqualTo("Please reduce the amount of data you're asking for, then retry your request");
    }

    @Test
    void timeout_use_async_is_100_1504018() {
        arm("kind", "timeout_use_async");
        SandboxHttp.Answer failed = sandbox.get(token, ACCOUNT + "/insights");
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.error().get("code").asInt()).isEqualTo(100);
        assertThat(failed.error().get("error_subcode").asInt()).isEqualTo(1504018);
        assertThat(failed.error().get("error_user_msg").asString()).contains("asynchronously");

        arm("kind", "timeout_use_async", "code", 2);
        SandboxHttp.Answer transientTimeout = sandbox.get(token, ACCOUNT + "/insights");
        assertThat(transientTimeout.error().get("code").asInt()).isEqualTo(2);
        assertThat(transientTimeout.error().get("error_subcode").asInt()).isEqualTo(1504038);
    }

    @Test
    void batch_items_are_faulted_one_by_one() {
        arm("kind", "server_error", "path", "act_1000000002");
        SandboxHttp.Answer batch = sandbox.post(token, "", Map.of("batch",
                "[{\"method\":\"GET\",\"relative_url\":\"me\"},{\"method\":\"GET\",\"relative_url\":\"act_1000000002\"}]"));
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.json().get(0).get("code").asInt()).isEqualTo(200);
        assertThat(batch.json().get(1).get("code").asInt()).isEqualTo(500);
        assertThat(Json.MAPPER.readTree(batch.json().get(1).get("body").asString()).get("error").get("code").asInt())
                .isEqualTo(1);
    }

    @Test
    void the_login_dialog_is_never_faulted() {
        arm("kind", "server_error", "count", -1);
        SandboxHttp.Answer page = sandbox.getUrl(null, sandbox.baseUrl() + "/dialog/oauth?client_id=880000000000001"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fconnect%2Fcallback&scope=ads_read");
        assertThat(page.status()).isEqualTo(200);
    }
}
