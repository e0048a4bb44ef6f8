package dev.adsbridge.console.ads;

import static dev.adsbridge.console.ads.ApiFixture.ACCOUNT;
import static dev.adsbridge.console.ads.ApiFixture.UNCHOSEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operating endpoints against the sandbox: Pages and interests for the create flow, bulk pause/activate with one
 * confirmation and an audit row per campaign, and duplicating a campaign through Meta's copies.
 */
class AdsApiOperateTest {

    static ApiFixture f;

    @BeforeAll
    static void fixture() {
        f = ApiFixture.shared();
    }

    private static String pausedCampaign(String name) {
        return AdsApiWritesTest.created(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns",
                Map.of("name", name, "objective", "OUTCOME_TRAFFIC", "daily_budget", "1500")));
    }

    private static String metaStatus(String id) {
        return f.graph("/" + id + "?fields=status").path("status").asString();
    }

    private static void audited(String action, String target, String outcome) {
        ConsoleHarness.eventually(action + " of " + target + " audited", () -> {
            String log = f.owner.browser().get("/api/v1/audit?action=" + action + "&target=" + target).body();
            return log.contains("\"target_id\":\"" + target + "\"") && log.contains("\"outcome\":\"" + outcome + "\"");
        });
    }

    @Test
    void thePagesOfAChosenAccountAreListedAndAnUnchosenAccountIsNotFound() {
        AdsApiTest.Answer pages = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/pages");
        assertThat(pages.status()).as(pages.response().body()).isEqualTo(200);
        assertThat(pages.json().path("data").findValuesAsString("id")).contains(f.pageId);
        for (JsonNode page : pages.json().path("data")) {
            assertThat(page.path("name").asString()).isNotBlank();
        }
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + UNCHOSEN + "/pages").status()).isEqualTo(404);
    }

    @Test
    void interestsAreSearchedByKeywordAndAnEmptyQueryIsRefused() {
        AdsApiTest.Answer found = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT
                + "/targeting/interests?q=coffee&limit=5");
        assertThat(found.status()).as(found.response().body()).isEqualTo(200);
        JsonNode data = found.json().path("data");
        assertThat(data.size()).isBetween(1, 5);
        for (JsonNode interest : data) {
            assertThat(interest.path("id").asString()).matches("[0-9]+");
            assertThat(interest.path("name").asString().toLowerCase()).contains("coffee");
        }
        AdsApiTest.Answer empty = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT
                + "/targeting/interests?q=%20");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error").path("fields").has("q")).isTrue();
        assertThat(AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + UNCHOSEN + "/targeting/interests?q=coffee")
                .status()).isEqualTo(404);
    }

    @Test
    void bulkActivateAsksOnceThenChangesAndAuditsEachCampaign() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = List.of(pausedCampaign("Bulk A " + run), pausedCampaign("Bulk B " + run));

        AdsApiTest.Answer ask = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/status",
                Map.of("ids", ids, "status", "ACTIVE"));
        assertThat(ask.status()).as(ask.response().body()).isEqualTo(409);
        assertThat(ask.json().path("error").path("code").asString()).isEqualTo("confirmation_required");
        assertThat(ask.json().path("error").path("message").asString()).contains("2 campaigns");
        ids.forEach(id -> assertThat(metaStatus(id)).isEqualTo("PAUSED"));

        AdsApiTest.Answer activated = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/status",
                Map.of("ids", ids, "status", "ACTIVE", "confirm", true));
        assertThat(activated.status()).as(activated.response().body()).isEqualTo(200);
        assertThat(activated.json().path("changed").asInt()).isEqualTo(2);
        assertThat(activated.json().path("failed").asInt()).isZero();
        ids.forEach(id -> assertThat(metaStatus(id)).isEqualTo("ACTIVE"));
        ids.forEach(id -> audited("campaign.status", id, "success"));

        AdsApiTest.Answer paused = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/status",
                Map.of("ids", ids, "status", "PAUSED"));
        assertThat(paused.status()).as(paused.response().body()).isEqualTo(200);
        ids.forEach(id -> assertThat(metaStatus(id)).isEqualTo("PAUSED"));
    }

    @Test
    void bulkWithAForeignIdChangesNothingAndBadRequestsAreRefused() {
        String mine = pausedCampaign("Bulk mine " + UUID.randomUUID().toString().substring(0, 8));
        String foreign = f.graph("/" + UNCHOSEN + "/campaigns?fields=id&limit=1").path("data").get(0).path("id").asString();
        AdsApiTest.Answer answer = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/status",
                Map.of("ids", List.of(mine, foreign), "status", "ACTIVE", "confirm", true));
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(404);
        assertThat(metaStatus(mine)).isEqualTo("PAUSED");
        assertThat(metaStatus(foreign)).isNotBlank();

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= CampaignOperations.MAX_BULK; i++) {
            tooMany.add(mine);
        }
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("ids", List.of(), "status", "PAUSED"),
                Map.of("ids", tooMany, "status", "PAUSED"), Map.of("ids", List.of("12x"), "status", "PAUSED"),
                Map.of("ids", List.of(mine), "status", "DELETED"))) {
            AdsApiTest.Answer refused = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/status", bad);
            assertThat(refused.status()).as(bad + " " + refused.response().body()).isEqualTo(400);
            assertThat(refused.json().path("error").path("code").asString()).isEqualTo("validation_failed");
        }

        // Read keys and analysts are refused, and the refusal is audited.
        AdsApiTest.Answer readKey = AdsApiTest.post(f.readKey, "/api/v1/campaigns/status",
                Map.of("ids", List.of(mine), "status", "PAUSED"));
        assertThat(readKey.status()).isEqualTo(403);
        Page analyst = f.analyst.api("POST", "/api/v1/campaigns/status", HttpRequest.BodyPublishers.ofString(
                "{\"ids\":[\"" + mine + "\"],\"status\":\"ACTIVE\",\"confirm\":true}"), "application/json", true);
        assertThat(analyst.status()).as(analyst.body()).isEqualTo(403);
        assertThat(metaStatus(mine)).isEqualTo("PAUSED");
        audited("campaign.status", mine, "denied");
    }

    @Test
    void aCampaignIsDuplicatedPausedThroughMetasCopiesAndAudited() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String source = pausedCampaign("Copy source " + run);
        AdsApiTest.Answer activate = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + source + "/status",
                Map.of("status", "ACTIVE", "confirm", true));
        assertThat(activate.status()).as(activate.response().body()).isEqualTo(200);

        AdsApiTest.Answer active = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + source + "/copies",
                Map.of("status", "ACTIVE"));
        assertThat(active.status()).as(active.response().body()).isEqualTo(409);
        assertThat(active.json().path("error").path("code").asString()).isEqualTo("confirmation_required");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rename_suffix", "- Test B");
        String copy = AdsApiWritesTest.created(AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + source
                + "/copies", body));
        assertThat(copy).isNotEqualTo(source);
        JsonNode meta = f.graph("/" + copy + "?fields=name,status,account_id");
        assertThat(meta.path("status").asString()).as(meta.toString()).isEqualTo("PAUSED");
        assertThat(meta.path("name").asString()).isEqualTo("Copy source " + run + " - Test B");
        assertThat(meta.path("account_id").asString()).isEqualTo(ACCOUNT.substring(4));
        audited("campaign.copy", copy, "success");

        AdsApiTest.Answer readKey = AdsApiTest.post(f.readKey, "/api/v1/campaigns/" + source + "/copies", Map.of());
        assertThat(readKey.status()).isEqualTo(403);
        assertThat(AdsApiTest.post(f.writeKey, "/api/v1/campaigns/999999999999/copies", Map.of()).status())
                .isEqualTo(404);
        assertThat(AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + source + "/copies",
                Map.of("status", "ARCHIVED")).status()).isEqualTo(400);
        // Leave the shared sandbox account as found: the source paused again.
        assertThat(AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + source + "/status", Map.of("status", "PAUSED"))
                .status()).isEqualTo(200);
    }
}
