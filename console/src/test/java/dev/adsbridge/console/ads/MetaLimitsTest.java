package dev.adsbridge.console.ads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Meta's usage and token state, as the REST API reports them. */
class MetaLimitsTest {

    static final ConsoleHarness harness = AdsApiTest.harness;

    record Tenant(String key, UUID connection, ConsoleHarness.Signed owner) {
    }

    static Tenant tenant(String account) {
        ConsoleHarness.Signed owner = harness.owner("Limits " + UUID.randomUUID().toString().substring(0, 5));
        ConsoleHarness.connect(owner.browser());
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", account));
        return new Tenant(AdsApiTest.createKey(owner.browser(), "k", "read_write"), connection, owner);
    }

    @Test
    void highMetaUsageForAnAccountPausesCallsWithRetryAfter() {
        String account = "act_1000000003";
        Tenant t = tenant(account);
        try {
            harness.controlPost("/_sandbox/rate-limits", Map.of("account_id", account, "score", 8800,
                    "enforce", false));
            // The first tool call reads past 90 % usage; the calls after it for this account pause.
            AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/summary");
            AdsApiTest.Answer second = AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns");
            assertThat(second.status()).as(second.response().body()).isEqualTo(429);
            assertThat(second.json().path("error").path("code").asString()).isEqualTo("meta_rate_limited");
            assertThat(second.header("Retry-After")).isNotBlank();
        } finally {
            harness.control("DELETE", "/_sandbox/rate-limits", null);
            harness.bean(MetaUsageGuard.class).forget(account);
        }
    }

    @Test
    void anExpiredTokenMarksTheConnectionForReconnect() {
        Tenant t = tenant("act_1000000002");
        String token = harness.tokenOf(t.owner().tenant(), t.connection());
        harness.controlPost("/_sandbox/tokens/expire", Map.of("access_token", token));
        AdsApiTest.Answer answer = AdsApiTest.get(t.key(), "/api/v1/ad-accounts/act_1000000002/campaigns");
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(409);
        assertThat(answer.json().path("error").path("code").asString()).isEqualTo("connection_needs_reconnect");
        assertThat(answer.response().body()).doesNotContain(token);
        assertThat(harness.connectionStatus(t.connection())).contains("NEEDS_RECONNECT");
        AdsApiTest.Answer connection = AdsApiTest.get(t.key(), "/api/v1/connection");
        assertThat(connection.json().path("status").asString()).isEqualTo("needs_reconnect");
    }
}
