package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** get_objects against the sandbox: several objects, their type and their children in one Graph call. */
class ObjectToolsTest {

    private static String token;
    private static JsonNode ad;

    @BeforeAll
    static void anAd() {
        token = TestEnv.token();
        ad = ok(callTool(token, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1))).at("/data/0");
    }

    @Test
    void oneCallTellsWhatEachIdIsAndWhichAccountItBelongsTo() {
        String adId = ad.get("id").asString();
        String adsetId = ad.get("adset_id").asString();
        String campaignId = ad.get("campaign_id").asString();
        JsonNode answer = ok(callTool(token, "get_objects", Map.of("ids", List.of(campaignId, adsetId, adId),
                "fields", "id,account_id", "metadata", true)));
        assertThat(answer.at("/" + campaignId + "/metadata/type").asString()).isEqualTo("campaign");
        assertThat(answer.at("/" + adsetId + "/metadata/type").asString()).isEqualTo("adset");
        assertThat(answer.at("/" + adId + "/metadata/type").asString()).isEqualTo("ad");
        assertThat(answer.at("/" + adId + "/account_id").asString()).isEqualTo(TestEnv.BIG_ACCOUNT.substring(4));
    }

    @Test
    void fieldExpansionBringsChildrenAndTheirCreatives() {
        String adsetId = ad.get("adset_id").asString();
        JsonNode answer = ok(callTool(token, "get_objects", Map.of("ids", adsetId,
                "fields", "account_id,ads.limit(3){id,name,creative{id,image_hash,object_story_spec}}")));
        JsonNode ads = answer.at("/" + adsetId + "/ads/data");
        assertThat(ads.size()).isBetween(1, 3);
        assertThat(ads.get(0).at("/creative/id").asString()).matches("[0-9]+");
        assertThat(answer.at("/" + adsetId).has("metadata")).isFalse();
    }

    @Test
    void badIdsAndFieldsAreRefusedBeforeMeta() {
        assertThat(error(callTool(token, "get_objects", Map.of("ids", "12&x=1"))).get("message").asString())
                .contains("ids");
        assertThat(error(callTool(token, "get_objects", Map.of("ids", "123", "fields", "name&access_token#x")))
                .get("message").asString()).contains("fields");
        assertThat(error(callTool(token, "get_objects", Map.of("ids", List.of()))).get("message").asString())
                .contains("1 to 50");
    }
}
