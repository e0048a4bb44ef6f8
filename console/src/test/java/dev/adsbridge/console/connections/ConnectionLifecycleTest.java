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
        assertThat(dashboard.contains("Facebook tokens last about 60 days. Click Reconnect")).as(dashboard.body())
                .isTrue();
        assertThat(owner.browser().get("/settings").contains("Facebook tokens last about 60 days. Click Reconnect "
                + "and sign in on Facebook as Dana Whitfield")).isTrue();
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
        assertThat(picker.contains("The Facebook sign-in behind this connection expired.")).as(picker.body()).isTrue();
        assertThat(harness.connectionStatus(id)).contains("NEEDS_RECONNECT");
        assertThat(owner.browser().get("/settings").contains("Click Reconnect and sign in on Facebook as Dana "
                + "Whitfield, keeping every permission selected.")).isTrue();
        Page dashboard = owner.browser().get("/");
        assertThat(dashboard.contains("Reconnect needed.")).isTrue();
        awaitReconnectNotice(owner);

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
    void anExpiredTokenIsExplainedInWordsWithoutMetasRawText() {
        ConsoleHarness.Signed owner = harness.owner("Expired Words Co");
        UUID id = connected(owner);
        // Meta's own text for this: "Error validating access token: Session has expired on …. The current time is
        // 1796446832." — an epoch number and jargon a marketer must not be shown.
        harness.controlPost("/_sandbox/faults", Map.of("kind", "expire_token", "path", "adaccounts"));
        Page picker = owner.browser().get("/connections/" + id + "/ad-accounts");
        assertThat(picker.contains("The Facebook sign-in behind this connection expired.")).as(picker.body()).isTrue();
        Page dashboard = owner.browser().get("/");
        assertThat(dashboard.contains("data-connection-status=\"needs-reconnect\"")).as(dashboard.body()).isTrue();
        // One message per problem: once the notice is written, the dashboard still says it once (the banner).
        awaitReconnectNotice(owner);
        dashboard = owner.browser().get("/");
        assertThat(dashboard.contains("Reconnect needed.")).isTrue();
        assertThat(dashboard.contains("A Facebook connection needs a reconnect")).as(dashboard.body()).isFalse();
        for (Page page : java.util.List.of(picker, dashboard, owner.browser().get("/connections"))) {
            assertThat(page.body()).doesNotContain("The current time is").doesNotContain("Error validating")
                    .doesNotContain("access token");
        }
    }

    /** Waits for the one notice that tells the tenant a connection needs a reconnect (written after the event). */
    private void awaitReconnectNotice(ConsoleHarness.Signed owner) {
        ConsoleHarness.eventually("a notice tells the tenant", () -> harness.db()
                .sql("select count(*) from notices where tenant_id = ? and kind = 'connection-needs-reconnect'")
                .param(owner.tenant().value()).query(Long.class).single() == 1);
    }

    /** Connects the tenant as Priya Natarajan, whom no other console test uses, so revocations disturb nobody. */
    private UUID connectAsPriya(ConsoleHarness.Signed owner) {
        Page consent = ConsoleHarness.switchUser(owner.browser(), ConsoleHarness.openConsent(owner.browser()),
                PRIYA);
        Page picker = ConsoleHarness.consent(owner.browser(), consent);
        assertThat(picker.path()).as(picker.body()).contains("/ad-accounts?");
        return harness.connectionIds(owner.tenant()).get(0);
    }

    private static final String PRIYA = "100000000000003";

    private MetaOAuth metaOAuth() {
        return new MetaOAuth(GraphClient.create(GraphConfig.builder().baseUrl(harness.sandbox.baseUrl())
                .appId(harness.sandbox.config().appId()).appSecret(harness.sandbox.config().appSecret()).build()));
    }

    private Map<String, Object> lastDisconnectAudit(ConsoleHarness.Signed owner) {
        ConsoleHarness.eventually("the disconnect is audited", () -> harness.db()
                .sql("select count(*) from audit_log where tenant_id = ? and action = 'connection.disconnect'")
                .param(owner.tenant().value()).query(Long.class).single() == 1);
        return harness.db().sql("select actor, outcome, after_json from audit_log where tenant_id = ? "
                + "and action = 'connection.disconnect'").param(owner.tenant().value()).query().singleRow();
    }

    /**
     * Meta authorizes the app per Facebook user: two workspaces connected with the same user share that
     * authorization. The first Disconnect erases only its own copy; the last one revokes on Meta.
     */
    @Test
    void disconnectRevokesOnMetaOnlyWhenNoOtherWorkspaceUsesTheFacebookUser() {
        ConsoleHarness.Signed first = harness.owner("Shared User One");
        ConsoleHarness.Signed second = harness.owner("Shared User Two");
        UUID one = connectAsPriya(first);
        UUID two = connectAsPriya(second);
        String firstToken = harness.tokenOf(first.tenant(), one);
        String secondToken = harness.tokenOf(second.tenant(), two);

        // The settings page asks first, and says Facebook access stays for the other workspace.
        Page settings = first.browser().get("/settings");
        assertThat(settings.body()).contains("/connections/" + one + "/disconnect");
        Page confirm = first.browser().get("/connections/" + one + "/disconnect");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.contains("Facebook access stays for the other workspaces using this Facebook account"))
                .as(confirm.body()).isTrue();
        assertThat(confirm.body()).doesNotContain("Shared User Two").doesNotContain(second.email());
        // A POST without the confirmation only shows that page.
        Page unconfirmed = first.browser().post("/connections/" + one + "/disconnect", Map.of());
        assertThat(unconfirmed.path()).isEqualTo("/connections/" + one + "/disconnect");
        assertThat(harness.connectionStatus(one)).contains("ACTIVE");

        Page done = first.browser().post("/connections/" + one + "/disconnect", Map.of("confirm", "yes"));
        assertThat(done.path()).isEqualTo("/settings");
        assertThat(done.contains("Removed here; Facebook access stays for other workspaces using this Facebook "
                + "account.")).as(done.body()).isTrue();
        Map<String, Object> row = harness.db().sql("select status, sealed_token, status_cause from connections "
                + "where id = ?").param(one).query().singleRow();
        assertThat(row.get("status")).isEqualTo("REVOKED");
        assertThat(row.get("sealed_token")).isNull();
        assertThat(row.get("status_cause")).isEqualTo("disconnected");
        MetaOAuth meta = metaOAuth();
        assertThat(meta.debugToken(secondToken).isValid()).as("the other workspace keeps working").isTrue();
        assertThat(meta.debugToken(firstToken).isValid()).as("not revoked on Meta").isTrue();
        assertThat(harness.connectionStatus(two)).contains("ACTIVE");
        assertThat(second.browser().get("/connections/" + two + "/ad-accounts").contains("Reconnect needed."))
                .isFalse();
        Map<String, Object> firstAudit = lastDisconnectAudit(first);
        assertThat(firstAudit.get("actor")).isEqualTo(first.email());
        assertThat((String) firstAudit.get("after_json")).contains("\"meta_revoked\":false")
                .contains("\"meta_revocation\":\"kept_for_other_connections\"");

        // The last workspace using this Facebook user revokes on Meta, and says so.
        Page lastConfirm = second.browser().get("/connections/" + two + "/disconnect");
        assertThat(lastConfirm.contains("AdsBridge will also remove its access on Facebook")).as(lastConfirm.body())
                .isTrue();
        Page last = second.browser().post("/connections/" + two + "/disconnect", Map.of("confirm", "yes"));
        assertThat(last.contains("Disconnected: access was revoked on Facebook and the token erased.")).isTrue();
        assertThat(meta.debugToken(secondToken).isValid()).as("revoked on Meta").isFalse();
        assertThat(harness.connectionStatus(two)).contains("REVOKED");
        assertThat((String) lastDisconnectAudit(second).get("after_json")).contains("\"meta_revoked\":true")
                .contains("\"meta_revocation\":\"revoked\"");

        // The settings page says what happened and how to fix it.
        Page after = first.browser().get("/settings");
        assertThat(after.contains("Disconnected by Owner of Shared User One; Facebook access stays for other "
                + "workspaces using this Facebook account.")).as(after.body()).isTrue();
        assertThat(after.contains("Click Connect again to use this Facebook account here again.")).isTrue();
        assertThat(after.body()).doesNotContain("/connections/" + one + "/disconnect\"");
        // Disconnecting again changes nothing.
        assertThat(first.browser().get("/connections/" + one + "/disconnect").path()).isEqualTo("/settings");
    }
}
