package dev.adsbridge.console.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's own rate limit over HTTP: a second console, beside the shared one and with the same sandbox, MCP server
 * and PostgreSQL (its own schema), allowing three requests a minute per caller; the fourth answers 429 rate_limited with
 * Retry-After in the API's envelope.
 */
class ApiRateLimitHttpTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ConsoleHarness harness = ConsoleHarness.shared();
    static ConfigurableApplicationContext console;
    static String schema;
    static Path vault;

    @BeforeAll
    static void startAConsoleWithSmallLimits() throws Exception {
        schema = "console_rl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        vault = Files.createTempDirectory("console-rl-vault");
        Map<String, Object> properties = new LinkedHashMap<>();
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.datasource.url", ConsoleHarness.PG_URL + "?currentSchema=" + schema);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.hikari.maximum-pool-size", 4);
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("spring.flyway.create-schemas", true);
        properties.put("adsbridge.console.meta.app-id", harness.sandbox.config().appId());
        properties.put("adsbridge.console.meta.app-secret", harness.sandbox.config().appSecret());
        properties.put("adsbridge.console.meta.graph-url", harness.sandbox.baseUrl());
        properties.put("adsbridge.console.meta.login-url", harness.sandbox.baseUrl());
        properties.put("adsbridge.console.mcp.url", "http://127.0.0.1:" + harness.mcpPort + "/mcp");
        properties.put("adsbridge.console.mode", "production");
        properties.put("adsbridge.console.base-url", "http://127.0.0.1:" + port);
        properties.put("adsbridge.vault.provider", "local");
        properties.put("adsbridge.vault.require-explicit-config", false);
        properties.put("adsbridge.vault.local.keyset-path", vault.resolve("kek.json").toString());
        properties.put("adsbridge.console.mail.outbox", true); // sign-up links are read there
        properties.put("server.shutdown", "immediate");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "2s");
        properties.put("adsbridge.console.rate-limits.caller-requests", 3);
        properties.put("adsbridge.console.rate-limits.tenant-requests", 5);
        console = ConsoleApplication.start(properties);
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        try (Connection connection = DriverManager.getConnection(ConsoleHarness.PG_URL, "postgres", "")) {
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
        }
        ConsoleHarness.deleteTree(vault);
    }

    static Browser signedUpOwner(String base) {
        Browser browser = new Browser(base, email -> ConsoleHarness.signUpLink(console, email));
        String email = ConsoleHarness.email("limits");
        assertThat(browser.signUp("Limits Co", "Lim Its", email, ConsoleHarness.PASSWORD).status()).isEqualTo(200);
        assertThat(browser.signIn(email, ConsoleHarness.PASSWORD).path()).isEqualTo("/");
        return browser;
    }

    static Page api(Browser browser, String path) {
        return browser.api("GET", path, HttpRequest.BodyPublishers.noBody(), "application/json", false);
    }

    @Test
    void theFourthRequestOfACallerInAMinuteIs429WithRetryAfter() {
        String base = ConsoleApplication.baseUrl(console);
        Browser owner = signedUpOwner(base);
        for (int i = 0; i < 3; i++) {
            Page ok = api(owner, "/api/v1/connection");
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        }
        Page limited = api(owner, "/api/v1/connection");
        assertThat(limited.status()).as(limited.body()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().get("retry-after"));
        assertThat(retryAfter).isBetween(1L, 61L);
        assertThat(limited.headers().get("content-type")).startsWith("application/json");
        JsonNode error = JSON.readTree(limited.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("rate_limited");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("request_id").asString()).isEqualTo(limited.headers().get("x-request-id"));
        assertThat(error.path("retry_after_seconds").asLong()).isEqualTo(retryAfter);

        // Writes are limited the same way, before anything reaches Meta.
        Page write = owner.api("POST", "/api/v1/ad-accounts/act_1000000002/campaigns",
                HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"objective\":\"OUTCOME_TRAFFIC\"}"),
                "application/json", true);
        assertThat(write.status()).as(write.body()).isEqualTo(429);
        // Pausing is never limited by us: past the limit it still reaches the ads module (which finds nothing here).
        Page pause = owner.api("POST", "/api/v1/campaigns/120210000000000001/status",
                HttpRequest.BodyPublishers.ofString("{\"status\":\"PAUSED\"}"), "application/json", true);
        assertThat(pause.status()).as(pause.body()).isNotEqualTo(429).isIn(404, 409);

        // The API docs are not limited.
        Page docs = api(owner, "/api/v1/openapi.json");
        assertThat(docs.status()).isEqualTo(200);
        // Another tenant is not affected.
        Browser other = signedUpOwner(base);
        assertThat(api(other, "/api/v1/connection").status()).isEqualTo(200);
    }
}
