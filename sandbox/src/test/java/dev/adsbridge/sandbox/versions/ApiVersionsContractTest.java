package dev.adsbridge.sandbox.versions;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions Meta still serves. Graph API versions live about two years (v23.0 and v24.0 still answer {@code /me});
 * Marketing API versions about one, and since May 2024 a call on an expired Marketing API version is auto-upgraded to
 * the next live one with an {@code X-Ad-Api-Version-Warning} header, unless its endpoint changed in that version or the
 * app switched auto-upgrade off: then "(#2635) You are calling a deprecated version of the Ads API" (Marketing API
 * "Versioning" page and the April 2024 auto-upgrade announcement).
 */
class ApiVersionsContractTest {

    private static final String ACCOUNT = "act_1000000001";

    private static SandboxHttp sandbox;
    private static SandboxHttp strict;
    private static String token;
    private static String strictToken;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
        strict = SandboxHttp.start(SandboxConfig.defaults().withAdsVersionAutoUpgrade(false));
        strictToken = strict.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        strict.close();
    }

    private static SandboxHttp.Answer get(SandboxHttp on, String bearer, String version, String path) {
        return on.getUrl(bearer, on.baseUrl() + "/" + version + "/" + path);
    }

    @Test
    void graph_versions_meta_still_serves_answer_non_ads_calls() {
        for (String version : new String[] {"v23.0", "v24.0", "v25.0", "v27.0"}) {
            SandboxHttp.Answer me = get(sandbox, token, version, "me?fields=id,name");
            assertThat(me.status()).as(version + " " + me.body()).isEqualTo(200);
            assertThat(me.json().path("name").asString()).isEqualTo("Dana Whitfield");
            assertThat(get(sandbox, token, version, "me/permissions").status()).isEqualTo(200);
            assertThat(me.header("X-Ad-Api-Version-Warning")).isNull();
        }
        // Non-Ads calls do not depend on the Ads auto-upgrade switch.
        assertThat(get(strict, strictToken, "v24.0", "me").status()).isEqualTo(200);
    }

    @Test
    void an_ads_read_on_an_expired_version_is_auto_upgraded_with_a_warning_header() {
        SandboxHttp.Answer old = get(sandbox, token, "v24.0", ACCOUNT + "/campaigns?fields=name&limit=2");
        assertThat(old.status()).as(old.body()).isEqualTo(200);
        assertThat(old.json().path("data").size()).isEqualTo(2);
        assertThat(old.header("X-Ad-Api-Version-Warning")).contains("v25.0").contains("v24.0");

        SandboxHttp.Answer live = get(sandbox, token, "v25.0", ACCOUNT + "/campaigns?fields=name&limit=2");
        assertThat(live.header("X-Ad-Api-Version-Warning")).isNull();
    }

    @Test
    void an_endpoint_that_changed_in_the_live_version_is_not_upgraded() {
        SandboxHttp.Answer answer = sandbox.send(token, "POST", sandbox.baseUrl() + "/v24.0/" + ACCOUNT + "/adsets",
                "application/x-www-form-urlencoded", java.net.http.HttpRequest.BodyPublishers.ofString("name=x"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().path("code").asInt()).isEqualTo(2635);
        assertThat(answer.error().path("message").asString())
                .isEqualTo("(#2635) You are calling a deprecated version of the Ads API. Please update to the latest "
                        + "version: v25.0.");
    }

    @Test
    void with_auto_upgrade_switched_off_every_ads_call_on_an_expired_version_fails_with_2635() {
        SandboxHttp.Answer answer = get(strict, strictToken, "v24.0", ACCOUNT + "/campaigns");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().path("code").asInt()).isEqualTo(2635);
        assertThat(get(strict, strictToken, "v25.0", ACCOUNT + "/campaigns").status()).isEqualTo(200);
    }

    @Test
    void a_version_meta_never_released_is_an_unknown_path() {
        SandboxHttp.Answer answer = get(sandbox, token, "v99.0", "me");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().path("code").asInt()).isEqualTo(2500);
    }

    @Test
    void me_without_a_user_token_answers_2500() {
        // Graph API "Common errors": /me needs a user (or Page) token; an app token gets code 2500.
        String appToken = SandboxConfig.DEFAULT_APP_ID + "|" + SandboxConfig.DEFAULT_APP_SECRET;
        SandboxHttp.Answer answer = sandbox.get(appToken, "me", Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().path("code").asInt()).isEqualTo(2500);
        assertThat(answer.error().path("message").asString())
                .isEqualTo("An active access token must be used to query information about the current user.");
    }
}
