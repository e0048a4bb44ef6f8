package dev.adsbridge.mcp.tools.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.mcp.inventory.ToolException;
import dev.adsbridge.meta.ImageTypes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard of image downloads. No test sends traffic anywhere but loopback: forbidden addresses are literal IPs
 * refused before any connection, and redirects are served by a server on 127.0.0.1 that only a test-only fetcher may
 * reach.
 */
class ImageFetcherTest {

    private static final int CAP = ImageFetcher.MAX_UPLOAD_BYTES;
    private static LoopbackImageServer server;
    private final ImageFetcher production = ImageFetcher.publicOnly();
    private final ImageFetcher testOnly = ImageFetcher.allowingLoopbackForTests();

    @BeforeAll
    static void start() {
        server = new LoopbackImageServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ------------------------------------------------------------------ the address rules

    @Test
    void everyNonPublicAddressFormIsForbiddenWithItsReason() throws UnknownHostException {
        Map<String, String> forbidden = Map.ofEntries(
                Map.entry("127.0.0.1", "loopback"), Map.entry("127.1.2.3", "loopback"),
                Map.entry("10.0.0.1", "private"), Map.entry("172.16.0.1", "private"),
                Map.entry("172.31.255.255", "private"), Map.entry("192.168.1.1", "private"),
                Map.entry("169.254.169.254", "metadata"), Map.entry("169.254.1.1", "link-local"),
                Map.entry("100.64.0.1", "carrier-grade NAT"), Map.entry("100.127.255.254", "carrier-grade NAT"),
                Map.entry("0.0.0.0", "unspecified"), Map.entry("224.0.0.1", "multicast"),
                Map.entry("255.255.255.255", "broadcast"), Map.entry("::1", "loopback"),
                Map.entry("::", "unspecified"), Map.entry("fe80::1", "link-local"),
                Map.entry("fc00::1", "unique local"), Map.entry("fd00:ec2::254", "unique local"),
                Map.entry("ff02::1", "multicast"), Map.entry("::ffff:127.0.0.1", "loopback"),
                Map.entry("::ffff:169.254.169.254", "metadata"), Map.entry("::ffff:10.1.2.3", "private"),
                Map.entry("64:ff9b::a9fe:a9fe", "metadata"), Map.entry("2002:7f00:1::", "loopback"),
                Map.entry("::7f00:1", "loopback"), Map.entry("2001:db8::1", "documentation"));
        forbidden.forEach((literal, reason) -> {
            assertThat(ImageFetcher.forbiddenReason(address(literal))).as(literal).get().asString().contains(reason);
        });
        for (String publicAddress : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.253.1.1",
                "2606:4700:4700::1111", "2a03:2880:f12f:83:face:b00c:0:25de")) {
            assertThat(ImageFetcher.forbiddenReason(address(publicAddress))).as(publicAddress).isEmpty();
        }
    }

    @Test
    void loopbackPrivateAndMetadataUrlsAreRefusedBeforeAnyConnection() {
        Map<String, String> refused = Map.of(
                "http://127.0.0.1:1/x", "loopback",
                "http://169.254.169.254/latest/meta-data/iam/", "cloud metadata",
                "http://10.0.0.1/image.png", "private network",
                "http://192.168.0.10:8080/a.jpg", "private network",
                "http://[::1]:1/x", "loopback",
                "http://[::ffff:127.0.0.1]:1/x", "loopback",
                "http://[fd00:ec2::254]/latest/meta-data/", "unique local",
                "http://0.0.0.0:1/x", "unspecified",
                "https://100.64.0.1/x.png", "carrier-grade NAT");
        refused.forEach((url, reason) -> {
            ToolException e = refusal(() -> production.fetchPublic(url, CAP));
            assertThat(e.error().category()).as(url).isEqualTo(ErrorCategory.INVALID_REQUEST);
            assertThat(e.getMessage()).as(url).contains(reason).contains("never fetches");
        });
    }

    @Test
    void onlyHttpAndHttpsWithoutCredentialsAreAccepted() {
        assertThat(refusal(() -> production.fetchPublic("file:///etc/passwd", CAP)).getMessage())
                .contains("http:// or https://");
        assertThat(refusal(() -> production.fetchPublic("gopher://127.0.0.1:70/x", CAP)).getMessage())
                .contains("'gopher:' is not allowed");
        assertThat(refusal(() -> production.fetchPublic("http://user:secret@8.8.8.8/x.png", CAP)).getMessage())
                .contains("user name or password");
        assertThat(refusal(() -> production.fetchPublic("http:///no-host", CAP)).getMessage()).contains("no host");
        assertThat(refusal(() -> production.fetchPublic("http://exa mple.com/x", CAP)).getMessage())
                .contains("not a valid URL");
    }

