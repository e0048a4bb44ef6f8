package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Set;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static dev.adsbridge.sandbox.objects.Objects.values;
import static org.assertj.core.api.Assertions.assertThat;

class TargetingContractTest {

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

    private static JsonNode search(String... params) {
        SandboxHttp.Answer answer = sandbox.get(token, "search", form(params));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void interestSearchFindsCatalogueInterestsWithSizes() {
        JsonNode hiking = search("type", "adinterest", "q", "hik");
        JsonNode first = hiking.path("data").get(0);
        assertThat(first.path("name").asString()).isEqualTo("Hiking");
        assertThat(first.path("id").asString()).matches("\\d{13}");
        assertThat(first.path("audience_size_lower_bound").asLong()).isPositive()
                .isLessThan(first.path("audience_size_upper_bound").asLong());
        assertThat(first.path("path").get(0).asString()).isEqualTo("Interests");
        assertThat(first.path("topic").asString()).isEqualTo("Sports and outdoors");
        assertThat(search("type", "adinterest", "q", "zzzz").path("data").size()).isZero();
        assertError(sandbox.get(token, "search", form("type", "adinterest")), 100, null);
    }

    @Test
    void theCatalogueHasAFewHundredDistinctInterests() {
        JsonNode all = search("type", "adTargetingCategory", "class", "interests", "limit", "1000");
        assertThat(all.path("data").size()).isGreaterThanOrEqualTo(250);
        Set<String> ids = new HashSet<>(ids(all));
        assertThat(ids).hasSize(all.path("data").size());
    }

    @Test
    void suggestionsComeFromTheSameTopics() {
        JsonNode suggestions = search("type", "adinterestsuggestion", "interest_list", "[\"Hiking\",\"Camping\"]",
                "limit", "10");
        assertThat(suggestions.path("data").size()).isEqualTo(10);
        assertThat(values(suggestions, "name")).doesNotContain("Hiking", "Camping");
        assertThat(values(suggestions, "topic")).containsOnly("Sports and outdoors");
        JsonNode valid = search("type", "adinterestvalid", "interest_list", "[\"Coffee\",\"Time travel\"]");
        assertThat(valid.path("data").get(0).path("valid").asBoolean()).isTrue();
        assertThat(valid.path("data").get(1).path("valid").asBoolean()).isFalse();
    }

    @Test
    void interestsAreValidatedByNameAndById() {
        String hikingId = search("type", "adinterest", "q", "Hiking").path("data").get(0).path("id").asString();
        JsonNode byId = search("type", "adinterestvalid", "interest_fbid_list", "[\"" + hikingId
                + "\",\"1000000000000\"]");
        assertThat(byId.path("data").get(0).path("id").asString()).isEqualTo(hikingId);
        assertThat(byId.path("data").get(0).path("name").asString()).isEqualTo("Hiking");
        assertThat(byId.path("data").get(0).path("valid").asBoolean()).isTrue();
        assertThat(byId.path("data").get(1).path("id").asString()).isEqualTo("1000000000000");
        assertThat(byId.path("data").get(1).path("valid").asBoolean()).isFalse();

        JsonNode both = search("type", "adinterestvalid", "interest_list", "[\"Coffee\"]",
                "interest_fbid_list", "[\"" + hikingId + "\"]");
        assertThat(values(both, "name")).containsExactly("Coffee", "Hiking");
        assertThat(both.path("data").get(0).path("valid").asBoolean()).isTrue();
        assertThat(both.path("data").get(1).path("valid").asBoolean()).isTrue();

        assertThat(assertError(sandbox.get(token, "search", form("type", "adinterestvalid")), 100, null)
                .path("message").asString()).contains("interest_list");
        assertError(sandbox.get(token, "search", form("type", "adinterestvalid", "interest_fbid_list",
                "[\"hiking\"]")), 100, null);
    }

    @Test
    void targetingCategoriesByClass() {
        JsonNode behaviors = search("type", "adTargetingCategory", "class", "behaviors");
        assertThat(values(behaviors, "type")).containsOnly("behaviors");
        assertThat(values(behaviors, "name")).contains("Frequent travelers");
        assertThat(search("type", "adTargetingCategory", "class", "demographics").path("data").size()).isPositive();
        assertError(sandbox.get(token, "search", form("type", "adTargetingCategory", "class", "hobbies")), 100,
                null);
    }

    @Test
    void geolocationSearchByNameAndType() {
        JsonNode cities = search("type", "adgeolocation", "q", "San", "location_types", "[\"city\"]");
        assertThat(values(cities, "name")).contains("San Francisco", "San Diego");
        assertThat(values(cities, "type")).containsOnly("city");
        JsonNode sf = cities.path("data").get(0);
        assertThat(sf.path("country_code").asString()).isEqualTo("US");
        assertThat(sf.path("region").asString()).isEqualTo("California");
        JsonNode countries = search("type", "adgeolocation", "location_types", "[\"country\"]", "limit", "100");
        assertThat(values(countries, "key")).contains("US", "DE", "JP", "KR", "GB");
        JsonNode german = search("type", "adgeolocation", "q", "ber", "country_code", "DE");
        assertThat(values(german, "name")).contains("Berlin");
        assertThat(values(german, "country_code")).containsOnly("DE");
        assertError(sandbox.get(token, "search", form("type", "adgeolocation", "q", "x",
                "location_types", "[\"planet\"]")), 100, null);
    }

    @Test
    void anUnknownSearchTypeIsAnInvalidParameter() {
        JsonNode error = assertError(sandbox.get(token, "search", form("type", "adunicorn", "q", "x")), 100, null);
        assertThat(error.path("message").asString()).contains("adinterest", "adgeolocation");
        assertThat(sandbox.get(null, "search", form("type", "adinterest", "q", "x")).status()).isEqualTo(400);
    }

    @Test
    void reachEstimatesShrinkAsTargetingNarrows() {
        long country = reach("{\"geo_locations\":{\"countries\":[\"US\"]}}");
        long narrowAge = reach("{\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":25,\"age_max\":34}");
        long women = reach("{\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":25,\"age_max\":34,"
                + "\"genders\":[2]}");
        String hiking = search("type", "adinterest", "q", "Hiking").path("data").get(0).path("id").asString();
        long hikers = reach("{\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":25,\"age_max\":34,"
                + "\"genders\":[2],\"flexible_spec\":[{\"interests\":[{\"id\":\"" + hiking + "\"}]}]}");
        long city = reach("{\"geo_locations\":{\"cities\":[{\"key\":\"2420379\",\"radius\":10}]}}");
        assertThat(country).isGreaterThan(100_000_000L);
        assertThat(narrowAge).isLessThan(country);
        assertThat(women).isLessThan(narrowAge);
        assertThat(hikers).isLessThan(women).isPositive();
        assertThat(city).isLessThan(country);
        assertThat(reach("{\"geo_locations\":{\"countries\":[\"US\"]}}")).isEqualTo(country);

        JsonNode estimate = sandbox.get(token, BIG + "/reachestimate", form("targeting_spec",
                "{\"geo_locations\":{\"countries\":[\"DE\"]}}")).json().path("data");
        assertThat(estimate.path("estimate_ready").asBoolean()).isTrue();
        assertThat(estimate.path("users_upper_bound").asLong()).isGreaterThan(estimate.path("users_lower_bound")
                .asLong());
        assertError(sandbox.get(token, BIG + "/reachestimate", form("targeting_spec", "{\"age_min\":20}")), 100,
                null);
        assertError(sandbox.get(token, BIG + "/reachestimate"), 100, null);
    }

    private static long reach(String spec) {
        SandboxHttp.Answer answer = sandbox.get(token, BIG + "/reachestimate", form("targeting_spec", spec));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("data").path("users_upper_bound").asLong();
    }

    @Test
    void deliveryEstimatesGiveADailyCurve() {
        JsonNode estimate = sandbox.get(token, BIG + "/delivery_estimate", form("targeting_spec",
                "{\"geo_locations\":{\"countries\":[\"US\"]},\"age_min\":18}", "optimization_goal", "LINK_CLICKS"))
                .json().path("data").get(0);
        assertThat(estimate.path("estimate_ready").asBoolean()).isTrue();
        JsonNode curve = estimate.path("daily_outcomes_curve");
        assertThat(curve.size()).isGreaterThan(5);
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i).path("reach").asLong()).isGreaterThanOrEqualTo(curve.get(i - 1).path("reach")
                    .asLong());
            assertThat(curve.get(i).path("reach").asLong()).isLessThanOrEqualTo(curve.get(i).path("impressions")
                    .asLong());
        }
        assertThat(estimate.path("estimate_mau_upper_bound").asLong()).isPositive();
        assertError(sandbox.get(token, BIG + "/delivery_estimate", form("targeting_spec",
                "{\"geo_locations\":{\"countries\":[\"US\"]}}")), 100, null);
    }

    @Test
    void theAdLibraryPagesThroughMatchingPublicAds() {
        JsonNode first = sandbox.get(token, "ads_archive", form("search_terms", "", "ad_reached_countries",
                "[\"US\"]", "ad_active_status", "ALL", "fields", "page_name,ad_creative_bodies,ad_delivery_start_time,"
                        + "ad_snapshot_url,publisher_platforms", "limit", "10")).json();
        assertThat(first.path("data").size()).isEqualTo(10);
        JsonNode ad = first.path("data").get(0);
        assertThat(ad.path("id").asString()).isNotEmpty();
        assertThat(ad.path("page_name").asString()).isNotEmpty();
        assertThat(ad.path("ad_creative_bodies").get(0).asString()).isNotEmpty();
        assertThat(ad.path("ad_snapshot_url").asString()).contains(ad.path("id").asString());
        Set<String> seen = new HashSet<>(ids(first));
        JsonNode page = first;
        while (page.path("paging").has("next")) {
            page = sandbox.getUrl(token, page.path("paging").path("next").asString()).json();
            assertThat(page.path("data").size()).isLessThanOrEqualTo(10);
            seen.addAll(ids(page));
        }
        assertThat(seen.size()).isGreaterThan(30);

        JsonNode political = sandbox.get(token, "ads_archive", form("ad_reached_countries", "[\"US\"]",
                "ad_type", "POLITICAL_AND_ISSUE_ADS", "ad_active_status", "ALL", "fields", "page_name,spend,bylines"))
                .json();
        assertThat(values(political, "page_name")).containsOnly("Citizens for Clean Parks");
        assertThat(political.path("data").get(0).path("spend").path("lower_bound").asString()).matches("\\d+");

        JsonNode coffee = sandbox.get(token, "ads_archive", form("search_terms", "coffee", "ad_reached_countries",
                "[\"US\",\"GB\"]", "ad_active_status", "ALL", "fields", "page_name")).json();
        assertThat(values(coffee, "page_name")).isNotEmpty()
                .allMatch(name -> name.contains("Coffee"));

        JsonNode idsOnly = sandbox.get(token, "ads_archive", form("ad_reached_countries", "[\"DE\"]", "limit", "2"))
                .json();
        assertThat(idsOnly.path("data").get(0).propertyNames()).containsExactly("id");
        assertError(sandbox.get(token, "ads_archive", form("search_terms", "x")), 100, null);
        assertError(sandbox.get(token, "ads_archive", form("ad_reached_countries", "[\"US\"]", "fields", "secret")),
                100, null);
    }
}
