package dev.adsbridge.console.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import dev.adsbridge.console.support.TcpProxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
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
 * Outages over HTTP, against a second console whose PostgreSQL sits behind a TCP forwarder the test can cut, and whose
 * Redis is a socket that accepts connections and never answers (the worst case: no quick "connection refused").
 * Redis silent: the API still answers within seconds, with per-node limits. PostgreSQL cut: 503 with Retry-After within
 * about two seconds, JSON for the API and a page for the UI; restored: the console recovers by itself.
 */
class OutagesHttpTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ConsoleHarness harness = ConsoleHarness.shared();
    static ConfigurableApplicationContext console;
    static String schema;
    static Path vault;
    static TcpProxy postgres;
    static ServerSocket silentRedis;

    @BeforeAll
    static void start() throws Exception {
        schema = "console_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        vault = Files.createTempDirectory("console-outage-vault");
        postgres = TcpProxy.to(5432);
        silentRedis = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Map<String, Object> properties = new LinkedHashMap<>();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        properties.put("server.port", port);
        properties.put("adsbridge.console.base-url", "http://127.0.0.1:" + port);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/test?currentSchema="
                + schema);
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
        // This test is about outages: owners sign up and are signed in at once (no mailed link to follow).
        properties.put("adsbridge.console.sign-up.verify-email", false);
        properties.put("adsbridge.vault.provider", "local");
        properties.put("adsbridge.vault.require-explicit-config", false);
        properties.put("adsbridge.vault.local.keyset-path", vault.resolve("kek.json").toString());
        properties.put("adsbridge.console.rate-limits.redis-url", "redis://127.0.0.1:" + silentRedis.getLocalPort());
        properties.put("db-scheduler.enabled", false);
        properties.put("server.shutdown", "immediate");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "2s");
        console = ConsoleApplication.start(properties);
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        postgres.close();
        silentRedis.close();
        try (Connection connection = DriverManager.getConnection(ConsoleHarness.PG_URL, "postgres", "")) {
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
        }
        ConsoleHarness.deleteTree(vault);
    }

    static Page timed(Browser browser, String path, Duration within) {
        long started = System.nanoTime();
        Page page = path.startsWith("/api/")
                ? browser.api("GET", path, java.net.http.HttpRequest.BodyPublishers.noBody(), "application/json", false)
                : browser.getOnce(path);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as(path + " answered " + page.status() + " after " + took).isLessThan(within);
        return page;
    }

    @Test
    void redisSilentThenPostgresCutAndRestored() throws Exception {
        String base = ConsoleApplication.baseUrl(console);
        Browser owner = new Browser(base);
        String email = ConsoleHarness.email("outage");
        assertThat(owner.signUp("Outage Co", "Out Age", email, ConsoleHarness.PASSWORD).status()).isEqualTo(200);
        assertThat(owner.signIn(email, ConsoleHarness.PASSWORD).path()).isEqualTo("/");

        owner.get("/settings"); // warm the web stack (not rate limited), so the timings below are about Redis
        // Redis accepts and never answers: the first call pays one short timeout (plus the API's first-call warm-up on
        // a busy machine; without the timeout it waited Lettuce's 60 s), the next ones none.
        assertThat(timed(owner, "/api/v1/connection", Duration.ofSeconds(5)).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(timed(owner, "/api/v1/connection", Duration.ofMillis(1500)).status()).isEqualTo(200);
        }

        postgres.cut();
        Page api = timed(owner, "/api/v1/connection", Duration.ofSeconds(4));
        assertThat(api.status()).as(api.body()).isEqualTo(503);
        assertThat(api.headers().get("retry-after")).isNotBlank();
        JsonNode error = JSON.readTree(api.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("database_unavailable");
        assertThat(api.body()).doesNotContain("Exception").doesNotContain("jdbc");
        Page ui = timed(owner, "/", Duration.ofSeconds(4));
        assertThat(ui.status()).isEqualTo(503);
        assertThat(ui.body()).contains("Temporarily unavailable").doesNotContain("Exception");

        postgres.restore();
        awaitRecovery(owner);
    }

    /**
     * A silent partition (no reset, no answer): the request whose query is already on the wire when the network goes
     * quiet is the hard one, because the pool's 2 s connection timeout does not cover it. The connection is borrowed
     * right after the previous request returned it, so the pool does not re-validate it and the query goes out on the
     * silent socket; the JDBC socket timeout (3 s) ends it as a connection failure, answered 503.
     */
    @Test
    void postgresSilentPartitionFailsFastThenRecovers() throws Exception {
        String base = ConsoleApplication.baseUrl(console);
        Browser owner = new Browser(base);
        String email = ConsoleHarness.email("partition");
        assertThat(owner.signUp("Partition Co", "Part Ition", email, ConsoleHarness.PASSWORD).status()).isEqualTo(200);
        assertThat(owner.signIn(email, ConsoleHarness.PASSWORD).path()).isEqualTo("/");
        assertThat(owner.get("/settings").status()).isEqualTo(200);
        assertThat(timed(owner, "/api/v1/connection", Duration.ofSeconds(5)).status()).isEqualTo(200);

        postgres.silence();
        try {
            for (int i = 0; i < 2; i++) {
                Page api = timed(owner, "/api/v1/connection", Duration.ofSeconds(6));
                assertThat(api.status()).as(api.body()).isEqualTo(503);
                assertThat(JSON.readTree(api.body()).path("error").path("code").asString())
                        .isEqualTo("database_unavailable");
            }
        } finally {
            postgres.restore();
        }
        awaitRecovery(owner);
    }

    private static void awaitRecovery(Browser owner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status;
        do {
            Thread.sleep(250);
            status = timed(owner, "/api/v1/connection", Duration.ofSeconds(6)).status();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("recovered without a restart").isEqualTo(200);
    }
}
