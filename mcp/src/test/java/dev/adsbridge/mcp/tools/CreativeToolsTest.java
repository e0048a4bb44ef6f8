package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.mcp.TestEnv;
import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Inventory;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.ToolCallListener;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolRunner;
import dev.adsbridge.mcp.tools.images.ImageFetcher;
import dev.adsbridge.mcp.tools.images.LoopbackImageServer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.awt.Color;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Toolset creatives against the sandbox: reading creatives, an ad's image as MCP image content, uploads (bytes and
 * URLs, with the SSRF guard), creating creatives in their three shapes, the little Meta lets a creative change, and
 * image crops without a token.
 */
class CreativeToolsTest {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String PAGE = "200000000000001";
    private static final String PNG_SIGNATURE = "89504e470d0a1a0a";
    private static String token;
    /** A seeded ad of the big account, its creative and that creative's library image. */
    private static String adId;
    private static String creativeId;
    private static String imageHash;
    private static String otherImageHash;
    private static String adsetId;
    private static LoopbackImageServer images;

    @BeforeAll
    static void fixtures() {
        token = TestEnv.token();
        List<JsonNode> ads = AdToolsTest.adsWithLibraryImages(token, 12);
        JsonNode first = ads.get(0);
        adId = first.get("id").asString();
        creativeId = first.at("/creative/id").asString();
        imageHash = first.at("/creative/image_hash").asString();
        otherImageHash = ads.stream().map(ad -> ad.at("/creative/image_hash").asString())
                .filter(hash -> !hash.equals(imageHash)).findFirst().orElseThrow();
        String campaignId = ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Creatives " + RUN, "objective", "OUTCOME_TRAFFIC", "use_adset_level_budgets", true)))
                .get("id").asString();
        adsetId = ok(callTool(token, "create_adset", AdSetToolsTest.adset(campaignId, "Creatives " + RUN,
                "daily_budget", 5000, "is_dynamic_creative", true))).get("id").asString();
        images = new LoopbackImageServer();
    }

    @AfterAll
    static void stop() {
        images.close();
    }

    // ------------------------------------------------------------------ reading creatives

    @Test
    void getAdCreativesReturnsTheAdsCreativeWithViewingUrls() {
        JsonNode result = ok(callTool(token, "get_ad_creatives", Map.of("ad_id", adId)));
        JsonNode creative = result.at("/data/0");
        assertThat(result.get("data").size()).isEqualTo(1);
        assertThat(creative.get("id").asString()).isEqualTo(creativeId);
        assertThat(creative.get("image_hash").asString()).isEqualTo(imageHash);
        assertThat(creative.get("object_story_spec").get("page_id").asString()).matches("2000000000000\\d\\d");
        assertThat(creative.get("image_urls_for_viewing").size()).isPositive();
        assertThat(creative.at("/image_urls_for_viewing/0").asString()).startsWith("http").contains(imageHash);

        JsonNode accountId = error(callTool(token, "get_ad_creatives", Map.of("ad_id", TestEnv.BIG_ACCOUNT)));
        assertThat(accountId.get("message").asString()).contains("ad_id");
    }

    @Test
    void getCreativeDetailsReadsOneCreative() {
        JsonNode creative = ok(callTool(token, "get_creative_details", Map.of("creative_id", creativeId)));
        assertThat(creative.get("id").asString()).isEqualTo(creativeId);
        assertThat(creative.get("account_id").asString()).isEqualTo("1000000001");
        assertThat(creative.get("url_tags").asString()).contains("utm_campaign");
        assertThat(creative.get("actor_id").asString()).isEqualTo(creative.at("/object_story_spec/page_id")
                .asString());
        assertThat(error(callTool(token, "get_creative_details", Map.of("creative_id", "999999999")))
                .get("code").asInt()).isEqualTo(100);
    }

    // ------------------------------------------------------------------ images as MCP image content

