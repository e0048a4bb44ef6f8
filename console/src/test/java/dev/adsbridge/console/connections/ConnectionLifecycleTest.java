package dev.adsbridge.console.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.graph.GraphConfig;
import dev.adsbridge.graph.MetaOAuth;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry warnings, needs-reconnect, reconnect in place, disconnect. */
class ConnectionLifecycleTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();

    @AfterEach
    void reset() {
        harness.clock.reset();
        harness.control("DELETE", "/_sandbox/faults", null);
    }

    private UUID connected(ConsoleHarness.Signed owner) {
        ConsoleHarness.connect(owner.browser());
        return harness.connectionIds(owner.tenant()).get(0);
    }

    private Instant expiresAt(UUID id) {
        return harness.db().sql("select expires_at from connections where id = ?").param(id)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    @Test
    void theDailyJobWarnsOwnersBeforeExpiryThenMarksExpiredConnections() {
        ConsoleHarness.Signed owner = harness.owner("Expiring Co");
        UUID id = connected(owner);
        Instant expiry = expiresAt(id);
        assertThat(harness.db().sql("select count(*) from scheduled_tasks where task_name = ?")
                .param(ExpiryWarningsTask.NAME).query(Long.class).single()).as("scheduled in db-scheduler").isOne();

        ExpiryWarnings job = harness.bean(ExpiryWarnings.class);
        harness.clock.setTo(expiry.minus(Duration.ofDays(8)));
        job.run();
        assertThat(owner.browser().get("/").contains("expires on")).isFalse();

        harness.clock.setTo(expiry.minus(Duration.ofDays(3)));
        ExpiryWarnings.Run run = job.run();
        assertThat(run.warned()).as(run + " at " + harness.clock.instant() + " expiry " + expiry + " rows "
                + harness.db().sql("select status, expires_at, expiry_warned_for from connections where id = ?")
                .param(id).query().listOfRows()).isGreaterThanOrEqualTo(1);
        ConsoleHarness.eventually("the owner sees the warning", () -> owner.browser().get("/")
                .contains("The Facebook connection of Dana Whitfield expires on"));
        job.run(); // warned once per expiry date
        assertThat(harness.db().sql("select count(*) from notices where tenant_id = ? and dismissed_at is null")
                .param(owner.tenant().value()).query(Long.class).single()).isOne();
        assertThat(harness.connectionStatus(id)).contains("ACTIVE");

        harness.clock.setTo(expiry.plus(Duration.ofMinutes(1)));
        assertThat(job.run().expired()).isGreaterThanOrEqualTo(1);
        assertThat(harness.connectionStatus(id)).contains("NEEDS_RECONNECT");
        Page dashboard = owner.browser().get("/");
        assertThat(dashboard.contains("Reconnect needed.")).isTrue();
        assertThat(dashboard.contains("The Facebook token expired on")).isTrue();
    }

    @Test
    void aTokenTheSandboxExpiredMarksTheConnectionForReconnectAndReconnectRestoresItInPlace() {
        ConsoleHarness.Signed owner = harness.owner("Reconnect Co");
        UUID id = connected(owner);
        owner.browser().post("/connections/" + id + "/ad-accounts", Map.of("account", "act_1000000002"));
        String oldToken = harness.tokenOf(owner.tenant(), id);
        harness.controlPost("/_sandbox/tokens/expire", Map.of("access_token", oldToken));

        Page picker = owner.browser().get("/connections/" + id + "/ad-accounts");
        assertThat(picker.contains("Reconnect needed.")).isTrue();
        assertThat(picker.contains("Facebook no longer accepts this connection")).isTrue();
        assertThat(harness.connectionStatus(id)).contains("NEEDS_RECONNECT");
        Page dashboard = owner.browser().get("/");
        assertThat(dashboard.contains("Reconnect needed.")).isTrue();
        ConsoleHarness.eventually("a notice tells the tenant", () -> harness.db()
                .sql("select count(*) from notices where tenant_id = ? and kind = 'connection-needs-reconnect'")
                .param(owner.tenant().value()).query(Long.class).single() == 1);

        Page consent = owner.browser().post("/connections/" + id + "/reconnect", Map.of());
        Page restored = ConsoleHarness.consent(owner.browser(), consent);
        assertThat(restored.path()).isEqualTo("/connections/" + id + "/ad-accounts?reconnected");
        assertThat(harness.connectionIds(owner.tenant())).containsExactly(id);
        assertThat(harness.connectionStatus(id)).contains("ACTIVE");
        String newToken = harness.tokenOf(owner.tenant(), id);
        assertThat(newToken).isNotEqualTo(oldToken);
        assertThat(restored.body()).contains("act_1000000002");
        // The ad-account choice survived the reconnect.
        assertThat(harness.db().sql("select ad_account_id from chosen_ad_accounts where connection_id = ?").param(id)
                .query(String.class).list()).containsExactly("act_1000000002");
        assertThat(owner.browser().get("/").contains("Reconnect needed.")).isFalse();
    }

    @Test
    void anAuthErrorFromTheMcpServerMarksTheConnection() {
        ConsoleHarness.Signed owner = harness.owner("Fault Co");
        UUID id = connected(owner);
        harness.controlPost("/_sandbox/faults", Map.of("kind", "revoke_token", "path", "adaccounts"));
        Page picker = owner.browser().get("/connections/" + id + "/ad-accounts");
        assertThat(picker.contains("Reconnect needed.")).isTrue();
        assertThat(harness.connectionStatus(id)).contains("NEEDS_RECONNECT");
    }

    @Test
    void disconnectRevokesOnMetaAndErasesTheToken() {
        ConsoleHarness.Signed owner = harness.owner("Disconnect Co");
        UUID id = connected(owner);
        String token = harness.tokenOf(owner.tenant(), id);

        Page settings = owner.browser().post("/connections/" + id + "/disconnect", Map.of());
        assertThat(settings.path()).isEqualTo("/settings");
        assertThat(settings.contains("Disconnected: access was revoked on Facebook and the token erased.")).isTrue();
        Map<String, Object> row = harness.db().sql("select status, sealed_token, kek_provider from connections "
                + "where id = ?").param(id).query().singleRow();
        assertThat(row.get("status")).isEqualTo("REVOKED");
        assertThat(row.get("sealed_token")).isNull();
        assertThat(row.get("kek_provider")).isNull();

        MetaOAuth meta = new MetaOAuth(GraphClient.create(GraphConfig.builder().baseUrl(harness.sandbox.baseUrl())
                .appId(harness.sandbox.config().appId()).appSecret(harness.sandbox.config().appSecret()).build()));
        assertThat(meta.debugToken(token).isValid()).as("the sandbox no longer accepts the token").isFalse();
        assertThat(owner.browser().get("/").contains("No Facebook Ads account is connected yet.")).isTrue();
    }
}