    @Test
    void theProductionFetcherNeverConnectsToALiveLoopbackServer() {
        int before = server.requests();
        ToolException e = refusal(() -> production.fetchPublic(server.url("/img.png"), CAP));
        assertThat(e.getMessage()).contains("loopback");
        assertThat(server.requests()).as("the loopback server was never asked").isEqualTo(before);
    }

    // ------------------------------------------------------------------ fetching (loopback allowed for tests)

    @Test
    void anImageIsFetchedWithItsFormatFromTheBytes() {
        ImageFetcher.Fetched fetched = testOnly.fetchPublic(server.url("/img.png"), CAP);
        assertThat(fetched.bytes()).isEqualTo(server.png);
        assertThat(fetched.format()).isEqualTo(ImageTypes.Format.PNG);
        assertThat(fetched.format().dimensions(fetched.bytes())).get().isEqualTo(new int[] {64, 48});

        ImageFetcher.Fetched chunked = testOnly.fetchPublic(server.url("/chunked.png"), CAP);
        assertThat(chunked.bytes()).isEqualTo(server.png);
    }

    @Test
    void aRedirectToAnAllowedHostIsFollowed() {
        ImageFetcher.Fetched fetched = testOnly.fetchPublic(server.url("/redirect"), CAP);
        assertThat(fetched.bytes()).isEqualTo(server.png);
        assertThat(fetched.finalUrl().getPath()).isEqualTo("/img.png");
    }

    @Test
    void everyRedirectIsCheckedAgainAndARedirectToTheMetadataAddressIsRefused() {
        ToolException metadata = refusal(() -> testOnly.fetchPublic(server.url("/to-metadata"), CAP));
        assertThat(metadata.getMessage()).contains("cloud metadata").contains("169.254.169.254");
        ToolException privateHost = refusal(() -> testOnly.fetchPublic(server.url("/to-private"), CAP));
        assertThat(privateHost.getMessage()).contains("private network");
        ToolException loop = refusal(() -> testOnly.fetchPublic(server.url("/loop"), CAP));
        assertThat(loop.getMessage()).contains("more than 3 times");
    }

    @Test
    void aMetaUrlIsFetchedAsGivenButItsRedirectsFollowThePublicRules() {
        ImageFetcher.Fetched fetched = production.fetchFromMeta(server.url("/img.png"), CAP);
        assertThat(fetched.bytes()).isEqualTo(server.png);
        ToolException redirected = refusal(() -> production.fetchFromMeta(server.url("/redirect"), CAP));
        assertThat(redirected.getMessage()).contains("loopback");
    }

    @Test
    void answersThatAreNotImagesAreRefused() {
        assertThat(refusal(() -> testOnly.fetchPublic(server.url("/page.html"), CAP)).getMessage())
                .contains("did not serve an image").contains("text/html");
        assertThat(refusal(() -> testOnly.fetchPublic(server.url("/fake.png"), CAP)).getMessage())
                .contains("bytes are not");
        ToolException missing = refusal(() -> testOnly.fetchPublic(server.url("/missing.png"), CAP));
        assertThat(missing.error().type()).isEqualTo("ImageDownloadFailed");
        assertThat(missing.getMessage()).contains("HTTP 404");
    }

    @Test
    void theSizeCapHoldsForDeclaredAndStreamedLengths() {
        assertThat(refusal(() -> testOnly.fetchPublic(server.url("/big.png"), 16 * 1024)).getMessage())
                .contains("larger than");
        assertThat(refusal(() -> testOnly.fetchPublic(server.url("/big-chunked.png"), 16 * 1024)).getMessage())
                .contains("larger than");
        assertThat(testOnly.fetchPublic(server.url("/big.png"), 128 * 1024).bytes()).hasSize(64 * 1024);
    }

    @Test
    void imageFormatsAreRecognisedByTheirFirstBytes() {
        assertThat(ImageTypes.sniff(server.png)).contains(ImageTypes.Format.PNG);
        assertThat(ImageTypes.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0})).contains(
                ImageTypes.Format.JPEG);
        assertThat(ImageTypes.sniff("GIF89a......".getBytes())).contains(ImageTypes.Format.GIF);
        assertThat(ImageTypes.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes())).contains(ImageTypes.Format.WEBP);
        assertThat(ImageTypes.sniff("<html>".getBytes())).isEmpty();
        assertThat(ImageTypes.sniff(new byte[0])).isEmpty();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ToolException refusal(Runnable fetch) {
        ToolException e = catchThrowableOfType(ToolException.class, fetch::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }
}
