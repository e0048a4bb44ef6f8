package dev.adsbridge.sandbox.objects;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.adSet;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.campaign;
import static dev.adsbridge.sandbox.objects.Objects.createdId;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.sandbox.SandboxHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The account video library ({@code POST/GET /act_…/advideos}, {@code GET /{video_id}}) and the ad set settings stored
 * as sent (attribution_spec, bid_adjustments, multi_advertiser_ads, regional regulation).
 */
class VideosAndAdSetSettingsContractTest {

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aVideoAddedByUrlIsReadableByIdAndInTheLibrary() {
        String id = createdId(sandbox.post(token, BIG + "/advideos", form("file_url",
                "https://videos.example.com/spot.mp4", "title", "Spot")));
        JsonNode video = sandbox.get(token, id, form("fields", "id,title,source,status,length,account_id")).json();
        assertThat(video.path("title").asString()).isEqualTo("Spot");
        assertThat(video.path("source").asString()).isEqualTo("https://videos.example.com/spot.mp4");
        assertThat(video.path("status").path("video_status").asString()).isEqualTo("ready");
        assertThat(video.path("account_id").asString()).isEqualTo(BIG.substring(4));
        assertThat(ids(sandbox.get(token, BIG + "/advideos", form("fields", "id")).json())).contains(id);

        assertError(sandbox.post(token, BIG + "/advideos", form("title", "No file")), 100, null);
        assertError(sandbox.post(token, BIG + "/advideos", form("file_url", "file:///etc/passwd")), 100, null);
    }

    @Test
    void adSetSettingsAreStoredAsSentAndUpdatable() {
        String campaignId = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Settings")));
        Map<String, String> adSet = new LinkedHashMap<>(adSet(campaignId, "Settings"));
        adSet.put("attribution_spec", "[{\"event_type\":\"CLICK_THROUGH\",\"window_days\":7}]");
        adSet.put("multi_advertiser_ads", "0");
        adSet.put("regional_regulated_categories", "[\"TAIWAN_UNIVERSAL\"]");
        adSet.put("regional_regulation_identities", "{\"taiwan_universal_beneficiary\":\"1\"}");
        String id = createdId(sandbox.post(token, BIG + "/adsets", adSet));
        String fields = "attribution_spec,multi_advertiser_ads,regional_regulated_categories,"
                + "regional_regulation_identities";
        JsonNode read = sandbox.get(token, id, form("fields", fields)).json();
        assertThat(read.path("attribution_spec").path(0).path("window_days").asInt()).isEqualTo(7);
        assertThat(read.path("multi_advertiser_ads").asInt()).isZero();
        assertThat(read.path("regional_regulated_categories").path(0).asString()).isEqualTo("TAIWAN_UNIVERSAL");
        assertThat(read.path("regional_regulation_identities").path("taiwan_universal_beneficiary").asString())
                .isEqualTo("1");

        sandbox.post(token, id, form("multi_advertiser_ads", "1"));
        assertThat(sandbox.get(token, id, form("fields", "multi_advertiser_ads")).json()
                .path("multi_advertiser_ads").asInt()).isEqualTo(1);
        assertError(sandbox.post(token, id, form("multi_advertiser_ads", "2")), 100, null);
        assertError(sandbox.post(token, id, form("attribution_spec", "[{\"event_type\":\"CLICK_THROUGH\","
                + "\"window_days\":3}]")), 100, null);
    }
}
