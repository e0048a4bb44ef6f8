package dev.adsbridge.console.identity;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A NUL byte (or another control character) and JSON of the wrong shape get a clear 4xx, never a 500, and change nothing. */
class BadInputTest {

    private static final String NUL = "\u0000";
    private final ConsoleHarness harness = ConsoleHarness.shared();

    @AfterEach
    void reset() {
        harness.db().sql("delete from sign_in_failures where subject like 'address:%'").update();
    }

    @Test
    void aNulByteInSignInOrSignUpIsRefusedWith400() {
        String email = ConsoleHarness.email("nul");
        Browser browser = harness.browser();
        Page signIn = browser.postOnce("/signin", Map.of("email", "nul" + NUL + "@example.test", "password", "x"));
        assertThat(signIn.status()).isEqualTo(400);
        assertThat(signIn.body()).contains("field email").contains("control character");
        Page password = browser.postOnce("/signin", Map.of("email", email, "password", "pass" + NUL + "word"));
        assertThat(password.status()).isEqualTo(400);
        assertThat(harness.db().sql("select count(*) from sign_in_failures where subject like ?")
                .param("account:nul%").query(Long.class).single()).isZero();

        for (String field : List.of("company", "name", "email", "password")) {
            Map<String, String> form = new java.util.HashMap<>(Map.of("company", "Nul Co", "name", "Nu",
                    "email", email, "password", PASSWORD));
            form.put(field, form.get(field).replaceFirst("^(.)", "$1" + NUL));
            Page refused = browser.postOnce("/signup", form);
            assertThat(refused.status()).as(field).isEqualTo(400);
            assertThat(refused.body()).as(field).contains("field " + field).contains("control character");
        }
        assertThat(harness.db().sql("select count(*) from members where email = ?").param(email)
                .query(Long.class).single()).isZero();
        // Line breaks and tabs are not control characters we refuse (a textarea sends them).
        assertThat(browser.postOnce("/signin", Map.of("email", email, "password", "a\tb\r\nc")).status())
                .isEqualTo(302);
    }

    @Test
    void aNulByteInAnInvitationOrAnApiKeyNameIsRefusedWith400() {
        ConsoleHarness.Signed owner = harness.owner("Nul Team Co");
        Page invite = owner.browser().postOnce("/team/invitations",
                Map.of("email", "in" + NUL + "vitee@example.test", "role", "ADMIN"));
        assertThat(invite.status()).isEqualTo(400);
        assertThat(invite.body()).contains("control character");
        assertThat(harness.db().sql("select count(*) from invitations where tenant_id = ?")
                .param(owner.tenant().value()).query(Long.class).single()).isZero();

        Page formKey = owner.browser().postOnce("/settings/api-keys", Map.of("name", "ci" + NUL, "scope", "read"));
        assertThat(formKey.status()).isEqualTo(400);
        Page jsonKey = owner.browser().api("POST", "/api/v1/api-keys", "{\"name\":\"ci\\u0000\",\"scope\":\"read\"}");
        assertThat(jsonKey.status()).isEqualTo(400);
        assertThat(error(jsonKey).path("code").asString()).isEqualTo("validation_failed");
        assertThat(error(jsonKey).path("message").asString()).contains("control character");
        Page queryKey = owner.browser().api("POST", "/api/v1/api-keys?x=%00", "{\"name\":\"ci\",\"scope\":\"read\"}");
        assertThat(queryKey.status()).isEqualTo(400);
        assertThat(error(queryKey).path("code").asString()).isEqualTo("validation_failed");
        assertThat(apiKeys(owner)).isZero();
    }

    @Test
    void jsonOfTheWrongShapeForAnApiKeyIsA400() {
        ConsoleHarness.Signed owner = harness.owner("Shape Co");
        for (String body : List.of("{\"name\":[\"ci\"],\"scope\":\"read\"}", "{\"name\":\"ci\",\"scope\":[\"read\"]}",
                "{\"name\":{\"a\":1},\"scope\":\"read\"}", "[\"ci\"]", "{\"name\":\"ci\",\"scope\":\"root\"}",
                "{\"name\":\"ci\"}", "{\"name\":null,\"scope\":\"read\"}", "not json")) {
            Page answer = owner.browser().api("POST", "/api/v1/api-keys", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(error(answer).path("code").asString()).as(body).isEqualTo("validation_failed");
        }
        assertThat(owner.browser().api("DELETE", "/api/v1/api-keys/%5B%22x%22%5D", null).status()).isEqualTo(400);
        assertThat(apiKeys(owner)).isZero();
    }

    @Test
    void aNulByteInAuditFiltersIsRefusedWith400() {
        ConsoleHarness.Signed owner = harness.owner("Nul Audit Co");
        for (String query : List.of("actor=a%00b", "action=%00", "target=x%00", "outcome=%00", "from=%00",
                "after=%00", "a%00b=1")) {
            Page api = owner.browser().get("/api/v1/audit?" + query);
            assertThat(api.status()).as(query).isEqualTo(400);
            assertThat(error(api).path("code").asString()).as(query).isEqualTo("validation_failed");
            assertThat(owner.browser().get("/api/v1/audit.csv?" + query).status()).as(query).isEqualTo(400);
            Page page = owner.browser().get("/audit?" + query);
            assertThat(page.status()).as(query).isEqualTo(400);
            assertThat(page.body()).as(query).contains("control character");
        }
    }

    private long apiKeys(ConsoleHarness.Signed owner) {
        return harness.db().sql("select count(*) from api_keys where tenant_id = ?").param(owner.tenant().value())
                .query(Long.class).single();
    }

    private static JsonNode error(Page page) {
        return JsonMapper.builder().build().readTree(page.body()).path("error");
    }
}
