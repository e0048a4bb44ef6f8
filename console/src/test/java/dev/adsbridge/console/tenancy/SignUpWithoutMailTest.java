package dev.adsbridge.console.tenancy;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Production without a mail server: sign-up could not mail its confirmation links, so the console refuses to start
 * unless {@code adsbridge.console.sign-up.verify-email=false}, which signs new owners in at once (and, the documented
 * trade-off, answers a taken address differently).
 */
class SignUpWithoutMailTest {

    private final ConsoleHarness world = ConsoleHarness.shared(); // for its sandbox and MCP server

    @Test
    void productionWithoutAMailServerRefusesToStart() throws Exception {
        String schema = schema();
        Path vault = Files.createTempDirectory("console-nomail-vault");
        try {
            assertThatThrownBy(() -> ConsoleApplication.start(production(schema, vault, Map.of())))
                    .hasStackTraceContaining("no mail server is configured: set spring.mail.host")
                    .hasStackTraceContaining("adsbridge.console.sign-up.verify-email=false");
        } finally {
            dropSchema(schema);
            ConsoleHarness.deleteTree(vault);
        }
    }

    @Test
    void withVerificationOffSignUpSignsANewOwnerInAtOnce() throws Exception {
        String schema = schema();
        Path vault = Files.createTempDirectory("console-nomail-vault");
        try (ConfigurableApplicationContext console = ConsoleApplication.start(production(schema, vault,
                Map.of("adsbridge.console.sign-up.verify-email", false)))) {
            String base = ConsoleApplication.baseUrl(console);
            String email = ConsoleHarness.email("direct");
            Browser browser = new Browser(base, address -> {
                throw new AssertionError("no confirmation link without verification");
            });
            Page welcome = browser.requestSignUp("Direct Co", "Di Rect", email, PASSWORD);
            assertThat(welcome.path()).isEqualTo("/?welcome");
            assertThat(welcome.body()).contains("Your account is ready and you are signed in");
            // The trade-off: a taken address is sent to sign in instead, which tells it apart.
            Page taken = new Browser(base).requestSignUp("Other Co", "Oth Er", email, "another long passphrase 7");
            assertThat(taken.path()).isEqualTo("/signin?signedup");
            assertThat(new Browser(base).signIn(email, PASSWORD).path()).isEqualTo("/");
        } finally {
            dropSchema(schema);
            ConsoleHarness.deleteTree(vault);
        }
    }

    private Map<String, Object> production(String schema, Path vault, Map<String, Object> extra) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.datasource.url", ConsoleHarness.PG_URL + "?currentSchema=" + schema);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.hikari.maximum-pool-size", 4);
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("spring.flyway.create-schemas", true);
        properties.put("adsbridge.console.meta.app-id", world.sandbox.config().appId());
        properties.put("adsbridge.console.meta.app-secret", world.sandbox.config().appSecret());
        properties.put("adsbridge.console.meta.graph-url", world.sandbox.baseUrl());
        properties.put("adsbridge.console.meta.login-url", world.sandbox.baseUrl());
        properties.put("adsbridge.console.mcp.url", "http://127.0.0.1:" + world.mcpPort + "/mcp");
        properties.put("adsbridge.console.mode", "production");
        properties.put("adsbridge.console.base-url", "http://127.0.0.1:" + port);
        properties.put("adsbridge.vault.provider", "local");
        properties.put("adsbridge.vault.require-explicit-config", false);
        properties.put("adsbridge.vault.local.keyset-path", vault.resolve("kek.json").toString());
        properties.put("server.shutdown", "immediate");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "2s");
        properties.putAll(extra);
        return properties;
    }

    private static String schema() {
        return "console_nomail_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void dropSchema(String schema) throws Exception {
        try (Connection connection = DriverManager.getConnection(ConsoleHarness.PG_URL, "postgres", "")) {
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
        }
    }
}
