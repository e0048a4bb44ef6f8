package dev.adsbridge.console.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's server-side fetch of preview images: only Meta's CDN hosts over https, or the configured Graph host
 * (the sandbox), no redirects followed, a size cap, and image bytes only. A local HTTP server plays both the allowed
 * Graph host and a host that is not allowed (the same server under another name).
 */
class CdnImagesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static HttpServer server;
    static String base;

    @BeforeAll
    static void cdn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cdn/ok.png", exchange -> answer(exchange, 200, "image/png", PNG));
        server.createContext("/cdn/big.png", exchange -> answer(exchange, 200, "image/png", new byte[5000]));
        server.createContext("/cdn/page.html", exchange -> answer(exchange, 200, "text/html", "<html>".getBytes()));
        server.createContext("/cdn/fake.png", exchange -> answer(exchange, 200, "image/png", "not an image".getBytes()));
        server.createContext("/cdn/moved.png", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            answer(exchange, 302, "text/plain", new byte[0]);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static CdnImages images() {
        return new CdnImages("*.fbcdn.net,*.facebook.com", base, 1000, Duration.ofSeconds(5));
    }

    @Test
    void onlyMetasCdnOverHttpsOrTheGraphHostItselfAreFetched() {
        CdnImages images = images();
        assertThat(images.allowed("https://scontent-iad3-1.xx.fbcdn.net/v/t45/abc.png?oh=1&oe=2")).isTrue();
        assertThat(images.allowed("https://lookaside.facebook.com/ads/image/?d=x")).isTrue();
        assertThat(images.allowed(base + "/cdn/images/abc.png")).isTrue();
        assertThat(images.allowed("http://scontent.xx.fbcdn.net/abc.png")).as("plain http").isFalse();
        assertThat(images.allowed("https://fbcdn.net.evil.example/abc.png")).isFalse();
        assertThat(images.allowed("https://evilfbcdn.net/abc.png")).isFalse();
        assertThat(images.allowed("https://fbcdn.net/abc.png")).as("only subdomains of *.fbcdn.net").isFalse();
        assertThat(images.allowed("https://user:pw@scontent.xx.fbcdn.net/abc.png")).isFalse();
        assertThat(images.allowed("https://scontent.xx.fbcdn.net:8443/abc.png")).isFalse();
        assertThat(images.allowed("http://localhost:" + server.getAddress().getPort() + "/cdn/ok.png"))
                .as("the Graph host under another name").isFalse();
        assertThat(images.allowed("http://127.0.0.1:1/cdn/ok.png")).as("another port").isFalse();
        assertThat(images.allowed("http://169.254.169.254/latest/meta-data/")).isFalse();
        assertThat(images.allowed("file:///etc/passwd")).isFalse();
        assertThat(images.allowed("/cdn/ok.png")).isFalse();
        assertThat(images.allowed(null)).isFalse();
    }

    @Test
    void anImageComesBackWithItsTypeFromTheBytes() {
        CdnImages.Fetched fetched = images().fetch(base + "/cdn/ok.png");
        assertThat(fetched.bytes()).isEqualTo(PNG);
        assertThat(fetched.contentType()).isEqualTo("image/png");
    }

    @Test
    void redirectsTooLargeBodiesAndNonImagesAreRefused() {
        CdnImages images = images();
        assertThatThrownBy(() -> images.fetch(base + "/cdn/moved.png")).isInstanceOf(CdnImages.Refused.class)
                .hasMessageContaining("302");
        assertThatThrownBy(() -> images.fetch(base + "/cdn/big.png")).isInstanceOf(CdnImages.Refused.class)
                .hasMessageContaining("larger than 1000 bytes");
        assertThatThrownBy(() -> images.fetch(base + "/cdn/page.html")).isInstanceOf(CdnImages.Refused.class)
                .hasMessageContaining("not answer an image");
        assertThatThrownBy(() -> images.fetch(base + "/cdn/fake.png")).isInstanceOf(CdnImages.Refused.class)
                .hasMessageContaining("not a JPEG");
        assertThatThrownBy(() -> images.fetch("http://localhost:" + server.getAddress().getPort() + "/cdn/ok.png"))
                .isInstanceOf(CdnImages.Refused.class);
    }
}
