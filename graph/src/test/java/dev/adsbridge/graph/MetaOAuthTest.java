package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.graph.ScriptedGraphServer.Received;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** URLs and request shapes of the OAuth helpers, against a scripted server (the sandbox tests cover real answers). */
class MetaOAuthTest {

    private static final String APP_ID = "880000000000001";
    private static final String SECRET = "app-secret-abcdef";
    private static final String REDIRECT = "https://console.example/connect/callback";

    private ScriptedGraphServer server;
    private MetaOAuth oauth;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedGraphServer();
        oauth = new MetaOAuth(GraphClient.create(GraphConfig.builder()
                .graphUrl(server.baseUrl())
                .loginUrl("https://www.facebook.com/")
                .appId(APP_ID)
                .appSecret(SECRET)
                .build()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dialog_url_asks_for_a_code_with_the_requested_scopes() {
        URI url = oauth.dialogUrl(REDIRECT, "st4te", List.of("ads_read", "ads_management", "business_management"));

        assertThat(url.toString()).startsWith("https://www.facebook.com/v25.0/dialog/oauth?");
        assertThat(url.getRawQuery()).contains("scope=ads_read,ads_management,business_management");
        assertThat(QueryStrings.parse(url.getRawQuery()))
                .containsEntry("client_id", APP_ID)
                .containsEntry("redirect_uri", REDIRECT)
                .containsEntry("state", "st4te")
                .containsEntry("response_type", "code")
                .doesNotContainKey("client_secret");
    }

    @Test
    void business_login_dialog_names_a_configuration_instead_of_scopes() {
        URI url = oauth.businessLoginDialogUrl(REDIRECT, "st4te", "cfg-42");

        assertThat(QueryStrings.parse(url.getRawQuery()))
                .containsEntry("config_id", "cfg-42")
                .containsEntry("response_type", "code")
                .doesNotContainKey("scope");
    }

    @Test
    void dialog_url_requires_state_and_an_absolute_redirect() {
        assertThatThrownBy(() -> oauth.dialogUrl(REDIRECT, "", List.of("ads_read")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> oauth.dialogUrl("/relative", "s", List.of("ads_read")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> oauth.dialogUrl(REDIRECT, "s", List.of("ads_read,ads_management")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needs_app_credentials() {
        GraphClient anonymous = GraphClient.create(GraphConfig.defaults());

        assertThatThrownBy(() -> new MetaOAuth(anonymous))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appId and appSecret");
    }

    @Test
    void code_exchange_sends_metas_required_query_without_authorization() {
        server.thenJson(200, "{\"access_token\":\"EAAB-new-token-xyz\",\"token_type\":\"bearer\",\"expires_in\":5183976}");

        TokenGrant grant = oauth.exchangeCode("the-one-time-code", REDIRECT);

        assertThat(grant.accessToken()).isEqualTo("EAAB-new-token-xyz");
        assertThat(grant.tokenType()).isEqualTo("bearer");
        assertThat(grant.expiresIn()).isEqualTo(Duration.ofSeconds(5183976));
        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v25.0/oauth/access_token");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.queryParams())
                .containsEntry("client_id", APP_ID)
                .containsEntry("redirect_uri", REDIRECT)
                .containsEntry("client_secret", SECRET)
                .containsEntry("code", "the-one-time-code");
    }

    @Test
    void a_failed_code_exchange_is_not_retried_and_masks_the_code_and_secret() {
        server.thenJson(400, "{\"error\":{\"message\":\"This authorization code has been used: the-one-time-code ("
                + SECRET + ")\",\"type\":\"OAuthException\",\"code\":100,\"error_subcode\":36009}}");

        assertThatThrownBy(() -> oauth.exchangeCode("the-one-time-code", REDIRECT))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST);
                    assertThat(e.error().subcode()).isEqualTo(36009);
                    assertThat(e.getMessage()).doesNotContain("the-one-time-code", SECRET);
                });
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void pkce_sends_the_s256_challenge_to_the_dialog_and_the_verifier_to_the_exchange() {
        String verifier = Pkce.newVerifier();
        assertThat(verifier).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Pkce.newVerifier()).isNotEqualTo(verifier);
        // RFC 7636, appendix B.
        assertThat(Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        URI url = oauth.dialogUrl(REDIRECT, "st4te", List.of("ads_read"), Pkce.challenge(verifier));
        assertThat(QueryStrings.parse(url.getRawQuery()))
                .containsEntry("code_challenge", Pkce.challenge(verifier))
                .containsEntry("code_challenge_method", "S256")
                .doesNotContainValue(verifier);
        assertThat(QueryStrings.parse(oauth.businessLoginDialogUrl(REDIRECT, "st4te", "cfg-42",
                Pkce.challenge(verifier)).getRawQuery())).containsEntry("code_challenge_method", "S256");
        assertThat(QueryStrings.parse(oauth.dialogUrl(REDIRECT, "st4te", List.of("ads_read")).getRawQuery()))
                .doesNotContainKeys("code_challenge", "code_challenge_method");
        assertThatThrownBy(() -> oauth.dialogUrl(REDIRECT, "s", List.of("ads_read"), verifier + "x"))
                .as("a challenge is 43 characters").isInstanceOf(IllegalArgumentException.class);

        server.thenJson(200, "{\"access_token\":\"EAAB-pkce\",\"token_type\":\"bearer\"}");
        assertThat(oauth.exchangeCode("the-one-time-code", REDIRECT, verifier).accessToken()).isEqualTo("EAAB-pkce");
        assertThat(server.received().get(0).queryParams()).containsEntry("code_verifier", verifier)
                .containsEntry("code", "the-one-time-code");
        assertThatThrownBy(() -> oauth.exchangeCode("c", REDIRECT, "too short"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_refused_verifier_is_masked_in_the_error() {
        String verifier = Pkce.newVerifier();
        server.thenJson(400, "{\"error\":{\"message\":\"Error validating verification code: " + verifier
                + "\",\"type\":\"OAuthException\",\"code\":100}}");
        assertThatThrownBy(() -> oauth.exchangeCode("the-one-time-code", REDIRECT, verifier))
                .isInstanceOfSatisfying(GraphException.class,
                        e -> assertThat(e.getMessage()).doesNotContain(verifier, "the-one-time-code", SECRET));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void long_lived_exchange_uses_fb_exchange_token() {
        server.thenJson(200, "{\"access_token\":\"EAAB-long-lived\",\"token_type\":\"bearer\",\"expires_in\":5184000}");

        TokenGrant grant = oauth.exchangeForLongLived("EAAB-short-lived");

        assertThat(grant.expiresIn()).isEqualTo(Duration.ofDays(60));
        assertThat(server.received().get(0).queryParams())
                .containsEntry("grant_type", "fb_exchange_token")
                .containsEntry("fb_exchange_token", "EAAB-short-lived")
                .containsEntry("client_secret", SECRET);
    }

    @Test
    void app_token_comes_from_client_credentials_or_from_id_and_secret() {
        server.thenJson(200, "{\"access_token\":\"" + APP_ID + "|server-made\",\"token_type\":\"bearer\"}");

        assertThat(oauth.appToken()).isEqualTo(APP_ID + "|server-made");
        assertThat(server.received().get(0).queryParams()).containsEntry("grant_type", "client_credentials");
        assertThat(oauth.appAccessToken()).isEqualTo(APP_ID + "|" + SECRET);
    }

    @Test
    void debug_token_authenticates_with_the_app_token_and_reads_every_field() {
        server.thenJson(200, """
                {"data":{"app_id":"880000000000001","type":"USER","application":"AdsBridge","data_access_expires_at":1790000000,
                "expires_at":1785000000,"is_valid":true,"issued_at":1780000000,"scopes":["ads_read","ads_management"],
                "granular_scopes":[{"scope":"ads_management","target_ids":["act_1"]},{"scope":"ads_read"}],"user_id":"10001"}}""");

        TokenDebugInfo info = oauth.debugToken("EAAB-user-token");

        Received request = server.received().get(0);
        assertThat(request.path()).isEqualTo("/v25.0/debug_token");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + APP_ID + "|" + SECRET);
        assertThat(request.queryParams()).containsEntry("input_token", "EAAB-user-token");
        assertThat(info.isValid()).isTrue();
        assertThat(info.appId()).isEqualTo(APP_ID);
        assertThat(info.type()).isEqualTo("USER");
        assertThat(info.application()).isEqualTo("AdsBridge");
        assertThat(info.expiresAt()).contains(Instant.ofEpochSecond(1785000000));
        assertThat(info.dataAccessExpiresAt()).contains(Instant.ofEpochSecond(1790000000));
        assertThat(info.issuedAt()).contains(Instant.ofEpochSecond(1780000000));
        assertThat(info.scopes()).containsExactly("ads_read", "ads_management");
        assertThat(info.granularScopes()).containsExactly(
                new TokenDebugInfo.GranularScope("ads_management", List.of("act_1")),
                new TokenDebugInfo.GranularScope("ads_read", List.of()));
        assertThat(info.userId()).isEqualTo("10001");
        assertThat(info.error()).isEmpty();
    }

    @Test
    void debug_token_of_an_invalid_token_reports_why_and_never_expiring_as_empty() {
        server.thenJson(200, """
                {"data":{"app_id":"880000000000001","is_valid":false,"expires_at":0,"scopes":[],
                "error":{"code":190,"subcode":463,"message":"Session has expired for EAAB-user-token"}}}""");

        TokenDebugInfo info = oauth.debugToken("EAAB-user-token");

        assertThat(info.isValid()).isFalse();
        assertThat(info.expiresAt()).isEmpty();
        assertThat(info.error()).contains(new TokenDebugInfo.Error(190, 463, "Session has expired for ***"));
    }

    @Test
    void permissions_are_listed_and_revoked_with_the_user_token() {
        server.thenJson(200, "{\"data\":[{\"permission\":\"ads_read\",\"status\":\"granted\"},"
                        + "{\"permission\":\"ads_management\",\"status\":\"declined\"}]}")
                .thenJson(200, "{\"success\":true}")
                .thenJson(200, "{\"success\":true}");

        List<Permission> permissions = oauth.permissions("EAAB-user-token");
        oauth.revokePermission("EAAB-user-token", "ads_read");
        oauth.revoke("EAAB-user-token");

        assertThat(permissions).containsExactly(new Permission("ads_read", "granted"),
                new Permission("ads_management", "declined"));
        assertThat(permissions.get(0).isGranted()).isTrue();
        assertThat(server.received()).extracting(Received::method, Received::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET", "/v25.0/me/permissions"),
                org.assertj.core.groups.Tuple.tuple("DELETE", "/v25.0/me/permissions/ads_read"),
                org.assertj.core.groups.Tuple.tuple("DELETE", "/v25.0/me/permissions"));
        assertThat(server.received().get(2).header("Authorization")).isEqualTo("Bearer EAAB-user-token");
    }

    @Test
    void token_grant_never_prints_its_token() {
        TokenGrant grant = new TokenGrant("EAAB-secret-token", "bearer", Duration.ofHours(2));

        assertThat(grant.toString()).doesNotContain("EAAB-secret-token").contains("***");
    }
}
