package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.DANA_PAGE;
import static dev.adsbridge.sandbox.objects.Objects.adSet;
import static dev.adsbridge.sandbox.objects.Objects.campaign;
import static dev.adsbridge.sandbox.objects.Objects.createdId;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic creative (Ad Creative reference, "Dynamic Creative"): the asset_feed_spec holds the variants and the
 * object_story_spec names only the Page (and Instagram account). An ad created without tracking_specs gets Meta's
 * defaults (Ad reference, tracking_specs).
 */
class DynamicCreativesContractTest {

    private static SandboxHttp sandbox;
    private static String token;
    private static String campaignId;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
        campaignId = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Dynamic – Contract")));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_dynamic_creative_takes_a_page_only_story_spec_and_its_ad_gets_default_tracking_specs() {
        String feed = "{\"bodies\":[{\"text\":\"Sleep under the stars.\"},{\"text\":\"Pitch in two minutes.\"}],"
                + "\"titles\":[{\"text\":\"Tents from $199\"}],"
                + "\"link_urls\":[{\"website_url\":\"https://whitfield-outdoor.example/tents\"}],"
                + "\"call_to_action_types\":[\"SHOP_NOW\"],\"ad_formats\":[\"SINGLE_IMAGE\"]}";
        String creative = createdId(sandbox.post(token, BIG + "/adcreatives", form("name", "Tents – Dynamic",
                "object_story_spec", "{\"page_id\":\"" + DANA_PAGE + "\"}", "asset_feed_spec", feed)));
        JsonNode read = sandbox.get(token, creative, form("fields", "object_story_spec,asset_feed_spec,"
                + "effective_object_story_id,object_type")).json();
        assertThat(read.path("object_story_spec").path("page_id").asString()).isEqualTo(DANA_PAGE);
        assertThat(read.path("asset_feed_spec").path("bodies").size()).isEqualTo(2);
        String story = read.path("effective_object_story_id").asString();
        assertThat(story).startsWith(DANA_PAGE + "_");

        // Without the feed, a page-only story spec has no content.
        SandboxHttp.Answer empty = sandbox.post(token, BIG + "/adcreatives", form("name", "Empty",
                "object_story_spec", "{\"page_id\":\"" + DANA_PAGE + "\"}"));
        assertThat(empty.status()).isEqualTo(400);

        String dynamicAdSet = createdId(sandbox.post(token, BIG + "/adsets", adSet(campaignId, "Dynamic",
                "is_dynamic_creative", "true")));
        String ad = createdId(sandbox.post(token, BIG + "/ads", form("name", "Tents – Dynamic ad",
                "adset_id", dynamicAdSet, "creative", "{\"creative_id\":\"" + creative + "\"}")));
        JsonNode specs = sandbox.get(token, ad, form("fields", "tracking_specs")).json().path("tracking_specs");
        assertThat(specs.isArray()).isTrue();
        String post = story.substring(story.indexOf('_') + 1);
        assertThat(specs.toString()).contains("\"action.type\":[\"link_click\"]")
                .contains("\"post\":[\"" + post + "\"]").contains("\"page\":[\"" + DANA_PAGE + "\"]");

        // Explicit tracking specs replace the defaults.
        String explicit = createdId(sandbox.post(token, BIG + "/ads", form("name", "Tents – tracked",
                "adset_id", dynamicAdSet, "creative", "{\"creative_id\":\"" + creative + "\"}",
                "tracking_specs", "[{\"action.type\":[\"offsite_conversion\"],\"fb_pixel\":[\"123\"]}]")));
        assertThat(sandbox.get(token, explicit, form("fields", "tracking_specs")).json().path("tracking_specs")
                .size()).isEqualTo(1);
    }
}
