package dev.adsbridge.console.ads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.LogCapture;
import dev.adsbridge.console.support.Page;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing secret reaches the logs, even at DEBUG: not the tenant's Meta token, not API keys (valid, revoked or
 * mistyped), not the Meta app secret — across reads, writes, Meta's errors, auth failures and a token Meta expired.
 */
class AdsApiLogRedactionTest {

    static final ConsoleHarness harness = ApiFixture.harness;

    @Test
    void aDebugLogOfApiTrafficHoldsNoTokenKeyOrAppSecret() {
        String account = "act_1000000002";
        MetaLimitsTest.Tenant t = MetaLimitsTest.tenant(account);
        String metaToken = harness.tokenOf(t.owner().tenant(), t.connection());
        String appSecret = harness.sandbox.config().appSecret();
        String mistypedKey = t.key().substring(0, t.key().length() - 4) + "zzzz";

        LogCapture capture = new LogCapture();
        List<String> secrets = new ArrayList<>(List.of(metaToken, appSecret, t.key(), mistypedKey));
        try {
            assertThat(AdsApiTest.get(t.key(), "/api/v1/ad-accounts").status()).isEqualTo(200);
            assertThat(AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns?limit=3").status())
                    .isEqualTo(200);
            assertThat(AdsApiTest.get(t.key(), "/api/v1/insights?object_id=" + account
                    + "&date_preset=last_7d&compare=previous").status()).isEqualTo(200);
            AdsApiTest.Answer created = AdsApiTest.post(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns",
                    Map.of("name", "Logged", "objective", "OUTCOME_TRAFFIC"));
            assertThat(created.status()).isEqualTo(201);
            String campaign = created.json().path("id").asString();
            // Meta refuses: an ad set without a budget into a campaign without one.
            AdsApiTest.Answer refused = AdsApiTest.post(t.key(), "/api/v1/ad-accounts/" + account + "/adsets",
                    Map.of("campaign_id", campaign, "name", "No budget", "optimization_goal", "LINK_CLICKS",
                            "billing_event", "IMPRESSIONS", "targeting", ApiFixture.targeting()));
            assertThat(refused.status()).as(refused.response().body()).isBetween(400, 499);
            assertThat(AdsApiTest.post(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns",
                    Map.of("objective", "OUTCOME_TRAFFIC")).status()).isEqualTo(400);
            assertThat(ApiFixture.upload(t.key(), account, ApiFixture.png(), "").status()).isEqualTo(201);
            assertThat(AdsApiTest.get(mistypedKey, "/api/v1/ad-accounts").status()).isEqualTo(401);
            assertThat(AdsApiTest.get(t.key(), "/api/v1/campaigns/1").status()).isEqualTo(404);

            // A key created and revoked through the API.
            Page issued = t.owner().browser().api("POST", "/api/v1/api-keys", HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"logged\",\"scope\":\"read\"}"), "application/json", true);
            assertThat(issued.status()).isEqualTo(201);
            String newKey = AdsApiTest.JSON.readTree(issued.body()).path("key").asString();
            secrets.add(newKey);
            assertThat(AdsApiTest.get(newKey, "/api/v1/connection").status()).isEqualTo(200);
            t.owner().browser().api("DELETE", "/api/v1/api-keys/" + AdsApiTest.JSON.readTree(issued.body())
                    .path("id").asString(), HttpRequest.BodyPublishers.noBody(), "application/json", true);
            assertThat(AdsApiTest.get(newKey, "/api/v1/connection").status()).isEqualTo(401);

            // Meta stops accepting the token.
            harness.controlPost("/_sandbox/tokens/expire", Map.of("access_token", metaToken));
            assertThat(AdsApiTest.get(t.key(), "/api/v1/ad-accounts/" + account + "/campaigns").status())
                    .isEqualTo(409);
        } finally {
            capture.close();
        }

        capture.assertNoLeaks(secrets);
    }
}
