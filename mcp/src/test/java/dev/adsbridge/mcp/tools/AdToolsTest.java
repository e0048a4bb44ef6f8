package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Toolset ads against the sandbox: listing by the most specific parent, reading, creating and updating ads. */
class AdToolsTest {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static String token;
    private static String adsetId;
    /** Two creatives of the big account, from its seeded ads. */
    private static String creativeId;
    private static String otherCreativeId;

    @BeforeAll
    static void adSetAndCreatives() {
        token = TestEnv.token();
        String campaignId = ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Ads " + RUN, "objective", "OUTCOME_TRAFFIC", "use_adset_level_budgets", true)))
                .get("id").asString();
        adsetId = ok(callTool(token, "create_adset", AdSetToolsTest.adset(campaignId, "Ads " + RUN,
                "daily_budget", 5000))).get("id").asString();
        List<JsonNode> withImages = adsWithLibraryImages(token, 2);
        creativeId = withImages.get(0).at("/creative/id").asString();
        otherCreativeId = withImages.get(1).at("/creative/id").asString();
    }

    // ------------------------------------------------------------------ reads

    @Test
    void getAdsPagesThroughTheAccountsAds() {
        JsonNode first = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(first.get("data").size()).isEqualTo(10);
        JsonNode ad = first.at("/data/0");
        assertThat(ad.get("adset_id").asString()).matches("[0-9]+");
        assertThat(ad.at("/creative/id").asString()).matches("[0-9]+");
        assertThat(TestEnv.effectiveStatus(ad)).isNotBlank();
        JsonNode second = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 5,
                "after", first.get("next_cursor").asString())));
        assertThat(TestEnv.ids(second.get("data"))).hasSize(5)
                .doesNotContainAnyElementsOf(TestEnv.ids(first.get("data")));
    }

    @Test
    void theMostSpecificParentWins() {
        JsonNode some = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 40)))
                .get("data");
        String adset = some.get(0).get("adset_id").asString();
        String campaign = some.get(0).get("campaign_id").asString();
        String otherCampaign = null;
        for (JsonNode ad : some) {
            if (!ad.get("campaign_id").asString().equals(campaign)) {
                otherCampaign = ad.get("campaign_id").asString();
                break;
            }
        }
        JsonNode byAdset = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "adset_id", adset, "campaign_id", otherCampaign, "limit", 50)));
        assertThat(byAdset.get("data").size()).isPositive();
        byAdset.get("data").forEach(ad -> assertThat(ad.get("adset_id").asString()).isEqualTo(adset));

        JsonNode byCampaign = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "campaign_id", campaign, "limit", 50)));
        assertThat(byCampaign.get("data").size()).isPositive();
        byCampaign.get("data").forEach(ad -> assertThat(ad.get("campaign_id").asString()).isEqualTo(campaign));
        assertThat(byCampaign.get("data").size()).isGreaterThanOrEqualTo(byAdset.get("data").size());

        JsonNode paused = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 20,
                "status_filter", List.of("PAUSED"))));
        assertThat(paused.get("data").size()).as("the seed has paused ads").isPositive();
        paused.get("data").forEach(ad -> assertThat(TestEnv.effectiveStatus(ad)).isEqualTo("PAUSED"));
    }

    @Test
    void getAdDetailsShowsTheCreativeAdSetAndCampaign() {
        JsonNode listed = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1)))
                .at("/data/0");
        JsonNode details = ok(callTool(token, "get_ad_details", Map.of("ad_id", listed.get("id").asString())));
        assertThat(details.get("name").asString()).isEqualTo(listed.get("name").asString());
        assertThat(details.get("account_id").asString()).isEqualTo("1000000001");
        assertThat(details.at("/adset/id").asString()).isEqualTo(listed.get("adset_id").asString());
        assertThat(details.at("/adset/name").asString()).isNotBlank();
        assertThat(details.at("/campaign/name").asString()).isNotBlank();
        assertThat(details.at("/creative/id").asString()).isEqualTo(listed.at("/creative/id").asString());
        JsonNode withImage = adsWithLibraryImages(token, 1).get(0);
        assertThat(withImage.at("/creative/image_hash").asString()).matches("[0-9a-f]{32}");
        assertThat(withImage.at("/creative/image_url").asString()).startsWith("http")
                .contains(withImage.at("/creative/image_hash").asString());
        assertThat(error(callTool(token, "get_ad_details", Map.of("ad_id", "ad-1"))).get("type").asString())
                .isEqualTo("InvalidArgument");
    }

    @Test
    void getAdsAndGetAdDetailsReadTheConversionDomain() {
        String id = newAd("Conversion domain " + RUN);
        TestEnv.graph(token, "POST", id, Map.of("conversion_domain", "whitfield-outdoor.example"));
        JsonNode details = ok(callTool(token, "get_ad_details", Map.of("ad_id", id)));
        assertThat(details.get("conversion_domain").asString()).isEqualTo("whitfield-outdoor.example");
        JsonNode listed = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "adset_id", adsetId, "limit", 100)));
        assertThat(TestEnv.find(listed.get("data"), id).get("conversion_domain").asString())
                .isEqualTo("whitfield-outdoor.example");
    }

    // ------------------------------------------------------------------ create

    @Test
    void createAdPutsACreativeIntoAnAdSetPaused() {
        String name = "Trail shoes ad " + RUN;
        JsonNode created = ok(callTool(token, "create_ad", Map.of("account_id", TestEnv.BIG_ACCOUNT, "name", name,
                "adset_id", adsetId, "creative_id", creativeId, "tracking_specs", List.of(Map.of(
                        "action.type", List.of("offsite_conversion"), "fb_pixel", List.of("300000000000001"))))));
        assertThat(created.get("status").asString()).isEqualTo("PAUSED");
        JsonNode details = ok(callTool(token, "get_ad_details", Map.of("ad_id", created.get("id").asString())));
        assertThat(details.get("name").asString()).isEqualTo(name);
        assertThat(details.get("status").asString()).isEqualTo("PAUSED");
        assertThat(details.get("adset_id").asString()).isEqualTo(adsetId);
        assertThat(details.at("/creative/id").asString()).isEqualTo(creativeId);
        assertThat(details.at("/tracking_specs/0/fb_pixel/0").asString()).isEqualTo("300000000000001");
        assertThat(adNames()).contains(name);
    }

    @Test
    void validateOnlyAsksMetaAndCreatesNothing() {
        String name = "Dry ad " + RUN;
        JsonNode dry = ok(callTool(token, "create_ad", Map.of("account_id", TestEnv.BIG_ACCOUNT, "name", name,
                "adset_id", adsetId, "creative_id", creativeId, "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(dry.has("id")).isFalse();
        assertThat(adNames()).doesNotContain(name);

        // Meta still checks what it can: a creative that does not exist.
        JsonNode unknown = error(callTool(token, "create_ad", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", name, "adset_id", adsetId, "creative_id", "999999999", "validate_only", true)));
        assertThat(unknown.get("code").asInt()).isEqualTo(100);
        assertThat(unknown.get("category").asString()).isEqualTo("invalid_request");
    }

    @Test
    void invalidAdsAreRefusedBeforeMetaIsCalled() {
        String name = "Never created " + RUN;
        Map<String, List<Object>> cases = new LinkedHashMap<>();
        cases.put("no creative", List.of(ad(name, "creative_id", ""), "creative_id"));
        cases.put("creative not an id", List.of(ad(name, "creative_id", "blue shoes"), "creative_id"));
        cases.put("no ad set", List.of(ad(name, "adset_id", ""), "adset_id"));
        cases.put("no name", List.of(ad("", "status", "PAUSED"), "name"));
        cases.put("name too long", List.of(ad("x".repeat(401)), "at most 400"));
        cases.put("deleted on create", List.of(ad(name, "status", "DELETED"), "ACTIVE, PAUSED"));
        cases.put("tracking specs not json", List.of(ad(name, "tracking_specs", "pixel 123"), "tracking_specs"));
        cases.put("tracking specs without type", List.of(ad(name, "tracking_specs", List.of(Map.of("fb_pixel",
                List.of("1")))), "action.type"));
        cases.put("decimal bid", List.of(ad(name, "bid_amount", 1.5), "whole number"));
        Tripwire.assertMetaNotCalled("act_1000000001/ads", "POST", "no ad create reached Meta", () ->
                cases.forEach((label, testCase) -> TestEnv.assertRefusedBeforeMeta(token, "create_ad",
                        (Map<?, ?>) testCase.get(0), (String) testCase.get(1), label)));
        assertThat(adNames()).doesNotContain(name);
    }

    @Test
    void aTokenWithOnlyAdsReadCannotCreateAds() {
        String readOnly = TestEnv.token(TestEnv.DEMO_USER, List.of("ads_read"), null);
        JsonNode error = error(callTool(readOnly, "create_ad", ad("Read only " + RUN)));
        // Refused before Meta: the token's permissions (GET /me/permissions) lack ads_management.
        assertThat(error.get("category").asString()).isEqualTo("permission");
        assertThat(error.get("message").asString()).contains("ads_management");
        assertThat(adNames()).doesNotContain("Read only " + RUN);
    }

    // ------------------------------------------------------------------ update

    @Test
    void updateAdRenamesActivatesAndSwapsTheCreative() {
        String id = newAd("To update " + RUN);
        JsonNode updated = ok(callTool(token, "update_ad", Map.of("ad_id", id, "name", "Updated " + RUN,
                "status", "ACTIVE", "creative_id", otherCreativeId)));
        assertThat(TestEnv.texts(updated.get("updated_fields"))).containsExactly("name", "status",
                "creative_id");
        JsonNode details = ok(callTool(token, "get_ad_details", Map.of("ad_id", id)));
        assertThat(details.get("name").asString()).isEqualTo("Updated " + RUN);
        assertThat(details.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(details.at("/creative/id").asString()).isEqualTo(otherCreativeId);
        // Its campaign is paused, so the ad does not deliver although it is active.
        assertThat(details.get("effective_status").asString()).isEqualTo("CAMPAIGN_PAUSED");

        ok(callTool(token, "update_ad", Map.of("ad_id", id, "status", "ARCHIVED")));
        assertThat(ok(callTool(token, "get_ad_details", Map.of("ad_id", id))).get("status").asString())
                .isEqualTo("ARCHIVED");
    }

    @Test
    void updateAdDryRunAndInvalidUpdatesChangeNothing() {
        String id = newAd("Unchanged " + RUN);
        JsonNode dry = ok(callTool(token, "update_ad", Map.of("ad_id", id, "status", "ACTIVE",
                "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(error(callTool(token, "update_ad", Map.of("ad_id", id))).get("message").asString())
                .contains("Nothing to update");
        assertThat(error(callTool(token, "update_ad", Map.of("ad_id", id, "status", "RUNNING")))
                .get("message").asString()).contains("ARCHIVED");
        assertThat(error(callTool(token, "update_ad", Map.of("ad_id", id, "creative_id", "new one")))
                .get("message").asString()).contains("creative_id");
        JsonNode unknownCreative = error(callTool(token, "update_ad", Map.of("ad_id", id,
                "creative_id", "999999999")));
        assertThat(unknownCreative.get("code").asInt()).isEqualTo(100);
        JsonNode details = ok(callTool(token, "get_ad_details", Map.of("ad_id", id)));
        assertThat(details.get("status").asString()).isEqualTo("PAUSED");
        assertThat(details.at("/creative/id").asString()).isEqualTo(creativeId);
    }

    // ------------------------------------------------------------------ Meta's failures

    @Test
    void anExpiredTokenIsAnAuthError() {
        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.fault("expire_token", adsetId + "/ads", "GET", 1);
        JsonNode read = error(callTool(expiring, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "adset_id", adsetId)));
        assertThat(read.get("category").asString()).isEqualTo("auth");
        JsonNode write = error(callTool(expiring, "update_ad", Map.of("ad_id", newAd("Auth " + RUN),
                "status", "ACTIVE")));
        assertThat(write.get("category").asString()).isEqualTo("auth");
    }

    @Test
    void aRateLimitedCreateIsReportedWithRetryAfterAndCreatesNothing() {
        TestEnv.fault("rate_limit", "act_1000000001/ads", "POST", 1);
        JsonNode error = error(callTool(token, "create_ad", ad("Throttled " + RUN)));
        assertThat(error.get("category").asString()).isEqualTo("rate_limit");
        assertThat(error.get("retry_after_seconds").asLong()).isPositive();
        assertThat(adNames()).doesNotContain("Throttled " + RUN);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Details of the account's newest ads whose creative has a library image with distinct creatives (other tests
     * may have added ads built from posts, which have none).
     */
    static List<JsonNode> adsWithLibraryImages(String token, int wanted) {
        JsonNode ads = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 60)))
                .get("data");
        List<JsonNode> found = new ArrayList<>();
        Set<String> creatives = new HashSet<>();
        for (JsonNode ad : ads) {
            JsonNode details = ok(callTool(token, "get_ad_details", Map.of("ad_id", ad.get("id").asString())));
            if (details.at("/creative/image_hash").asString().matches("[0-9a-f]{32}")
                    && creatives.add(details.at("/creative/id").asString())) {
                found.add(details);
                if (found.size() == wanted) {
                    return found;
                }
            }
        }
        throw new AssertionError("fewer than " + wanted + " ads with a library image among the newest 60");
    }

    private static Map<String, Object> ad(String name, Object... overrides) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("account_id", TestEnv.BIG_ACCOUNT);
        arguments.put("name", name);
        arguments.put("adset_id", adsetId);
        arguments.put("creative_id", creativeId);
        for (int i = 0; i < overrides.length; i += 2) {
            arguments.put((String) overrides[i], overrides[i + 1]);
        }
        return arguments;
    }

    private static String newAd(String name) {
        return ok(callTool(token, "create_ad", ad(name))).get("id").asString();
    }

    /** Names of every ad in the test ad set, in every status. */
    private static List<String> adNames() {
        JsonNode ads = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "adset_id", adsetId,
                "limit", 200, "status_filter", AdTools.EFFECTIVE_STATUSES)));
        return TestEnv.names(ads.get("data"));
    }
}
