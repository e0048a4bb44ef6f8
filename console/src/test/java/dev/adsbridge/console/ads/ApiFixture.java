package dev.adsbridge.console.ads;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;

/**
 * One tenant for the API tests, set up once as users do it: an owner who connected Facebook Ads and chose
 * {@link #ACCOUNT}, an admin and an analyst who accepted invitations, a read key and a read_write key, and the ids of a
 * seeded campaign → ad set → ad → creative (with its image) of that account, read through the API itself.
 */
final class ApiFixture {

    static final ConsoleHarness harness = ConsoleHarness.shared();
    static final String ACCOUNT = "act_1000000002";
    /** An account the connected Facebook user has but the tenant did not choose. */
    static final String UNCHOSEN = "act_1000000001";
    private static ApiFixture shared;

    final ConsoleHarness.Signed owner;
    final Browser admin;
    final Browser analyst;
    final UUID connection;
    final String readKey;
    final String writeKey;
    final String campaignId;
    final String adSetId;
    final String adId;
    final String creativeId;
    final String imageHash;
    final String pageId;

    static synchronized ApiFixture shared() {
        if (shared == null) {
            shared = new ApiFixture("Fixture " + UUID.randomUUID().toString().substring(0, 6));
        }
        return shared;
    }

    ApiFixture(String company) {
        owner = harness.owner(company);
        ConsoleHarness.connect(owner.browser());
        connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", ACCOUNT));
        readKey = AdsApiTest.createKey(owner.browser(), "reader", "read");
        writeKey = AdsApiTest.createKey(owner.browser(), "writer", "read_write");
        admin = invite("ADMIN");
        analyst = invite("ANALYST");

        String[] chain = seededChain();
        campaignId = chain[0];
        adSetId = chain[1];
        adId = chain[2];
        creativeId = chain[3];
        imageHash = chain[4];
        pageId = graph("/" + ACCOUNT + "/promote_pages?fields=id").path("data").get(0).path("id").asString();
    }

    private Browser invite(String role) {
        String email = ConsoleHarness.email(role.toLowerCase());
        Page team = owner.browser().post("/team/invitations", Map.of("email", email, "role", role));
        Matcher link = Pattern.compile("(http://[^<\\s\"]*/invite/[A-Za-z0-9_-]+)").matcher(team.body());
        assertThat(link.find()).as(team.body()).isTrue();
        Browser browser = harness.browser();
        browser.post(link.group(1).replace(harness.baseUrl, ""), Map.of("name", "A " + role, "password", PASSWORD));
        assertThat(browser.signIn(email, PASSWORD).path()).isEqualTo("/");
        return browser;
    }

    /** campaign, ad set, ad, creative and image hash of a seeded ad whose creative has an image. */
    private String[] seededChain() {
        JsonNode campaigns = AdsApiTest.get(readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns?limit=50").json();
        for (JsonNode campaign : campaigns.path("data")) {
            String c = campaign.path("id").asString();
            for (JsonNode adSet : AdsApiTest.get(readKey, "/api/v1/campaigns/" + c + "/adsets").json().path("data")) {
                String s = adSet.path("id").asString();
                for (JsonNode ad : AdsApiTest.get(readKey, "/api/v1/adsets/" + s + "/ads").json().path("data")) {
                    String a = ad.path("id").asString();
                    for (JsonNode creative : AdsApiTest.get(readKey, "/api/v1/ads/" + a + "/creatives").json()
                            .path("data")) {
                        String hash = creative.path("image_hash").asString("");
                        if (hash.matches("[0-9a-f]{32}")) {
                            return new String[] {c, s, a, creative.path("id").asString(), hash};
                        }
                    }
                }
            }
        }
        throw new AssertionError("no seeded ad with an image creative in " + ACCOUNT + ": " + campaigns);
    }

    /** The connection's Meta token, through the console's own vault (never shown anywhere else). */
    String metaToken() {
        return harness.tokenOf(owner.tenant(), connection);
    }

    /** A GET on the sandbox's Graph API with the tenant's token: what Meta holds, behind the console's back. */
    JsonNode graph(String pathAndQuery) {
        try {
            HttpResponse<String> response = AdsApiTest.http.send(HttpRequest.newBuilder(URI.create(
                    harness.sandbox.baseUrl() + "/v25.0" + pathAndQuery)).header("Authorization", "Bearer "
                    + metaToken()).build(), HttpResponse.BodyHandlers.ofString());
            return AdsApiTest.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A small PNG, different each call. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color((int) (Math.random() * 0xffffff)));
        g.fillRect(0, 0, 64, 48);
        g.setColor(new Color((int) (Math.random() * 0xffffff)));
        g.fillRect(8, 8, 20, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A multipart/form-data body with one file part named {@code file}. */
    record Multipart(String contentType, HttpRequest.BodyPublisher body) {

        static Multipart file(String name, String type, byte[] bytes) {
            String boundary = "----adsbridge" + UUID.randomUUID().toString().replace("-", "");
            List<byte[]> parts = new ArrayList<>();
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(bytes);
            parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return new Multipart("multipart/form-data; boundary=" + boundary,
                    HttpRequest.BodyPublishers.ofByteArrays(parts));
        }
    }

    /** A request with an API key (or none) and any body. */
    static AdsApiTest.Answer send(String key, String method, String path, String contentType,
            HttpRequest.BodyPublisher body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl + path))
                    .header("Content-Type", contentType).method(method, body);
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response = AdsApiTest.http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().startsWith("{") ? AdsApiTest.JSON.readTree(response.body())
                    : AdsApiTest.JSON.createObjectNode();
            return new AdsApiTest.Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A binary answer (the image proxy). */
    record Bytes(int status, byte[] body, HttpResponse<byte[]> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    static Bytes bytes(String key, String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(harness.baseUrl + path)).GET();
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<byte[]> response = AdsApiTest.http.send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads an image with a key → the API's answer. */
    static AdsApiTest.Answer upload(String key, String account, byte[] bytes, String query) {
        Multipart multipart = Multipart.file("picture.png", "image/png", bytes);
        return send(key, "POST", "/api/v1/ad-accounts/" + account + "/images" + query, multipart.contentType(),
                multipart.body());
    }

    static Map<String, Object> targeting() {
        return Map.of("geo_locations", Map.of("countries", List.of("US")),
                "targeting_automation", Map.of("advantage_audience", 0));
    }
}
