package dev.adsbridge.console.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import dev.adsbridge.graph.SignedRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Meta's deauthorize and data-deletion callbacks, sent by the sandbox the way Meta sends them. */
class MetaCallbacksTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();

    /** Connects the tenant as Marco Rossi, whom no other test uses, so revoking his tokens disturbs nobody. */
    private UUID connectAsMarco(ConsoleHarness.Signed owner) {
        Page consent = ConsoleHarness.switchUser(owner.browser(), ConsoleHarness.openConsent(owner.browser()),
                ConsoleHarness.SECOND_USER);
        Page picker = ConsoleHarness.consent(owner.browser(), consent);
        assertThat(picker.contains("Marco Rossi")).as(picker.body()).isTrue();
        List<UUID> ids = harness.connectionIds(owner.tenant());
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }

    @Test
    void deauthorizeRevokesEveryConnectionOfThatFacebookUserAndErasesTheTokens() {
        ConsoleHarness.Signed first = harness.owner("Deauth One");
        ConsoleHarness.Signed second = harness.owner("Deauth Two");
        UUID one = connectAsMarco(first);
        UUID two = connectAsMarco(second);

        JsonNode sent = harness.controlPost("/_sandbox/callbacks/deauthorize",
                Map.of("user", ConsoleHarness.SECOND_USER, "url", harness.baseUrl + "/meta/deauthorize"));
        assertThat(sent.path("status").asInt()).as(sent.toString()).isEqualTo(200);

        for (UUID id : List.of(one, two)) {
            Map<String, Object> row = harness.db().sql("select status, sealed_token, status_reason from connections "
                    + "where id = ?").param(id).query().singleRow();
            assertThat(row.get("status")).isEqualTo("REVOKED");
            assertThat(row.get("sealed_token")).isNull();
            assertThat(row.get("status_reason")).isEqualTo("Removed on Facebook by the user: Marco Rossi removed "
                    + "AdsBridge in their Facebook settings.");
        }
        ConsoleHarness.eventually("the ad-account choice is erased", () -> harness.db()
                .sql("select count(*) from chosen_ad_accounts where connection_id = ?").param(one)
                .query(Long.class).single() == 0);
        Page settings = first.browser().get("/settings");
        assertThat(settings.contains("Removed on Facebook by the user")).isTrue();
        assertThat(settings.contains("To use this account again, click Connect again, sign in as Marco Rossi and "
                + "approve AdsBridge.")).as(settings.body()).isTrue();
        ConsoleHarness.eventually("the revocation is audited as Meta's", () -> harness.db().sql("""
                select count(*) from audit_log where tenant_id = ? and action = 'connection.revoke' and actor = 'meta'
                and after_json like '%"meta_revocation":"removed_on_facebook"%'""")
                .param(first.tenant().value()).query(Long.class).single() == 1);
    }

    @Test
    void aForgedDeauthorizeIsRefusedAndChangesNothing() {
        ConsoleHarness.Signed owner = harness.owner("Forged Deauth");
        UUID id = connectAsMarco(owner);
        Browser meta = harness.browser();
        String forged = SignedRequest.sign(Map.of("user_id", ConsoleHarness.SECOND_USER, "algorithm", "HMAC-SHA256",
                "issued_at", 1_800_000_000L), "not-the-app-secret");
        Page refused = meta.postRaw("/meta/deauthorize", Map.of("signed_request", forged));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(meta.postRaw("/meta/deauthorize", Map.of("signed_request", "garbage")).status()).isEqualTo(400);
        assertThat(meta.postRaw("/meta/deauthorize", Map.of()).status()).isEqualTo(400);
        String wrongAlgorithm = SignedRequest.sign(Map.of("user_id", ConsoleHarness.SECOND_USER, "algorithm", "none"),
                harness.sandbox.config().appSecret());
        assertThat(meta.postRaw("/meta/deauthorize", Map.of("signed_request", wrongAlgorithm)).status())
                .isEqualTo(400);
        assertThat(harness.connectionStatus(id)).contains("ACTIVE");
        assertThat(harness.tokenOf(owner.tenant(), id)).isNotBlank();
    }

    @Test
    void dataDeletionErasesTheUsersDataAndAnswersAStatusUrl() {
        ConsoleHarness.Signed owner = harness.owner("Deletion Co");
        UUID id = connectAsMarco(owner);
        owner.browser().post("/connections/" + id + "/ad-accounts", Map.of("account", "act_1000000006"));

        JsonNode sent = harness.controlPost("/_sandbox/callbacks/data-deletion",
                Map.of("user", ConsoleHarness.SECOND_USER, "url", harness.baseUrl + "/meta/data-deletion"));
        assertThat(sent.path("status").asInt()).isEqualTo(200);
        assertThat(sent.path("valid_answer").asBoolean()).as(sent.toString()).isTrue();
        String code = sent.path("json").path("confirmation_code").asString();
        assertThat(sent.path("json").path("url").asString())
                .isEqualTo(harness.baseUrl + "/deletion-status?code=" + code);

        assertThat(harness.connectionStatus(id)).isEmpty();
        ConsoleHarness.eventually("the ad-account choice is erased", () -> harness.db()
                .sql("select count(*) from chosen_ad_accounts where connection_id = ?").param(id)
                .query(Long.class).single() == 0);

        Page status = harness.browser().get("/deletion-status?code=" + code);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.contains("the data AdsBridge held for this Facebook user was deleted")).as(status.body()).isTrue();
        assertThat(harness.browser().get("/deletion-status?code=unknown").status()).isEqualTo(404);
    }

    @Test
    void aForgedDataDeletionIsRefusedAndErasesNothing() {
        ConsoleHarness.Signed owner = harness.owner("Forged Deletion");
        UUID id = connectAsMarco(owner);
        String forged = SignedRequest.sign(Map.of("user_id", ConsoleHarness.SECOND_USER, "algorithm", "HMAC-SHA256",
                "issued_at", 1_800_000_000L, "expires", 1_800_003_600L), "not-the-app-secret");
        Page refused = harness.browser().postRaw("/meta/data-deletion", Map.of("signed_request", forged));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("confirmation_code");
        assertThat(harness.connectionStatus(id)).contains("ACTIVE");
    }

    @Test
    void aCorrectlySignedButStaleOrFutureCallbackIsRefusedAndChangesNothing() {
        ConsoleHarness.Signed owner = harness.owner("Replayed Callback");
        UUID id = connectAsMarco(owner);
        String secret = harness.sandbox.config().appSecret();
        long now = harness.clock.instant().getEpochSecond();
        Browser meta = harness.browser();
        for (long issuedAt : new long[] {now - 6 * 60, now - 24 * 3600, now + 5 * 60}) {
            String signed = SignedRequest.sign(Map.of("user_id", ConsoleHarness.SECOND_USER,
                    "algorithm", "HMAC-SHA256", "issued_at", issuedAt, "expires", issuedAt + 3600), secret);
            Page deauthorize = meta.postRaw("/meta/deauthorize", Map.of("signed_request", signed));
            assertThat(deauthorize.status()).as("issued_at %s, now %s", issuedAt, now).isEqualTo(400);
            assertThat(deauthorize.body()).contains("issued_at");
            Page deletion = meta.postRaw("/meta/data-deletion", Map.of("signed_request", signed));
            assertThat(deletion.status()).isEqualTo(400);
            assertThat(deletion.body()).doesNotContain("confirmation_code");
        }
        String undated = SignedRequest.sign(Map.of("user_id", ConsoleHarness.SECOND_USER, "algorithm", "HMAC-SHA256"),
                secret);
        assertThat(meta.postRaw("/meta/deauthorize", Map.of("signed_request", undated)).status()).isEqualTo(400);
        assertThat(harness.connectionStatus(id)).contains("ACTIVE");
        assertThat(harness.tokenOf(owner.tenant(), id)).isNotBlank();

        // A fresh one (a minute old) still works.
        String fresh = SignedRequest.sign(Map.of("user_id", ConsoleHarness.SECOND_USER, "algorithm", "HMAC-SHA256",
                "issued_at", now - 60), secret);
        assertThat(meta.postRaw("/meta/deauthorize", Map.of("signed_request", fresh)).status()).isEqualTo(200);
        assertThat(harness.connectionStatus(id)).contains("REVOKED");
    }
}
