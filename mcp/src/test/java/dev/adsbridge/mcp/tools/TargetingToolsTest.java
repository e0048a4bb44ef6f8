package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.names;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Toolset targeting against the sandbox: searches, suggestions, audience estimates and their validation. */
class TargetingToolsTest {

    private static String token;

    @BeforeAll
    static void token() {
        token = TestEnv.token();
    }

    @Test
    void searchInterestsFindsInterestsWithIdsAndAudienceSizes() {
        JsonNode result = ok(callTool(token, "search_interests", Map.of("query", "hiking")));
        JsonNode first = result.at("/data/0");
        assertThat(first.get("name").asString()).isEqualTo("Hiking");
        assertThat(first.get("id").asString()).matches("[0-9]{13}");
        assertThat(first.get("audience_size_upper_bound").asLong())
                .isGreaterThan(first.get("audience_size_lower_bound").asLong());

        JsonNode page = ok(callTool(token, "search_interests", Map.of("query", "co", "limit", 3)));
        assertThat(page.get("data").size()).isEqualTo(3);
        assertThat(page.get("next_cursor").asString()).isNotBlank();
        JsonNode next = ok(callTool(token, "search_interests", Map.of("query", "co", "limit", 3,
                "after", page.get("next_cursor").asString(), "account_id", "1000000001")));
        assertThat(names(next.get("data"))).doesNotContainAnyElementsOf(names(page.get("data")));
    }

    @Test
    void interestSuggestionsAreRelatedAndExcludeTheGivenOnes() {
        JsonNode result = ok(callTool(token, "get_interest_suggestions", Map.of("interest_list",
                List.of("Hiking", "Camping"), "limit", 10)));
        List<String> names = names(result.get("data"));
        assertThat(names).hasSize(10).doesNotContain("Hiking", "Camping");
        assertThat(names).containsAnyOf("Backpacking", "Rock climbing", "Mountaineering", "Trail running", "Running");
        // A comma-separated string works as well.
        JsonNode fromText = ok(callTool(token, "get_interest_suggestions", Map.of("interest_list", "Coffee")));
        assertThat(names(fromText.get("data"))).doesNotContain("Coffee").contains("Espresso");
    }

    @Test
    void behaviorsAndDemographicsListTheirClass() {
        JsonNode behaviors = ok(callTool(token, "search_behaviors", Map.of("limit", 5)));
        assertThat(behaviors.get("data").size()).isEqualTo(5);
        behaviors.get("data").forEach(b -> assertThat(b.get("type").asString()).isEqualTo("behaviors"));

        JsonNode demographics = ok(callTool(token, "search_demographics", Map.of()));
        assertThat(demographics.get("data").size()).isPositive();
        demographics.get("data").forEach(d -> assertThat(d.get("type").asString()).isEqualTo("demographics"));

        JsonNode lifeEvents = ok(callTool(token, "search_demographics", Map.of("demographic_class", "life_events")));
        lifeEvents.get("data").forEach(d -> assertThat(d.get("type").asString()).isEqualTo("life_events"));

        JsonNode wrong = error(callTool(token, "search_demographics", Map.of("demographic_class", "behaviors")));
        assertThat(wrong.get("code").isNull()).isTrue();
        assertThat(wrong.get("message").asString()).contains("search_behaviors");
    }

    @Test
    void geoLocationSearchFiltersByType() {
        JsonNode all = ok(callTool(token, "search_geo_locations", Map.of("query", "New York")));
        List<String> types = new ArrayList<>();
        all.get("data").forEach(p -> types.add(p.get("type").asString()));
        assertThat(types).contains("region", "city");

        JsonNode cities = ok(callTool(token, "search_geo_locations", Map.of("query", "New York",
                "location_types", List.of("city"))));
        assertThat(cities.get("data").size()).isEqualTo(1);
        assertThat(cities.at("/data/0/key").asString()).isEqualTo("2490367");
        assertThat(cities.at("/data/0/country_code").asString()).isEqualTo("US");

        JsonNode badType = error(callTool(token, "search_geo_locations", Map.of("query", "Paris",
                "location_types", List.of("planet"))));
        assertThat(badType.get("code").isNull()).isTrue();
        assertThat(badType.get("message").asString()).contains("planet").contains("electoral_district");
    }

    @Test
    void estimateAudienceSizeNarrowsWithTargeting() {
        Map<String, Object> broad = Map.of("geo_locations", Map.of("countries", List.of("us")),
                "age_min", 18, "age_max", 65);
        JsonNode wide = ok(callTool(token, "estimate_audience_size", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "targeting", broad)));
        assertThat(wide.get("success").asBoolean()).isTrue();
        assertThat(wide.get("optimization_goal").asString()).isEqualTo("REACH");
        assertThat(wide.at("/targeting/geo_locations/countries/0").asString()).as("normalised").isEqualTo("US");
        JsonNode details = wide.get("estimate_details");
        long lower = details.get("users_lower_bound").asLong();
        long upper = details.get("users_upper_bound").asLong();
        assertThat(lower).isPositive().isLessThan(upper);
        assertThat(wide.get("estimated_audience_size").asLong()).isBetween(lower, upper);
        assertThat(details.get("daily_outcomes_curve").isArray()).isTrue();

