package dev.adsbridge.console.connections;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static dev.adsbridge.console.support.ConsoleHarness.connect;
import static dev.adsbridge.console.support.ConsoleHarness.consent;
import static dev.adsbridge.console.support.ConsoleHarness.openConsent;
import static dev.adsbridge.console.support.ConsoleHarness.submitConsent;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import dev.adsbridge.console.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** "Connect Facebook Ads" end to end: a browser, the console, the sandbox's login dialog and the MCP server. */
class ConnectFlowTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();

    @AfterEach
    void resetClock() {
        harness.clock.reset();
    }

    @Test
    void connectingStoresAnEncryptedTokenAndListsAdAccountsThroughMcp() {
        LogCapture logs = LogCapture.atDebug();
        Browser browser;
        String verifier;
        String email = ConsoleHarness.email("dana");
        Page picker;
        try {
            browser = harness.browser();
            assertThat(browser.signUp("Whitfield Outdoor", "Dana", email, PASSWORD).contains("Your account is ready"))
                    .isTrue();
            Page dashboard = browser.signIn(email, PASSWORD);
            assertThat(dashboard.contains("Connect Facebook Ads")).isTrue();
            assertThat(dashboard.contains("No Facebook Ads account is connected yet.")).isTrue();

            Page consentPage = openConsent(browser);
            assertThat(consentPage.uri().toString()).startsWith(harness.sandbox.baseUrl() + "/v25.0/dialog/oauth");
            String state = consentPage.input("state").orElseThrow();
            assertThat(state).hasSizeGreaterThanOrEqualTo(22); // ≥ 128 bits, base64url

            // Stored server-side as a hash only, bound to the member and tenant, with the flow's PKCE verifier sealed.
            assertThat(harness.db().sql("select count(*) from oauth_states where state_hash = ? and used_at is null")
                    .param(dev.adsbridge.console.Secrets.hash(state)).query(Long.class).single()).isOne();
            String challenge = consentPage.input("code_challenge").orElseThrow();
            assertThat(consentPage.input("code_challenge_method")).contains("S256");
            assertThat(challenge).hasSize(43);
            byte[] sealedVerifier = harness.db().sql("select sealed_verifier from oauth_states where state_hash = ?")
                    .param(dev.adsbridge.console.Secrets.hash(state)).query(byte[].class).single();
            assertThat(sealedVerifier).isNotEmpty();
            // The verifier opens only through the vault (bound to the tenant and the flow) and hashes to the challenge.
            UUID flowId = harness.db().sql("select flow_id from oauth_states where state_hash = ?")
                    .param(dev.adsbridge.console.Secrets.hash(state)).query(UUID.class).single();
            verifier = harness.bean(dev.adsbridge.console.vault.TokenVault.class).open(harness.tenantOf(email), flowId,
                    dev.adsbridge.console.vault.SealedToken.fromBytes(sealedVerifier));
            assertThat(dev.adsbridge.graph.Pkce.challenge(verifier)).isEqualTo(challenge);
            assertThat(consentPage.body()).doesNotContain(verifier);
            assertThat(new String(sealedVerifier, StandardCharsets.ISO_8859_1)).doesNotContain(verifier);
            assertThat(harness.db().sql("select count(*) from oauth_states where state_hash = ?").param(state)
                    .query(Long.class).single()).isZero();
            picker = consent(browser, consentPage);
        } finally {
            logs.stop();
        }
        TenantId tenant = harness.tenantOf(email);
        assertThat(harness.db().sql("select count(*) from oauth_states where tenant_id = ? and used_at is not null "
                + "and sealed_verifier is null").param(tenant.value()).query(Long.class).single())
                .as("the used state's verifier is erased").isOne();
        // The session lives in the database (any replica can take the callback), under the member's e-mail.
        assertThat(harness.db().sql("select count(*) from spring_session where principal_name = ?").param(email)
                .query(Long.class).single()).isOne();
        List<UUID> ids = harness.connectionIds(tenant);
        assertThat(ids).as(picker + "\n" + picker.body()).hasSize(1);
        UUID id = ids.get(0);
        assertThat(picker.path()).isEqualTo("/connections/" + id + "/ad-accounts?connected");
        assertThat(picker.contains("Connected to Facebook as")).isTrue();
        assertThat(picker.contains("Dana Whitfield")).isTrue();
        // The ad accounts come from the sandbox through the MCP server's get_ad_accounts.
        assertThat(picker.body()).contains("act_1000000001", "act_1000000002", "act_1000000005");

        Map<String, Object> row = harness.db().sql("select * from connections where id = ?").param(id)
                .query().singleRow();
        assertThat(row.get("status")).isEqualTo("ACTIVE");
        assertThat(row.get("meta_app_id")).isEqualTo(harness.sandbox.config().appId());
        assertThat(row.get("facebook_user_id")).isEqualTo(ConsoleHarness.DEMO_USER);
        assertThat((String) row.get("scopes")).contains("ads_read", "ads_management", "business_management");
        assertThat(row.get("expires_at")).isNotNull();
        assertThat(row.get("data_access_expires_at")).isNotNull();
        assertThat(row.get("last_successful_use")).isNotNull();
        assertThat(((java.sql.Timestamp) row.get("expires_at")).toInstant())
                .isAfter(Instant.now().plus(Duration.ofDays(50)));

        String token = harness.tokenOf(tenant, id);
        assertThat(token).hasSizeGreaterThan(20);
        assertThat((byte[]) row.get("sealed_token")).isNotEmpty();
        assertThat(new String((byte[]) row.get("sealed_token"), StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(harness.db().sql("select count(*) from connections where cast(sealed_token as varchar) like ?"
                + " or scopes like ? or facebook_user_name like ?").params("%" + token + "%", "%" + token + "%",
                "%" + token + "%").query(Long.class).single()).isZero();
        assertNoTableHolds(token);

        // Pick two accounts; the choice is stored and shown.
        Page saved = browser.post("/connections/" + id + "/ad-accounts",
                Map.of("account", "act_1000000001"));
        assertThat(saved.path()).isEqualTo("/");
        assertThat(saved.contains("Saved: 1 ad account in use.")).isTrue();
        assertThat(saved.contains("Whitfield Outdoor - US")).isTrue();
        assertThat(harness.db().sql("select ad_account_id from chosen_ad_accounts where tenant_id = ?")
                .param(tenant.value()).query(String.class).list()).containsExactly("act_1000000001");

        // An account the connection cannot reach is refused.
        Page refused = browser.post("/connections/" + id + "/ad-accounts", Map.of("account", "act_1000000006"));
        assertThat(refused.contains("Choose among the ad accounts this connection can reach.")).isTrue();

        List<String> leaks = logs.linesContaining(token, harness.sandbox.config().appSecret(), verifier);
        assertThat(leaks).as("log lines holding the token, the app secret or the PKCE verifier").isEmpty();
        assertThat(logs.size()).as("DEBUG logging was on").isGreaterThan(50);
    }

    @Test
    void theCallbacksCodeAndStateNeverReachTheLogsEvenAtDebug() {
        ConsoleHarness.Signed owner = harness.owner("Quiet Logs Co");
        Browser browser = owner.browser();
        LogCapture logs = LogCapture.atDebug();
        Page callback;
        Page picker;
        try {
            callback = submitConsent(browser, openConsent(browser), "continue", List.of(), true);
            picker = browser.get(callback.headers().get("location"));
        } finally {
            logs.stop();
        }
        assertThat(picker.path()).contains("/ad-accounts");
        java.net.URI back = java.net.URI.create(callback.headers().get("location"));
        assertThat(back.getPath()).isEqualTo("/connect/callback");
        Map<String, String> query = new java.util.LinkedHashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String code = query.get("code");
        String state = query.get("state");
        assertThat(code).hasSizeGreaterThan(10);
        assertThat(state).hasSizeGreaterThan(10);
        UUID id = harness.connectionIds(owner.tenant()).get(0);
        String token = harness.tokenOf(owner.tenant(), id);
        assertThat(logs.linesContaining(code, state, back.getRawQuery(), token)).as("log lines holding a secret")
                .isEmpty();
        // The callback's URL was logged (Spring Security and MVC print request URIs at DEBUG), masked.
        assertThat(logs.linesContaining("/connect/callback?code=[redacted]")).isNotEmpty();
    }

    @Test
    void cancellingOnFacebookStoresNothing() {
        ConsoleHarness.Signed owner = harness.owner("Cancel Co");
        Browser browser = owner.browser();
        Page result = submitConsent(browser, openConsent(browser), "cancel", List.of(), false);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.contains("You cancelled on Facebook, so nothing was connected.")).isTrue();
        assertNoConnections(owner.tenant());
    }

    @Test
    void missingRequiredScopesAreNamedAndNothingIsStored() {
        ConsoleHarness.Signed owner = harness.owner("Scopes Co");
        Browser browser = owner.browser();
        Page result = submitConsent(browser, openConsent(browser), "continue", List.of("ads_management"), false);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.contains("Facebook did not grant ads_management, which AdsBridge needs")).as(result.body())
                .isTrue();
        assertNoConnections(owner.tenant());
    }

    @Test
    void anUnknownStateIsRefused() {
        ConsoleHarness.Signed owner = harness.owner("Forged State Co");
        Browser browser = owner.browser();
        Page callback = submitConsent(browser, openConsent(browser), "continue", List.of(), true);
        String location = callback.headers().get("location");
        String forged = location.replaceAll("state=[^&#]+", "state=" + "A".repeat(43));
        Page result = browser.get(forged);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.contains("unknown state")).isTrue();
        Page missing = browser.get(location.replaceAll("&?state=[^&#]+", ""));
        assertThat(missing.contains("it carried no state")).isTrue();
        assertNoConnections(owner.tenant());
    }

    @Test
    void anExpiredStateIsRefused() {
        ConsoleHarness.Signed owner = harness.owner("Slow Co");
        Browser browser = owner.browser();
        Page consentPage = openConsent(browser);
        harness.clock.advance(Duration.ofMinutes(11));
        Page result = consent(browser, consentPage);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.contains("The connect request expired (it is valid for 10 minutes)")).isTrue();
        assertNoConnections(owner.tenant());
    }

    @Test
    void aReplayedCallbackIsRefusedAndAReusedCodeShowsMetasError() {
        String email = ConsoleHarness.email("replay");
        Browser browser = harness.browser();
        browser.signUp("Replay Co", "Ray", email, PASSWORD);
        browser.signIn(email, PASSWORD);
        Page redirect = submitConsent(browser, openConsent(browser), "continue", List.of(), true);
        String callback = redirect.headers().get("location");
        assertThat(browser.get(callback).path()).contains("/ad-accounts?connected");
        TenantId tenant = harness.tenantOf(email);
        assertThat(harness.connectionIds(tenant)).hasSize(1);

        Page replayed = browser.get(callback);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.contains("This Facebook answer was already used")).isTrue();

        // Another tenant with a fresh state of its own, but the code that was already exchanged.
        ConsoleHarness.Signed thief = harness.owner("Code Thief Co");
        Browser other = thief.browser();
        Page otherRedirect = submitConsent(other, openConsent(other), "continue", List.of(), true);
        String otherState = otherRedirect.headers().get("location").replaceAll(".*[?&]state=([^&#]+).*", "$1");
        String usedCode = callback.replaceAll(".*[?&]code=([^&#]+).*", "$1");
        Page reused = other.get("/connect/callback?code=" + usedCode + "&state=" + otherState);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.contains("Facebook refused the connection: This authorization code has been used."))
                .as(reused.body()).isTrue();
        assertNoConnections(thief.tenant());
        assertThat(harness.connectionIds(tenant)).hasSize(1);
    }

    @Test
    void aStateIssuedToAnotherMemberIsRefused() {
        ConsoleHarness.Signed victimOwner = harness.owner("Victim Co");
        Browser victim = victimOwner.browser();
        Page redirect = submitConsent(victim, openConsent(victim), "continue", List.of(), true);
        String callback = redirect.headers().get("location");

        ConsoleHarness.Signed attackerOwner = harness.owner("Attacker Co");
        Browser attacker = attackerOwner.browser();
        Page result = attacker.get(callback);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.contains("belongs to a request started by someone else")).isTrue();
        assertNoConnections(attackerOwner.tenant());
        // The state is burnt: the victim's own callback no longer works either.
        Page victimResult = victim.get(callback);
        assertThat(victimResult.contains("already used")).isTrue();
        assertNoConnections(victimOwner.tenant());
    }

    /**
     * The attack PKCE closes: a member of tenant A starts a connect (A's state), then consents as another Facebook
     * user in tenant B's flow and feeds B's code to A's callback. The state is A's and valid, but the code was issued
     * for B's PKCE challenge, so Meta (the sandbox) refuses A's verifier, and nothing is stored anywhere.
     */
    @Test
    void aCodeFromAnotherTenantsFlowIsUselessWithThisFlowsState() {
        ConsoleHarness.Signed tenantA = harness.owner("Flow A Co");
        ConsoleHarness.Signed tenantB = harness.owner("Flow B Co");
        Page consentA = openConsent(tenantA.browser());
        String stateA = consentA.input("state").orElseThrow();

        Page consentB = ConsoleHarness.switchUser(tenantB.browser(), openConsent(tenantB.browser()),
                ConsoleHarness.SECOND_USER);
        assertThat(consentB.input("code_challenge")).as("switching users keeps B's challenge")
                .isNotEqualTo(consentA.input("code_challenge")).isPresent();
        String callbackB = submitConsent(tenantB.browser(), consentB, "continue", List.of(), true)
                .headers().get("location");
        String codeB = callbackB.replaceAll(".*[?&]code=([^&#]+).*", "$1");

        Page attack = tenantA.browser().get("/connect/callback?code=" + codeB + "&state=" + stateA);
        assertThat(attack.status()).isEqualTo(400);
        assertThat(attack.contains("belongs to a different connect request than the one you started"))
                .as(attack.body()).isTrue();
        assertNoConnections(tenantA.tenant());
        assertNoConnections(tenantB.tenant());
        assertThat(harness.db().sql("select count(*) from connections where facebook_user_id = ? and tenant_id in "
                + "(?, ?)").params(ConsoleHarness.SECOND_USER, tenantA.tenant().value(), tenantB.tenant().value())
                .query(Long.class).single()).isZero();
        // The refused exchange burnt B's code: B starts again (its own state is still unused, but the code is spent).
        Page lateB = tenantB.browser().get(callbackB);
        assertThat(lateB.status()).isEqualTo(400);
        assertThat(lateB.contains("This authorization code has been used.")).as(lateB.body()).isTrue();
        assertNoConnections(tenantB.tenant());
        // Both refusals are in the tenants' audit logs as failed connects.
        for (TenantId tenant : List.of(tenantA.tenant(), tenantB.tenant())) {
            ConsoleHarness.eventually("the refused connect is audited", () -> harness.db().sql("""
                    select count(*) from audit_log
                    where tenant_id = ? and action = 'connection.connect' and outcome = 'failure'""")
                    .param(tenant.value()).query(Long.class).single() == 1);
        }
    }

    @Test
    void reconnectingAsAnotherFacebookUserIsRefusedAndChangesNothing() {
        ConsoleHarness.Signed owner = harness.owner("Reconnect Other User Co");
        connect(owner.browser());
        UUID id = harness.connectionIds(owner.tenant()).get(0);
        String token = harness.tokenOf(owner.tenant(), id);

        Page consent = ConsoleHarness.switchUser(owner.browser(),
                owner.browser().post("/connections/" + id + "/reconnect", Map.of()), ConsoleHarness.SECOND_USER);
        Page result = ConsoleHarness.consent(owner.browser(), consent);
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.contains("You signed in as a different Facebook user than the one this connection "
                + "belongs to")).as(result.body()).isTrue();
        assertThat(harness.connectionIds(owner.tenant())).containsExactly(id);
        assertThat(harness.tokenOf(owner.tenant(), id)).isEqualTo(token);
        assertThat(harness.db().sql("select facebook_user_id from connections where id = ?").param(id)
                .query(String.class).single()).isEqualTo(ConsoleHarness.DEMO_USER);
    }

    private void assertNoConnections(TenantId tenant) {
        assertThat(harness.connectionIds(tenant)).as("connections stored").isEmpty();
        assertThat(harness.db().sql("select count(*) from chosen_ad_accounts where tenant_id = ?")
                .param(tenant.value()).query(Long.class).single()).isZero();
    }

    private void assertNoTableHolds(String token) {
        List<String> tables = harness.db().sql("""
                select table_name from information_schema.tables where table_schema = ?""")
                .param(harness.schema).query(String.class).list();
        for (String table : tables) {
            long hits = harness.db().sql("select count(*) from " + table + " t where cast(row(t.*) as varchar) like ?")
                    .param("%" + token + "%").query(Long.class).single();
            assertThat(hits).as("rows of " + table + " holding the plaintext token").isZero();
        }
    }

    /** Every log line of the whole JVM at DEBUG while a flow runs. */
    static final class LogCapture {
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final Logger root;
        private final Level previous;

        private LogCapture() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            previous = root.getLevel();
            appender.setContext(context);
            appender.start();
            root.addAppender(appender);
            root.setLevel(Level.DEBUG);
        }

        static LogCapture atDebug() {
            return new LogCapture();
        }

        void stop() {
            root.setLevel(previous);
            root.detachAppender(appender);
        }

        int size() {
            return appender.list.size();
        }

        List<String> linesContaining(String... secrets) {
            List<String> hits = new ArrayList<>();
            for (ILoggingEvent event : new ArrayList<>(appender.list)) {
                if (event.getThreadName().startsWith("sandbox")) {
                    continue; // the sandbox plays Meta: its own logs are not the product's
                }
                String line = event.getLoggerName() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                for (String secret : secrets) {
                    if (line.contains(secret)) {
                        hits.add(line.length() > 400 ? line.substring(0, 400) : line);
                    }
                }
            }
            return hits;
        }
    }
}
