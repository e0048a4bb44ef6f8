package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.DANA_PAGE;
import static dev.adsbridge.sandbox.objects.Objects.EUR;
import static dev.adsbridge.sandbox.objects.Objects.adSet;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.campaign;
import static dev.adsbridge.sandbox.objects.Objects.createdId;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static dev.adsbridge.sandbox.objects.Objects.values;
import static org.assertj.core.api.Assertions.assertThat;

class AdsAndCreativesContractTest {

    private static SandboxHttp sandbox;
    private static String token;
    private static String campaignId;
    private static String adSetId;
    private static String imageHash;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
        campaignId = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Ads – Contract")));
        adSetId = createdId(sandbox.post(token, BIG + "/adsets", adSet(campaignId, "Ads – Broad")));
        imageHash = sandbox.get(token, BIG + "/adimages", form("limit", "1")).json().path("data").get(0)
                .path("hash").asString();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String storySpec(String pageId, String hash) {
        return "{\"page_id\":\"" + pageId + "\",\"link_data\":{\"link\":\"https://whitfield-outdoor.example/tents\","
                + "\"message\":\"Sleep under the stars.\",\"name\":\"Tents from $199\",\"image_hash\":\"" + hash
                + "\",\"call_to_action\":{\"type\":\"SHOP_NOW\",\"value\":{\"link\":"
                + "\"https://whitfield-outdoor.example/tents\"}}}}";
    }

    private static String freshAdSet(String name) {
        return createdId(sandbox.post(token, BIG + "/adsets", adSet(campaignId, name)));
    }

    private static String createCreative() {
        return createdId(sandbox.post(token, BIG + "/adcreatives", form("name", "Tent – Lifestyle",
                "object_story_spec", storySpec(DANA_PAGE, imageHash))));
    }

    @Test
    void aCreativeFromALinkStoryCarriesItsDerivedFields() {
        String id = createCreative();
        JsonNode creative = sandbox.get(token, id, form("fields",
                "name,title,body,image_hash,image_url,call_to_action_type,object_story_spec,account_id")).json();
        assertThat(creative.path("title").asString()).isEqualTo("Tents from $199");
        assertThat(creative.path("body").asString()).isEqualTo("Sleep under the stars.");
        assertThat(creative.path("image_hash").asString()).isEqualTo(imageHash);
        assertThat(creative.path("image_url").asString()).startsWith(sandbox.baseUrl() + "/cdn/images/" + imageHash);
        assertThat(creative.path("call_to_action_type").asString()).isEqualTo("SHOP_NOW");
        assertThat(creative.path("object_story_spec").path("page_id").asString()).isEqualTo(DANA_PAGE);
        assertThat(ids(sandbox.get(token, BIG + "/adcreatives", form("limit", "3")).json())).contains(id);
    }

    @Test
    void creativesNeedContentAPromotablePageAndAKnownImage() {
        assertThat(assertError(sandbox.post(token, BIG + "/adcreatives", form("name", "Empty")), 100, null)
                .path("error_user_title").asString()).isEqualTo("Creative Content Required");
        assertThat(assertError(sandbox.post(token, BIG + "/adcreatives", form("name", "Wrong page",
                "object_story_spec", storySpec("200000000000003", imageHash))), 100, null)
                .path("error_user_title").asString()).isEqualTo("Page Not Available");
        assertThat(assertError(sandbox.post(token, BIG + "/adcreatives", form("name", "No image",
                "object_story_spec", storySpec(DANA_PAGE, "0123456789abcdef0123456789abcdef"))), 100, null)
                .path("error_user_title").asString()).isEqualTo("Image Not Found");
    }