        String hiking = ok(callTool(token, "search_interests", Map.of("query", "hiking"))).at("/data/0/id")
                .asString();
        Map<String, Object> narrow = new LinkedHashMap<>(broad);
        narrow.put("age_max", 34);
        narrow.put("genders", List.of(2));
        narrow.put("flexible_spec", List.of(Map.of("interests", List.of(Map.of("id", hiking)))));
        JsonNode small = ok(callTool(token, "estimate_audience_size", Map.of("account_id", "1000000001",
                "targeting", narrow, "optimization_goal", "link_clicks")));
        assertThat(small.get("optimization_goal").asString()).isEqualTo("LINK_CLICKS");
        assertThat(small.get("estimated_audience_size").asLong())
                .isLessThan(wide.get("estimated_audience_size").asLong());
    }

    @Test
    void estimateAudienceSizeValidatesTheSpecBeforeMeta() {
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("geo_locations", spec(Map.of("age_min", 18)));
        cases.put("at least one place", spec(Map.of("geo_locations", Map.of("countries", List.of()))));
        cases.put("two-letter", spec(Map.of("geo_locations", Map.of("countries", List.of("USA")))));
        cases.put("13 to 65", spec(Map.of("geo_locations", Map.of("countries", List.of("US")), "age_min", 10)));
        cases.put("above age_max", spec(Map.of("geo_locations", Map.of("countries", List.of("US")),
                "age_min", 40, "age_max", 30)));
        cases.put("1 (men)", spec(Map.of("geo_locations", Map.of("countries", List.of("US")),
                "genders", List.of(3))));
        cases.put("JSON object", Map.of("account_id", TestEnv.BIG_ACCOUNT, "targeting", "US adults"));
        cases.put("optimization_goal", Map.of("account_id", TestEnv.BIG_ACCOUNT, "targeting",
                Map.of("geo_locations", Map.of("countries", List.of("US"))), "optimization_goal", "SALES"));
        cases.put("targeting", Map.of("account_id", TestEnv.BIG_ACCOUNT));
        cases.put("account_id", Map.of("targeting", Map.of("geo_locations", Map.of("countries", List.of("US")))));
        cases.forEach((expected, arguments) -> TestEnv.assertRefusedBeforeMeta(token, "estimate_audience_size",
                arguments, expected, expected));
    }

    @Test
    void estimateAudienceSizeStillValidatesInterestNamesLikeTheReference() {
        JsonNode result = ok(callTool(token, "estimate_audience_size", Map.of("interest_list",
                List.of("Hiking", "Underwater basket weaving"))));
        JsonNode rows = result.get("data");
        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.get(0).get("valid").asBoolean()).isTrue();
        assertThat(rows.get(1).get("valid").asBoolean()).isFalse();

        String hiking = rows.get(0).get("id").asString();
        JsonNode byId = ok(callTool(token, "estimate_audience_size", Map.of("interest_fbid_list",
                List.of(hiking, "1000000000000")))).get("data");
        assertThat(byId.get(0).get("name").asString()).isEqualTo("Hiking");
        assertThat(byId.get(0).get("valid").asBoolean()).isTrue();
        assertThat(byId.get(1).get("valid").asBoolean()).isFalse();
    }

    @Test
    void searchesNeedAQueryAndRefuseOverlongOnes() {
        JsonNode missing = error(callTool(token, "search_interests", Map.of()));
        assertThat(missing.get("message").asString()).contains("query");
        JsonNode blank = error(callTool(token, "search_geo_locations", Map.of("query", " ")));
        assertThat(blank.get("message").asString()).contains("query");
        JsonNode longQuery = error(callTool(token, "search_interests", Map.of("query", "x".repeat(300))));
        assertThat(longQuery.get("message").asString()).contains("200");
        JsonNode noInterests = error(callTool(token, "get_interest_suggestions", Map.of("interest_list", List.of())));
        assertThat(noInterests.get("message").asString()).contains("interest_list");
        for (JsonNode error : List.of(missing, blank, longQuery, noInterests)) {
            assertThat(error.get("code").isNull()).isTrue();
        }
    }

    @Test
    void metasFailuresKeepTheirCategory() {
        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.expire(expiring);
        JsonNode auth = error(callTool(expiring, "search_interests", Map.of("query", "yoga")));
        assertThat(auth.get("category").asString()).isEqualTo("auth");

        TestEnv.fault("rate_limit", TestEnv.BIG_ACCOUNT + "/delivery_estimate", "GET", 1);
        JsonNode limited = error(callTool(token, "estimate_audience_size", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "targeting", Map.of("geo_locations", Map.of("countries", List.of("US"))))));
        assertThat(limited.get("category").asString()).isEqualTo("rate_limit");
        assertThat(limited.get("retry_after_seconds").asLong()).isPositive();

        String stranger = TestEnv.token(TestEnv.NO_ACCOUNTS_USER, null, null);
        JsonNode foreign = error(callTool(stranger, "estimate_audience_size", Map.of("account_id",
                TestEnv.BIG_ACCOUNT, "targeting", Map.of("geo_locations", Map.of("countries", List.of("US"))))));
        assertThat(foreign.get("code").asInt()).isEqualTo(100);
    }

    private static Map<String, Object> spec(Map<String, Object> targeting) {
        return Map.of("account_id", TestEnv.BIG_ACCOUNT, "targeting", targeting);
    }
}
