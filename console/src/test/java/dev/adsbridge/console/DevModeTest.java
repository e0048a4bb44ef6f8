package dev.adsbridge.console;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dev mode as the launcher's dev role starts it: the embedded H2 file database (PostgreSQL mode, same migrations), a
 * generated vault key, the base URL taken from the bound port and the callback registered with the sandbox by itself.
 */
class DevModeTest {

    @Test
    void devModeRunsTheWholeFlowOnTheEmbeddedDatabase() throws Exception {
        ConsoleHarness harness = ConsoleHarness.shared(); // for its sandbox and MCP server
        Path data = Files.createTempDirectory("console-dev");
        try (ConfigurableApplicationContext dev = ConsoleApplication.start(Map.of(
                "server.port", 0,
                "adsbridge.console.mode", "dev",
                "adsbridge.data-dir", data.toString(),
                "adsbridge.console.meta.graph-url", harness.sandbox.baseUrl(),
                "adsbridge.console.meta.login-url", harness.sandbox.baseUrl(),
                "adsbridge.console.mcp.url", "http://127.0.0.1:" + harness.mcpPort + "/mcp",
                // Facebook Login for Business: a login configuration instead of a scope list.
                "adsbridge.console.meta.config-id", "987654321"))) {
            String base = ConsoleApplication.baseUrl(dev);
            assertThat(base).isEqualTo("http://127.0.0.1:" + ConsoleApplication.port(dev));
            assertThat(dev.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:");

            Browser browser = new Browser(base);
            String email = ConsoleHarness.email("dev");
            // No SMTP in dev mode: "check your inbox" points at the outbox, open without signing in.
            Page sent = browser.requestSignUp("Dev Co", "Devi", email, PASSWORD);
            assertThat(sent.path()).isEqualTo("/signup/sent");
            assertThat(sent.body()).contains("We sent a link to <strong>" + email + "</strong>")
                    .contains("Dev mode: <a href=\"/dev/mail\">open the outbox</a>");
            Page outbox = new Browser(base).get("/dev/mail");
            assertThat(outbox.status()).isEqualTo(200);
            assertThat(outbox.body()).contains("Confirm your AdsBridge sign-up").contains(email);
            java.util.regex.Matcher link = java.util.regex.Pattern
                    .compile("href=\"(" + java.util.regex.Pattern.quote(base) + "/signup/confirm/[^\"]+)\"")
                    .matcher(outbox.body());
            assertThat(link.find()).as(outbox.body()).isTrue();
            Page welcome = browser.confirmSignUp(link.group(1));
            assertThat(welcome.path()).isEqualTo("/?welcome");
            assertThat(welcome.body()).contains("Your account is ready and you are signed in");
            assertThat(browser.signIn(email, PASSWORD).path()).isEqualTo("/");
            Page consent = ConsoleHarness.openConsent(browser);
            assertThat(consent.uri().getQuery()).contains("config_id=987654321").doesNotContain("scope=");
            Page picker = ConsoleHarness.consent(browser, consent);
            assertThat(picker.path()).contains("/ad-accounts?connected");
            assertThat(picker.body()).contains("act_1000000001");
            Page saved = browser.post(picker.path().replace("?connected", ""), Map.of("account", "act_1000000003"));
            assertThat(saved.contains("Saved: 1 ad account in use.")).isTrue();
        }
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("console"));
        } finally {
            ConsoleHarness.deleteTree(data);
        }
    }
}
