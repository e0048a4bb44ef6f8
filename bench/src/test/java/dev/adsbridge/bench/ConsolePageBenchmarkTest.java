package dev.adsbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's own arithmetic and parsing (the benchmark itself is a command, not a test). */
class ConsolePageBenchmarkTest {

    @Test
    void percentilesAreNearestRank() {
        long[] views = {50, 10, 40, 20, 30};
        assertThat(ConsolePageBenchmark.percentile(views, 50)).isEqualTo(30);
        assertThat(ConsolePageBenchmark.percentile(views, 99)).isEqualTo(50);
        assertThat(ConsolePageBenchmark.percentile(new long[] {7}, 50)).isEqualTo(7);
        assertThat(ConsolePageBenchmark.percentile(new long[0], 50)).isZero();
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = 100 - i;
        }
        assertThat(ConsolePageBenchmark.percentile(hundred, 99)).isEqualTo(99);
    }

    @Test
    void previewsAreOneImagePerDistinctHashAsTheDrillDownFindsThem() {
        var ads = JsonMapper.builder().build().readTree("""
                {"data":[
                  {"id":"1","creative":{"id":"c1","account_id":"1000000001","image_hash":"aaa"}},
                  {"id":"2","creative":{"id":"c2","account_id":"1000000001","image_hash":"aaa"}},
                  {"id":"3","creative":{"id":"c3","object_story_spec":{"link_data":{"image_hash":"bbb"}}}},
                  {"id":"4","creative":{"id":"c4","account_id":"act_1000000005","asset_feed_spec":{"images":[{"hash":"ccc"}]}}},
                  {"id":"5","creative":{"id":"c5"}},
                  {"id":"6"}]}""");
        assertThat(ConsolePageBenchmark.imagePaths(ads)).containsExactly(
                "/api/v1/ad-accounts/act_1000000001/images/aaa",
                "/api/v1/ad-accounts/act_1000000001/images/bbb",
                "/api/v1/ad-accounts/act_1000000005/images/ccc");
    }

    @Test
    void previewsAreLookedUpOncePerAccountInChunksOf50() {
        StringBuilder data = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 52; i++) {
            data.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"creative\":{\"id\":\"c")
                    .append(i).append("\",\"account_id\":\"1000000001\",\"image_hash\":\"h").append(i).append("\"}}");
        }
        data.append(",{\"id\":\"x\",\"creative\":{\"id\":\"cx\",\"account_id\":\"1000000005\",\"image_hash\":\"h0\"}}]}");
        var lookups = ConsolePageBenchmark.previewLookups(JsonMapper.builder().build().readTree(data.toString()));
        assertThat(lookups).hasSize(3);
        assertThat(lookups.get(0)).startsWith("/api/v1/ad-accounts/act_1000000001/images?hashes=h0,h1,")
                .endsWith(",h49");
        assertThat(lookups.get(1)).isEqualTo("/api/v1/ad-accounts/act_1000000001/images?hashes=h50,h51");
        assertThat(lookups.get(2)).isEqualTo("/api/v1/ad-accounts/act_1000000005/images?hashes=h0");
    }

    @Test
    void previewsTheAdsReadNamedNeedNoLookup() {
        var ads = JsonMapper.builder().build().readTree("""
                {"data":[
                  {"id":"1","creative":{"id":"c1","account_id":"1000000001","image_hash":"aaa",
                   "preview_url":"/api/v1/ad-accounts/act_1000000001/images/aaa"}},
                  {"id":"2","creative":{"id":"c2","account_id":"1000000001","image_hash":"bbb"}}]}""");
        assertThat(ConsolePageBenchmark.namedPreviews(ads))
                .containsExactly("/api/v1/ad-accounts/act_1000000001/images/aaa");
        assertThat(ConsolePageBenchmark.previewLookups(ads))
                .containsExactly("/api/v1/ad-accounts/act_1000000001/images?hashes=bbb");
    }

    @Test
    void formsSubmitHiddenInputsAndCheckedBoxesOnly() {
        String html = """
                <form method="post" action="/v25.0/dialog/oauth?x=1&amp;y=2">
                <input type="hidden" name="state" value="a&amp;b">
                <input type="checkbox" name="perm_ads_read" value="on" checked>
                <input type="checkbox" name="perm_email" value="on">
                <input type="submit" name="action" value="continue">
                <input name="plain" value="text">
                </form>""";
        assertThat(ConsoleBrowser.inputs(html)).containsExactly(java.util.Map.entry("state", "a&b"),
                java.util.Map.entry("perm_ads_read", "on"), java.util.Map.entry("plain", "text"));
        assertThat(ConsoleBrowser.formAction(new ConsoleBrowser.Answer(java.net.URI.create(
                "http://127.0.0.1:9/v25.0/dialog/oauth?client_id=1"), 200, "text/html",
                html.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isEqualTo("http://127.0.0.1:9/v25.0/dialog/oauth?x=1&y=2");
    }
}
