package dev.adsbridge.sandbox.control;

import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The control API under /_sandbox: what a test harness or dev mode can rely on. */
class ControlApiTest {

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
    void issuing_a_token_keeps_its_contract() {
        SandboxHttp.Answer answer = sandbox.control("POST", "/_sandbox/tokens", Map.of("user", "100000000000002",
                "scopes", List.of("ads_read"), "expires_in", 3600));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("access_token").asString()).startsWith("EAA");
        assertThat(answer.json().get("user_id").asString()).isEqualTo("100000000000002");
        assertThat(answer.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(answer.json().get("scopes").toString()).isEqualTo("[\"ads_read\"]");
        String token = answer.json().get("access_token").asString();
        assertThat(sandbox.get(token, "me").json().get("name").asString()).isEqualTo("Marco Rossi");
    }

    @Test
    void bad_token_requests_are_400_with_a_message() {
        assertBadRequest("POST", "/_sandbox/tokens", Map.of("user", "999"), "unknown user 999");
        assertBadRequest("POST", "/_sandbox/tokens", Map.of("scopes", "ads_read"), "scopes must be an array");
        assertBadRequest("POST", "/_sandbox/tokens", Map.of("expires_in", -5), "expires_in must be >= 0");
        assertBadRequest("POST", "/_sandbox/tokens/expire", Map.of(), "access_token is required");
        assertBadRequest("POST", "/_sandbox/tokens/expire", Map.of("access_token", "EAAnope"),
                "not a token this sandbox issued");
        assertBadRequest("POST", "/_sandbox/tokens/revoke", Map.of("access_token", sandbox.token(),
                "reason", "bored"), "reason must be password_changed or app_removed");
        SandboxHttp.Answer notJson = sandbox.send(null, "POST", sandbox.baseUrl() + "/_sandbox/tokens",
                "application/json", HttpRequest.BodyPublishers.ofString("{nope"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").get("message").asString()).isEqualTo("body is not valid JSON");
    }

    @Test
    void the_status_page_shows_the_sandbox_but_never_a_whole_token() {
        String token = sandbox.token();
        sandbox.control("POST", "/_sandbox/faults", Map.of("kind", "transient", "path", "nothing-matches-this",
                "count", -1));
        sandbox.get(token, "act_1000000001");

        SandboxHttp.Answer page = sandbox.control("GET", "/_sandbox", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("880000000000001").contains("http://localhost:8080/connect/callback")
                .contains("Dana Whitfield").contains("Whitfield Outdoor - US").contains("JPY").contains("DISABLED")
                .contains("Whitfield Coffee Roasters").contains("Priya Natarajan")
                .contains(token.substring(0, 6)).contains("nothing-matches-this").contains("act_1000000001")
                .contains("standard_access");
        assertThat(page.body()).doesNotContain(token).doesNotContain(token.substring(0, 20))
                .doesNotContain("sandbox-app-secret");
        sandbox.control("DELETE", "/_sandbox/faults", null);
    }

    @Test
    void the_state_is_also_json_with_masked_tokens() {
        String token = sandbox.token();
        SandboxHttp.Answer state = sandbox.control("GET", "/_sandbox/state", null);
        assertThat(state.status()).isEqualTo(200);
        assertThat(state.body()).doesNotContain(token).doesNotContain("sandbox-app-secret");
        JsonNode json = state.json();
        assertThat(json.get("app").get("app_id").asString()).isEqualTo("880000000000001");
        assertThat(json.get("users").get(0).get("ad_accounts").get(0).get("currency").asString()).isEqualTo("USD");
        assertThat(json.get("users").get(0).get("ad_accounts").get(3).get("account_status").asString())
                .isEqualTo("DISABLED");
        JsonNode ours = null;
        for (JsonNode shown : json.get("tokens").get("shown")) {
            if (shown.get("token").asString().startsWith(token.substring(0, 6))) {
                ours = shown;
            }
        }
        assertThat(ours).as("our token, masked").isNotNull();
        assertThat(ours.get("token").asString()).isEqualTo(token.substring(0, 6) + "…(" + token.length() + " chars)");
        assertThat(ours.get("state").asString()).isEqualTo("valid");
        assertThat(ours.get("user_id").asString()).isEqualTo("100000000000001");
        assertThat(json.get("rate_limits").get("ads_api_access_tier").asString()).isEqualTo("standard_access");
    }

    @Test
    void faults_can_be_armed_listed_and_cleared() {
        SandboxHttp.Answer armed = sandbox.control("POST", "/_sandbox/faults", Map.of("kind", "latency",
                "latency_ms", 10, "path", "campaigns", "method", "get", "count", 3));
        assertThat(armed.status()).isEqualTo(200);
        String id = armed.json().get("id").asString();
        assertThat(armed.json().get("method").asString()).isEqualTo("GET");
        assertThat(armed.json().get("remaining").asInt()).isEqualTo(3);
        String second = sandbox.control("POST", "/_sandbox/faults", Map.of("kind", "server_error"))
                .json().get("id").asString();

        JsonNode listed = sandbox.control("GET", "/_sandbox/faults", null).json().get("data");
        assertThat(listed.size()).isEqualTo(2);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(id);

        assertThat(sandbox.control("DELETE", "/_sandbox/faults/" + id, null).status()).isEqualTo(200);
        assertThat(sandbox.control("DELETE", "/_sandbox/faults/" + id, null).status()).isEqualTo(404);
        assertThat(sandbox.control("GET", "/_sandbox/faults", null).json().get("data").get(0).get("id").asString())
                .isEqualTo(second);
        assertThat(sandbox.control("DELETE", "/_sandbox/faults", null).status()).isEqualTo(200);
        assertThat(sandbox.control("GET", "/_sandbox/faults", null).json().get("data").size()).isZero();
    }

    @Test
    void bad_faults_are_400_with_a_message() {
        assertBadRequest("POST", "/_sandbox/faults", Map.of(), "kind is required");
        assertBadRequest("POST", "/_sandbox/faults", Map.of("kind", "meteor"), "unknown kind 'meteor'");
        assertBadRequest("POST", "/_sandbox/faults", Map.of("kind", "latency"), "latency_ms");
        assertBadRequest("POST", "/_sandbox/faults", Map.of("kind", "rate_limit", "code", 5), "4, 17, 613");
        assertBadRequest("POST", "/_sandbox/faults", Map.of("kind", "transient", "count", 0), "count must be");
        assertBadRequest("POST", "/_sandbox/faults", Map.of("kind", "transient", "method", "PATCH"), "method");
        assertBadRequest("POST", "/_sandbox/faults", Map.of("kind", "revoke_token", "subcode", 463), "458");
    }

    @Test
    void rate_limits_can_be_preset_and_reset() {
        SandboxHttp.Answer preset = sandbox.control("POST", "/_sandbox/rate-limits", Map.of(
                "account_id", "act_1000000002", "score", 4500, "ads_management_calls", 10));
        assertThat(preset.status()).isEqualTo(200);
        JsonNode account = preset.json().get("accounts").get("act_1000000002");
        assertThat(account.get("score").asDouble()).isBetween(4490.0, 4500.0);
        assertThat(account.get("ads_management").get("calls_this_hour").asLong()).isEqualTo(10);

        SandboxHttp.Answer read = sandbox.get(sandbox.token(), "act_1000000002");
        // 4500 of 9000 points, less what decayed since (30 points a second in the standard tier).
        double pct = Json.MAPPER.readTree(read.header("X-Ad-Account-Usage")).get("acc_id_util_pct").asDouble();
        assertThat(pct).isBetween(45.0, 50.02);

        assertThat(sandbox.control("DELETE", "/_sandbox/rate-limits", null).status()).isEqualTo(200);
        assertThat(sandbox.control("GET", "/_sandbox/rate-limits", null).json().get("accounts").size()).isZero();

        assertBadRequest("POST", "/_sandbox/rate-limits", Map.of("account_id", "act_42", "score", 1),
                "unknown ad account act_42");
        assertBadRequest("POST", "/_sandbox/rate-limits", Map.of("score", 1), "account_id");
        assertBadRequest("POST", "/_sandbox/rate-limits", Map.of("account_id", "act_1000000002", "score", -1),
                "score must be");
        assertBadRequest("POST", "/_sandbox/rate-limits", Map.of(), "nothing to set");
    }

    @Test
    void the_clock_moves_forward_only() {
        long before = sandbox.control("GET", "/_sandbox/clock", null).json().get("now_epoch_seconds").asLong();
        SandboxHttp.Answer moved = sandbox.control("POST", "/_sandbox/clock", Map.of("advance_seconds", 3600));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("now_epoch_seconds").asLong()).isBetween(before + 3600, before + 3660);
        assertThat(moved.json().get("offset_seconds").asLong()).isGreaterThanOrEqualTo(3600);
        assertBadRequest("POST", "/_sandbox/clock", Map.of("advance_seconds", -1), "only moves forward");
        assertBadRequest("POST", "/_sandbox/clock", Map.of(), "advance_seconds is required");
    }

    @Test
    void redirect_uris_must_be_absolute_http_urls() {
        assertBadRequest("POST", "/_sandbox/app/redirect-uris", Map.of("uris", List.of()), "non-empty array");
        assertBadRequest("POST", "/_sandbox/app/redirect-uris", Map.of("uris", List.of("/relative")), "absolute");
        assertBadRequest("POST", "/_sandbox/app/redirect-uris", Map.of("uris", List.of("ftp://x/cb")), "absolute");
        SandboxHttp.Answer listed = sandbox.control("GET", "/_sandbox/app/redirect-uris", null);
        assertThat(listed.json().get("redirect_uris").size()).isEqualTo(2);
    }

    @Test
    void an_unknown_route_is_404() {
        SandboxHttp.Answer answer = sandbox.control("GET", "/_sandbox/nothing-here", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").get("message").asString()).contains("CONTROL_API.md");
    }

    private static void assertBadRequest(String method, String path, Object body, String messagePart) {
        SandboxHttp.Answer answer = sandbox.control(method, path, body);
        assertThat(answer.status()).as(method + " " + path + " " + body).isEqualTo(400);
        assertThat(answer.json().get("error").get("message").asString()).as(path).contains(messagePart);
    }
}
