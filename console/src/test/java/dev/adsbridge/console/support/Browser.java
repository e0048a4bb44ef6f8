package dev.adsbridge.console.support;

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
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser for tests: keeps cookies, follows redirects (POST → 302 → GET, across the console and the sandbox), submits
 * forms with the console's CSRF token. {@link #signUp} completes sign-up the way a person does: through the
 * confirmation link mailed to the address, read from the console's mail outbox.
 */
public final class Browser {

    private final String base;
    private final HttpClient client;
    private final HttpClient noRedirects;
    private final Function<String, String> signUpLinks;

    /** A browser for a dev-mode console: sign-up links are read from its {@code /dev/mail} page. */
    public Browser(String base) {
        this(base, null);
    }

    /**
     * @param signUpLinks the newest sign-up confirmation link mailed to an address (production consoles in tests keep
     *                    their mail in memory: {@link ConsoleHarness#signUpLink}); null reads {@code /dev/mail}
     */
    public Browser(String base, Function<String, String> signUpLinks) {
        this.base = base;
        this.signUpLinks = signUpLinks != null ? signUpLinks : this::signUpLinkFromDevOutbox;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.noRedirects = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public Page get(String pathOrUrl) {
        return send(client, HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** GET without following redirects. */
    public Page getOnce(String pathOrUrl) {
        return send(noRedirects, HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    /** POSTs a console form, with a fresh CSRF token taken from {@code csrfPage}. */
    public Page post(String path, Map<String, String> fields) {
        return postForm(client, path, withCsrf(fields));
    }

    /** POSTs a console form without following the redirect that answers it. */
    public Page postOnce(String path, Map<String, String> fields) {
        return postForm(noRedirects, path, withCsrf(fields));
    }

    /** POSTs exactly these fields (no CSRF token added), following redirects. */
    public Page postRaw(String pathOrUrl, Map<String, String> fields) {
        return postForm(client, pathOrUrl, fields);
    }

    public Page postRawOnce(String pathOrUrl, Map<String, String> fields) {
        return postForm(noRedirects, pathOrUrl, fields);
    }

    /** POSTs exactly these fields, names repeated as given (checkbox groups), without following the redirect. */
    public Page postFieldsOnce(String pathOrUrl, java.util.List<Map.Entry<String, String>> fields) {
        String body = fields.stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(noRedirects, HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Sends a JSON request to the REST API with this browser's cookies and (for writes) the CSRF token in the headers
     * a page's script would use; {@code body} is JSON text or null.
     */
    public Page api(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!method.equals("GET")) {
            String token = get("/signin").input("_csrf").orElseThrow();
            request.header("X-CSRF-TOKEN", token).header("X-XSRF-TOKEN", token);
        }
        return send(noRedirects, request);
    }

    /**
     * Sends any body to the REST API with this browser's cookies; {@code csrf} adds the CSRF headers a page's script
     * would send (tests of the CSRF rule leave them out).
     */
    public Page api(String method, String path, HttpRequest.BodyPublisher body, String contentType, boolean csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .method(method, body);
        if (csrf) {
            String token = get("/signin").input("_csrf").orElseThrow();
            request.header("X-CSRF-TOKEN", token).header("X-XSRF-TOKEN", token);
        }
        return send(noRedirects, request);
    }

    /**
     * Signs up and, when the console answers "check your inbox", opens the confirmation link mailed to the address and
     * confirms: the answer is then the dashboard, signed in. A refused form (say, a weak password) is returned as is.
     */
    public Page signUp(String company, String name, String email, String password) {
        Page sent = requestSignUp(company, name, email, password);
        if (!sent.path().equals("/signup/sent")) {
            return sent;
        }
        return confirmSignUp(signUpLinks.apply(email));
    }

    /** Only the sign-up form: the answer is "check your inbox" (or the form again, with what is wrong). */
    public Page requestSignUp(String company, String name, String email, String password) {
        return post("/signup", Map.of("company", company, "name", name, "email", email, "password", password));
    }

    /** Opens a sign-up confirmation link and presses its button; a refused link's page is returned as is. */
    public Page confirmSignUp(String link) {
        Page confirmation = get(link);
        if (confirmation.status() != 200) {
            return confirmation;
        }
        return post(link, Map.of());
    }

    private static final Pattern DEV_OUTBOX_MAIL = Pattern.compile("<article.*?</article>", Pattern.DOTALL);
    private static final Pattern CONFIRM_LINK = Pattern.compile("href=\"(http[^\"]*/signup/confirm/[^\"]+)\"");

    private String signUpLinkFromDevOutbox(String email) {
        Page outbox = get("/dev/mail");
        Matcher mail = DEV_OUTBOX_MAIL.matcher(outbox.body());
        while (mail.find()) { // newest first
            if (mail.group().contains(">" + email + "<")) {
                Matcher link = CONFIRM_LINK.matcher(mail.group());
                if (link.find()) {
                    return link.group(1).replace("&amp;", "&");
                }
            }
        }
        throw new AssertionError("no sign-up link for " + email + " in the dev outbox: " + outbox);
    }

    public Page signIn(String email, String password) {
        return post("/signin", Map.of("email", email, "password", password));
    }

    private Map<String, String> withCsrf(Map<String, String> fields) {
        Page page = get("/signin");
        String token = page.input("_csrf").orElseThrow(() -> new AssertionError("no CSRF token on " + page));
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", token);
        return all;
    }

    private Page postForm(HttpClient http, String pathOrUrl, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(http, HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page send(HttpClient http, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60))
                            .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            return new Page(response.uri(), response.statusCode(), response.body(), headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
