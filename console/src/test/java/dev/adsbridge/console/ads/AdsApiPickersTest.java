package dev.adsbridge.console.ads;

import static dev.adsbridge.console.ads.ApiFixture.ACCOUNT;
import static dev.adsbridge.console.ads.ApiFixture.UNCHOSEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pixel and Instagram pickers of the create flow against the sandbox: the lists of a chosen account (any role may
 * read them, other accounts and other tenants' accounts are 404), and dry runs that name the pixel and the Instagram
 * account, refusing ones the account can't use before Meta is asked.
 */
class AdsApiPickersTest {

    static ApiFixture f;

    @BeforeAll
    static void fixture() {
        f = ApiFixture.shared();
    }

    @Test
    void theChosenAccountsPixelsAreListedWithWhenTheyLastFired() {
        AdsApiTest.Answer pixels = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/pixels");
        assertThat(pixels.status()).as(pixels.response().body()).isEqualTo(200);
        JsonNode data = pixels.json().path("data");
        // What Meta holds for the account, read behind the console's back.
        JsonNode meta = f.graph("/" + ACCOUNT + "/adspixels?fields=id,name,last_fired_time").path("data");
        assertThat(data.size()).isEqualTo(meta.size()).isPositive();
        assertThat(data.get(0).path("id").asString()).isEqualTo(meta.get(0).path("id").asString());
        assertThat(data.get(0).path("name").asString()).isEqualTo("Whitfield Outdoor EU – website");
        assertThat(data.get(0).path("last_fired_time").asString()).isEqualTo(meta.get(0).path("last_fired_time")
                .asString());
        assertThat(data.get(0).path("is_unavailable").asBoolean()).isFalse();

        Page analyst = f.analyst.get("/api/v1/ad-accounts/" + ACCOUNT + "/pixels");
        assertThat(analyst.status()).as(analyst.body()).isEqualTo(200);
        assertThat(analyst.body()).contains(meta.get(0).path("id").asString());
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + UNCHOSEN + "/pixels").status()).isEqualTo(404);
    }

    @Test
    void theChosenAccountsInstagramAccountsAreListedAndPagesCarryTheirs() {
        AdsApiTest.Answer instagram = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT
                + "/instagram-accounts");
        assertThat(instagram.status()).as(instagram.response().body()).isEqualTo(200);
        JsonNode data = instagram.json().path("data");
        assertThat(data.findValuesAsString("id")).containsExactly("17841400000000001");
        assertThat(data.get(0).path("username").asString()).isEqualTo("whitfieldoutdoor");
        assertThat(f.analyst.get("/api/v1/ad-accounts/" + ACCOUNT + "/instagram-accounts").status()).isEqualTo(200);
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + UNCHOSEN + "/instagram-accounts").status())
                .isEqualTo(404);

        JsonNode pages = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/pages").json().path("data");
        boolean connected = false;
        for (JsonNode page : pages) {
            if (page.path("id").asString().equals("200000000000001")) {
                connected = page.path("instagram_business_account").path("id").asString()
                        .equals("17841400000000001");
            }
        }
        assertThat(connected).as(pages.toString()).isTrue();
    }

    @Test
    void anotherTenantsAccountsListsAreNotFound() {
        ConsoleHarness.Signed other = ApiFixture.harness.owner("Pixels Co " + UUID.randomUUID().toString()
                .substring(0, 6));
        ConsoleHarness.connect(other.browser());
        UUID connection = ApiFixture.harness.connectionIds(other.tenant()).get(0);
        other.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", UNCHOSEN));
        String key = AdsApiTest.createKey(other.browser(), "pixels", "read");
        AdsApiTest.Answer theirs = AdsApiTest.get(key, "/api/v1/ad-accounts/" + UNCHOSEN + "/pixels");
        assertThat(theirs.status()).as(theirs.response().body()).isEqualTo(200);
        assertThat(theirs.json().path("data").size()).isEqualTo(3);
        assertThat(AdsApiTest.get(key, "/api/v1/ad-accounts/" + ACCOUNT + "/pixels").status()).isEqualTo(404);
        assertThat(AdsApiTest.get(key, "/api/v1/ad-accounts/" + ACCOUNT + "/instagram-accounts").status())
                .isEqualTo(404);
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + UNCHOSEN + "/instagram-accounts").status())
                .isEqualTo(404);
    }

    @Test
    void anAdSetDryRunNamesItsPixelAndAnUnknownPixelIsRefused() {
        String pixel = f.graph("/" + ACCOUNT + "/adspixels?fields=id").path("data").get(0).path("id").asString();
        String campaign = AdsApiWritesTest.created(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT
                + "/campaigns", Map.of("name", "Pixels " + UUID.randomUUID(), "objective", "OUTCOME_SALES",
                "daily_budget", "2000")));
        Map<String, Object> adSet = Map.of("campaign_id", campaign, "name", "Buyers", "optimization_goal",
                "OFFSITE_CONVERSIONS", "billing_event", "IMPRESSIONS", "targeting", ApiFixture.targeting(),
                "promoted_object", Map.of("pixel_id", pixel, "custom_event_type", "PURCHASE"), "validate_only", true);
        AdsApiTest.Answer dryRun = AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/adsets", adSet);
        assertThat(dryRun.status()).as(dryRun.response().body()).isEqualTo(200);
        assertThat(dryRun.json().path("summary").toString())
                .contains("pixel “Whitfield Outdoor EU – website” (" + pixel + ")", "purchase", "last fired");

        int before = f.graph("/" + campaign + "/adsets").path("data").size();
        Map<String, Object> unknown = new LinkedHashMap<>(adSet);
        unknown.put("promoted_object", Map.of("pixel_id", "1234567890123456", "custom_event_type", "PURCHASE"));
        unknown.remove("validate_only");
        AdsApiTest.Answer refused = AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/adsets",
                unknown);
        assertThat(refused.status()).as(refused.response().body()).isEqualTo(400);
        assertThat(refused.json().path("error").path("fields").has("pixel_id")).isTrue();
        assertThat(f.graph("/" + campaign + "/adsets").path("data").size()).isEqualTo(before);
    }

    @Test
    void aCreativeDryRunNamesItsInstagramAccountAndAnotherAccountsIsRefused() {
        Map<String, Object> creative = new LinkedHashMap<>(Map.of("name", "IG", "page_id",
                "200000000000001", "image_hash", f.imageHash, "link_url", "https://example.com/",
                "message", "Hello", "instagram_user_id", "17841400000000001", "validate_only", true));
        AdsApiTest.Answer dryRun = AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/creatives",
                creative);
        assertThat(dryRun.status()).as(dryRun.response().body()).isEqualTo(200);
        assertThat(dryRun.json().path("summary").toString()).contains("@whitfieldoutdoor");
        assertThat(dryRun.json().path("would_send").toString()).contains("17841400000000001");

        // The coffee Page's Instagram account belongs to a Page this account does not promote.
        creative.put("instagram_user_id", "17841400000000002");
        AdsApiTest.Answer refused = AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/creatives",
                creative);
        assertThat(refused.status()).as(refused.response().body()).isEqualTo(400);
        assertThat(refused.json().path("error").path("fields").has("instagram_user_id")).isTrue();

        creative.put("instagram_user_id", "17841400000000001");
        creative.put("instagram_actor_id", "17841400000000001");
        assertThat(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/creatives", creative).status())
                .isEqualTo(400);
        creative.remove("instagram_actor_id");
        creative.remove("validate_only");
        AdsApiTest.Answer created = AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/creatives",
                creative);
        assertThat(created.status()).as(created.response().body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(f.graph("/" + id + "?fields=instagram_user_id,object_story_spec").path("instagram_user_id")
                .asString()).isEqualTo("17841400000000001");
    }
}
