package dev.adsbridge.sandbox.control;

import com.sun.net.httpserver.HttpServer;
import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/** Deauthorize and data-deletion callbacks, received by a tiny app server on loopback that verifies them. */
class CallbacksTest {

    private static SandboxHttp sandbox;
    private static HttpServer app;
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxHttp.start();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/meta/deauthorize", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.createContext("/meta/data-deletion", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"url\":\"https://app.example/deletion-status?code=abc123\",\"confirmation_code\":\"abc123\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop(0);
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    private static String appUrl(String path) {
        return "http://127.0.0.1:" + app.getAddress().getPort() + path;
    }

    @Test
    void the_test_verifier_agrees_with_metas_published_vector() {
        assertThat(signature("key", "eyJ1c2VyX2lkIjoiMCIsImFsZ29yaXRobSI6IkhNQUMtU0hBMjU2IiwiaXNzdWVkX2F0IjoxNjI0MjQ0MTU2fQ"))
                .isEqualTo("Mf_s6nTb38UYqioBmPqu0Ewm9souPZB9I2fIGwV729U");
    }

    @Test
    void deauthorize_revokes_the_users_tokens_and_posts_a_verifiable_signed_request() {
        String token = sandbox.token("100000000000002", List.of("ads_read"));
        SandboxHttp.Answer answer = sandbox.control("POST", "/_sandbox/callbacks/deauthorize",
                Map.of("user", "100000000000002", "url", appUrl("/meta/deauthorize")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asInt()).isEqualTo(200);
        assertThat(answer.json().get("body").asString()).isEqualTo("ok");

        assertThat(received).hasSize(1);
        JsonNode payload = verify(received.get(0));
        assertThat(payload.get("user_id").asString()).isEqualTo("100000000000002");
        assertThat(payload.get("algorithm").asString()).isEqualTo("HMAC-SHA256");
        long now = sandbox.control("GET", "/_sandbox/clock", null).json().get("now_epoch_seconds").asLong();
        assertThat(payload.get("issued_at").asLong()).isBetween(now - 60, now);
        assertThat(payload.has("expires")).isFalse();

        SandboxHttp.Answer after = sandbox.get(token, "me");
        assertThat(after.error().get("code").asInt()).isEqualTo(190);
        assertThat(after.error().get("error_subcode").asInt()).isEqualTo(458);
    }

    @Test
    void data_deletion_posts_a_signed_request_with_expiry_and_reports_the_apps_answer() {
        SandboxHttp.Answer answer = sandbox.control("POST", "/_sandbox/callbacks/data-deletion",
                Map.of("user", "100000000000003", "url", appUrl("/meta/data-deletion")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asInt()).isEqualTo(200);
        assertThat(answer.json().get("json").get("confirmation_code").asString()).isEqualTo("abc123");
        assertThat(answer.json().get("json").get("url").asString()).contains("code=abc123");
        assertThat(answer.json().get("valid_answer").asBoolean()).isTrue();

        JsonNode payload = verify(received.get(0));
        assertThat(payload.get("user_id").asString()).isEqualTo("100000000000003");
        assertThat(payload.get("expires").asLong()).isGreaterThan(payload.get("issued_at").asLong());
    }

    @Test
    void an_app_answer_without_confirmation_code_is_flagged() {
        SandboxHttp.Answer answer = sandbox.control("POST", "/_sandbox/callbacks/data-deletion",
                Map.of("user", "100000000000003", "url", appUrl("/meta/deauthorize")));
        assertThat(answer.json().get("valid_answer").asBoolean()).isFalse();
        assertThat(answer.json().get("problem").asString()).contains("confirmation_code");
    }

    @Test
    void callbacks_go_only_to_loopback_hosts() {
        for (String url : List.of("http://example.com/cb", "https://10.0.0.8/cb", "http://169.254.169.254/latest",
                "file:///etc/passwd", "not a url")) {
            SandboxHttp.Answer answer = sandbox.control("POST", "/_sandbox/callbacks/deauthorize",
                    Map.of("user", "100000000000001", "url", url));
            assertThat(answer.status()).as(url).isEqualTo(400);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void an_unreachable_callback_is_reported_as_502() {
        SandboxHttp.Answer answer = sandbox.control("POST", "/_sandbox/callbacks/deauthorize",
                Map.of("user", "100000000000001", "url", "http://127.0.0.1:1/nothing"));
        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().get("error").get("message").asString()).contains("callback");
    }

    @Test
    void an_unknown_user_is_400() {
        SandboxHttp.Answer answer = sandbox.control("POST", "/_sandbox/callbacks/deauthorize",
                Map.of("user", "1", "url", appUrl("/meta/deauthorize")));
        assertThat(answer.status()).isEqualTo(400);
    }

    /** Verifies the form body's signed_request as an app would and returns the payload. */
    private static JsonNode verify(String formBody) {
        assertThat(formBody).startsWith("signed_request=");
        String signed = URLDecoder.decode(formBody.substring("signed_request=".length()), StandardCharsets.UTF_8);
        String[] parts = signed.split("\\.", 2);
        assertThat(parts).hasSize(2);
        assertThat(signed).doesNotContain("=");
        String expected = signature(SandboxConfig.DEFAULT_APP_SECRET, parts[1]);
        assertThat(MessageDigest.isEqual(expected.getBytes(), parts[0].getBytes())).as("HMAC matches").isTrue();
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static String signature(String secret, String encodedPayload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(encodedPayload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