    @Test
    void getAdImageReturnsTheImageAsImageContentWithItsMimeType() {
        JsonNode result = callTool(token, "get_ad_image", Map.of("ad_id", adId));
        assertThat(result.path("isError").asBoolean(false)).as(result.toString()).isFalse();
        JsonNode image = result.at("/content/0");
        assertThat(image.get("type").asString()).isEqualTo("image");
        assertThat(image.get("mimeType").asString()).isEqualTo("image/png");
        byte[] bytes = Base64.getDecoder().decode(image.get("data").asString());
        assertThat(HexFormat.of().formatHex(bytes, 0, 8)).isEqualTo(PNG_SIGNATURE);
        assertThat(md5(bytes)).as("the library image itself").isEqualTo(imageHash);

        JsonNode text = result.at("/content/1");
        assertThat(text.get("type").asString()).isEqualTo("text");
        JsonNode about = Json.parseOrNull(text.get("text").asString());
        assertThat(about.get("ad_id").asString()).isEqualTo(adId);
        assertThat(about.get("creative_id").asString()).isEqualTo(creativeId);
        assertThat(about.get("image_hash").asString()).isEqualTo(imageHash);
        assertThat(about.get("mime_type").asString()).isEqualTo("image/png");
        assertThat(about.get("bytes").asInt()).isEqualTo(bytes.length);
        assertThat(about.get("width").asInt()).isPositive();
        assertThat(about.get("height").asInt()).isPositive();
        assertThat(result.has("structuredContent")).as("clients that prefer it would hide the image").isFalse();
    }

