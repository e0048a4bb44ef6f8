package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.GraphApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** appsecret_proof with the app's "Require App Secret" switch on. */
class AppsecretProofTest {

    private static SandboxHttp sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start(SandboxConfig.defaults().withRequireAppsecretProof(true));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void the_proof_is_hex_hmac_sha256_of_the_token_keyed_by_the_app_secret() {
        assertThat(GraphApi.appsecretProof("appsecret", "token"))
                .isEqualTo("3beefbd785800f442c4b86c52b7711fb28156279a8e8db5e4f34436a3207fd19");
    }

    @Test
    void a_valid_proof_passes() {
        String token = sandbox.token();
        String proof = GraphApi.appsecretProof(SandboxConfig.DEFAULT_APP_SECRET, token);
        SandboxHttp.Answer answer = sandbox.get(token, "me", Map.of("appsecret_proof", proof));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("name").asString()).isEqualTo("Dana Whitfield");
    }

    @Test
    void a_wrong_proof_is_refused() {
        String token = sandbox.token();
        String proofOfAnotherToken = GraphApi.appsecretProof(SandboxConfig.DEFAULT_APP_SECRET, sandbox.token());
        SandboxHttp.Answer answer = sandbox.get(token, "me", Map.of("appsecret_proof", proofOfAnotherToken));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(answer.error().get("type").asString()).isEqualTo("GraphMethodException");
        assertThat(answer.error().get("message").asString())
                .isEqualTo("Invalid appsecret_proof provided in the API argument");
    }

    @Test
    void an_app_token_needs_no_proof_even_when_required() {
        // An app token is made of (or issued for) the app secret: "Require App Secret" asks proofs of user tokens,
        // and debug_token with the app token works without one (Facebook Login, "Securing requests").
        String user = sandbox.token();
        String appToken = SandboxConfig.DEFAULT_APP_ID + "|" + SandboxConfig.DEFAULT_APP_SECRET;
        SandboxHttp.Answer answer = sandbox.get(appToken, "debug_token", Map.of("input_token", user));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("data").path("is_valid").asBoolean()).isTrue();
    }

    @Test
    void a_missing_proof_is_refused_with_metas_message_when_required() {
        SandboxHttp.Answer answer = sandbox.get(sandbox.token(), "me");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().get("code").asInt()).isEqualTo(100);
        assertThat(answer.error().get("type").asString()).isEqualTo("GraphMethodException");
        assertThat(answer.error().get("message").asString())
                .isEqualTo("API calls from the server require an appsecret_proof argument");
    }

    @Test
    void batch_items_inherit_the_outer_proof() {
        String token = sandbox.token();
        String proof = GraphApi.appsecretProof(SandboxConfig.DEFAULT_APP_SECRET, token);
        SandboxHttp.Answer answer = sandbox.post(token, "", Map.of("appsecret_proof", proof,
                "batch", "[{\"method\":\"GET\",\"relative_url\":\"me?fields=name\"}]"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get(0).get("code").asInt()).isEqualTo(200);
    }
}
