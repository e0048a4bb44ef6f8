package dev.adsbridge.console.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an agent gets never carries a token, whichever way a result would carry one. */
class ResultScrubberTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "EAAG" + "x7Yq2Lm9".repeat(8);

    @Test
    void tokensAreCutFromFieldsUrlsAndTheJsonText() {
        String structured = """
                {"data":[{"id":"1","name":"Spring sale"}],
                 "paging":{"next":"https://graph.facebook.com/v25.0/act_1/campaigns?access_token=%s&limit=2&after=QVFI"},
                 "access_token":"%s","page_token":"abc","appsecret_proof":"f00d",
                 "note":"the token was %s"}""".formatted(TOKEN, TOKEN, TOKEN);
        JsonNode result = JSON.readTree("""
                {"content":[{"type":"text","text":%s}],"structuredContent":%s}"""
                .formatted(JSON.writeValueAsString(structured), structured));

        JsonNode clean = new ResultScrubber(JSON).scrub(result);

        assertThat(clean.toString()).doesNotContain(TOKEN).doesNotContain("page_token")
                .doesNotContain("appsecret_proof").doesNotContain("f00d");
        JsonNode s = clean.path("structuredContent");
        assertThat(s.path("paging").path("next").asString())
                .isEqualTo("https://graph.facebook.com/v25.0/act_1/campaigns?access_token=[removed]&limit=2&after=QVFI");
        assertThat(s.path("data").get(0).path("name").asString()).isEqualTo("Spring sale");
        JsonNode text = JSON.readTree(clean.path("content").get(0).path("text").asString());
        assertThat(text.has("access_token")).isFalse();
        assertThat(text.path("note").asString()).isEqualTo("the token was [removed]");
        // The input is left alone.
        assertThat(result.toString()).contains(TOKEN);
    }

    @Test
    void ordinaryIdsAndCursorsStay() {
        JsonNode result = JSON.readTree("""
                {"structuredContent":{"id":"120210000000001","next_cursor":"QVFIUjZAx","hash":"9f86d081884c7d65"}}""");
        assertThat(new ResultScrubber(JSON).scrub(result)).isEqualTo(result);
    }
}
