package dev.adsbridge.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.support.ConsoleHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dev mode: a page opened on http://localhost:{port} moves to the base URL (http://127.0.0.1:{port}) before a session
 * exists, so the session lives on the host Meta's OAuth redirect returns to. Production leaves hosts to the proxy.
 */
class SignInCanonicalHostTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void devModeRedirectsPagesOnAnotherHostToTheBaseUrlWithoutASession() throws Exception {
        ConsoleHarness harness = ConsoleHarness.shared(); // for its sandbox and MCP server
        Path data = Files.createTempDirectory("console-dev-host");
        try (ConfigurableApplicationContext dev = harness.startDevConsole(data)) {
            int port = ConsoleApplication.port(dev);

            HttpResponse<String> moved = get("http://localhost:" + port + "/signin");
            assertThat(moved.statusCode()).isEqualTo(302);
            assertThat(moved.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + port + "/signin");
            assertThat(moved.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("SESSION"));

            HttpResponse<String> withQuery = get("http://localhost:" + port + "/signin?signedout");
            assertThat(withQuery.headers().firstValue("Location"))
                    .hasValue("http://127.0.0.1:" + port + "/signin?signedout");

            assertThat(get("http://127.0.0.1:" + port + "/signin").statusCode()).isEqualTo(200);
            // The REST API is not moved: programs get their JSON answers on any host.
            assertThat(get("http://localhost:" + port + "/api/v1/connection").statusCode()).isEqualTo(401);
        } finally {
            ConsoleHarness.deleteTree(data);
        }
    }

    @Test
    void productionModeDoesNotMoveHosts() throws Exception {
        ConsoleHarness harness = ConsoleHarness.shared(); // production mode, bound to 127.0.0.1
        int port = URI.create(harness.baseUrl).getPort();

        assertThat(get("http://localhost:" + port + "/signin").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
