package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.DANA_PAGE;
import static dev.adsbridge.sandbox.objects.Objects.DISABLED;
import static dev.adsbridge.sandbox.objects.Objects.EUR;
import static dev.adsbridge.sandbox.objects.Objects.KRW;
import static dev.adsbridge.sandbox.objects.Objects.MARCO;
import static dev.adsbridge.sandbox.objects.Objects.SHARED;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static dev.adsbridge.sandbox.objects.Objects.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Pixels ({@code /act_…/adspixels}, {@code /{pixel_id}}) and Instagram accounts (Page field and account edge). */
class PixelsAndInstagramContractTest {

    private static final String PIXEL_FIELDS = "id,name,code,last_fired_time,is_unavailable,creation_time";
    private static final String OUTDOOR_IG = "17841400000000001";
    private static final String COFFEE_IG = "17841400000000002";
    private static final String ROSSI_PAGE = "200000000000003";

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
    void everyAccountListsItsPixelsWithMetasFields() {
        JsonNode pixels = sandbox.get(token, BIG + "/adspixels", form("fields", PIXEL_FIELDS)).json();
        assertThat(pixels.path("data")).hasSize(3);
        assertThat(values(pixels, "name")).contains("Whitfield Outdoor – website", "Staging site (test)");
        for (JsonNode pixel : pixels.path("data")) {
            assertThat(pixel.path("id").asString()).matches("\\d{16}");
            assertThat(pixel.path("code").asString()).contains("fbq('init', '" + pixel.path("id").asString() + "')");
            assertThat(pixel.path("is_unavailable").isBoolean()).isTrue();
            assertThat(pixel.path("creation_time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*[+-]\\d{4}");
        }
        // The staging pixel never fired: Meta leaves last_fired_time out.
        JsonNode staging = find(pixels, "name", "Staging site (test)");
        assertThat(staging.has("last_fired_time")).isFalse();
        assertThat(find(pixels, "name", "Whitfield Outdoor – website").path("last_fired_time").asString())
                .isNotEmpty();

        JsonNode disabled = sandbox.get(token, DISABLED + "/adspixels", form("fields", PIXEL_FIELDS)).json();
        assertThat(disabled.path("data").get(0).path("is_unavailable").asBoolean()).isTrue();
        assertThat(ids(sandbox.get(token, EUR + "/adspixels").json())).hasSize(1);
        // Default fields are just the id, as for other marketing objects.
        assertThat(sandbox.get(token, EUR + "/adspixels").json().path("data").get(0).has("name")).isFalse();
    }

    @Test
    void aPixelReadsByIdOnlyForUsersOfItsAccount() {
        String pixel = websitePixel();
        JsonNode read = sandbox.get(token, pixel, form("fields", "name,owner_ad_account,last_fired_time")).json();
        assertThat(read.path("name").asString()).isEqualTo("Whitfield Outdoor – website");
        assertThat(read.path("owner_ad_account").path("id").asString()).isEqualTo(BIG);
        assertError(sandbox.get(token, pixel, form("fields", "name,nonsense")), 100, null);

        String marco = sandbox.token(MARCO, List.of("ads_read", "ads_management", "pages_show_list"));
        assertError(sandbox.get(marco, pixel, form("fields", "name")), 100, 33);
        assertThat(ids(sandbox.get(marco, KRW + "/adspixels").json())).hasSize(1);
    }

    @Test
    void seededConversionObjectsUseTheAccountsOwnPixel() {
        String pixel = websitePixel();
        Set<String> used = new HashSet<>();
        JsonNode adSets = sandbox.get(token, BIG + "/adsets", form("fields", "promoted_object", "limit", "200")).json();
        for (JsonNode adSet : adSets.path("data")) {
            if (adSet.path("promoted_object").has("pixel_id")) {
                used.add(adSet.path("promoted_object").path("pixel_id").asString());
            }
        }
        assertThat(used).containsExactly(pixel);
        String sharedPixel = ids(sandbox.get(token, SHARED + "/adspixels").json()).get(0);
        JsonNode ads = sandbox.get(token, SHARED + "/ads", form("fields", "tracking_specs", "limit", "5")).json();
        assertThat(ads.path("data").get(0).path("tracking_specs").toString()).contains(sharedPixel);
    }

    @Test
    void pixelIdsFollowTheSeed() {
        List<String> first = ids(sandbox.get(token, BIG + "/adspixels").json());
        try (SandboxHttp same = SandboxHttp.start(); SandboxHttp other = SandboxHttp.start(
                SandboxConfig.defaults().withSeed(SandboxConfig.defaults().seed() + 1))) {
            assertThat(ids(same.get(same.token(), BIG + "/adspixels").json())).isEqualTo(first);
            assertThat(ids(other.get(other.token(), BIG + "/adspixels").json())).doesNotContainAnyElementsOf(first);
        }
    }

    @Test
    void pagesCarryTheirInstagramAccountAndExpandIt() {
        JsonNode page = sandbox.get(token, DANA_PAGE, form("fields", "name,instagram_business_account")).json();
        assertThat(page.path("instagram_business_account").path("id").asString()).isEqualTo(OUTDOOR_IG);
        JsonNode expanded = sandbox.get(token, DANA_PAGE,
                form("fields", "instagram_business_account{id,username,name}")).json()
                .path("instagram_business_account");
        assertThat(expanded.path("username").asString()).isEqualTo("whitfieldoutdoor");
        assertThat(expanded.path("name").asString()).isEqualTo("Whitfield Outdoor");
        JsonNode mine = sandbox.get(token, "me/accounts",
                form("fields", "id,instagram_business_account{id,username}")).json();
        assertThat(mine.path("data")).hasSize(2);
        assertThat(find(mine, "id", "200000000000002").path("instagram_business_account").path("username")
                .asString()).isEqualTo("whitfield.coffee");

        String marco = sandbox.token(MARCO, List.of("ads_read", "pages_show_list"));
        JsonNode rossi = sandbox.get(marco, ROSSI_PAGE, form("fields", "name,instagram_business_account")).json();
        assertThat(rossi.has("instagram_business_account")).isFalse();
        assertThat(sandbox.get(token, OUTDOOR_IG, form("fields", "username,followers_count")).json()
                .path("followers_count").asInt()).isPositive();
        assertError(sandbox.get(marco, OUTDOOR_IG, form("fields", "username")), 100, 33);
    }

    @Test
    void accountsListTheInstagramAccountsOfThePagesTheyPromote() {
        String fields = "id,username,name";
        assertThat(ids(sandbox.get(token, BIG + "/instagram_accounts", form("fields", fields)).json()))
                .containsExactly(OUTDOOR_IG, COFFEE_IG);
        assertThat(ids(sandbox.get(token, EUR + "/instagram_accounts").json())).containsExactly(OUTDOOR_IG);
        assertThat(ids(sandbox.get(token, SHARED + "/instagram_accounts").json())).containsExactly(COFFEE_IG);
        String marco = sandbox.token(MARCO, List.of("ads_read"));
        assertThat(sandbox.get(marco, KRW + "/instagram_accounts").json().path("data")).isEmpty();
        assertError(sandbox.get(marco, BIG + "/instagram_accounts"), 100, 33);
    }

    /** The big account's website pixel (the edge lists newest first; it is the oldest). */
    private static String websitePixel() {
        return find(sandbox.get(token, BIG + "/adspixels", form("fields", "name")).json(), "name",
                "Whitfield Outdoor – website").path("id").asString();
    }

    private static JsonNode find(JsonNode page, String field, String value) {
        for (JsonNode item : page.path("data")) {
            if (item.path(field).asString().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + "=" + value + " in " + page);
    }
}
