package dev.adsbridge.console.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Settings → Other ways to connect → Paste a Facebook token, over HTTP against the sandbox: an agency's system-user
 * token (debug_token type SYSTEM_USER, expires_at 0) connects, lives in the vault, gets no expiry warning and reads and
 * writes ads; tokens Facebook refuses, app tokens, tokens without ads permissions and junk store nothing; the token is
 * never shown; only owners may paste one.
 */
class ManualTokenConnectTest {

    static final ConsoleHarness harness = ConsoleHarness.shared();

    private static JsonNode systemUser(Map<String, Object> body) {
        return harness.controlPost("/_sandbox/system-users", body);
    }

    @Test
    void aNeverExpiringSystemUserTokenConnectsReadsWritesAndGetsNoExpiryWarning() {
        ConsoleHarness.Signed owner = harness.owner("Agency " + UUID.randomUUID().toString().substring(0, 6));
        JsonNode agency = systemUser(Map.of("name", "Agency Bot", "ad_accounts", List.of("act_1000000002")));
        String token = agency.path("access_token").asString();

        Page picker = owner.browser().post("/settings/connect/token", Map.of("access_token", "  " + token + "\n"));
        assertThat(picker.path()).as(picker.body()).contains("/ad-accounts");
        assertThat(picker.body()).contains("Agency Bot").contains("act_1000000002").doesNotContain(token);
        UUID id = harness.connectionIds(owner.tenant()).get(0);
        Map<String, Object> row = harness.db().sql("select kind, token_type, expires_at, facebook_user_id, status "
                + "from connections where id = ?").param(id).query().singleRow();
        assertThat(row.get("kind")).isEqualTo("manual_token");
        assertThat(row.get("token_type")).isEqualTo("SYSTEM_USER");
        assertThat(row.get("expires_at")).as("never expires").isNull();
        assertThat(row.get("facebook_user_id")).isEqualTo(agency.path("id").asString());
        assertThat(harness.tokenOf(owner.tenant(), id)).as("sealed in the vault, opened by the console").isEqualTo(token);

        owner.browser().post("/connections/" + id + "/ad-accounts", Map.of("account", "act_1000000002"));
        Page campaigns = owner.browser().api("GET", "/api/v1/ad-accounts/act_1000000002/campaigns?limit=2", null);
        assertThat(campaigns.status()).as(campaigns.body()).isEqualTo(200);
        Page created = owner.browser().api("POST", "/api/v1/ad-accounts/act_1000000002/campaigns",
                "{\"name\":\"Pasted token campaign\",\"objective\":\"OUTCOME_TRAFFIC\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Page settings = owner.browser().get("/settings");
        assertThat(settings.body()).contains("Pasted Facebook token").contains("a business system user")
                .doesNotContain(token);
        assertThat(settings.body().replaceAll("\\s+", " ")).contains("class=\"token-expires\">never<");

        ConsoleHarness.eventually("the connect is audited", () -> !harness.db().sql("select after_json from audit_log "
                + "where tenant_id = ? and action = 'connection.connect' and outcome = 'success'").param(owner.tenant()
                .value()).query(String.class).list().isEmpty());
        String audit = harness.db().sql("select after_json from audit_log where tenant_id = ? and action = "
                + "'connection.connect'").param(owner.tenant().value()).query(String.class).single();
        assertThat(audit).contains("\"method\":\"manual_token\"").contains("\"token_type\":\"SYSTEM_USER\"")
                .contains("\"expires\":\"never\"").doesNotContain(token);

        // A year on, the daily job warns about tokens that expire, never about this one.
        ExpiryWarnings job = harness.bean(ExpiryWarnings.class);
        try {
            harness.clock.setTo(Instant.now().plus(Duration.ofDays(55)));
            job.run();
            assertThat(harness.db().sql("select expiry_warned_for from connections where id = ?").param(id)
                    .query(java.sql.Timestamp.class).optional()).isEmpty();
            assertThat(harness.connectionStatus(id)).contains("ACTIVE");
        } finally {
            harness.clock.reset();
        }
    }

    @Test
    void aSixtyDaySystemUserTokenIsWarnedAboutAndAReadOnlyTokenSaysSo() {
        ConsoleHarness.Signed owner = harness.owner("Agency 60 " + UUID.randomUUID().toString().substring(0, 6));
        JsonNode agency = systemUser(Map.of("ad_accounts", List.of("act_1000000002"), "scopes", List.of("ads_read"),
                "expires_in_60_days", true));
        Page picker = owner.browser().post("/settings/connect/token", Map.of("access_token",
                agency.path("access_token").asString()));
        assertThat(picker.path()).contains("/ad-accounts");
        assertThat(picker.body()).contains("ads_read but not ads_management");
        UUID id = harness.connectionIds(owner.tenant()).get(0);
        Instant expires = harness.db().sql("select expires_at from connections where id = ?").param(id)
                .query(java.sql.Timestamp.class).single().toInstant();
        assertThat(expires).isAfter(Instant.now().plus(Duration.ofDays(59)));
        ExpiryWarnings job = harness.bean(ExpiryWarnings.class);
        try {
            harness.clock.setTo(expires.minus(Duration.ofDays(3)));
            job.run();
            assertThat(harness.db().sql("select expiry_warned_for from connections where id = ?").param(id)
                    .query(java.sql.Timestamp.class).optional()).isPresent();
        } finally {
            harness.clock.reset();
        }
    }

    @Test
    void refusedTokensStoreNothingAndAreNeverShown() {
        ConsoleHarness.Signed owner = harness.owner("Agency no " + UUID.randomUUID().toString().substring(0, 6));
        String expired = systemUser(Map.of()).path("access_token").asString();
        harness.controlPost("/_sandbox/tokens/expire", Map.of("access_token", expired));
        String noAds = systemUser(Map.of("scopes", List.of("business_management"))).path("access_token").asString();
        String appToken = harness.sandbox.config().appId() + "|" + harness.sandbox.config().appSecret();
        String unknown = "EAA" + "x".repeat(150);
        Map<String, String> cases = Map.of(
                expired, "not valid",
                noAds, "lacks the ads_read permission",
                unknown, "not valid",
                appToken, "does not look like a Facebook access token",
                "EAA short", "does not look like",
                "", "Paste a Facebook access token");
        cases.forEach((token, problem) -> {
            Page page = owner.browser().post("/settings/connect/token", Map.of("access_token", token));
            assertThat(page.status()).as(problem).isEqualTo(400);
            assertThat(page.body()).as(problem).contains(problem);
            if (!token.isBlank()) {
                assertThat(page.body()).doesNotContain(token);
            }
        });
        assertThat(harness.connectionIds(owner.tenant())).isEmpty();
        ConsoleHarness.eventually("each refusal is audited", () -> harness.db().sql("select count(*) from audit_log "
                + "where tenant_id = ? and action = 'connection.connect' and outcome = 'failure'")
                .param(owner.tenant().value()).query(Long.class).single() == cases.size());
        String audit = harness.db().sql("select coalesce(after_json, '') from audit_log where tenant_id = ?")
                .param(owner.tenant().value()).query(String.class).list().toString();
        assertThat(audit).doesNotContain(expired).doesNotContain(noAds).doesNotContain(unknown);

        String good = systemUser(Map.of()).path("access_token").asString();
        for (String role : List.of("ADMIN", "ANALYST")) {
            Browser member = harness.invite(owner, role);
            assertThat(member.get("/settings/connect").status()).as(role).isEqualTo(403);
            assertThat(member.post("/settings/connect/token", Map.of("access_token", good)).status()).as(role)
                    .isEqualTo(403);
            assertThat(member.get("/settings").body()).doesNotContain("/settings/connect\"");
        }
        assertThat(harness.connectionIds(owner.tenant())).isEmpty();
    }
}
