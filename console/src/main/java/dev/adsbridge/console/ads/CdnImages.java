package dev.adsbridge.console.ads;

import dev.adsbridge.console.ConsoleProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fetches the bytes of an ad image from the URL Meta gave for it (its CDN), server-side, so the browser never talks to
 * Meta. Only URLs that can be Meta's CDN are fetched: https on a host of {@code adsbridge.console.images.allowed-hosts}
 * ({@code *.fbcdn.net} and {@code *.facebook.com} by default; {@code *.} means any subdomain), or the configured
 * Graph host itself with its own scheme (the sandbox serves its CDN there). No user info in the URL, no redirects
 * followed (a 3xx is a failure, so a CDN answer cannot send the console elsewhere), a timeout, and a size cap counted
 * while the body streams; the answer must be an image by its Content-Type and by its first bytes.
 */
@Component
public class CdnImages {

    private static final String USER_AGENT = "adsbridge-console/0.1 (ad image preview)";

    private final List<String> allowedHosts;
    private final @Nullable URI graph;
    private final int maxBytes;
    private final Duration timeout;
    private final HttpClient http;

    @Autowired
    CdnImages(ConsoleProperties properties,
            @Value("${adsbridge.console.images.allowed-hosts:*.fbcdn.net,*.facebook.com}") String allowedHosts,
            @Value("${adsbridge.console.images.max-bytes:8388608}") int maxBytes,
            @Value("${adsbridge.console.images.timeout:10s}") Duration timeout) {
        this(allowedHosts, properties.meta().graphUrl(), maxBytes, timeout);
    }

    CdnImages(String allowedHosts, @Nullable String graphUrl, int maxBytes, Duration timeout) {
        this.allowedHosts = Arrays.stream(allowedHosts.split(",")).map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
        this.graph = graphUri(graphUrl);
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .build();
    }

    /** Bytes of an image and their content type, as read from the bytes. */
    public record Fetched(byte[] bytes, String contentType) {
    }

    /** Why an image could not be fetched (the URL is not allowed, or the CDN did not answer an image). */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether the console may fetch this URL at all (see the class comment). */
    boolean allowed(String url) {
        return check(url).isPresent();
    }

    /**
     * Fetches an image from an allowed URL.
     *
     * @throws Refused when the URL is not allowed or the answer is not an image within the limits
     */
    Fetched fetch(String url) {
        URI uri = check(url).orElseThrow(() -> new Refused("not an image URL of Meta's CDN"));
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT)
                    .header("Accept", "image/*").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new Refused("the CDN did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new Refused("the CDN answered HTTP " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (!type.startsWith("image/")) {
                throw new Refused("the CDN did not answer an image");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw new Refused("the image is larger than " + maxBytes + " bytes");
            }
            byte[] bytes = readCapped(body);
            String sniffed = AdsReading.sniff(bytes);
            if (!sniffed.startsWith("image/")) {
                throw new Refused("the bytes are not a JPEG, PNG, GIF or WebP image");
            }
            return new Fetched(bytes, sniffed);
        } catch (IOException e) {
            throw new Refused("the CDN's answer broke off (" + e.getClass().getSimpleName() + ")");
        }
    }

    private byte[] readCapped(InputStream body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = body.read(buffer)) != -1) {
            if (out.size() + read > maxBytes) {
                throw new Refused("the image is larger than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private Optional<URI> check(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null || !uri.isAbsolute()) {
            return Optional.empty();
        }
        if (graph != null && scheme.equals(graph.getScheme()) && host.equals(graph.getHost())
                && port(uri) == port(graph)) {
            return Optional.of(uri);
        }
        if (!scheme.equals("https") || uri.getPort() != -1 && uri.getPort() != 443) {
            return Optional.empty();
        }
        for (String allowed : allowedHosts) {
            boolean matches = allowed.startsWith("*.") ? host.endsWith(allowed.substring(1))
                    && host.length() > allowed.length() - 1 : host.equals(allowed);
            if (matches) {
                return Optional.of(uri);
            }
        }
        return Optional.empty();
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static @Nullable URI graphUri(@Nullable String graphUrl) {
        if (graphUrl == null || graphUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(graphUrl.strip());
            return uri.getHost() == null ? null : new URI(uri.getScheme().toLowerCase(Locale.ROOT), null,
                    uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
