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

    @Test
    void pausingIsNeverHeldBackByOurBackOffAndTheBlockLiftsWhenMetasUsageDrops() {
        String account = "act_1000000003";
        Tenant t = tenant(account);
        AdsApiTest.Answer created = AdsApiTest.post(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns",
                Map.of("name", "Back-off " + UUID.randomUUID(), "objective", "OUTCOME_TRAFFIC", "daily_budget", "2500"));
        assertThat(created.status()).as(created.response().body()).isEqualTo(201);
        String campaign = created.json().path("id").asString();
        try {
            // 95 % of the ad account's score: the next read reports it, and reads pause.
            harness.controlPost("/_sandbox/rate-limits", Map.of("account_id", account, "score", 8550,
                    "enforce", false));
            AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/summary");
            AdsApiTest.Answer read = AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns");
            assertThat(read.status()).as(read.response().body()).isEqualTo(429);
            assertThat(read.json().path("error").path("details").path("title").asString()).isNotBlank();
            assertThat(read.json().path("error").path("message").asString()).contains("You can try again in")
                    .contains("Pausing and lowering budgets still work");

            // A pause goes through at 95 %, and so does a budget decrease.
            AdsApiTest.Answer pause = AdsApiTest.post(t.key(), "/api/v1/campaigns/" + campaign + "/status",
                    Map.of("status", "PAUSED"));
            assertThat(pause.status()).as(pause.response().body()).isEqualTo(200);

            // Still 95 %: an activation (spend-increasing) is held back like a read.
            AdsApiTest.Answer activate = AdsApiTest.post(t.key(), "/api/v1/campaigns/" + campaign + "/status",
                    Map.of("status", "ACTIVE", "confirm", true));
            assertThat(activate.status()).as(activate.response().body()).isEqualTo(429);

            // Meta's usage drops; the next call that reaches Meta (a pause) reports it and the block lifts at once.
            harness.controlPost("/_sandbox/rate-limits", Map.of("account_id", account, "score", 10,
                    "enforce", false));
            AdsApiTest.Answer again = AdsApiTest.post(t.key(), "/api/v1/campaigns/" + campaign + "/status",
                    Map.of("status", "PAUSED"));
            assertThat(again.status()).as(again.response().body()).isEqualTo(200);
            AdsApiTest.Answer lifted = AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns");
            assertThat(lifted.status()).as(lifted.response().body()).isEqualTo(200);
        } finally {
            harness.control("DELETE", "/_sandbox/rate-limits", null);
            harness.bean(MetaUsageGuard.class).forget(account);
        }
    }

    @Test
    void aBlockLiftsWhenMetasRegainTimeHasPassedOrTheNextReadingIsLow() {
        dev.adsbridge.console.support.MutableClock clock = new dev.adsbridge.console.support.MutableClock();
        dev.adsbridge.console.apikeys.SharedRedis redis = new dev.adsbridge.console.apikeys.SharedRedis(
                new dev.adsbridge.console.apikeys.RateLimitProperties(null, 1200, 600, java.time.Duration.ofMinutes(1),
                        java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(10)));
        // Without Redis the readings are kept in the database: here H2 (the dev-mode statements).
        org.springframework.jdbc.datasource.SingleConnectionDataSource h2 =
                new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                        "jdbc:h2:mem:meta-usage-" + java.util.UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                        "sa", "", true);
        org.springframework.jdbc.core.simple.JdbcClient jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(h2);
        jdbc.sql("create table meta_usage (usage_key varchar(100) primary key, percent double precision not null, "
                + "reset_at timestamp with time zone not null)").update();
        MetaUsageGuard guard = new MetaUsageGuard(clock, redis, new MetaUsageRepository(jdbc, clock,
                new org.springframework.mock.env.MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:x")));
        try {
            // Meta blocks the account for 5 minutes: we hold back exactly that long, not longer.
            guard.record("act_1", 100, 300);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.beforeCall("act_1"))
                    .isInstanceOf(AdsException.class).hasMessageContaining("5 minutes");
            clock.advance(java.time.Duration.ofSeconds(301));
            guard.beforeCall("act_1");

            // A high reading without a regain time holds back briefly; a low reading lifts it at once.
            guard.record("act_1", 95, 0);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.beforeCall("act_1"))
                    .isInstanceOf(AdsException.class);
            guard.record("act_1", 40, 0);
            guard.beforeCall("act_1");
            guard.record("act_1", 95, 0);
            clock.advance(MetaUsageGuard.COOL_DOWN.plusSeconds(1));
            guard.beforeCall("act_1");

            // The app-wide limit holds every account back while Meta's app usage is high, and lifts with it.
            guard.record("act_1", tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree("{\"app_call_count_pct\":97,\"ad_account_util_pct\":3,\"regain_access_seconds\":0}"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.beforeCall("act_2"))
                    .isInstanceOf(AdsException.class)
                    .satisfies(e -> assertThat(((AdsException) e).code()).isEqualTo("meta_app_rate_limited"));
            guard.record("act_2", tools.jackson.databind.json.JsonMapper.builder().build()
                    .readTree("{\"app_call_count_pct\":20,\"ad_account_util_pct\":1,\"regain_access_seconds\":0}"));
            guard.beforeCall("act_1");
            guard.beforeCall("act_2");
            assertThat(jdbc.sql("select count(*) from meta_usage where reset_at > ?")
                    .param(dev.adsbridge.console.SqlTime.of(clock.instant())).query(Long.class).single())
                    .as("no reading still blocks").isZero();
        } finally {
            redis.destroy();
            h2.destroy();
        }
    }
}
