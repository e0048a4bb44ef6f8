package dev.adsbridge.console.agents;

import static dev.adsbridge.console.agents.AgentFixture.callToolAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.mcp.inventory.Toolset;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Videos and pixels through the tenant MCP endpoint, with an MCP server that lists every toolset (an operator's choice;
 * the default list has no video or audience tools). Neither lives inside one ad account (Meta's videos carry no
 * account_id; a pixel is shared with ad accounts), so the gateway keeps an agent to the video libraries and the pixels
 * of the ad accounts the workspace chose: for reads (get_ad_video), creatives that use a video, and ad sets, ads and
 * audiences that name a pixel.
 */
class GatewaySharedAssetsTest {

    private static final String CHOSEN = "act_1000000002";
    private static final String UNCHOSEN = "act_1000000001";
    private static ConsoleHarness console;
    private static String key;
    private static String metaToken;

    @BeforeAll
    static void start() {
        console = ConsoleHarness.start(Map.of(), mcp -> mcp.defaultToolsets(EnumSet.allOf(Toolset.class)));
        ConsoleHarness.Signed owner = console.owner("Videos " + UUID.randomUUID().toString().substring(0, 6));
        ConsoleHarness.connect(owner.browser());
        UUID connection = console.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", CHOSEN));
        key = AgentFixture.createKey(owner.browser(), "videos", "read_write", List.of(), "0");
        metaToken = console.tokenOf(owner.tenant(), connection);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void anAgentReachesOnlyTheVideosOfTheChosenAccounts() throws Exception {
        // The connection's token reaches both accounts' libraries; the workspace chose one.
        String foreign = newVideo(UNCHOSEN);
        String own = newVideo(CHOSEN);

        AgentFixture.Answer bare = callToolAt(console.baseUrl, key, "get_ad_video", Map.of("video_id", foreign));
        assertThat(bare.isError()).as(bare.body()).isTrue();
        assertThat(bare.error().path("category").asString()).isEqualTo("permission");
        assertThat(bare.error().path("message").asString()).contains("account_id").contains(foreign);
        AgentFixture.Answer named = callToolAt(console.baseUrl, key, "get_ad_video", Map.of("video_id", foreign,
                "account_id", CHOSEN, "library_only", false));
        assertThat(named.isError()).as(named.body()).isTrue();
        assertThat(named.error().path("message").asString()).contains("not in the video library of " + CHOSEN);
        assertThat(named.body()).doesNotContain("videos.example.com");
        AgentFixture.Answer mine = callToolAt(console.baseUrl, key, "get_ad_video", Map.of("video_id", own,
                "account_id", CHOSEN));
        assertThat(mine.isError()).as(mine.body()).isFalse();
        assertThat(mine.result().path("structuredContent").path("video_id").asString()).isEqualTo(own);

        AgentFixture.Answer creative = callToolAt(console.baseUrl, key, "create_ad_creative", Map.of("account_id",
                CHOSEN, "name", "Borrowed video", "page_id", "200000000000001", "video_id", foreign,
                "image_hash", "0123456789abcdef0123456789abcdef", "link_url", "https://example.com"));
        assertThat(creative.isError()).as(creative.body()).isTrue();
        assertThat(creative.error().path("category").asString()).isEqualTo("permission");
        assertThat(creative.error().path("message").asString()).contains(foreign).contains(CHOSEN);
        // The same video inside a creative's structured arguments, as JSON and as its text.
        List<Map<String, Object>> nested = List.of(
                Map.of("videos", List.of(Map.of("video_id", foreign, "thumbnail_url", "https://example.com/t.png"))),
                Map.of("object_story_spec", Map.of("page_id", "200000000000001", "video_data",
                        Map.of("video_id", foreign, "image_url", "https://example.com/t.png"))),
                Map.of("asset_feed_spec", "{\"videos\":[{\"video_id\":\"" + foreign + "\"}]}"));
        for (Map<String, Object> spec : nested) {
            Map<String, Object> arguments = new java.util.LinkedHashMap<>(Map.of("account_id", CHOSEN, "name",
                    "Borrowed video", "page_id", "200000000000001", "link_url", "https://example.com"));
            arguments.putAll(spec);
            AgentFixture.Answer inside = callToolAt(console.baseUrl, key, "create_ad_creative", arguments);
            assertThat(inside.isError()).as(spec.keySet() + ": " + inside.body()).isTrue();
            assertThat(inside.error().path("category").asString()).as(spec.keySet().toString())
                    .isEqualTo("permission");
            assertThat(inside.error().path("message").asString()).contains(foreign);
        }
        // The agent's own video passes the check (what Meta then says of the creative is Meta's business).
        AgentFixture.Answer ownInside = callToolAt(console.baseUrl, key, "create_ad_creative", Map.of("account_id",
                CHOSEN, "name", "Own video", "page_id", "200000000000001", "link_url", "https://example.com",
                "videos", List.of(Map.of("video_id", own, "thumbnail_url", "https://example.com/t.png"))));
        assertThat(ownInside.error().path("category").asString()).as(ownInside.body()).isNotEqualTo("permission");
    }

    @Test
    void anAgentUsesOnlyThePixelsOfTheChosenAccounts() throws Exception {
        String own = firstPixel(CHOSEN);
        // A pixel the workspace's Meta token reaches, of an ad account the workspace did not choose.
        String foreign = firstPixel(UNCHOSEN);
        assertThat(own).isNotEmpty();
        assertThat(foreign).isNotEmpty().isNotEqualTo(own);
        String campaign = firstId("get_campaigns", Map.of("account_id", CHOSEN));
        String ad = firstId("get_ads", Map.of("account_id", CHOSEN));

        String rule = "{\"inclusions\":{\"operator\":\"or\",\"rules\":[{\"event_sources\":[{\"id\":\"PIXEL\","
                + "\"type\":\"pixel\"}],\"retention_seconds\":2592000,\"filter\":{\"operator\":\"and\","
                + "\"filters\":[{\"field\":\"url\",\"operator\":\"i_contains\",\"value\":\"shop\"}]}}]}}";
        Map<String, Map<String, Object>> calls = new java.util.LinkedHashMap<>();
        calls.put("create_adset", Map.of("account_id", CHOSEN, "campaign_id", campaign, "name", "Pixel check",
                "daily_budget", 2000, "optimization_goal", "OFFSITE_CONVERSIONS", "billing_event", "IMPRESSIONS", "targeting",
                Map.of("geo_locations", Map.of("countries", List.of("US")), "targeting_automation",
                        Map.of("advantage_audience", 0)), "promoted_object",
                Map.of("pixel_id", "PIXEL", "custom_event_type", "PURCHASE"), "validate_only", true));
        calls.put("update_ad", Map.of("ad_id", ad, "tracking_specs", "[{\"action.type\":[\"offsite_conversion\"],"
                + "\"fb_pixel\":[\"PIXEL\"]}]", "validate_only", true));
        calls.put("create_custom_audience", Map.of("account_id", CHOSEN, "name", "Pixel check", "subtype",
                "WEBSITE", "rule", rule, "validate_only", true));
        for (Map.Entry<String, Map<String, Object>> call : calls.entrySet()) {
            AgentFixture.Answer elsewhere = callToolAt(console.baseUrl, key, call.getKey(),
                    withPixel(call.getValue(), foreign));
            assertThat(elsewhere.isError()).as(call.getKey() + ": " + elsewhere.body()).isTrue();
            assertThat(elsewhere.error().path("category").asString()).as(elsewhere.body()).isEqualTo("permission");
            assertThat(elsewhere.error().path("message").asString()).contains(foreign, CHOSEN);
            // The account's own pixel passes (and Meta accepts the dry run).
            AgentFixture.Answer mine = callToolAt(console.baseUrl, key, call.getKey(), withPixel(call.getValue(), own));
            assertThat(mine.isError()).as(call.getKey() + ": " + mine.body()).isFalse();
        }
    }

    /** The arguments with "PIXEL" (in strings and nested maps) replaced by a pixel id. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withPixel(Map<String, Object> arguments, String pixel) {
        Map<String, Object> filled = new java.util.LinkedHashMap<>();
        arguments.forEach((name, value) -> filled.put(name, value instanceof String text
                ? text.replace("PIXEL", pixel)
                : value instanceof Map<?, ?> map ? withPixel((Map<String, Object>) map, pixel) : value));
        return filled;
    }

    private static String firstId(String tool, Map<String, Object> arguments) {
        Map<String, Object> first = new java.util.LinkedHashMap<>(arguments);
        first.put("limit", 1);
        AgentFixture.Answer listed = callToolAt(console.baseUrl, key, tool, first);
        return listed.result().path("structuredContent").path("data").path(0).path("id").asString();
    }

    private static String firstPixel(String account) throws Exception {
        HttpResponse<String> listed = AgentFixture.http.send(HttpRequest.newBuilder(URI.create(
                        console.sandbox.graphUrl() + "/" + account + "/adspixels?fields=id"))
                .header("Authorization", "Bearer " + metaToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return AgentFixture.JSON.readTree(listed.body()).path("data").path(0).path("id").asString();
    }

    private static String newVideo(String account) throws Exception {
        HttpResponse<String> created = AgentFixture.http.send(HttpRequest.newBuilder(
                        URI.create(console.sandbox.graphUrl() + "/" + account + "/advideos"))
                .header("Authorization", "Bearer " + metaToken)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("file_url=https%3A%2F%2Fvideos.example.com%2F"
                        + UUID.randomUUID() + ".mp4&title=Spot")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return AgentFixture.JSON.readTree(created.body()).path("id").asString();
    }
}
