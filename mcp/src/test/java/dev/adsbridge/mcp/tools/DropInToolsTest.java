package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.MetaAdsMcpServer;
import dev.adsbridge.mcp.TestEnv;
import dev.adsbridge.mcp.inventory.Toolset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reference server's arguments and tools that were missing, over real HTTP against the sandbox with every
 * toolset on: each write must reach Graph, so the checks read the sandbox's stored object back with a plain Graph
 * call. Also: undeclared arguments are refused, null means "not given", search/fetch use the caller's own token.
 */
class DropInToolsTest {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String PAGE = "200000000000001";
    private static MetaAdsMcpServer server;
    private static String token;
    private static String adsetBudgetCampaign;
    private static String imageHash;

    @BeforeAll
    static void setUp() {
        server = TestEnv.startServer(TestEnv.config().toolsets(EnumSet.allOf(Toolset.class)).build());
        token = TestEnv.token();
        adsetBudgetCampaign = ok(call("create_campaign", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Drop-in " + RUN, "objective", "OUTCOME_TRAFFIC", "use_adset_level_budgets", true)))
                .get("id").asString();
        imageHash = AdToolsTest.adsWithLibraryImages(token, 1).get(0).at("/creative/image_hash").asString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode call(String tool, Map<String, ?> arguments) {
        return call(token, tool, arguments);
    }

    private static JsonNode call(String callerToken, String tool, Map<String, ?> arguments) {
        return TestEnv.callTool(server, TestEnv.bearer(callerToken), tool, arguments);
    }

    /** A call this server must refuse itself, before Meta: InvalidArgument, no Meta code, the expected words. */
    private static JsonNode refused(String tool, Map<String, ?> arguments, String expected, String label) {
        JsonNode error = error(call(tool, arguments));
        assertThat(error.get("type").asString()).as(label).isEqualTo("InvalidArgument");
        assertThat(error.get("code").isNull()).as(label + ": Meta was not called").isTrue();
        assertThat(error.get("message").asString()).as(label).contains(expected);
        return error;
    }

    private static JsonNode stored(String id, String fields) {
        return TestEnv.graph(token, "GET", id, Map.of("fields", fields));
    }

    // ------------------------------------------------------------------ arguments in general

    @Test
    void anUndeclaredArgumentIsRefusedAndANullOneIgnored() {
        JsonNode refused = error(call("get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "include_creatives", true)));
        assertThat(refused.get("type").asString()).isEqualTo("InvalidArgument");
        assertThat(refused.get("code").isNull()).as("Meta was not called").isTrue();
        assertThat(refused.get("message").asString()).contains("Unknown argument 'include_creatives'")
                .contains("nothing was done").contains("account_id");

        Map<String, Object> withNull = new HashMap<>();
        withNull.put("account_id", TestEnv.BIG_ACCOUNT);
        withNull.put("include_creatives", null);
        assertThat(ok(call("get_campaigns", withNull)).get("data").size()).isPositive();

        String before = stored(adsetBudgetCampaign, "name").get("name").asString();
        JsonNode write = error(call("update_campaign", Map.of("campaign_id", adsetBudgetCampaign,
                "name", "Renamed " + RUN, "new_daily_budget", 9000)));
        assertThat(write.get("message").asString()).contains("'new_daily_budget'");
        assertThat(stored(adsetBudgetCampaign, "name").get("name").asString()).as("nothing changed")
                .isEqualTo(before);
    }

    @Test
    void nullForEveryOptionalReferenceArgumentMeansNotGiven() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("account_id", TestEnv.BIG_ACCOUNT);
        for (String name : List.of("access_token", "action_attribution_windows", "action_breakdowns")) {
            arguments.put(name, null);
        }
        arguments.put("time_range", "last_7d");
        arguments.put("level", "campaign");
        assertThat(ok(call("get_insights", arguments)).get("data").isArray()).isTrue();

        Map<String, Object> update = new HashMap<>();
        update.put("adset_id", "120000000000000001");
        for (String name : List.of("name", "status", "daily_budget", "targeting", "attribution_spec",
                "bid_adjustments", "multi_advertiser_ads", "regional_regulated_categories")) {
            update.put(name, null);
        }
        assertThat(error(call("update_adset", update)).get("message").asString()).startsWith("Nothing to update");
    }

    @Test
    void idsMayBeNumbers() {
        JsonNode ads = ok(call("get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1))).get("data");
        String adId = ads.get(0).get("id").asString();
        List<JsonNode> creatives = AdToolsTest.adsWithLibraryImages(token, 2);
        String creativeId = creatives.get(1).at("/creative/id").asString();
        ok(call("update_ad", Map.of("ad_id", adId, "creative_id", Long.parseLong(creativeId))));
        assertThat(stored(adId, "creative{id}").at("/creative/id").asString()).isEqualTo(creativeId);

        JsonNode estimate = ok(call("estimate_audience_size", Map.of("account_id", 1000000001L,
                "targeting", AdSetToolsTest.TARGETING)));
        assertThat(estimate.toString()).contains("act_1000000001");
    }

    // ------------------------------------------------------------------ campaigns and ad sets

    @Test
    void adSetSettingsOfTheReferenceReachMeta() {
        Map<String, Object> attribution = Map.of("event_type", "CLICK_THROUGH", "window_days", 1);
        Map<String, Object> identities = Map.of("taiwan_universal_beneficiary", "1001",
                "taiwan_universal_payer", "1002");
        String adsetId = ok(call("create_adset", AdSetToolsTest.adset(adsetBudgetCampaign, "Settings " + RUN,
                "daily_budget", 5000, "attribution_spec", List.of(attribution),
                "regional_regulated_categories", List.of("TAIWAN_UNIVERSAL"),
                "regional_regulation_identities", identities, "bid_adjustments", Map.of("user_groups", Map.of()))))
                .get("id").asString();
        JsonNode adset = stored(adsetId, "attribution_spec,regional_regulated_categories,"
                + "regional_regulation_identities");
        assertThat(adset.at("/attribution_spec/0/event_type").asString()).isEqualTo("CLICK_THROUGH");
        assertThat(adset.at("/attribution_spec/0/window_days").asInt()).isEqualTo(1);
        assertThat(adset.at("/regional_regulated_categories/0").asString()).isEqualTo("TAIWAN_UNIVERSAL");
        assertThat(adset.at("/regional_regulation_identities/taiwan_universal_payer").asString()).isEqualTo("1002");

        ok(call("update_adset", Map.of("adset_id", adsetId, "attribution_spec", List.of(
                Map.of("event_type", "CLICK_THROUGH", "window_days", 7),
                Map.of("event_type", "VIEW_THROUGH", "window_days", 1)))));
        JsonNode updated = stored(adsetId, "attribution_spec");
        assertThat(updated.get("attribution_spec").size()).isEqualTo(2);
        assertThat(updated.at("/attribution_spec/1/event_type").asString()).isEqualTo("VIEW_THROUGH");
        // Not an ad set parameter at Meta: refused with the reason, nothing sent.
        refused("update_adset", Map.of("adset_id", adsetId, "multi_advertiser_ads", 1), "contextual_multi_ads",
                "multi-advertiser ads");

        refused("update_adset", Map.of("adset_id", adsetId, "attribution_spec",
                List.of(Map.of("event_type", "CLICK_THROUGH", "window_days", 3))), "window_days 1, 7 or 28",
                "bad window");
    }

    @Test
    void campaignBudgetSwitchesAreHonouredOrRefusedWithTheRecipe() {
        String cbo = ok(call("create_campaign", Map.of("account_id", TestEnv.BIG_ACCOUNT, "name", "CBO " + RUN,
                "objective", "OUTCOME_TRAFFIC", "daily_budget", 10000))).get("id").asString();
        ok(call("update_campaign", Map.of("campaign_id", cbo, "campaign_budget_optimization", true,
                "daily_budget", 12000)));
        assertThat(stored(cbo, "daily_budget").get("daily_budget").asString()).isEqualTo("12000");

        String before = stored(cbo, "daily_budget").get("daily_budget").asString();
        JsonNode refused = error(call("update_campaign", Map.of("campaign_id", cbo,
                "use_adset_level_budgets", true)));
        assertThat(refused.get("message").asString()).contains("adset_budgets").contains("nothing was changed");
        assertThat(stored(cbo, "daily_budget").get("daily_budget").asString()).isEqualTo(before);

        // objective reaches Meta, which keeps a campaign's objective (the sandbox answers as Meta does).
        JsonNode objective = error(call("update_campaign", Map.of("campaign_id", cbo,
                "objective", "OUTCOME_SALES")));
        assertThat(objective.get("code").asInt()).isEqualTo(100);
        assertThat(ok(call("update_campaign", Map.of("campaign_id", cbo, "objective", "OUTCOME_TRAFFIC",
                "name", "CBO renamed " + RUN))).get("updated_fields").toString()).contains("objective");

        String name = "A/B " + RUN;
        JsonNode ab = error(call("create_campaign", Map.of("account_id", TestEnv.BIG_ACCOUNT, "name", name,
                "objective", "OUTCOME_TRAFFIC", "use_adset_level_budgets", true,
                "ab_test_control_setups", List.of(Map.of("name", "A")))));
        assertThat(ab.get("message").asString()).contains("ab_test_control_setups is not supported");
        JsonNode found = TestEnv.graph(token, "GET", TestEnv.BIG_ACCOUNT + "/campaigns", Map.of("fields", "name",
                "limit", "100"));
        assertThat(TestEnv.names(found.get("data"))).doesNotContain(name);
    }

    // ------------------------------------------------------------------ creatives

    @Test
    void labelledImagesObjectFormCopyAndEnhancementsReachMeta() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("account_id", TestEnv.BIG_ACCOUNT);
        arguments.put("name", "Labelled " + RUN);
        arguments.put("page_id", Long.parseLong(PAGE));
        arguments.put("link_url", "https://example.com/shoes");
        arguments.put("images", List.of(Map.of("image_hash", imageHash, "label", "feed")));
        arguments.put("headlines", List.of("Plain headline", Map.of("text", "Story headline",
                "adlabels", List.of(Map.of("name", "story")))));
        arguments.put("optimization_type", "PLACEMENT");
        arguments.put("asset_customization_rules", List.of(Map.of("customization_spec",
                Map.of("publisher_platforms", List.of("facebook")), "image_label", Map.of("name", "feed"))));
        arguments.put("disable_all_enhancements", true);
        arguments.put("facebook_branded_content", Map.of("sponsor_page_id", PAGE));
        String creativeId = ok(call("create_ad_creative", arguments)).get("creative_id").asString();

        JsonNode creative = stored(creativeId, "asset_feed_spec,degrees_of_freedom_spec,facebook_branded_content");
        JsonNode feed = creative.get("asset_feed_spec");
        assertThat(feed.at("/images/0/hash").asString()).isEqualTo(imageHash);
        assertThat(feed.at("/images/0/adlabels/0/name").asString()).isEqualTo("feed");
        assertThat(feed.at("/titles/0/text").asString()).isEqualTo("Plain headline");
        assertThat(feed.at("/titles/1/adlabels/0/name").asString()).isEqualTo("story");
        assertThat(feed.get("optimization_type").asString()).isEqualTo("PLACEMENT");
        assertThat(feed.at("/asset_customization_rules/0/image_label/name").asString()).isEqualTo("feed");
        assertThat(creative.at("/degrees_of_freedom_spec/creative_features_spec/image_touchups/enroll_status")
                .asString()).isEqualTo("OPT_OUT");
        assertThat(creative.at("/facebook_branded_content/sponsor_page_id").asString()).isEqualTo(PAGE);
    }

    @Test
    void captionPhoneAndVideoThumbnailUrlReachMeta() {
        String callAd = ok(call("create_ad_creative", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Call " + RUN, "page_id", PAGE, "image_hash", imageHash, "caption", "example.com/call",
                "phone_number", "+1 800 555 1234", "message", "Call us"))).get("creative_id").asString();
        JsonNode link = stored(callAd, "object_story_spec").at("/object_story_spec/link_data");
        assertThat(link.get("caption").asString()).isEqualTo("example.com/call");
        assertThat(link.at("/call_to_action/type").asString()).isEqualTo("CALL_NOW");
        assertThat(link.at("/call_to_action/value/link").asString()).isEqualTo("tel:+18005551234");

        String video = newVideo("Clip " + RUN);
        String videoAd = ok(call("create_ad_creative", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Video " + RUN, "page_id", PAGE, "video_id", Long.parseLong(video),
                "thumbnail_url", "https://example.com/thumb.jpg", "link_url", "https://example.com")))
                .get("creative_id").asString();
        JsonNode videoData = stored(videoAd, "object_story_spec").at("/object_story_spec/video_data");
        assertThat(videoData.get("video_id").asString()).isEqualTo(video);
        assertThat(videoData.get("image_url").asString()).isEqualTo("https://example.com/thumb.jpg");

        refused("create_ad_creative", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "page_id", PAGE, "image_hashes", List.of(imageHash), "caption", "x.com", "link_url",
                "https://example.com"), "caption belongs to a single-image link ad", "caption with variants");
    }

    @Test
    void contentChangesOfAnExistingCreativeAreRefusedWithTheRecipe() {
        String creativeId = AdToolsTest.adsWithLibraryImages(token, 1).get(0).at("/creative/id").asString();
        String before = stored(creativeId, "name").get("name").asString();
        JsonNode refused = refused("update_ad_creative", Map.of("creative_id", creativeId,
                "headlines", List.of("New"), "name", "Should not change"), "does not allow changing headlines",
                "content change");
        assertThat(refused.get("message").asString()).contains("create_ad_creative").contains("update_ad");
        assertThat(stored(creativeId, "name").get("name").asString()).isEqualTo(before);
    }

    @Test
    void duplicateCreativeCopiesWithTheNewTextAndLeavesTheSource() {
        String source = ok(call("create_ad_creative", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Original " + RUN, "page_id", PAGE, "image_hash", imageHash, "link_url",
                "https://example.com/a", "headline", "Old headline", "message", "Old text",
                "call_to_action_type", "LEARN_MORE", "url_tags", "utm_source=fb"))).get("creative_id").asString();
        JsonNode copy = ok(call("duplicate_creative", Map.of("creative_id", source, "new_headline", "New headline",
                "new_cta_type", "shop_now", "new_destination_url", "https://example.com/b")));
        String copyId = copy.get("creative_id").asString();
        assertThat(copyId).matches("[0-9]+").isNotEqualTo(source);

        JsonNode stored = stored(copyId, "name,object_story_spec,url_tags");
        assertThat(stored.get("name").asString()).isEqualTo("Original " + RUN + " - Copy");
        JsonNode link = stored.at("/object_story_spec/link_data");
        assertThat(link.get("name").asString()).isEqualTo("New headline");
        assertThat(link.get("message").asString()).as("kept").isEqualTo("Old text");
        assertThat(link.get("link").asString()).isEqualTo("https://example.com/b");
        assertThat(link.at("/call_to_action/type").asString()).isEqualTo("SHOP_NOW");
        assertThat(link.get("image_hash").asString()).isEqualTo(imageHash);
        assertThat(stored.get("url_tags").asString()).isEqualTo("utm_source=fb");
        assertThat(stored(source, "object_story_spec").at("/object_story_spec/link_data/name").asString())
                .as("the source is unchanged").isEqualTo("Old headline");

        JsonNode dry = ok(call("duplicate_creative", Map.of("creative_id", source, "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(dry.has("creative_id")).isFalse();
    }

    @Test
    void getAdVideoByVideoIdAndByAd() {
        String video = newVideo("Spot " + RUN);
        JsonNode byId = ok(call("get_ad_video", Map.of("video_id", video)));
        assertThat(byId.get("video_id").asString()).isEqualTo(video);
        assertThat(byId.get("source_url").asString()).isEqualTo("https://videos.example.com/" + RUN + ".mp4");
        assertThat(byId.get("title").asString()).isEqualTo("Spot " + RUN);
        assertThat(byId.get("video_status").asString()).isEqualTo("ready");

        String creative = ok(call("create_ad_creative", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Spot " + RUN, "page_id", PAGE, "video_id", video, "image_hash", imageHash,
                "link_url", "https://example.com"))).get("creative_id").asString();
        String adset = ok(call("create_adset", AdSetToolsTest.adset(adsetBudgetCampaign, "Video " + RUN,
                "daily_budget", 5000))).get("id").asString();
        String ad = ok(call("create_ad", Map.of("account_id", TestEnv.BIG_ACCOUNT, "name", "Video " + RUN,
                "adset_id", adset, "creative_id", creative))).get("id").asString();
        JsonNode byAd = ok(call("get_ad_video", Map.of("ad_id", ad)));
        assertThat(byAd.get("video_id").asString()).isEqualTo(video);
        assertThat(byAd.get("creative_id").asString()).isEqualTo(creative);
        assertThat(byAd.get("source_url").asString()).endsWith(RUN + ".mp4");

        refused("get_ad_video", Map.of(), "Pass video_id, or ad_id", "nothing given");

        // library_only: the video must be in the named account's library (the console's agent gateway relies on it).
        assertThat(ok(call("get_ad_video", Map.of("video_id", video, "account_id", TestEnv.BIG_ACCOUNT,
                "library_only", true))).get("title").asString()).isEqualTo("Spot " + RUN);
        refused("get_ad_video", Map.of("video_id", video, "account_id", TestEnv.EUR_ACCOUNT, "library_only", true),
                "is not in the video library of " + TestEnv.EUR_ACCOUNT, "another account's video");
        refused("get_ad_video", Map.of("video_id", video, "library_only", true), "needs the account_id",
                "library_only without an account");
    }

    private static String newVideo(String title) {
        return TestEnv.graph(token, "POST", TestEnv.BIG_ACCOUNT + "/advideos", Map.of("file_url",
                "https://videos.example.com/" + RUN + ".mp4", "title", title)).get("id").asString();
    }

    // ------------------------------------------------------------------ search, fetch, login link

    @Test
    void searchAndFetchAnswerInTheRetrievalShapeWithTheCallersOwnToken() {
        String name = "Zephyr " + RUN;
        String campaign = ok(call("create_campaign", Map.of("account_id", TestEnv.BIG_ACCOUNT, "name", name,
                "objective", "OUTCOME_TRAFFIC", "use_adset_level_budgets", true))).get("id").asString();
        JsonNode results = ok(call("search", Map.of("query", "zephyr " + RUN))).get("results");
        assertThat(results.size()).isPositive();
        JsonNode first = results.get(0);
        assertThat(first.get("id").asString()).isEqualTo("campaign:" + campaign);
        assertThat(first.get("title").asString()).isEqualTo("Campaign: " + name);
        assertThat(first.get("url").asString()).startsWith("https://").contains(campaign);

        JsonNode record = ok(call("fetch", Map.of("id", "campaign:" + campaign)));
        assertThat(record.get("id").asString()).isEqualTo("campaign:" + campaign);
        assertThat(record.get("title").asString()).isEqualTo("Campaign: " + name);
        assertThat(record.get("text").asString()).contains("objective: OUTCOME_TRAFFIC").contains("last 30 days");
        assertThat(record.get("url").asString()).isEqualTo(first.get("url").asString());
        assertThat(record.at("/metadata/account_id").asString()).isEqualTo(TestEnv.BIG_ACCOUNT);

        // Another person's token finds nothing of this account and cannot fetch it: nothing is shared.
        String other = TestEnv.token(TestEnv.SECOND_USER, null, null);
        assertThat(ok(call(other, "search", Map.of("query", "zephyr " + RUN))).get("results").toString())
                .doesNotContain(campaign);
        JsonNode denied = error(call(other, "fetch", Map.of("id", "campaign:" + campaign)));
        assertThat(denied.get("code").isNull()).as("Meta refused it").isFalse();

        refused("fetch", Map.of("id", "campaign:act_1"), "id", "malformed id");
    }

    @Test
    void getLoginLinkNamesTheConsoleWhenConfigured() {
        String previous = System.getProperty(AccountTools.CONSOLE_URL_PROPERTY);
        try {
            System.clearProperty(AccountTools.CONSOLE_URL_PROPERTY);
            if (System.getenv(AccountTools.CONSOLE_URL_ENV) == null) {
                JsonNode missing = error(call("get_login_link", Map.of()));
                assertThat(missing.get("message").asString()).contains(AccountTools.CONSOLE_URL_ENV);
            }
            System.setProperty(AccountTools.CONSOLE_URL_PROPERTY, "https://ads.example.com/");
            JsonNode link = ok(call("get_login_link", Map.of()));
            assertThat(link.get("login_url").asString()).isEqualTo("https://ads.example.com/");
            assertThat(link.get("instructions").asString()).contains("Connect Facebook Ads");
        } finally {
            if (previous == null) {
                System.clearProperty(AccountTools.CONSOLE_URL_PROPERTY);
            } else {
                System.setProperty(AccountTools.CONSOLE_URL_PROPERTY, previous);
            }
        }
    }
}
