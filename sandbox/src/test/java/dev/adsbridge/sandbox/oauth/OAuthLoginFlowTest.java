package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.APP_ID;
import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.APP_SECRET;
import static dev.adsbridge.sandbox.oauth.LoginDialogDriver.REDIRECT_URI;
import static org.assertj.core.api.Assertions.assertThat;

/** The authorization-code flow end to end, driven over HTTP as a web app and a browser would. */
class OAuthLoginFlowTest {

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

    @Test
    void a_web_app_connects_reads_and_disconnects_through_the_whole_flow() {
        // The dialog shows the app, the permissions in words and whom the user continues as.
        SandboxHttp.Answer page = dialog.open(LoginDialogDriver.standardParams(
                "ads_read,ads_management,business_management", "st-123"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("AdsBridge (sandbox) is requesting access to:")
                .contains("Create, edit and manage ads in your ad accounts")
                .contains("Continue as Dana").contains("Cancel").contains("Log in as Marco Rossi");
        LoginDialogDriver.Form form = LoginDialogDriver.parseForm(page.body());
        assertThat(form.method()).isEqualToIgnoringCase("post");
        assertThat(form.action()).isEqualTo("/v25.0/dialog/oauth");
        assertThat(form.hidden()).containsEntry("client_id", APP_ID).containsEntry("redirect_uri", REDIRECT_URI)
                .containsEntry("state", "st-123").containsKey("nonce");
        assertThat(form.checkboxes()).containsExactly("perm_ads_read", "perm_ads_management",
                "perm_business_management");

        // Continue → back to the app with a code and the state.
        SandboxHttp.Answer redirect = dialog.submit(form, "continue", name -> true);
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).startsWith(REDIRECT_URI + "?code=").endsWith("#_=_");
        Map<String, String> query = LoginDialogDriver.redirectQuery(redirect);
        assertThat(query).containsEntry("state", "st-123").doesNotContainKey("error");
        String code = query.get("code");

        // Code → short-lived token.
        SandboxHttp.Answer exchanged = dialog.exchange(code, REDIRECT_URI, APP_SECRET);
        assertThat(exchanged.status()).isEqualTo(200);
        assertThat(exchanged.json().get("token_type").asString()).isEqualTo("bearer");
        assertThat(exchanged.json().get("expires_in").asLong()).isEqualTo(2 * 3600L);
        String shortToken = exchanged.json().get("access_token").asString();
        assertThat(shortToken).startsWith("EAA");

        // Short → long-lived token (~60 days).
        SandboxHttp.Answer longLived = sandbox.get(null, "oauth/access_token", Map.of(
                "grant_type", "fb_exchange_token", "client_id", APP_ID, "client_secret", APP_SECRET,
                "fb_exchange_token", shortToken));
        assertThat(longLived.status()).isEqualTo(200);
        assertThat(longLived.json().get("expires_in").asLong()).isEqualTo(60L * 24 * 3600);
        String longToken = longLived.json().get("access_token").asString();
        assertThat(longToken).isNotEqualTo(shortToken);

        // debug_token with the app token: user, scopes, granular targets, expiry.
        SandboxHttp.Answer debug = sandbox.get(APP_ID + "|" + APP_SECRET, "debug_token",
                Map.of("input_token", longToken));
        assertThat(debug.status()).isEqualTo(200);
        JsonNode data = debug.json().get("data");
        assertThat(data.get("is_valid").asBoolean()).isTrue();
        assertThat(data.get("type").asString()).isEqualTo("USER");
        assertThat(data.get("app_id").asString()).isEqualTo(APP_ID);
        assertThat(data.get("application").asString()).isEqualTo("AdsBridge (sandbox)");
        assertThat(data.get("user_id").asString()).isEqualTo("100000000000001");
        assertThat(strings(data.get("scopes"))).containsExactlyInAnyOrder("ads_read", "ads_management",
                "business_management", "public_profile");
        long issuedAt = data.get("issued_at").asLong();
        assertThat(data.get("expires_at").asLong()).isEqualTo(issuedAt + 60L * 24 * 3600);
        assertThat(data.get("data_access_expires_at").asLong()).isGreaterThan(issuedAt);
        JsonNode adsManagement = granular(data, "ads_management");
        assertThat(strings(adsManagement.get("target_ids"))).containsExactly("1000000001", "1000000002",
                "1000000003", "1000000004", "1000000005");

        // The token works on the Graph API.
        SandboxHttp.Answer me = sandbox.get(longToken, "me", Map.of("fields", "id,name"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("name").asString()).isEqualTo("Dana Whitfield");
        SandboxHttp.Answer permissions = sandbox.get(longToken, "me/permissions");
        assertThat(permissions.json().get("data").toString())
                .contains("{\"permission\":\"ads_management\",\"status\":\"granted\"}");

        // The user removes the app: every token of theirs for the app stops working with 190/458.
        SandboxHttp.Answer removed = sandbox.delete(longToken, "me/permissions", Map.of());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("success").asBoolean()).isTrue();
        for (String token : List.of(longToken, shortToken)) {
            SandboxHttp.Answer after = sandbox.get(token, "me");
            assertThat(after.status()).isEqualTo(400);
            assertThat(after.error().get("code").asInt()).isEqualTo(190);
            assertThat(after.error().get("error_subcode").asInt()).isEqualTo(458);
        }
        JsonNode revoked = sandbox.get(APP_ID + "|" + APP_SECRET, "debug_token", Map.of("input_token", longToken))
                .json().get("data");
        assertThat(revoked.get("is_valid").asBoolean()).isFalse();
        assertThat(revoked.get("error").get("code").asInt()).isEqualTo(190);
        assertThat(revoked.get("error").get("subcode").asInt()).isEqualTo(458);
    }

    @Test
    void the_unversioned_dialog_path_works_too() {
        SandboxHttp.Answer page = sandbox.getUrl(null, sandbox.baseUrl() + "/dialog/oauth"
                + SandboxHttp.query(LoginDialogDriver.standardParams("ads_read", "s")));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Continue as Dana");
    }

    @Test
    void client_credentials_gives_the_app_token_that_debug_token_accepts() {
        SandboxHttp.Answer app = sandbox.post(null, "oauth/access_token", Map.of("grant_type", "client_credentials",
                "client_id", APP_ID, "client_secret", APP_SECRET));
        assertThat(app.status()).isEqualTo(200);
        String appToken = app.json().get("access_token").asString();
        assertThat(appToken).isEqualTo(APP_ID + "|" + APP_SECRET);
        assertThat(app.json().get("token_type").asString()).isEqualTo("bearer");

        String userToken = sandbox.token();
        JsonNode data = sandbox.get(appToken, "debug_token", Map.of("input_token", userToken)).json().get("data");
        assertThat(data.get("is_valid").asBoolean()).isTrue();
        assertThat(strings(granular(data, "pages_show_list").get("target_ids")))
                .containsExactly("200000000000001", "200000000000002");
        assertThat(granular(data, "email").has("target_ids")).isFalse();
    }

    @Test
    void a_user_token_may_debug_itself_but_not_another_token() {
        String token = sandbox.token();
        SandboxHttp.Answer self = sandbox.get(token, "debug_token", Map.of("input_token", token));
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.json().get("data").get("is_valid").asBoolean()).isTrue();

        SandboxHttp.Answer other = sandbox.get(token, "debug_token", Map.of("input_token", sandbox.token()));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.error().get("code").asInt()).isEqualTo(100);
    }

    @Test
    void login_for_business_config_id_grants_every_ads_scope() {
        Map<String, String> params = LoginDialogDriver.standardParams("", "cfg");
        params.remove("scope");
        params.put("config_id", "998877665544");
        SandboxHttp.Answer page = dialog.open(params);
        assertThat(page.status()).isEqualTo(200);
        assertThat(LoginDialogDriver.parseForm(page.body()).checkboxes()).containsExactly("perm_ads_read",
                "perm_ads_management", "perm_business_management", "perm_pages_show_list",
                "perm_pages_read_engagement");
        String code = dialog.authorize(params);
        String token = dialog.exchange(code, REDIRECT_URI, APP_SECRET).json().get("access_token").asString();
        JsonNode data = sandbox.get(APP_ID + "|" + APP_SECRET, "debug_token", Map.of("input_token", token))
                .json().get("data");
        assertThat(strings(data.get("scopes"))).contains("ads_management", "business_management", "pages_show_list");
    }

    @Test
    void the_user_switcher_logs_in_as_another_seeded_user() {
        Map<String, String> params = LoginDialogDriver.standardParams("ads_read", "u2");
        params.put("sandbox_user", "100000000000002");
        SandboxHttp.Answer page = dialog.open(params);
        assertThat(page.body()).contains("Continue as Marco").contains("Log in as Dana Whitfield");
        String code = dialog.authorize(params);
        String token = dialog.exchange(code, REDIRECT_URI, APP_SECRET).json().get("access_token").asString();
        assertThat(sandbox.get(token, "me").json().get("name").asString()).isEqualTo("Marco Rossi");
    }

    @Test
    void cancel_redirects_back_with_access_denied_and_the_state() {
        SandboxHttp.Answer page = dialog.open(LoginDialogDriver.standardParams("ads_read", "cancel-state"));
        SandboxHttp.Answer redirect = dialog.submit(LoginDialogDriver.parseForm(page.body()), "cancel", n -> true);
        assertThat(redirect.header("Location")).startsWith(REDIRECT_URI + "?error=access_denied&error_code=200"
                + "&error_description=Permissions+error&error_reason=user_denied&state=cancel-state");
        assertThat(LoginDialogDriver.redirectQuery(redirect)).doesNotContainKey("code");
    }

    @Test
    void a_declined_permission_is_missing_from_the_token_and_shown_as_declined() {
        SandboxHttp.Answer page = dialog.open(LoginDialogDriver.standardParams("ads_read,ads_management,email",
                "decline"));
        SandboxHttp.Answer redirect = dialog.submit(LoginDialogDriver.parseForm(page.body()), "continue",
                name -> name.equals("perm_email"));
        String code = LoginDialogDriver.redirectQuery(redirect).get("code");
        String token = dialog.exchange(code, REDIRECT_URI, APP_SECRET).json().get("access_token").asString();

        JsonNode permissions = sandbox.get(token, "me/permissions").json().get("data");
        assertThat(permissions.toString()).contains("{\"permission\":\"email\",\"status\":\"granted\"}")
                .contains("{\"permission\":\"ads_read\",\"status\":\"declined\"}")
                .contains("{\"permission\":\"ads_management\",\"status\":\"declined\"}");
        JsonNode scopes = sandbox.get(APP_ID + "|" + APP_SECRET, "debug_token", Map.of("input_token", token))
                .json().get("data").get("scopes");
        assertThat(strings(scopes)).containsExactlyInAnyOrder("email", "public_profile");

        SandboxHttp.Answer account = sandbox.get(token, "act_1000000001");
        assertThat(account.status()).isEqualTo(403);
        assertThat(account.error().get("code").asInt()).isEqualTo(200);
        assertThat(account.error().get("message").asString()).contains("ads_read");

        // Facebook Login, "Re-asking for declined permissions": the dialog does not ask again for a declined
        // permission unless the app sends auth_type=rerequest.
        SandboxHttp.Answer again = dialog.open(LoginDialogDriver.standardParams("ads_read,ads_management", "again"));
        assertThat(LoginDialogDriver.parseForm(again.body()).checkboxes()).doesNotContain("perm_ads_read",
                "perm_ads_management");
        String stillDeclined = LoginDialogDriver.redirectQuery(dialog.submit(LoginDialogDriver.parseForm(
                again.body()), "continue", name -> true)).get("code");
        String withoutAds = dialog.exchange(stillDeclined, REDIRECT_URI, APP_SECRET).json().get("access_token")
                .asString();
        assertThat(sandbox.get(withoutAds, "act_1000000001").status()).isEqualTo(403);

        Map<String, String> rerequest = LoginDialogDriver.standardParams("ads_read,ads_management", "rerequest");
        rerequest.put("auth_type", "rerequest");
        SandboxHttp.Answer asked = dialog.open(rerequest);
        assertThat(LoginDialogDriver.parseForm(asked.body()).checkboxes()).contains("perm_ads_read",
                "perm_ads_management");
        String granted = LoginDialogDriver.redirectQuery(dialog.submit(LoginDialogDriver.parseForm(asked.body()),
                "continue", name -> true)).get("code");
        String withAds = dialog.exchange(granted, REDIRECT_URI, APP_SECRET).json().get("access_token").asString();
        assertThat(sandbox.get(withAds, "act_1000000001").status()).isEqualTo(200);
    }

    @Test
    void email_is_readable_only_with_the_email_permission() {
        // Graph API User reference: email needs the email permission; without it the field is left out.
        String noEmail = sandbox.token("100000000000001", List.of("ads_read", "public_profile"));
        JsonNode me = sandbox.get(noEmail, "me", Map.of("fields", "id,name,email")).json();
        assertThat(me.has("name")).isTrue();
        assertThat(me.has("email")).isFalse();
        String withEmail = sandbox.token("100000000000001", List.of("ads_read", "public_profile", "email"));
        assertThat(sandbox.get(withEmail, "me", Map.of("fields", "email")).json().path("email").asString())
                .isEqualTo("dana@example.com");
    }

    @Test
    void an_unknown_app_id_shows_an_error_page_and_never_redirects() {
        Map<String, String> params = LoginDialogDriver.standardParams("ads_read", "x");
        params.put("client_id", "123456789");
        SandboxHttp.Answer page = dialog.open(params);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Location")).isNull();
        assertThat(page.body()).contains("Invalid App ID");
    }

    @Test
    void a_redirect_uri_that_is_not_registered_exactly_is_blocked_without_a_redirect() {
        for (String uri : List.of("http://localhost:8080/connect/callback/", "http://evil.example/callback",
                "http://localhost:8080/connect/callback?x=1")) {
            Map<String, String> params = LoginDialogDriver.standardParams("ads_read", "x");
            params.put("redirect_uri", uri);
            SandboxHttp.Answer page = dialog.open(params);
            assertThat(page.status()).as(uri).isEqualTo(400);
            assertThat(page.header("Location")).as(uri).isNull();
            assertThat(page.body()).as(uri).contains("URL Blocked");
        }
    }

    @Test
    void unknown_scopes_are_refused() {
        SandboxHttp.Answer page = dialog.open(LoginDialogDriver.standardParams("ads_read,ads_everything", "x"));
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Invalid Scopes: ads_everything");
    }

    @Test
    void a_tampered_form_is_refused() {
        SandboxHttp.Answer page = dialog.open(LoginDialogDriver.standardParams("ads_read", "x"));
        LoginDialogDriver.Form form = LoginDialogDriver.parseForm(page.body());
        Map<String, String> fields = new java.util.LinkedHashMap<>(form.hidden());
        fields.put("scope", "public_profile,ads_read,ads_management");
        fields.put("perm_ads_management", "on");
        fields.put("action", "continue");
        SandboxHttp.Answer answer = dialog.post(form.action(), fields);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Location")).isNull();
        assertThat(answer.body()).contains("Sorry, something went wrong");
    }

    @Test
    void a_redirect_uri_registered_through_the_control_api_is_accepted() {
        String devCallback = "http://127.0.0.1:9999/connect/callback";
        Map<String, String> params = LoginDialogDriver.standardParams("ads_read", "dev");
        params.put("redirect_uri", devCallback);
        assertThat(dialog.open(params).status()).isEqualTo(400);

        SandboxHttp.Answer added = sandbox.control("POST", "/_sandbox/app/redirect-uris",
                Map.of("uris", List.of(devCallback)));
        assertThat(added.status()).isEqualTo(200);
        assertThat(strings(added.json().get("redirect_uris"))).contains(devCallback, REDIRECT_URI);

        String code = dialog.authorize(params);
        assertThat(dialog.exchange(code, devCallback, APP_SECRET).status()).isEqualTo(200);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    static JsonNode granular(JsonNode data, String scope) {
        for (JsonNode entry : data.get("granular_scopes")) {
            if (scope.equals(entry.get("scope").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no granular scope " + scope + " in " + data);
    }
}
