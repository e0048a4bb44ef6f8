package dev.adsbridge.sandbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.sandbox.SandboxHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /_sandbox/system-users}: a business system user and its token, answered by the Graph API the way Meta
 * answers for one (debug_token type SYSTEM_USER and expires_at 0, /me the system user, only the assigned accounts).
 */
class SystemUsersTest {

    private static SandboxHttp sandbox;
    private static String appToken;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        appToken = sandbox.server().config().appId() + "|" + sandbox.server().config().appSecret();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_system_user_token_never_expires_and_reaches_only_its_assigned_accounts() {
        SandboxHttp.Answer created = sandbox.control("POST", "/_sandbox/system-users", Map.of("name",
                "Agency Bot", "ad_accounts", List.of("act_1000000002")));
        assertThat(created.status()).isEqualTo(200);
        String token = created.json().path("access_token").asString();
        String id = created.json().path("id").asString();
        assertThat(token).startsWith("EAA");
        assertThat(created.json().path("expires_in").asLong()).isZero();

        JsonNode data = sandbox.get(appToken, "debug_token", Map.of("input_token", token)).json().path("data");
        assertThat(data.path("type").asString()).isEqualTo("SYSTEM_USER");
        assertThat(data.path("is_valid").asBoolean()).isTrue();
        assertThat(data.path("expires_at").asLong()).isZero();
        assertThat(data.path("data_access_expires_at").asLong()).isZero();
        assertThat(data.path("user_id").asString()).isEqualTo(id);
        assertThat(data.path("app_id").asString()).isEqualTo(sandbox.server().config().appId());
        List<String> scopes = new ArrayList<>();
        data.path("scopes").forEach(s -> scopes.add(s.asString()));
        assertThat(scopes).containsExactlyInAnyOrder("ads_read", "ads_management", "business_management");

        assertThat(sandbox.get(token, "me").json().path("name").asString()).isEqualTo("Agency Bot");
        List<String> accounts = new ArrayList<>();
        sandbox.get(token, "me/adaccounts").json().path("data").forEach(a -> accounts.add(a.path("id").asString()));
        assertThat(accounts).containsExactly("act_1000000002");
        assertThat(sandbox.get(token, "act_1000000001/campaigns").status()).isEqualTo(400);
    }

    @Test
    void a_sixty_day_token_and_narrower_scopes_on_request() {
        SandboxHttp.Answer created = sandbox.control("POST", "/_sandbox/system-users", Map.of(
                "scopes", List.of("ads_read"), "expires_in_60_days", true));
        assertThat(created.status()).isEqualTo(200);
        JsonNode data = sandbox.get(appToken, "debug_token", Map.of("input_token",
                created.json().path("access_token").asString())).json().path("data");
        assertThat(data.path("expires_at").asLong()).isGreaterThan(data.path("issued_at").asLong() + 59L * 86400);
        assertThat(data.path("scopes").toString()).isEqualTo("[\"ads_read\"]");
    }

    @Test
    void bad_requests_are_400_with_a_message() {
        assertThat(sandbox.control("POST", "/_sandbox/system-users", Map.of("ad_accounts", List.of("act_9")))
                .error().path("message").asString()).contains("unknown ad account act_9");
        assertThat(sandbox.control("POST", "/_sandbox/system-users", Map.of("ad_accounts", List.of()))
                .status()).isEqualTo(400);
        assertThat(sandbox.control("POST", "/_sandbox/system-users", Map.of("expires_in_60_days", "yes"))
                .status()).isEqualTo(400);
    }
}
