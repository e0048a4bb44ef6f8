package dev.adsbridge.console.ads;

import static dev.adsbridge.console.ads.ApiFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Creates end to end against the sandbox: campaign → ad set → image upload → creative from the image's hash → ad, each
 * checked on the sandbox's Graph API (what Meta holds) and through the API's own reads, PAUSED unless asked otherwise.
 */
class AdsApiWritesTest {

    static ApiFixture f;

    @BeforeAll
    static void fixture() {
        f = ApiFixture.shared();
    }

    static String created(AdsApiTest.Answer answer) {
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(201);
        String id = answer.json().path("id").asString();
        assertThat(id).matches("[0-9]+");
        return id;
    }

    @Test
    void aDryRunRefusedByTheMcpServerAnswersOneValidationObjectInAMarketersWords() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String campaign = created(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns",
                Map.of("name", "CBO " + run, "objective", "OUTCOME_TRAFFIC", "daily_budget", "2500")));

        Map<String, Object> adSetBody = new LinkedHashMap<>();
        adSetBody.put("campaign_id", campaign);
        adSetBody.put("name", "Own budget " + run);
        adSetBody.put("optimization_goal", "LINK_CLICKS");
        adSetBody.put("billing_event", "IMPRESSIONS");
        adSetBody.put("daily_budget", "1000");
        adSetBody.put("targeting", ApiFixture.targeting());
        adSetBody.put("validate_only", true);
        AdsApiTest.Answer dry = AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/adsets", adSetBody);

        assertThat(dry.status()).as(dry.response().body()).isEqualTo(200);
        assertThat(dry.json().path("validate_only").asBoolean()).isTrue();
        assertThat(dry.json().has("message")).as(dry.response().body()).isFalse();
        JsonNode validation = dry.json().path("meta_validation");
        assertThat(validation.isObject()).as(dry.response().body()).isTrue();
        assertThat(validation.path("code").asString()).isEqualTo("meta_invalid_request");
        assertThat(validation.path("title").asString()).isNotBlank();
        assertThat(validation.path("message").asString()).contains("the campaign's budget setting")
                .doesNotContain("update_campaign");
        assertThat(validation.path("user_message").asString()).isEqualTo(validation.path("message").asString());

        // The campaigns list formats the campaign budget in the account currency.
        JsonNode listed = null;
        String after = null;
        do {
            AdsApiTest.Answer page = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT
                    + "/campaigns?limit=100" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).as(page.response().body()).isEqualTo(200);
            for (JsonNode row : page.json().path("data")) {
                if (row.path("id").asString().equals(campaign)) {
                    listed = row;
                }
            }
            JsonNode next = page.json().path("paging").path("next_cursor");
            after = next.isString() ? next.asString() : null;
        } while (listed == null && after != null);
        assertThat(listed).as("campaign %s listed", campaign).isNotNull();
        assertThat(listed.path("daily_budget").asString()).isEqualTo("2500");
        assertThat(listed.path("budget_formatted").asString()).isEqualTo("€25.00/day"); // act_1000000002 is in EUR

        AdsApiTest.Answer accounts = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts");
        for (JsonNode account : accounts.json().path("data")) {
            if (!account.path("amount_spent").isNull() && "EUR".equals(account.path("currency").asString(""))) {
                assertThat(account.path("amount_spent_formatted").asString()).as(account.toString()).startsWith("€");
            }
        }
    }

    @Test
    void aKeyCreatesAPausedCampaignAdSetCreativeAndAdThatMetaHolds() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String campaign = created(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns",
                Map.of("name", "E2E campaign " + run, "objective", "OUTCOME_TRAFFIC")));

        Map<String, Object> adSetBody = new LinkedHashMap<>();
        adSetBody.put("campaign_id", campaign);
        adSetBody.put("name", "E2E ad set " + run);
        adSetBody.put("optimization_goal", "LINK_CLICKS");
        adSetBody.put("billing_event", "IMPRESSIONS");
        adSetBody.put("daily_budget", "2500");
        adSetBody.put("targeting", ApiFixture.targeting());
        String adSet = created(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/adsets", adSetBody));

        byte[] png = ApiFixture.png();
        AdsApiTest.Answer uploaded = ApiFixture.upload(f.writeKey, ACCOUNT, png, "");
        assertThat(uploaded.status()).as(uploaded.response().body()).isEqualTo(201);
        String hash = uploaded.json().path("hash").asString();
        assertThat(hash).matches("[0-9a-f]{32}");
        assertThat(uploaded.json().path("url").asString()).startsWith("http");

        String creative = created(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/creatives",
                Map.of("name", "E2E creative " + run, "page_id", f.pageId, "image_hash", hash,
                        "link_url", "https://example.com/e2e", "message", "Try it", "headline", "New",
                        "call_to_action_type", "LEARN_MORE")));
        String ad = created(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/ads",
                Map.of("name", "E2E ad " + run, "adset_id", adSet, "creative_id", creative)));

        // What Meta holds.
        JsonNode metaCampaign = f.graph("/" + campaign + "?fields=name,status,account_id");
        assertThat(metaCampaign.path("status").asString()).isEqualTo("PAUSED");
        assertThat(metaCampaign.path("account_id").asString()).isEqualTo(ACCOUNT.substring(4));
        JsonNode metaAdSet = f.graph("/" + adSet + "?fields=name,status,campaign_id,daily_budget");
        assertThat(metaAdSet.path("status").asString()).as(metaAdSet.toString()).isEqualTo("PAUSED");
        assertThat(metaAdSet.path("campaign_id").asString()).isEqualTo(campaign);
        assertThat(metaAdSet.path("daily_budget").asString()).isEqualTo("2500");
        JsonNode metaCreative = f.graph("/" + creative + "?fields=name,image_hash");
        assertThat(metaCreative.path("image_hash").asString()).as(metaCreative.toString()).isEqualTo(hash);
        JsonNode metaAd = f.graph("/" + ad + "?fields=name,status,adset_id,creative");
        assertThat(metaAd.path("status").asString()).as(metaAd.toString()).isEqualTo("PAUSED");
        assertThat(metaAd.path("adset_id").asString()).isEqualTo(adSet);
        assertThat(metaAd.path("creative").path("id").asString()).isEqualTo(creative);

        // The API's own reads.
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/adsets/" + adSet).json().path("status").asString())
                .isEqualTo("PAUSED");
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/campaigns/" + campaign + "/adsets").json().path("data")
                .findValuesAsString("id")).contains(adSet);
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/adsets/" + adSet + "/ads").json().path("data")
                .findValuesAsString("id")).contains(ad);
        JsonNode creatives = AdsApiTest.get(f.readKey, "/api/v1/ads/" + ad + "/creatives").json().path("data");
        assertThat(creatives.findValuesAsString("id")).contains(creative);
        assertThat(creatives.get(0).path("image_hash").asString()).isEqualTo(hash);
        JsonNode readAd = AdsApiTest.get(f.readKey, "/api/v1/ads/" + ad).json();
        assertThat(readAd.path("status").asString()).isEqualTo("PAUSED");

        // The audit log names each new object by its id (the image by its hash).
        for (String[] entry : new String[][] {{"campaign.create", campaign}, {"adset.create", adSet},
            {"image.upload", hash}, {"creative.create", creative}, {"ad.create", ad}}) {
            ConsoleHarness.eventually(entry[0] + " audited with its id", () -> f.owner.browser()
                    .get("/api/v1/audit?action=" + entry[0] + "&target=" + entry[1]).body()
                    .contains("\"target_id\":\"" + entry[1] + "\""));
        }

        // The uploaded bytes come back through the image proxy.
        ApiFixture.Bytes image = ApiFixture.bytes(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/images/" + hash);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).startsWith("image/png");
        assertThat(image.body()).isEqualTo(png);
    }

    @Test
    void anOwnerSessionCreatesWithTheCsrfHeaderAndAStatusCanBeAskedFor() {
        String body = AdsApiTest.JSON.writeValueAsString(Map.of("name", "Session " + UUID.randomUUID(),
                "objective", "OUTCOME_TRAFFIC", "status", "PAUSED"));
        Page page = f.owner.browser().api("POST", "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns",
                HttpRequest.BodyPublishers.ofString(body), "application/json", true);
        assertThat(page.status()).as(page.body()).isEqualTo(201);
        String id = AdsApiTest.JSON.readTree(page.body()).path("id").asString();
        assertThat(f.graph("/" + id + "?fields=status").path("status").asString()).isEqualTo("PAUSED");
    }

    @Test
    void anAdSetIntoACampaignOfAnotherAccountIsAValidationError() {
        AdsApiTest.Answer answer = AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/adsets",
                Map.of("campaign_id", "999999999999", "name", "Nowhere", "optimization_goal", "LINK_CLICKS",
                        "billing_event", "IMPRESSIONS", "daily_budget", "1000", "targeting", ApiFixture.targeting()));
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(400);
        assertThat(answer.json().path("error").path("code").asString()).isEqualTo("validation_failed");
        assertThat(answer.json().path("error").path("fields").has("campaign_id")).isTrue();

        AdsApiTest.Answer missing = AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/ads",
                Map.of("name", "No parents"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("error").path("fields").has("adset_id")).isTrue();
        assertThat(missing.json().path("error").path("fields").has("creative_id")).isTrue();
    }

    @Test
    void aFileThatIsNotAnImageIsRefusedBeforeMetaSeesIt() {
        ApiFixture.Multipart text = ApiFixture.Multipart.file("notes.png", "image/png",
                "just text".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AdsApiTest.Answer answer = ApiFixture.send(f.writeKey, "POST", "/api/v1/ad-accounts/" + ACCOUNT + "/images",
                text.contentType(), text.body());
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(400);
        assertThat(answer.json().path("error").path("code").asString()).isEqualTo("validation_failed");
        assertThat(answer.json().path("error").path("fields").has("file")).isTrue();
    }
}
