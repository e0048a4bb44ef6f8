package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.APP_ID;
import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.APP_SECRET;
import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

/** PKCE on the login dialog and the code exchange: a code issued for a challenge works only with its verifier. */
class PkceTest {

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

    /** A fresh verifier as a client makes one: 32 random bytes, base64url (43 characters). */
    private static String newVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Computed here independently of the sandbox's own helper. */
    private static String challengeOf(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Map<String, String> withChallenge(String challenge, String method) {
        Map<String, String> params = LoginDialogDriver.standardParams("ads_read", "s");
        if (challenge != null) {
            params.put("code_challenge", challenge);
        }
        if (method != null) {
            params.put("code_challenge_method", method);
        }
        return params;
    }

    private static void assertOAuthError(SandboxHttp.Answer answer, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.error().get("type").asString()).isEqualTo("OAuthException");
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(answer.error().get("message").asString()).isEqualTo(message);
        assertThat(answer.json().toString()).doesNotContain("access_token\"");
    }

    @Test
    void the_rfc_7636_example_verifier_hashes_to_its_published_challenge() {
        // RFC 7636, appendix B.
        assertThat(Pkce.s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertThat(Pkce.matches("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isTrue();
        assertThat(Pkce.matches("short", Pkce.s256("short"))).as("verifiers are 43 to 128 characters").isFalse();
    }

    @Test
    void the_right_verifier_exchanges_the_code_for_the_consenting_users_token() throws Exception {
        String verifier = newVerifier();
        SandboxHttp.Answer page = dialog.open(withChallenge(challengeOf(verifier), "S256"));
        assertThat(page.status()).isEqualTo(200);
        LoginDialogDriver.Form form = LoginDialogDriver.parseForm(page.body());
        assertThat(form.hidden()).containsEntry("code_challenge", challengeOf(verifier))
                .containsEntry("code_challenge_method", "S256");
        String code = LoginDialogDriver.redirectQuery(dialog.submit(form, "continue", name -> true)).get("code");

        SandboxHttp.Answer token = dialog.exchange(code, REDIRECT_URI, APP_SECRET, verifier);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String accessToken = token.json().get("access_token").asString();
        assertThat(sandbox.get(APP_ID + "|" + APP_SECRET, "debug_token", Map.of("input_token", accessToken))
                .json().get("data").get("user_id").asString()).isEqualTo(dev.adsbridge.sandbox.seed.Seeder.DEMO_USER);

        // Code reuse is refused as before, even with the right verifier.
        SandboxHttp.Answer again = dialog.exchange(code, REDIRECT_URI, APP_SECRET, verifier);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.error().get("error_subcode").asInt()).isEqualTo(36009);
    }

    @Test
    void a_missing_verifier_is_refused_and_burns_the_code() throws Exception {
        String verifier = newVerifier();
        String code = dialog.authorize(withChallenge(challengeOf(verifier), "S256"));
        assertOAuthError(dialog.exchange(code, REDIRECT_URI, APP_SECRET), "Missing code_verifier parameter.");
        SandboxHttp.Answer later = dialog.exchange(code, REDIRECT_URI, APP_SECRET, verifier);
        assertThat(later.status()).isEqualTo(400);
        assertThat(later.error().get("error_subcode").asInt()).as("the code is spent").isEqualTo(36009);
    }

    @Test
    void another_flows_verifier_is_refused() throws Exception {
        String mine = newVerifier();
        String theirs = newVerifier();
        String code = dialog.authorize(withChallenge(challengeOf(mine), "S256"));
        assertOAuthError(dialog.exchange(code, REDIRECT_URI, APP_SECRET, theirs),
                "Error validating verification code. Please make sure your code_verifier matches the code_challenge "
                        + "you used in the OAuth dialog request");
        // The challenge itself is not the verifier either.
        String other = dialog.authorize(withChallenge(challengeOf(mine), "S256"));
        assertThat(dialog.exchange(other, REDIRECT_URI, APP_SECRET, challengeOf(mine)).status()).isEqualTo(400);
    }

    @Test
    void a_verifier_for_a_code_issued_without_a_challenge_is_refused() {
        String code = dialog.authorize(withChallenge(null, null));
        assertOAuthError(dialog.exchange(code, REDIRECT_URI, APP_SECRET, newVerifier()),
                "Error validating verification code. A code_verifier was sent, but the OAuth dialog request had no "
                        + "code_challenge");
        // Without PKCE on either side the exchange still works as Meta's classic flow.
        String classic = dialog.authorize(withChallenge(null, null));
        assertThat(dialog.exchange(classic, REDIRECT_URI, APP_SECRET).status()).isEqualTo(200);
    }

    @Test
    void the_dialog_refuses_plain_and_malformed_challenges() throws Exception {
        String challenge = challengeOf(newVerifier());
        SandboxHttp.Answer plain = dialog.open(withChallenge(challenge, "plain"));
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).contains("Unsupported code_challenge_method").doesNotContain("<form");
        SandboxHttp.Answer noMethod = dialog.open(withChallenge(challenge, null));
        assertThat(noMethod.status()).isEqualTo(400);
        assertThat(noMethod.body()).contains("Unsupported code_challenge_method");
        SandboxHttp.Answer malformed = dialog.open(withChallenge("too-short", "S256"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("Invalid code_challenge");
        SandboxHttp.Answer methodOnly = dialog.open(withChallenge(null, "S256"));
        assertThat(methodOnly.status()).isEqualTo(400);
    }

    @Test
    void a_submitted_form_cannot_swap_the_challenge() throws Exception {
        String verifier = newVerifier();
        LoginDialogDriver.Form form = LoginDialogDriver.parseForm(
                dialog.open(withChallenge(challengeOf(verifier), "S256")).body());
        Map<String, String> fields = new java.util.LinkedHashMap<>(form.hidden());
        fields.put("code_challenge", challengeOf(newVerifier()));
        fields.put("action", "continue");
        SandboxHttp.Answer swapped = dialog.post(form.action(), fields);
        assertThat(swapped.status()).isEqualTo(400);
        assertThat(swapped.body()).contains("This login form has expired or was changed");
        fields.remove("code_challenge");
        fields.remove("code_challenge_method");
        assertThat(dialog.post(form.action(), fields).status()).as("dropping PKCE is a change too").isEqualTo(400);
    }

    @Test
    void switching_users_keeps_the_challenge() throws Exception {
        String verifier = newVerifier();
        String page = dialog.open(withChallenge(challengeOf(verifier), "S256")).body();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"([^\"]*sandbox_user=[^\"]*)\"")
                .matcher(page);
        assertThat(link.find()).isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href).contains("code_challenge=" + challengeOf(verifier)).contains("code_challenge_method=S256");
    }
}
