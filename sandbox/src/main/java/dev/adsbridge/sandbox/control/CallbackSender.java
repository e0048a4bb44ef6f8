package dev.adsbridge.sandbox.control;

import dev.adsbridge.sandbox.http.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends Meta's deauthorize and data-deletion callbacks: a form POST of {@code signed_request} =
 * base64url(HMAC-SHA256(app secret, encoded payload)) + "." + base64url(payload JSON), both unpadded. Only to loopback
 * hosts: the sandbox never sends traffic anywhere else.
 */
final class CallbackSender {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    /** The callback's answer. */
    record Delivery(int status, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Parses and checks a callback URL; IllegalArgumentException (→ 400) for anything not http(s) on loopback. */
    static URI loopbackUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must be http or https");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!LOOPBACK_HOSTS.contains(host)) {
            throw new IllegalArgumentException("url must point at a loopback host (127.0.0.1, localhost or [::1]); "
                    + "the sandbox sends callbacks nowhere else");
        }
        return uri;
    }

    static String signedRequest(String appSecret, Map<String, Object> payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String encodedPayload = b64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = b64.encodeToString(mac.doFinal(encodedPayload.getBytes(StandardCharsets.UTF_8)));
            return signature + "." + encodedPayload;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    Delivery send(URI url, String signedRequest) throws IOException {
        String form = "signed_request=" + URLEncoder.encode(signedRequest, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Delivery(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the callback", e);
        }
    }
}
