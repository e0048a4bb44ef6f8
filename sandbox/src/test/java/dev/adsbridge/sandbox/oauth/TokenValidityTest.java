package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.APP_ID;
import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.APP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/** The 190 family and the permission edge, as a Graph caller meets them. */
class TokenValidityTest {

    private static final String APP_TOKEN = APP_ID + "|" + APP_SECRET;
    private static SandboxHttp sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void no_token_is_104() {
        SandboxHttp.Answer answer = sandbox.get(null, "me");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(104);
    }

    @Test
    void a_token_that_does_not_parse_is_190_without_subcode() {
        SandboxHttp.Answer answer = sandbox.get("garbage", "me");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(190);
        assertThat(answer.error().has("error_subcode")).isFalse();
        assertThat(answer.error().get("message").asString())
                .isEqualTo("Invalid OAuth access token - Cannot parse access token");
        JsonNode debug = sandbox.get(APP_TOKEN, "debug_token", Map.of("input_token", "garbage")).json().get("data");
        assertThat(debug.get("is_valid").asBoolean()).isFalse();
        assertThat(debug.get("error").get("code").asInt()).isEqualTo(190);
    }

    @Test
    void an_expired_token_is_190_463_and_debug_token_says_so() {
        String token = sandbox.token();
        SandboxHttp.Answer expired = sandbox.control("POST", "/_sandbox/tokens/expire",
                Map.of("access_token", token));
        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.body()).doesNotContain(token);

        SandboxHttp.Answer answer = sandbox.get(token, "me");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(190);
        assertThat(answer.error().get("error_subcode").asInt()).isEqualTo(463);
        assertThat(answer.error().get("message").asString()).startsWith("Error validating access token: Session has "
                + "expired on");

        SandboxHttp.Answer debug = sandbox.get(APP_TOKEN, "debug_token", Map.of("input_token", token));
        assertThat(debug.status()).isEqualTo(200);
        JsonNode data = debug.json().get("data");
        assertThat(data.get("is_valid").asBoolean()).isFalse();
        assertThat(data.get("error").get("subcode").asInt()).isEqualTo(463);
        assertThat(data.get("user_id").asString()).isEqualTo("100000000000001");
    }

    @Test
    void a_token_expires_when_the_sandbox_clock_passes_its_lifetime() {
        String token = sandbox.control("POST", "/_sandbox/tokens", Map.of("expires_in", 30))
                .json().get("access_token").asString();
        assertThat(sandbox.get(token, "me").status()).isEqualTo(200);
        sandbox.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 31));
        assertThat(sandbox.get(token, "me").error().get("error_subcode").asInt()).isEqualTo(463);
    }

    @Test
    void a_token_without_expiry_reports_expires_at_zero() {
        String token = sandbox.control("POST", "/_sandbox/tokens", Map.of("expires_in", 0))
                .json().get("access_token").asString();
        JsonNode data = sandbox.get(APP_TOKEN, "debug_token", Map.of("input_token", token)).json().get("data");
        assertThat(data.get("expires_at").asLong()).isZero();
        assertThat(data.get("is_valid").asBoolean()).isTrue();
    }

    @Test
    void revoked_tokens_are_190_460_for_a_password_change_and_190_458_for_a_removed_app() {
        String changed = sandbox.token();
        sandbox.control("POST", "/_sandbox/tokens/revoke", Map.of("access_token", changed,
                "reason", "password_changed"));
        SandboxHttp.Answer answer = sandbox.get(changed, "me");
        assertThat(answer.error().get("code").asInt()).isEqualTo(190);
        assertThat(answer.error().get("error_subcode").asInt()).isEqualTo(460);

        String removed = sandbox.token("100000000000002", List.of("ads_read"));
        sandbox.control("POST", "/_sandbox/tokens/revoke", Map.of("access_token", removed, "reason", "app_removed"));
        assertThat(sandbox.get(removed, "me").error().get("error_subcode").asInt()).isEqualTo(458);
    }

    @Test
    void revoking_one_permission_takes_it_from_the_token() {
        String token = sandbox.token("100000000000002", List.of("ads_read", "public_profile"));
        assertThat(sandbox.get(token, "act_1000000006").status()).isEqualTo(200);

        SandboxHttp.Answer revoked = sandbox.delete(token, "me/permissions/ads_read", Map.of());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("success").asBoolean()).isTrue();

        SandboxHttp.Answer read = sandbox.get(token, "act_1000000006");
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.error().get("code").asInt()).isEqualTo(200);
        JsonNode permissions = sandbox.get(token, "me/permissions").json().get("data");
        assertThat(permissions.toString()).contains("{\"permission\":\"ads_read\",\"status\":\"declined\"}")
                .contains("{\"permission\":\"public_profile\",\"status\":\"granted\"}");
        assertThat(sandbox.get(token, "me/permissions/public_profile").json().get("data").size()).isEqualTo(1);
    }

    @Test
    void app_tokens_cannot_read_me() {
        SandboxHttp.Answer answer = sandbox.get(APP_TOKEN, "me");
        assertThat(answer.status()).isEqualTo(400);
        // Meta answers /me without a user token with code 2500 ("An active access token must be used…").
        assertThat(answer.error().get("code").asInt()).isEqualTo(2500);
    }
}
