package dev.adsbridge.sandbox.limits;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graph API "Rate Limits": Graph API requests are subject to the app's Platform rate limit (code 4 when used up),
 * while Marketing API requests are subject to Business Use Case limits instead, so an app at its platform limit still
 * reads and writes ads.
 */
class PlatformLimitsContractTest {

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start(SandboxConfig.defaults().withAccessTier("development_access"));
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void an_app_at_its_platform_limit_is_refused_graph_calls_but_not_ads_calls() {
        sandbox.control("POST", "/_sandbox/rate-limits", Map.of("app_calls", 20_000));
        SandboxHttp.Answer me = sandbox.get(token, "me");
        assertThat(me.status()).isEqualTo(400);
        assertThat(me.error().path("code").asInt()).isEqualTo(4);

        SandboxHttp.Answer account = sandbox.get(token, "act_1000000001", Map.of("fields", "name"));
        assertThat(account.status()).as(account.body()).isEqualTo(200);
        SandboxHttp.Answer campaigns = sandbox.get(token, "act_1000000001/campaigns", Map.of("limit", "1"));
        assertThat(campaigns.status()).isEqualTo(200);
        assertThat(campaigns.header("X-Business-Use-Case-Usage")).contains("ads_management");
    }
}