    @Test
    void getImageByHashShowsTheSameLibraryImage() {
        JsonNode result = callTool(token, "get_image_by_hash", Map.of("account_id", "1000000001",
                "image_hash", imageHash));
        assertThat(result.at("/content/0/type").asString()).isEqualTo("image");
        assertThat(result.at("/content/0/mimeType").asString()).isEqualTo("image/png");
        byte[] bytes = Base64.getDecoder().decode(result.at("/content/0/data").asString());
        assertThat(md5(bytes)).isEqualTo(imageHash);
        JsonNode about = Json.parseOrNull(result.at("/content/1/text").asString());
        assertThat(about.get("name").asString()).endsWith(".png");

        JsonNode unknown = error(callTool(token, "get_image_by_hash", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "image_hash", "0".repeat(32))));
        assertThat(unknown.get("category").asString()).isEqualTo("invalid_request");
        assertThat(unknown.get("message").asString()).contains("No image with hash");
        JsonNode malformed = error(callTool(token, "get_image_by_hash", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "image_hash", "shoe.png")));
        assertThat(malformed.get("message").asString()).contains("32 hexadecimal");
    }

    @Test
    void anAdWithoutALibraryImageSaysWhereToLookInstead() {
        String postCreative = ok(callTool(token, "create_ad_creative", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Post " + RUN, "object_story_id", PAGE + "_777000111"))).get("creative_id").asString();
        String ad = ok(callTool(token, "create_ad", Map.of("account_id", TestEnv.BIG_ACCOUNT, "name", "Post ad " + RUN,
                "adset_id", adsetId, "creative_id", postCreative))).get("id").asString();
        JsonNode error = error(callTool(token, "get_ad_image", Map.of("ad_id", ad)));
        assertThat(error.get("category").asString()).isEqualTo("invalid_request");
        assertThat(error.get("message").asString()).contains("no image in the ad image library")
                .contains("get_ad_creatives");
    }

    @Test
    void anExpiredTokenIsAnAuthErrorForImages() {
        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.expire(expiring);
        JsonNode error = error(callTool(expiring, "get_ad_image", Map.of("ad_id", adId)));
        assertThat(error.get("category").asString()).isEqualTo("auth");
        assertThat(error.get("code").asInt()).isEqualTo(190);
    }

    // ------------------------------------------------------------------ uploads

    @Test
    void uploadingADataUrlReturnsAHashThatShowsTheSameBytes() {
        byte[] png = uniquePng(40, 30);
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        JsonNode uploaded = ok(callTool(token, "upload_ad_image", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "file", dataUrl, "name", "hero-" + RUN + ".png")));
        String hash = uploaded.get("image_hash").asString();
        assertThat(hash).matches("[0-9a-f]{32}").isEqualTo(md5(png));
        assertThat(uploaded.get("mime_type").asString()).isEqualTo("image/png");
        assertThat(uploaded.get("width").asInt()).isEqualTo(40);
        assertThat(uploaded.get("height").asInt()).isEqualTo(30);
        assertThat(uploaded.get("name").asString()).isEqualTo("hero-" + RUN + ".png");
        assertThat(uploaded.at("/images/0/url").asString()).contains(hash);

        JsonNode shown = callTool(token, "get_image_by_hash", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "image_hash", hash));
        assertThat(Base64.getDecoder().decode(shown.at("/content/0/data").asString())).isEqualTo(png);

        // The same bytes as plain base64 give the same hash.
        JsonNode again = ok(callTool(token, "upload_ad_image", Map.of("account_id", "1000000001",
                "file", Base64.getMimeEncoder().encodeToString(png))));
        assertThat(again.get("image_hash").asString()).isEqualTo(hash);
        assertThat(again.get("name").asString()).isEqualTo("upload.png");
    }

    @Test
    void theImageGoesToMetaAsAMultipartFilePartNotAsBase64() throws IOException {
        // A stand-in for Meta's Graph API that keeps the request it gets and answers like Meta.
        byte[] png = uniquePng(12, 8);
        AtomicReference<String> contentType = new AtomicReference<>();
        AtomicReference<byte[]> body = new AtomicReference<>();
        HttpServer meta = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        meta.createContext("/", exchange -> {
            try (exchange) {
                contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
                body.set(exchange.getRequestBody().readAllBytes());
                byte[] answer = ("{\"images\":{\"shoe 'red'.png\":{\"hash\":\"" + md5(png) + "\",\"url\":"
                        + "\"https://scontent.example/shoe.png\"}}}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        meta.start();
        try {
            ToolDefinition upload = CreativeTools.uploadAdImage();
            ToolRunner runner = new ToolRunner(Inventory.builder(List.of(upload)).build(), GraphClient.create(
                    TestEnv.config().graphUrl("http://127.0.0.1:" + meta.getAddress().getPort()).build()
                            .graphConfig()), ToolCallListener.NONE);
            JsonNode uploaded = structured(runner.call(upload, Caller.of(token, Optional.empty(), false), Map.of(
                    "account_id", TestEnv.BIG_ACCOUNT, "name", "shoe \"red\".png",
                    "file", "data:image/png;base64," + Base64.getEncoder().encodeToString(png))));
            assertThat(uploaded.get("image_hash").asString()).as(uploaded.toString()).isEqualTo(md5(png));
            assertThat(uploaded.get("name").asString()).isEqualTo("shoe \"red\".png");
        } finally {
            meta.stop(0);
        }
        assertThat(contentType.get()).startsWith("multipart/form-data; boundary=");
        String sent = new String(body.get(), StandardCharsets.ISO_8859_1);
        assertThat(sent).contains("Content-Disposition: form-data; name=\"filename\"; filename=\"shoe 'red'.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n" + new String(png, StandardCharsets.ISO_8859_1));
        assertThat(sent).contains("name=\"name\"").doesNotContain("name=\"bytes\"")
                .doesNotContain(Base64.getEncoder().encodeToString(png));
    }

    @Test
    void aDryRunUploadStoresNothing() {
        byte[] png = uniquePng(20, 20);
        JsonNode dry = ok(callTool(token, "upload_ad_image", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "file", Base64.getEncoder().encodeToString(png), "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(dry.has("image_hash")).isFalse();
        JsonNode lookup = error(callTool(token, "get_image_by_hash", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "image_hash", md5(png))));
        assertThat(lookup.get("message").asString()).contains("No image with hash");
    }

    @Test
    void uploadsThatAreNotImagesAreRefusedBeforeMeta() {
        Map<String, List<Object>> cases = new LinkedHashMap<>();
        cases.put("nothing", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT), "Missing image"));
        cases.put("both", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT, "file", "iVBORw0KGgo=",
                "image_url", "https://example.com/a.png"), "not both"));
        cases.put("text", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT, "file",
                Base64.getEncoder().encodeToString("just some text".getBytes())), "is not a JPG, PNG"));
        cases.put("text data url", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT, "file",
                "data:text/plain;base64,aGVsbG8="), "must be an image"));
        cases.put("not base64", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT, "file", "%%% not base64 %%%"),
                "not valid base64"));
        cases.put("data url without base64", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT, "file",
                "data:image/png,rawbytes"), "base64"));
        cases.put("local path", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT, "image_url",
                "/home/me/shoe.png"), "http"));
        Tripwire.assertMetaNotCalled("act_1000000001/adimages", "POST", "no upload reached Meta", () ->
                cases.forEach((label, testCase) -> TestEnv.assertRefusedBeforeMeta(token, "upload_ad_image",
                        (Map<?, ?>) testCase.get(0), (String) testCase.get(1), label)));
    }

    @Test
    void imageUrlsToLoopbackPrivateOrMetadataAddressesAreRefusedAndNeverFetched() {
        int before = images.requests();
        Map<String, String> refused = Map.of(
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/", "cloud metadata",
                "http://127.0.0.1:1/x.png", "loopback",
                images.url("/img.png"), "loopback",
                "http://10.0.0.1/banner.jpg", "private network",
                "http://[::1]:1/x.png", "loopback",
                "http://[fd00:ec2::254]/latest/meta-data/", "unique local",
                "file:///etc/passwd", "http");
        Tripwire.assertMetaNotCalled("act_1000000001/adimages", "POST", "nothing was uploaded", () ->
                refused.forEach((url, reason) -> TestEnv.assertRefusedBeforeMeta(token, "upload_ad_image",
                        Map.of("account_id", TestEnv.BIG_ACCOUNT, "image_url", url), reason, url)));
        assertThat(images.requests()).as("the live loopback server was never contacted").isEqualTo(before);
    }

    @Test
    void anImageUrlIsFetchedThroughRedirectsAndUploaded() {
        // The production tool refuses loopback; this copy may reach the loopback test server, nothing else more.
        ToolDefinition upload = CreativeTools.uploadAdImage(ImageFetcher.allowingLoopbackForTests());
        ToolRunner runner = new ToolRunner(Inventory.builder(List.of(upload)).build(),
                GraphClient.create(TestEnv.config().build().graphConfig()), ToolCallListener.NONE);
        Caller caller = Caller.of(token, Optional.empty(), false);

        JsonNode uploaded = structured(runner.call(upload, caller, Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "image_url", images.url("/redirect"))));
        assertThat(uploaded.get("success").asBoolean()).as(uploaded.toString()).isTrue();
        assertThat(uploaded.get("source").asString()).isEqualTo("image_url");
        assertThat(uploaded.get("name").asString()).isEqualTo("img.png");
        assertThat(uploaded.get("image_hash").asString()).isEqualTo(md5(images.png));
        assertThat(uploaded.get("width").asInt()).isEqualTo(64);

        CallToolResult metadata = runner.call(upload, caller, Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "image_url", images.url("/to-metadata")));
        assertThat(metadata.isError()).isTrue();
        assertThat(structured(metadata).at("/error/message").asString()).contains("cloud metadata");
        CallToolResult page = runner.call(upload, caller, Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "image_url", images.url("/page.html")));
        assertThat(structured(page).at("/error/message").asString()).contains("did not serve an image");
    }

    @Test
    void uploadErrorsFromMetaKeepTheirCategory() {
        String readOnly = TestEnv.token(TestEnv.DEMO_USER, List.of("ads_read"), null);
        String file = Base64.getEncoder().encodeToString(uniquePng(10, 10));
        JsonNode permission = error(callTool(readOnly, "upload_ad_image", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "file", file)));
        assertThat(permission.get("category").asString()).isEqualTo("permission");
        JsonNode creative = error(callTool(readOnly, "create_ad_creative", creative("Read only " + RUN)));
        assertThat(creative.get("category").asString()).isEqualTo("permission");

        TestEnv.fault("rate_limit", "act_1000000001/adimages", "POST", 1);
        JsonNode limited = error(callTool(token, "upload_ad_image", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "file", file)));
        assertThat(limited.get("category").asString()).isEqualTo("rate_limit");
        assertThat(limited.get("retry_after_seconds").asLong()).isPositive();

        JsonNode disabled = error(callTool(token, "upload_ad_image", Map.of("account_id", TestEnv.DISABLED_ACCOUNT,
                "file", file)));
        assertThat(disabled.get("code").isNull()).as("Meta refused, not the tool").isFalse();
    }

    // ------------------------------------------------------------------ creating creatives

    @Test
    void aSingleImageCreativeIsBuiltAsLinkDataAndCanBeUsedInAnAd() {
        JsonNode crops = ok(callTool(null, "compute_image_crops", Map.of("image_width", 1910, "image_height", 1000,
                "crop_keys", List.of("191x100", "100x100")))).get("image_crops");
        JsonNode created = ok(callTool(token, "create_ad_creative", creative("Trail runner " + RUN,
                "message", "Light, grippy, ready for mud.", "headline", "Trail Runner X",
                "description", "Free returns", "call_to_action_type", "shop_now",
                "url_tags", "utm_source=facebook&utm_campaign={{campaign.name}}", "image_crops", crops)));
        assertThat(created.get("shape").asString()).isEqualTo("link_data");
        String id = created.get("creative_id").asString();
        JsonNode details = created.get("details");
        assertThat(details.get("id").asString()).isEqualTo(id);
        assertThat(details.get("title").asString()).isEqualTo("Trail Runner X");
        assertThat(details.get("body").asString()).isEqualTo("Light, grippy, ready for mud.");
        assertThat(details.get("call_to_action_type").asString()).isEqualTo("SHOP_NOW");
        assertThat(details.get("image_hash").asString()).isEqualTo(imageHash);
        assertThat(details.get("url_tags").asString()).contains("{{campaign.name}}");
        assertThat(details.at("/object_story_spec/link_data/link").asString())
                .isEqualTo("https://whitfield-outdoor.example/trail");
        assertThat(details.at("/object_story_spec/link_data/image_crops/191x100/1/0").asInt()).isEqualTo(1910);
        assertThat(details.at("/object_story_spec/link_data/image_crops/100x100").toString())
                .isEqualTo("[[455,0],[1455,1000]]");

        JsonNode ad = ok(callTool(token, "create_ad", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "name", "Trail runner ad " + RUN, "adset_id", adsetId, "creative_id", id)));
        assertThat(ok(callTool(token, "get_ad_details", Map.of("ad_id", ad.get("id").asString())))
                .at("/creative/id").asString()).isEqualTo(id);
    }

    @Test
    void variantsBuildAnAssetFeedWithTextsKeptWhole() {
        JsonNode created = ok(callTool(token, "create_ad_creative", creative("Variants " + RUN,
                "image_hash", "", "image_hashes", List.of(imageHash, otherImageHash),
                "headlines", List.of("Grip, anywhere", "Run further"),
                "messages", "[\"Mud? Fine.\",\"Rocks, roots, rain: fine.\"]",
                "call_to_action_type", "LEARN_MORE")));
        assertThat(created.get("shape").asString()).isEqualTo("asset_feed_spec");
        JsonNode feed = created.at("/details/asset_feed_spec");
        assertThat(feed.get("images").size()).isEqualTo(2);
        assertThat(feed.at("/titles/0/text").asString()).isEqualTo("Grip, anywhere");
        assertThat(feed.at("/bodies/1/text").asString()).isEqualTo("Rocks, roots, rain: fine.");
        assertThat(feed.at("/link_urls/0/website_url").asString()).isEqualTo("https://whitfield-outdoor.example/trail");
        assertThat(feed.at("/ad_formats/0").asString()).isEqualTo("SINGLE_IMAGE");
        assertThat(feed.at("/call_to_action_types/0").asString()).isEqualTo("LEARN_MORE");

        JsonNode flexible = ok(callTool(token, "create_ad_creative", creative("Flexible " + RUN,
                "optimization_type", "DEGREES_OF_FREEDOM")));
        assertThat(flexible.at("/details/asset_feed_spec/ad_formats/0").asString()).isEqualTo("AUTOMATIC_FORMAT");
    }

    @Test
    void aVideoCreativeAndAnExistingPostCreative() {
        JsonNode video = ok(callTool(token, "create_ad_creative", creative("Video " + RUN, "video_id",
                "9100000000000123", "headline", "Watch it grip", "call_to_action_type", "WATCH_MORE")));
        assertThat(video.get("shape").asString()).isEqualTo("video_data");
        assertThat(video.at("/details/video_id").asString()).isEqualTo("9100000000000123");
        assertThat(video.at("/details/object_story_spec/video_data/image_hash").asString()).isEqualTo(imageHash);
        assertThat(video.at("/details/object_story_spec/video_data/call_to_action/value/link").asString())
                .isEqualTo("https://whitfield-outdoor.example/trail");

        JsonNode post = ok(callTool(token, "create_ad_creative", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "object_story_id", PAGE + "_123456789", "url_tags", "utm_source=fb")));
        assertThat(post.get("shape").asString()).isEqualTo("object_story_id");
        assertThat(post.at("/details/effective_object_story_id").asString()).isEqualTo(PAGE + "_123456789");
    }

    @Test
    void aDryRunCreativeIsCheckedByMetaAndNotCreated() {
        String name = "Dry creative " + RUN;
        JsonNode dry = ok(callTool(token, "create_ad_creative", creative(name, "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(dry.has("creative_id")).isFalse();
        assertThat(newestCreativeNames()).doesNotContain(name);

        JsonNode otherPage = error(callTool(token, "create_ad_creative", creative(name, "page_id",
                "200000000000999", "validate_only", true)));
        assertThat(otherPage.get("code").asInt()).isEqualTo(100);
        assertThat(otherPage.get("error_user_title").asString()).isEqualTo("Page Not Available");
    }

    @Test
    void invalidCreativesAreRefusedBeforeMetaIsCalled() {
        String name = "Never created " + RUN;
        List<String> elevenHashes = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            elevenHashes.add(imageHash);
        }
        Map<String, List<Object>> cases = new LinkedHashMap<>();
        cases.put("no page", List.of(creative(name, "page_id", ""), "page_id"));
        cases.put("page not an id", List.of(creative(name, "page_id", "Whitfield Outdoor"), "page_id"));
        cases.put("ftp link", List.of(creative(name, "link_url", "ftp://whitfield.example/x"), "http"));
        cases.put("link without scheme", List.of(creative(name, "link_url", "whitfield.example"), "absolute"));
        cases.put("no link", List.of(creative(name, "link_url", ""), "link_url"));
        cases.put("no image", List.of(creative(name, "image_hash", ""), "image_hash"));
        cases.put("hash and hashes", List.of(creative(name, "image_hashes", List.of(imageHash)), "not both"));
        cases.put("eleven images", List.of(creative(name, "image_hash", "", "image_hashes", elevenHashes),
                "at most 10"));
        cases.put("bad hash", List.of(creative(name, "image_hash", "hero.png"), "32 hexadecimal"));
        cases.put("message and messages", List.of(creative(name, "message", "a", "messages", List.of("b")),
                "not both"));
        cases.put("six headlines", List.of(creative(name, "headlines", List.of("1", "2", "3", "4", "5", "6")),
                "at most 5"));
        cases.put("unknown button", List.of(creative(name, "call_to_action_type", "CLICK_HERE"), "LEARN_MORE"));
        cases.put("video without thumbnail", List.of(creative(name, "image_hash", "", "video_id", "91000001"),
                "thumbnail"));
        cases.put("bad post id", List.of(Map.of("account_id", TestEnv.BIG_ACCOUNT, "object_story_id", "my post"),
                "<page_id>_<post_id>"));
        cases.put("post with new text", List.of(creative(name, "object_story_id", PAGE + "_1"), "drop them"));
        cases.put("url tags with question mark", List.of(creative(name, "url_tags", "?utm_source=fb"),
                "without a leading"));
        cases.put("unknown crop key", List.of(creative(name, "image_crops", Map.of("123x45",
                List.of(List.of(0, 0), List.of(10, 10)))), "unknown crop key"));
        cases.put("upside-down crop", List.of(creative(name, "image_crops", Map.of("100x100",
                List.of(List.of(50, 50), List.of(10, 10)))), "x2 > x1"));
        cases.put("unknown optimization", List.of(creative(name, "optimization_type", "MAGIC"),
                "DEGREES_OF_FREEDOM"));
        cases.put("two instagram accounts", List.of(creative(name, "instagram_user_id", "1",
                "instagram_actor_id", "2"), "older name"));
        Tripwire.assertMetaNotCalled("act_1000000001/adcreatives", "POST", "no creative create reached Meta", () ->
                cases.forEach((label, testCase) -> TestEnv.assertRefusedBeforeMeta(token, "create_ad_creative",
                        (Map<?, ?>) testCase.get(0), (String) testCase.get(1), label)));
    }

    // ------------------------------------------------------------------ updating creatives

    @Test
    void aCreativeCanBeRenamedAndDeletedButItsContentCannotChange() {
        String id = ok(callTool(token, "create_ad_creative", creative("Rename me " + RUN))).get("creative_id")
                .asString();
        JsonNode renamed = ok(callTool(token, "update_ad_creative", Map.of("creative_id", id,
                "name", "Renamed " + RUN)));
        assertThat(TestEnv.texts(renamed.get("updated_fields"))).containsExactly("name");
        assertThat(ok(callTool(token, "get_creative_details", Map.of("creative_id", id))).get("name").asString())
                .isEqualTo("Renamed " + RUN);

        Tripwire.assertMetaNotCalled(id, "POST", "no content change reached Meta", () -> {
            JsonNode tags = error(callTool(token, "update_ad_creative", Map.of("creative_id", id,
                    "url_tags", "utm_source=new")));
            assertThat(tags.get("category").asString()).isEqualTo("invalid_request");
            assertThat(tags.get("message").asString()).contains("url_tags").contains("create_ad_creative")
                    .contains("update_ad(ad_id, creative_id=");
            JsonNode text = error(callTool(token, "update_ad_creative", Map.of("creative_id", id,
                    "message", "New copy", "name", "x")));
            assertThat(text.get("message").asString()).contains("message").contains("only name and status");
            assertThat(error(callTool(token, "update_ad_creative", Map.of("creative_id", id))).get("message")
                    .asString()).contains("Nothing to update");
        });

        ok(callTool(token, "update_ad_creative", Map.of("creative_id", id, "name", "Dry " + RUN,
                "validate_only", true)));
        ok(callTool(token, "update_ad_creative", Map.of("creative_id", id, "status", "DELETED")));
        JsonNode deleted = ok(callTool(token, "get_creative_details", Map.of("creative_id", id)));
        assertThat(deleted.get("status").asString()).isEqualTo("DELETED");
        assertThat(deleted.get("name").asString()).isEqualTo("Renamed " + RUN);
    }

    // ------------------------------------------------------------------ image crops

    @Test
    void imageCropsAreCentredBoxesComputedWithoutAToken() {
        JsonNode square = ok(callTool(null, "compute_image_crops", Map.of("image_width", 1080,
                "image_height", 1080)));
        JsonNode crops = square.get("image_crops");
        assertThat(crops.properties().stream().map(Map.Entry::getKey).toList()).containsExactly("100x100",
                "191x100", "400x150", "600x360", "90x160", "400x500");
        assertThat(crops.get("100x100").toString()).isEqualTo("[[0,0],[1080,1080]]");
        assertThat(crops.get("191x100").toString()).isEqualTo("[[0,257],[1080,822]]");
        assertThat(crops.get("90x160").toString()).isEqualTo("[[236,0],[844,1080]]");
        assertThat(crops.get("400x500").toString()).isEqualTo("[[108,0],[972,1080]]");

        JsonNode portrait = ok(callTool(null, "compute_image_crops", Map.of("image_width", "1080",
                "image_height", 1350, "crop_keys", "100X100,90x160,100x72")));
        assertThat(portrait.at("/image_crops/100x100").toString()).isEqualTo("[[0,135],[1080,1215]]");
        assertThat(portrait.at("/image_crops/90x160").toString()).isEqualTo("[[160,0],[919,1350]]");
        assertThat(portrait.at("/image_crops/100x72").toString()).isEqualTo("[[0,286],[1080,1064]]");

        assertThat(error(callTool(null, "compute_image_crops", Map.of("image_width", 1080, "image_height", 1080,
                "crop_keys", List.of("16x9")))).get("message").asString()).contains("191x100");
        assertThat(error(callTool(null, "compute_image_crops", Map.of("image_width", 0, "image_height", 10)))
                .get("message").asString()).contains("image_width");
        assertThat(error(callTool(null, "compute_image_crops", Map.of("image_height", 10))).get("message")
                .asString()).contains("image_width");
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> creative(String name, Object... overrides) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("account_id", TestEnv.BIG_ACCOUNT);
        arguments.put("name", name);
        arguments.put("page_id", PAGE);
        arguments.put("image_hash", imageHash);
        arguments.put("link_url", "https://whitfield-outdoor.example/trail");
        for (int i = 0; i < overrides.length; i += 2) {
            arguments.put((String) overrides[i], overrides[i + 1]);
        }
        return arguments;
    }

    private static JsonNode structured(CallToolResult result) {
        return Json.tree(result.structuredContent());
    }

    /** A PNG no other test uploads. */
    private static byte[] uniquePng(int width, int height) {
        return LoopbackImageServer.png(width, height, new Color(ThreadLocalRandom.current().nextInt(0x1000000)));
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of the account's newest creatives, read from the sandbox's Graph API directly. */
    private static List<String> newestCreativeNames() {
        return TestEnv.names(TestEnv.graph(token, "GET", TestEnv.BIG_ACCOUNT + "/adcreatives",
                Map.of("fields", "name", "limit", "50")).path("data"));
    }
}
