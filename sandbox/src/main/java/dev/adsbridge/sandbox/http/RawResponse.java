package dev.adsbridge.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A non-JSON answer from a handler: the login dialog's HTML, a redirect, an image. */
public record RawResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public RawResponse {
        headers = Map.copyOf(headers);
    }

    public static RawResponse html(String html) {
        return new RawResponse(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static RawResponse html(int status, String html) {
        return new RawResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static RawResponse redirect(String location) {
        return new RawResponse(302, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }
}
