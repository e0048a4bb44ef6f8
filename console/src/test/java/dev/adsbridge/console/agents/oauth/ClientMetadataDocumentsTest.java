package dev.adsbridge.console.agents.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client ID metadata documents are fetched on an agent's say-so: the fetch is refused for anything but https to a
 * public address (unless dev/test configuration relaxes it), follows no redirect, stops at the size limit, and the
 * document must describe the very client_id it was fetched for.
 */
class ClientMetadataDocumentsTest {

    static HttpServer server;
    static String base;
    static final Map<String, String[]> answers = new ConcurrentHashMap<>(); // path → {status, body}

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String[] answer = answers.getOrDefault(exchange.getRequestURI().getPath(), new String[] {"404", ""});
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            if (answer[0].equals("302")) {
                exchange.getResponseHeaders().add("Location", base + "/good.json");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static ClientMetadataDocuments documents(boolean relaxed) {
        return new ClientMetadataDocuments(new OAuthProperties(Duration.ofMinutes(10), Duration.ofDays(30),
                Duration.ofMinutes(2), 20, new OAuthProperties.ClientMetadata(relaxed, relaxed, Duration.ofSeconds(3),
                        2048, Duration.ofHours(1))));
    }

    static String document(String clientId, String redirect) {
        return "{\"client_id\":\"" + clientId + "\",\"client_name\":\"Doc Agent\",\"redirect_uris\":[\"" + redirect
                + "\"],\"token_endpoint_auth_method\":\"none\"}";
    }

    @Test
    void productionSettingsFetchOnlyHttpsFromPublicAddresses() {
        ClientMetadataDocuments strict = documents(false);
        assertThatThrownBy(() -> strict.fetch(base + "/good.json")).hasMessageContaining("https");
        for (String internal : new String[] {"https://127.0.0.1/client.json", "https://10.1.2.3/client.json",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/client.json", "https://localhost/c.json"}) {
            assertThatThrownBy(() -> strict.fetch(internal)).as(internal).hasMessageContaining("not a public address");
        }
        assertThatThrownBy(() -> strict.fetch("https://agent.example/")).hasMessageContaining("path");
        assertThatThrownBy(() -> strict.fetch("https://user@agent.example/c.json")).hasMessageContaining("user info");
    }

    @Test
    void privateAndSpecialAddressesAreNotPublic() throws IOException {
        for (String address : new String[] {"127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fc00::1", "fe80::1", "::ffff:127.0.0.1",
                "::ffff:10.0.0.1"}) {
            assertThat(ClientMetadataDocuments.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : new String[] {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"}) {
            assertThat(ClientMetadataDocuments.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void aDocumentMustDescribeItsOwnClientIdWithUsableRedirects() throws Exception {
        ClientMetadataDocuments relaxed = documents(true);
        answers.put("/good.json", new String[] {"200", document(base + "/good.json", "http://127.0.0.1:7/cb")});
        ClientMetadataDocuments.ClientDocument good = relaxed.fetch(base + "/good.json");
        assertThat(good.clientName()).isEqualTo("Doc Agent");
        assertThat(good.redirectUris()).containsExactly("http://127.0.0.1:7/cb");

        answers.put("/other.json", new String[] {"200", document(base + "/good.json", "http://127.0.0.1:7/cb")});
        assertThatThrownBy(() -> relaxed.fetch(base + "/other.json")).hasMessageContaining("another client_id");
        answers.put("/evil.json", new String[] {"200", document(base + "/evil.json", "http://evil.example/cb")});
        assertThatThrownBy(() -> relaxed.fetch(base + "/evil.json")).hasMessageContaining("redirect URI");
        answers.put("/big.json", new String[] {"200", document(base + "/big.json", "http://127.0.0.1:7/cb")
                .replace("Doc Agent", "x".repeat(3000))});
        assertThatThrownBy(() -> relaxed.fetch(base + "/big.json")).hasMessageContaining("larger than");
        answers.put("/moved.json", new String[] {"302", ""});
        assertThatThrownBy(() -> relaxed.fetch(base + "/moved.json")).hasMessageContaining("HTTP 302");
        answers.put("/text.json", new String[] {"200", "<html>hello</html>"});
        assertThatThrownBy(() -> relaxed.fetch(base + "/text.json")).hasMessageContaining("not JSON");
        answers.put("/secret.json", new String[] {"200", document(base + "/secret.json", "http://127.0.0.1:7/cb")
                .replace("\"none\"", "\"client_secret_basic\"")});
        assertThatThrownBy(() -> relaxed.fetch(base + "/secret.json")).hasMessageContaining("public clients");
        assertThatThrownBy(() -> relaxed.fetch(base + "/missing.json")).hasMessageContaining("HTTP 404");
    }
}
