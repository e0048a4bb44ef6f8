package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Toolset library against the sandbox's Ad Library. */
class LibraryToolsTest {

    private static String token;

    @BeforeAll
    static void token() {
        token = TestEnv.token();
    }

    @Test
    void searchFindsAdsByKeywordInTheReachedCountries() {
        JsonNode result = ok(callTool(token, "search_ads_archive", Map.of("search_terms", "coffee",
                "ad_reached_countries", List.of("us"), "ad_active_status", "ALL")));
        JsonNode ads = result.get("data");
        assertThat(ads.size()).isPositive();
        for (JsonNode ad : ads) {
            String text = (ad.path("ad_creative_bodies").toString() + ad.path("ad_creative_link_titles") + ad
                    .path("page_name")).toLowerCase();
            assertThat(text).contains("coffee");
            assertThat(ad.get("ad_snapshot_url").asString()).startsWith("https://");
            assertThat(ad.get("page_id").asString()).matches("[0-9]+");
        }
    }

    @Test
    void politicalAdsCarrySpendRangesAndBylines() {
        JsonNode ads = ok(callTool(token, "search_ads_archive", Map.of("search_terms", "vote",
                "ad_reached_countries", List.of("US"), "ad_type", "POLITICAL_AND_ISSUE_ADS",
                "ad_active_status", "ALL"))).get("data");
        assertThat(ads.size()).isPositive();
        JsonNode ad = ads.get(0);
        assertThat(ad.get("bylines").asString()).startsWith("Paid for by");
        assertThat(Long.parseLong(ad.at("/spend/upper_bound").asString()))
                .isGreaterThanOrEqualTo(Long.parseLong(ad.at("/spend/lower_bound").asString()));
    }

    @Test
    void legacyFieldNamesAreTranslatedAndPagingWorks() {
        Map<String, Object> query = new LinkedHashMap<>(Map.of("ad_reached_countries", List.of("US"),
                "search_page_ids", List.of("200000000000001"), "ad_active_status", "ALL", "limit", 3,
                "fields", "id,ad_creative_body,publisher_platform,page_name"));
        JsonNode first = ok(callTool(token, "search_ads_archive", query));
        assertThat(first.get("data").size()).isEqualTo(3);
        JsonNode ad = first.at("/data/0");
        assertThat(ad.get("page_name").asString()).isEqualTo("Whitfield Outdoor");
        assertThat(ad.get("ad_creative_bodies").isArray()).isTrue();
        assertThat(ad.get("publisher_platforms").isArray()).isTrue();
        assertThat(ad.has("ad_snapshot_url")).as("only the fields asked for").isFalse();

        query.put("after", first.get("next_cursor").asString());
        JsonNode second = ok(callTool(token, "search_ads_archive", query));
        assertThat(TestEnv.ids(second.get("data")))
                .doesNotContainAnyElementsOf(TestEnv.ids(first.get("data")));
    }

    @Test
    void invalidSearchesAreRefusedBeforeMeta() {
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("ad_reached_countries", Map.of("search_terms", "shoes"));
        cases.put("two-letter", Map.of("search_terms", "shoes", "ad_reached_countries", List.of("USA")));
        cases.put("search_page_ids", Map.of("ad_reached_countries", List.of("US")));
        cases.put("POLITICAL_AND_ISSUE_ADS", Map.of("search_terms", "shoes", "ad_reached_countries", List.of("US"),
                "ad_type", "POLITICS"));
        cases.put("100 characters", Map.of("search_terms", "x".repeat(101), "ad_reached_countries", List.of("US")));
        cases.put("numeric Facebook Page ids", Map.of("ad_reached_countries", List.of("US"),
                "search_page_ids", List.of("Whitfield")));
        cases.put("field names", Map.of("search_terms", "shoes", "ad_reached_countries", List.of("US"),
                "fields", "id,page name"));
        cases.forEach((expected, arguments) -> TestEnv.assertRefusedBeforeMeta(token, "search_ads_archive",
                arguments, expected, expected));
    }

    @Test
    void metasFailuresKeepTheirCategory() {
        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.fault("expire_token", "ads_archive", "GET", 1);
        JsonNode auth = error(callTool(expiring, "search_ads_archive", Map.of("search_terms", "tent",
                "ad_reached_countries", List.of("US"))));
        assertThat(auth.get("category").asString()).isEqualTo("auth");
        assertThat(auth.get("error_subcode").asInt()).isEqualTo(463);

        // The Ad Library is not charged to an ad account: the app-level limit (code 4) applies.
        TestEnv.control("POST", "/_sandbox/faults", Map.of("kind", "rate_limit", "path", "ads_archive",
                "method", "GET", "count", 1, "code", 4));
        JsonNode limited = error(callTool(token, "search_ads_archive", Map.of("search_terms", "tent",
                "ad_reached_countries", List.of("US"))));
        assertThat(limited.get("category").asString()).isEqualTo("rate_limit");
        assertThat(limited.get("code").asInt()).isEqualTo(4);
        assertThat(limited.get("retry_after_seconds").asLong()).isPositive();

        JsonNode unknownField = error(callTool(token, "search_ads_archive", Map.of("search_terms", "tent",
                "ad_reached_countries", List.of("US"), "fields", "id,secret_targeting")));
        assertThat(unknownField.get("code").asInt()).isEqualTo(100);
    }
}
