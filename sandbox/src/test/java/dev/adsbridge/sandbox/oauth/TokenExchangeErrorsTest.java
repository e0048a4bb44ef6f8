package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.APP_ID;
import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.APP_SECRET;
import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

/** What /oauth/access_token answers to the mistakes a web app can make. */
class TokenExchangeErrorsTest {

    private static SandboxHttp sandbox;
    private static LoginDialogDriver dialog;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        dialog = new LoginDialogDriver(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private String freshCode() {
        return dialog.authorize(LoginDialogDriver.standardParams("ads_read", "s"));
    }

    @Test
    void a_code_can_be_exchanged_only_once() {
        String code = freshCode();
        assertThat(dialog.exchange(code, REDIRECT_URI, APP_SECRET).status()).isEqualTo(200);
        SandboxHttp.Answer again = dialog.exchange(code, REDIRECT_URI, APP_SECRET);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error().get("type").asString()).isEqualTo("OAuthException");
        assertThat(again.error().get("code").asInt()).isEqualTo(100);
        assertThat(again.error().get("error_subcode").asInt()).isEqualTo(36009);
        assertThat(again.error().get("message").asString()).isEqualTo("This authorization code has been used.");
    }

    @Test
    void a_code_is_bound_to_the_redirect_uri_of_the_dialog() {
        String code = freshCode();
        SandboxHttp.Answer mismatch = dialog.exchange(code, "http://127.0.0.1:8080/connect/callback", APP_SECRET);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.error().get("code").asInt()).isEqualTo(100);
        assertThat(mismatch.error().get("error_subcode").asInt()).isEqualTo(36008);
        assertThat(mismatch.error().get("message").asString()).isEqualTo("Error validating verification code. "
                + "Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request");
        // A mismatch does not burn the code.
        assertThat(dialog.exchange(code, REDIRECT_URI, APP_SECRET).status()).isEqualTo(200);
    }

    @Test
    void a_wrong_client_secret_is_code_1() {
        SandboxHttp.Answer answer = dialog.exchange(freshCode(), REDIRECT_URI, "not-the-secret");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(1);
        assertThat(answer.error().get("type").asString()).isEqualTo("OAuthException");
        assertThat(answer.error().get("message").asString()).isEqualTo("Error validating client secret.");
        assertThat(answer.body()).doesNotContain(APP_SECRET).doesNotContain("not-the-secret");
    }

    @Test
    void an_unknown_client_id_is_101() {
        SandboxHttp.Answer answer = sandbox.get(null, "oauth/access_token", Map.of("client_id", "42",
                "client_secret", APP_SECRET, "redirect_uri", REDIRECT_URI, "code", "AQxyz"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(101);
        assertThat(answer.error().get("message").asString())
                .isEqualTo("Error validating application. Invalid application ID.");
    }

    @Test
    void an_unknown_code_is_refused() {
        SandboxHttp.Answer answer = dialog.exchange("AQnot-a-code", REDIRECT_URI, APP_SECRET);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
    }

    @Test
    void a_code_expires_after_ten_minutes() {
        String code = freshCode();
        sandbox.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 601));
        SandboxHttp.Answer answer = dialog.exchange(code, REDIRECT_URI, APP_SECRET);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(answer.error().get("error_subcode").asInt()).isEqualTo(36007);
        assertThat(answer.error().get("message").asString()).isEqualTo("This authorization code has expired.");
    }

    @Test
    void the_exchange_also_works_as_a_post() {
        SandboxHttp.Answer answer = sandbox.post(null, "oauth/access_token", Map.of("client_id", APP_ID,
                "client_secret", APP_SECRET, "redirect_uri", REDIRECT_URI, "code", freshCode()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("access_token").asString()).startsWith("EAA");
    }

    @Test
    void an_expired_or_revoked_token_cannot_be_exchanged_for_a_long_lived_one() {
        String expired = sandbox.token();
        sandbox.control("POST", "/_sandbox/tokens/expire", Map.of("access_token", expired));
        SandboxHttp.Answer fromExpired = longLived(expired);
        assertThat(fromExpired.status()).isEqualTo(400);
        assertThat(fromExpired.error().get("code").asInt()).isEqualTo(190);
        assertThat(fromExpired.error().get("error_subcode").asInt()).isEqualTo(463);

        String revoked = sandbox.token();
        sandbox.control("POST", "/_sandbox/tokens/revoke", Map.of("access_token", revoked,
                "reason", "password_changed"));
        assertThat(longLived(revoked).error().get("error_subcode").asInt()).isEqualTo(460);

        SandboxHttp.Answer unknown = longLived("EAAnot-a-token");
        assertThat(unknown.error().get("code").asInt()).isEqualTo(190);
        assertThat(unknown.error().has("error_subcode")).isFalse();
    }

    private SandboxHttp.Answer longLived(String token) {
        return sandbox.get(null, "oauth/access_token", Map.of("grant_type", "fb_exchange_token",
                "client_id", APP_ID, "client_secret", APP_SECRET, "fb_exchange_token", token));
    }
}
