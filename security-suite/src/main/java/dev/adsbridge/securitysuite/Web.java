package dev.adsbridge.securitysuite;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like HTTP client for one visitor of the console: keeps cookies, follows redirects (or not), submits forms
 * with the console's CSRF token, and calls the REST API with its session or with an API key.
 */
final class Web {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w[\\w-]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern FORM_ACTION =
            Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /** One HTTP answer: where it ended, status, body, headers (lower-case names, values joined), how long it took. */
    record Answer(URI uri, int status, String body, Map<String, List<String>> headers, long millis) {

        String path() {
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : String.join(",", values);
        }

        List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }

        JsonNode json() {
            return body.startsWith("{") || body.startsWith("[") ? JSON.readTree(body) : JSON.createObjectNode();
        }

        Optional<String> input(String name) {
            return Optional.ofNullable(inputs().get(name));
        }

        Map<String, String> inputs() {
            Map<String, String> inputs = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(body);
            while (input.find()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                Matcher attribute = ATTRIBUTE.matcher(input.group(1));
                while (attribute.find()) {
                    attributes.put(attribute.group(1).toLowerCase(), unescape(attribute.group(2)));
                }
                String name = attributes.get("name");
                String type = attributes.getOrDefault("type", "text").toLowerCase();
                if (name == null || type.equals("submit")
                        || type.equals("checkbox") && !input.group(1).matches("(?s).*\\bchecked\\b.*")) {
                    continue;
                }
                inputs.putIfAbsent(name, attributes.getOrDefault("value", ""));
            }
            return inputs;
        }

        String formAction() {
            Matcher matcher = FORM_ACTION.matcher(body);
            if (!matcher.find()) {
                throw new IllegalStateException("no form on " + uri + ": " + Report.shorten(body));
            }
            return unescape(matcher.group(1));
        }

        @Override
        public String toString() {
            return status + " " + uri;
        }
    }

    private final String base;
    private final HttpClient follow;
    private final HttpClient once;
    private final Map<String, String> extraHeaders = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(60);

    Web(String base) {
        this.base = base;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        follow = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        once = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    String base() {
        return base;
    }

    /** A header sent with every request of this visitor (e.g. X-Forwarded-Proto). */
    Web header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    Web timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    Answer get(String pathOrUrl) {
        return send(follow, HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    Answer getOnce(String pathOrUrl) {
        return send(once, HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    String csrf() {
        Answer page = get("/signin");
        return page.input("_csrf").orElseThrow(() -> new IllegalStateException("no CSRF token on " + page));
    }

    /** POSTs a console form with a fresh CSRF token, following redirects. */
    Answer post(String path, Map<String, String> fields) {
        return form(follow, path, withCsrf(fields));
    }

    Answer postOnce(String path, Map<String, String> fields) {
        return form(once, path, withCsrf(fields));
    }

    /** POSTs a console form whose fields may repeat (checkboxes), with a fresh CSRF token, following redirects. */
    Answer postPairs(String path, List<String[]> fields) {
        StringBuilder body = new StringBuilder("_csrf=" + enc(csrf()));
        fields.forEach(f -> body.append('&').append(enc(f[0])).append('=').append(enc(f[1])));
        return send(follow, HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Answer postRaw(String pathOrUrl, Map<String, String> fields) {
        return form(follow, pathOrUrl, fields);
    }

    Answer postRawOnce(String pathOrUrl, Map<String, String> fields) {
        return form(once, pathOrUrl, fields);
    }

    /** The REST API with this visitor's session (CSRF headers on writes); {@code json} may be null. */
    Answer api(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (!method.equals("GET")) {
            String token = csrf();
            request.header("X-CSRF-TOKEN", token).header("X-XSRF-TOKEN", token);
        }
        return send(once, request);
    }

    /** The REST API with an API key (no cookies are involved: the key alone authenticates). */
    Answer withKey(String key, String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        return send(once, request);
    }

    /** Any request, as built by the caller, without following redirects. */
    Answer raw(HttpRequest.Builder request) {
        return send(once, request);
    }

    Answer signUp(String company, String name, String email, String password) {
        return post("/signup", Map.of("company", company, "name", name, "email", email, "password", password));
    }

    Answer signIn(String email, String password) {
        return post("/signin", Map.of("email", email, "password", password));
    }

    private Map<String, String> withCsrf(Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf());
        return all;
    }

    private Answer form(HttpClient http, String pathOrUrl, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(http, HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(HttpClient http, HttpRequest.Builder request) {
        extraHeaders.forEach(request::header);
        long start = System.nanoTime();
        try {
            HttpRequest built = request.timeout(timeout).build();
            if (built.headers().firstValue("Accept").isEmpty()) {
                built = HttpRequest.newBuilder(built, (n, v) -> true)
                        .header("Accept", "text/html,application/json,*/*;q=0.8").build();
            }
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), v));
            return new Answer(response.uri(), response.statusCode(), response.body(), headers,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIO(e, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An I/O failure (timeout, refused connection), with how long it took to fail. */
    static final class UncheckedIO extends RuntimeException {
        final long millis;

        UncheckedIO(IOException cause, long millis) {
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
            this.millis = millis;
        }
    }

    /**
     * A POST over a plain socket that reads the answer while the body is still going out: a server that refuses a big
     * body early (413, then closing) is seen answering, where an HTTP client would only report a broken connection.
     * Returns the status line's code, or -1 with no answer at all.
     */
    static int rawPost(int port, String path, Map<String, String> headers, byte[] head, long bodyLength,
            byte[] tail, Duration limit) {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) limit.toMillis());
            StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Length: " + (head.length + bodyLength + tail.length) + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            java.util.concurrent.CompletableFuture<Integer> status = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.ISO_8859_1));
                            String line = in.readLine();
                            return line == null ? -1 : Integer.parseInt(line.split(" ")[1]);
                        } catch (IOException | RuntimeException e) {
                            return -1;
                        }
                    });
            try {
                java.io.OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(head);
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'x');
                for (long sent = 0; sent < bodyLength && !status.isDone(); sent += chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, bodyLength - sent));
                }
                if (!status.isDone()) {
                    out.write(tail);
                    out.flush();
                }
            } catch (IOException e) {
                // the server stopped reading: its answer (if any) is what counts
            }
            return status.get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    /** An HTTP/1.1 answer read off a plain socket: status, header lines as sent, body. */
    record RawAnswer(int status, String head, String body) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + Report.shorten(body);
        }
    }

    /**
     * One request written as is to a plain socket (so headers an HTTP client will not send, such as a foreign
     * {@code Host}, go out unchanged) with {@code Connection: close}; the answer read to the end. Status -1: none.
     */
    static RawAnswer rawRequest(int port, String method, String target, Map<String, String> headers, String body,
            Duration limit) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Host"))) {
            request.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) limit.toMillis());
            java.io.OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String rest = end < 0 ? "" : answer.substring(end + 4);
            String[] status = head.split(" ", 3);
            return new RawAnswer(status.length > 1 ? Integer.parseInt(status[1]) : -1, head, rest);
        } catch (IOException | RuntimeException e) {
            return new RawAnswer(-1, "", String.valueOf(e));
        }
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }
}