    @Test
    void anAdPointsAtACreativeOfItsAccount() {
        String creativeId = createCreative();
        String adSetId = freshAdSet("Ads – Own ad set");
        SandboxHttp.Answer created = sandbox.post(token, BIG + "/ads", form("name", "Static – Tents – v1",
                "adset_id", adSetId, "creative", "{\"creative_id\":\"" + creativeId + "\"}", "status", "ACTIVE",
                "fields", "name,creative,campaign_id,adset_id,effective_status"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String adId = created.json().path("id").asString();
        assertThat(created.json().path("creative").path("id").asString()).isEqualTo(creativeId);
        assertThat(created.json().path("campaign_id").asString()).isEqualTo(campaignId);
        assertThat(created.json().path("effective_status").asString()).isEqualTo("CAMPAIGN_PAUSED");
        assertThat(ids(sandbox.get(token, adSetId + "/ads").json())).containsExactly(adId);
        assertThat(ids(sandbox.get(token, campaignId + "/ads", form("limit", "100")).json())).contains(adId);
        assertThat(ids(sandbox.get(token, adId + "/adcreatives").json())).containsExactly(creativeId);
        JsonNode creative = sandbox.get(token, adId, form("fields", "creative{id,title}")).json();
        assertThat(creative.path("creative").path("title").asString()).isEqualTo("Tents from $199");
    }

    @Test
    void anAdKeepsItsConversionDomain() {
        String creativeId = createCreative();
        String adId = createdId(sandbox.post(token, BIG + "/ads", form("name", "Conversion domain", "adset_id",
                adSetId, "creative", "{\"creative_id\":\"" + creativeId + "\"}",
                "conversion_domain", "whitfield-outdoor.example")));
        assertThat(sandbox.get(token, adId, form("fields", "conversion_domain")).json().path("conversion_domain")
                .asString()).isEqualTo("whitfield-outdoor.example");
        assertThat(sandbox.post(token, adId, form("conversion_domain", "shop.whitfield-outdoor.example")).json()
                .path("success").asBoolean()).isTrue();
        assertThat(values(sandbox.get(token, adSetId + "/ads", form("fields", "conversion_domain", "limit", "100"))
                .json(), "conversion_domain")).contains("shop.whitfield-outdoor.example");
    }

    @Test
    void aDynamicCreativeNeedsADynamicCreativeAdSet() {
        String feedCreative = createdId(sandbox.post(token, BIG + "/adcreatives", form("name", "Tents – Variants",
                "asset_feed_spec", "{\"images\":[{\"hash\":\"" + imageHash + "\"}],\"bodies\":[{\"text\":"
                        + "\"Sleep under the stars.\"},{\"text\":\"Pitch in two minutes.\"}],"
                        + "\"link_urls\":[{\"website_url\":\"https://whitfield-outdoor.example/tents\"}],"
                        + "\"ad_formats\":[\"SINGLE_IMAGE\"]}")));
        String creative = "{\"creative_id\":\"" + feedCreative + "\"}";
        JsonNode refused = assertError(sandbox.post(token, BIG + "/ads", form("name", "Variants – static ad set",
                "adset_id", adSetId, "creative", creative)), 100, 1885998);
        assertThat(refused.path("message").asString()).isEqualTo("Invalid parameter");
        assertThat(refused.path("error_user_title").asString())
                .isEqualTo("Cannot create dynamic creative ad in non-dynamic creative ad set");
        assertThat(refused.path("error_user_msg").asString())
                .isEqualTo("Dynamic creative ads can only be created under dynamic creative ad sets.");
        assertThat(values(sandbox.get(token, adSetId + "/ads", form("fields", "name", "limit", "100")).json(),
                "name")).doesNotContain("Variants – static ad set");

        String dynamicAdSet = createdId(sandbox.post(token, BIG + "/adsets", adSet(campaignId, "Ads – Dynamic",
                "is_dynamic_creative", "true")));
        String adId = createdId(sandbox.post(token, BIG + "/ads", form("name", "Variants", "adset_id", dynamicAdSet,
                "creative", creative)));
        assertThat(sandbox.get(token, adId, form("fields", "creative")).json().path("creative").path("id")
                .asString()).isEqualTo(feedCreative);
        String staticAd = createdId(sandbox.post(token, BIG + "/ads", form("name", "Static", "adset_id", adSetId,
                "creative", "{\"creative_id\":\"" + createCreative() + "\"}")));
        assertError(sandbox.post(token, staticAd, form("creative", creative)), 100, 1885998);
    }

    @Test
    void aVideoCreativeNeedsAThumbnail() {
        String video = "{\"video_id\":\"9100000000000001\",\"message\":\"Pitch in two minutes.\","
                + "\"call_to_action\":{\"type\":\"LEARN_MORE\",\"value\":{\"link\":"
                + "\"https://whitfield-outdoor.example/tents\"}}";
        JsonNode refused = assertError(sandbox.post(token, BIG + "/adcreatives", form("name", "Video – no thumbnail",
                "object_story_spec", "{\"page_id\":\"" + DANA_PAGE + "\",\"video_data\":" + video + "}}")),
                100, 1443226);
        assertThat(refused.path("message").asString()).isEqualTo("Invalid parameter");
        assertThat(refused.path("error_user_title").asString()).isEqualTo("Your ad needs a video thumbnail");
        assertThat(refused.path("error_user_msg").asString()).contains("image_hash", "image_url");

        String withHash = createdId(sandbox.post(token, BIG + "/adcreatives", form("name", "Video – hash",
                "object_story_spec", "{\"page_id\":\"" + DANA_PAGE + "\",\"video_data\":" + video
                        + ",\"image_hash\":\"" + imageHash + "\"}}")));
        assertThat(sandbox.get(token, withHash, form("fields", "object_type,video_id")).json().path("object_type")
                .asString()).isEqualTo("VIDEO");
        createdId(sandbox.post(token, BIG + "/adcreatives", form("name", "Video – url",
                "object_story_spec", "{\"page_id\":\"" + DANA_PAGE + "\",\"video_data\":" + video
                        + ",\"image_url\":\"https://whitfield-outdoor.example/tent.jpg\"}}")));
    }

    @Test
    void anAdWithAnUnknownOrForeignCreativeIsRejected() {
        JsonNode unknown = assertError(sandbox.post(token, BIG + "/ads", form("name", "Ghost", "adset_id", adSetId,
                "creative", "{\"creative_id\":\"120299999999999999\"}")), 100, null);
        assertThat(unknown.path("error_user_title").asString()).isEqualTo("Creative Not Found");
        String foreign = ids(sandbox.get(token, EUR + "/adcreatives", form("limit", "1")).json()).get(0);
        assertError(sandbox.post(token, BIG + "/ads", form("name", "Foreign", "adset_id", adSetId,
                "creative", "{\"creative_id\":\"" + foreign + "\"}")), 100, null);
        assertThat(assertError(sandbox.post(token, BIG + "/ads", form("name", "None", "adset_id", adSetId)), 100,
                null).path("message").asString()).isEqualTo("(#100) The parameter creative is required");
    }

    @Test
    void seededAdsCarryReviewStatesAndDocumentedFields() {
        JsonNode disapproved = sandbox.get(token, BIG + "/ads", form("effective_status", "[\"DISAPPROVED\"]",
                "fields", "name,status,effective_status,ad_review_feedback,campaign_id,adset_id,created_time")).json();
        assertThat(disapproved.path("data").size()).isGreaterThan(0);
        JsonNode ad = disapproved.path("data").get(0);
        assertThat(ad.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(ad.path("ad_review_feedback").path("global").size()).isGreaterThan(0);
        assertThat(ad.path("campaign_id").asString()).isNotEmpty();
        assertThat(ad.path("created_time").asString()).isNotEmpty();
        assertThat(sandbox.get(token, BIG + "/ads", form("effective_status", "[\"PENDING_REVIEW\"]")).json()
                .path("data").size()).isGreaterThan(0);
        JsonNode issues = sandbox.get(token, BIG + "/ads", form("effective_status", "[\"WITH_ISSUES\"]",
                "fields", "issues_info")).json();
        assertThat(issues.path("data").get(0).path("issues_info").get(0).path("level").asString()).isEqualTo("AD");
    }

    @Test
    void adsOfTheDisabledAccountDoNotDeliver() {
        JsonNode ads = sandbox.get(token, "act_1000000004/ads", form("fields", "status,effective_status,issues_info",
                "limit", "50")).json();
        assertThat(values(ads, "effective_status")).doesNotContain("ACTIVE").contains("PENDING_BILLING_INFO");
        JsonNode campaigns = sandbox.get(token, "act_1000000004/campaigns", form("fields", "status,effective_status"))
                .json();
        assertThat(values(campaigns, "effective_status")).doesNotContain("ACTIVE");
    }

    @Test
    void adFiltersCoverAdSetIdAndCampaignName() {
        String someAdSet = ids(sandbox.get(token, BIG + "/adsets", form("limit", "1")).json()).get(0);
        JsonNode byAdSet = sandbox.get(token, BIG + "/ads", form("filtering", "[{\"field\":\"adset.id\","
                + "\"operator\":\"IN\",\"value\":[\"" + someAdSet + "\"]}]", "fields", "adset_id")).json();
        assertThat(values(byAdSet, "adset_id")).containsOnly(someAdSet);
        JsonNode byCampaignName = sandbox.get(token, BIG + "/ads", form("filtering", "[{\"field\":\"campaign.name\","
                + "\"operator\":\"CONTAIN\",\"value\":\"Winter Sale\"}]", "fields", "campaign{name}",
                "limit", "50")).json();
        for (JsonNode ad : byCampaignName.path("data")) {
            assertThat(ad.path("campaign").path("name").asString()).contains("Winter Sale");
        }
    }

    @Test
    void previewsAnswerAnIframeThatRenders() {
        String creativeId = createCreative();
        JsonNode previews = sandbox.get(token, creativeId + "/previews", form("ad_format", "MOBILE_FEED_STANDARD"))
                .json();
        String body = previews.path("data").get(0).path("body").asString();
        assertThat(body).startsWith("<iframe src=\"" + sandbox.baseUrl() + "/cdn/previews/" + creativeId);
        String src = body.substring(body.indexOf("src=\"") + 5, body.indexOf('"', body.indexOf("src=\"") + 5))
                .replace("&amp;", "&");
        SandboxHttp.Answer html = sandbox.getUrl(null, src);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("Whitfield Outdoor", "Sleep under the stars.");
        assertError(sandbox.get(token, creativeId + "/previews"), 100, null);
        assertError(sandbox.get(token, creativeId + "/previews", form("ad_format", "BILLBOARD")), 100, null);
    }

    @Test
    void aShallowAdCopyAndADeepAdSetCopy() {
        String creativeId = createCreative();
        String adSetId = freshAdSet("Ads – Copies");
        String adId = createdId(sandbox.post(token, BIG + "/ads", form("name", "Copy me", "adset_id", adSetId,
                "creative", "{\"creative_id\":\"" + creativeId + "\"}", "status", "ACTIVE")));
        JsonNode adCopy = sandbox.post(token, adId + "/copies", form()).json();
        String copiedAd = adCopy.path("copied_ad_id").asString();
        assertThat(copiedAd).matches("\\d+").isNotEqualTo(adId);
        JsonNode read = sandbox.get(token, copiedAd, form("fields", "name,status,creative,adset_id")).json();
        assertThat(read.path("name").asString()).isEqualTo("Copy me - Copy");
        assertThat(read.path("status").asString()).isEqualTo("PAUSED");
        assertThat(read.path("creative").path("id").asString()).isEqualTo(creativeId);

        JsonNode deep = sandbox.post(token, adSetId + "/copies", form("deep_copy", "true",
                "status_option", "INHERITED_FROM_SOURCE",
                "rename_options", "{\"rename_suffix\":\" (v2)\",\"rename_strategy\":\"DEEP_RENAME\"}")).json();
        String copiedAdSet = deep.path("copied_adset_id").asString();
        assertThat(deep.path("ad_object_ids").size()).isEqualTo(1 + 2);
        assertThat(deep.path("ad_object_ids").get(0).path("ad_object_type").asString()).isEqualTo("ad_set");
        assertThat(deep.path("ad_object_ids").get(0).path("source_id").asString()).isEqualTo(adSetId);
        assertThat(deep.path("ad_object_ids").get(0).path("copied_id").asString()).isEqualTo(copiedAdSet);
        JsonNode copiedAds = sandbox.get(token, copiedAdSet + "/ads", form("fields", "name,status")).json();
        assertThat(values(copiedAds, "name")).containsExactlyInAnyOrder("Copy me (v2)", "Copy me - Copy (v2)");
        assertThat(values(copiedAds, "status")).containsExactlyInAnyOrder("ACTIVE", "PAUSED");
    }

    @Test
    void aDeepCampaignCopyCopiesTheTreeAndBigTreesAreRefused() {
        String source = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Copy – Source")));
        String sourceAdSet = createdId(sandbox.post(token, BIG + "/adsets", adSet(source, "Copy – Ad set")));
        String creativeId = createCreative();
        createdId(sandbox.post(token, BIG + "/ads", form("name", "Copy – Ad", "adset_id", sourceAdSet,
                "creative", "{\"creative_id\":\"" + creativeId + "\"}")));
        SandboxHttp.Answer answer = sandbox.post(token, source + "/copies", form("deep_copy", "true",
                "status_option", "PAUSED"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode copy = answer.json();
        String copied = copy.path("copied_campaign_id").asString();
        java.util.List<String> types = new java.util.ArrayList<>();
        copy.path("ad_object_ids").forEach(entry -> types.add(entry.path("ad_object_type").asString()));
        assertThat(types).containsExactly("campaign", "ad_set", "ad");
        assertThat(sandbox.get(token, copied, form("fields", "name,status")).json().path("name").asString())
                .isEqualTo("Copy – Source - Copy");
        assertThat(sandbox.get(token, copied + "/ads").json().path("data").size()).isEqualTo(1);
        assertThat(values(sandbox.get(token, BIG + "/activities", form("limit", "3")).json(), "event_type"))
                .contains("create_ad");

        String big = ids(sandbox.get(token, BIG + "/campaigns", form("effective_status", "[\"ACTIVE\"]",
                "limit", "1")).json()).get(0);
        JsonNode error = assertError(sandbox.post(token, big + "/copies", form("deep_copy", "true")), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Too Many Objects To Copy");
        assertThat(sandbox.post(token, big + "/copies", form()).json().path("ad_object_ids").size()).isEqualTo(1);
    }

    @Test
    void adUpdatesAndDeletes() {
        String creativeId = createCreative();
        String adId = createdId(sandbox.post(token, BIG + "/ads", form("name", "Update me", "adset_id", adSetId,
                "creative", "{\"creative_id\":\"" + creativeId + "\"}")));
        String other = createCreative();
        assertThat(sandbox.post(token, adId, form("name", "Updated", "creative",
                "{\"creative_id\":\"" + other + "\"}")).json().path("success").asBoolean()).isTrue();
        JsonNode read = sandbox.get(token, adId, form("fields", "name,creative")).json();
        assertThat(read.path("name").asString()).isEqualTo("Updated");
        assertThat(read.path("creative").path("id").asString()).isEqualTo(other);
        assertThat(sandbox.delete(token, adId, Map.of()).json().path("success").asBoolean()).isTrue();
        assertThat(sandbox.get(token, adId, form("fields", "status")).json().path("status").asString())
                .isEqualTo("DELETED");
        assertThat(values(sandbox.get(token, BIG + "/activities", form("limit", "5")).json(), "event_type"))
                .contains("update_ad_run_status", "update_ad_creative", "update_ad_friendly_name");
    }
}
