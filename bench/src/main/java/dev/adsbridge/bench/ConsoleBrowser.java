package dev.adsbridge.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark's browser: keeps the console's session cookie, follows redirects (across the console and the sandbox's
 * login dialog), submits forms with the console's CSRF token, and issues API reads as the pages' scripts do
 * ({@code Accept: application/json}, same cookies). HTTP/1.1 with keep-alive, like a browser's connections to one host.
 */
final class ConsoleBrowser {

    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w[\\w-]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern FORM_ACTION =
            Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /** What a request ended with: final URL, status, headers, body bytes. */
    record Answer(URI uri, int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean ok() {
            return status == 200;
        }

        @Override
        public String toString() {
            return status + " " + uri;
        }
    }

    private final String base;
    private final HttpClient http;

    ConsoleBrowser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A page (HTML), as the browser navigates to it. */
    Answer page(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html,*/*;q=0.8").GET());
    }

    /** An API read, as api.js makes it. */
    Answer read(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
    }

    /** An image, as an {@code <img src>} loads it. */
    Answer image(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "image/*,*/*;q=0.8").GET());
    }

    /** Submits a console form with a CSRF token taken from {@code formPage} (a page that renders one). */
    Answer submit(String formPage, String path, Map<String, String> fields) {
        Answer form = page(formPage);
        String token = inputs(form.text()).get("_csrf");
        if (token == null) {
            throw new IllegalStateException("no CSRF token on " + form);
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", token);
        return postForm(path, all);
    }

    /**
     * A JSON request to the REST API as the pages' script sends it: for writes with the CSRF token of the session
     * (read from {@code csrfPage}) in {@code X-CSRF-TOKEN}; {@code headers} added (e.g. {@code Idempotency-Key}).
     */
    Answer json(String method, String path, String body, String csrfPage, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (csrfPage != null) {
            String token = inputs(page(csrfPage).text()).get("_csrf");
            if (token == null) {
                throw new IllegalStateException("no CSRF token on " + csrfPage);
            }
            request.header("X-CSRF-TOKEN", token);
        }
        headers.forEach(request::header);
        return send(request);
    }

    /** POSTs exactly these form fields (e.g. the sandbox's consent form), following redirects. */
    Answer postForm(String pathOrUrl, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html,*/*;q=0.8")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.uri(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    /** Every named input a browser would submit: hidden and text inputs, and checked checkboxes. */
    static Map<String, String> inputs(String html) {
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1).toLowerCase(), unescape(attribute.group(2)));
            }
            String name = attributes.get("name");
            String type = attributes.getOrDefault("type", "text").toLowerCase();
            if (name == null || type.equals("submit")
                    || (type.equals("checkbox") && !input.group(1).matches("(?s).*\\bchecked\\b.*"))) {
                continue;
            }
            inputs.putIfAbsent(name, attributes.getOrDefault("value", ""));
        }
        return inputs;
    }

    static String formAction(Answer page) {
        Matcher matcher = FORM_ACTION.matcher(page.text());
        if (!matcher.find()) {
            throw new IllegalStateException("no form on " + page);
        }
        return page.uri().resolve(unescape(matcher.group(1))).toString();
    }

    private static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }
}
