package dev.adsbridge.graph;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * Thread-safe client for Meta's Graph / Marketing API. Create one per configuration and share it: it holds one
 * HTTP transport (the JDK's {@code HttpURLConnection} with its keep-alive pool, or the {@link HttpClient} given in
 * {@link GraphConfig}) and no per-call state.
 *
 * <p>Every call takes the caller's access token, which is sent only as {@code Authorization: Bearer …} (never in a URL
 * or body), plus {@code appsecret_proof} when the app secret is configured. Paths are relative to the version root:
 * {@code "me/adaccounts"}, {@code "act_1/campaigns"}, {@code "12345"} (a leading slash is tolerated, and a query in the
 * path is merged with {@code params}, explicit params winning).
 *
 * <p>Failures throw {@link GraphException}; branch on {@link GraphException#category()}. Safe reads (GET) are retried
 * per {@link RetryPolicy} for transient failures and rate limits whose wait fits the budget; POST, DELETE and batch
 * calls are never retried, since a repeated create can duplicate an object. A write that fails with a network error
 * (category {@code TRANSIENT}, code {@link GraphError#NETWORK_ERROR_CODE}) may still have taken effect: read before
 * writing again.
 */
public final class GraphClient {

    private static final Logger log = LoggerFactory.getLogger(GraphClient.class);

    /** Meta's hard limit on operations per batch call. */
    public static final int MAX_BATCH_SIZE = 50;

    private static final Pattern VERSION_PREFIX = Pattern.compile("v\\d+\\.\\d+(/.*)?");
    private static final Set<String> RESERVED_PARAMS = Set.of("access_token");
    // fetchAll stops after this many pages in a row without items, in case a server keeps answering empty pages.
    private static final int MAX_EMPTY_PAGES_IN_A_ROW = 3;

    private final GraphConfig config;
    private final HttpTransport http;
    private final Sleeper sleeper;
    private final InstantSource clock;
    private final RetryDecider retries;

    private GraphClient(Builder builder) {
        this.config = builder.config;
        this.http = builder.config.httpClient() != null
                ? HttpTransport.of(builder.config.httpClient(), builder.config.requestTimeout())
                : HttpTransport.urlConnection(builder.config.connectTimeout(), builder.config.requestTimeout());
        this.sleeper = builder.sleeper;
        this.clock = builder.clock;
        this.retries = new RetryDecider(builder.config.retryPolicy(), builder.jitter);
    }

    /** A client with real time and real sleeping. */
    public static GraphClient create(GraphConfig config) {
        return builder(config).build();
    }

    /** For injecting a {@link Sleeper} and clock (tests); everything else lives in {@link GraphConfig}. */
    public static Builder builder(GraphConfig config) {
        return new Builder(config);
    }

    public GraphConfig config() {
        return config;
    }

    /** {@code GET {path}?{params}}. Retried per the retry policy. */
    public GraphResponse<JsonNode> get(String accessToken, String path, Map<String, String> params) {
        return execute(Call.authorized("GET", accessToken, path, params).retryable());
    }

    /**
     * {@code GET {path}?{params}} revalidating an earlier answer: sends {@code If-None-Match: {etag}}, and Meta
     * answers {@code 304 Not Modified} (see {@link GraphResponse#notModified()}, with no body) while the answer is
     * unchanged, or the new answer with its new ETag. Retried per the retry policy.
     */
    public GraphResponse<JsonNode> getIfNoneMatch(String accessToken, String path, Map<String, String> params,
            String etag) {
        return execute(Call.authorized("GET", accessToken, path, params).retryable().ifNoneMatch(etag));
    }

    /** {@code POST {path}} with the params as a form body. Never retried. */
    public GraphResponse<JsonNode> post(String accessToken, String path, Map<String, String> params) {
        return execute(Call.authorized("POST", accessToken, path, params));
    }

    /** {@code POST {path}} as {@code multipart/form-data}: the params as text fields plus the files. Never retried. */
    public GraphResponse<JsonNode> postMultipart(
            String accessToken, String path, Map<String, String> params, List<FilePart> files) {
        Objects.requireNonNull(files, "files");
        return execute(Call.authorized("POST", accessToken, path, params).withFiles(files));
    }

    /** {@code DELETE {path}?{params}}. Never retried. */
    public GraphResponse<JsonNode> delete(String accessToken, String path, Map<String, String> params) {
        return execute(Call.authorized("DELETE", accessToken, path, params));
    }

    /**
     * One page of an edge. Pass {@link Page#nextCursor()} back as the {@code after} param for the next one.
     *
     * @throws IllegalStateException when the path answers a single node instead of a list
     */
    public Page<JsonNode> getPage(String accessToken, String path, Map<String, String> params) {
        GraphResponse<JsonNode> response = get(accessToken, path, params);
        return Page.fromBody(path, response.body(), response.usage());
    }

    /**
     * All items of an edge, following {@code after} cursors until Meta sends no {@code next} link or {@code cap} items
     * are collected. Set {@code limit} in the params to choose the page size.
     *
     * @param cap the most items to return (at least 1); guards against unbounded walks
     */
    public List<JsonNode> fetchAll(String accessToken, String path, Map<String, String> params, int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, was " + cap);
        }
        Map<String, String> pageParams = new LinkedHashMap<>(params == null ? Map.of() : params);
        List<JsonNode> items = new ArrayList<>();
        Set<String> seenCursors = new HashSet<>();
        int emptyPagesInARow = 0;
        while (true) {
            Page<JsonNode> page = getPage(accessToken, path, pageParams);
            for (JsonNode item : page.data()) {
                if (items.size() == cap) {
                    break;
                }
                items.add(item);
            }
            emptyPagesInARow = page.data().isEmpty() ? emptyPagesInARow + 1 : 0;
            if (items.size() >= cap || !page.hasNext() || emptyPagesInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
                return List.copyOf(items);
            }
            String cursor = page.nextCursor().orElseThrow();
            if (!seenCursors.add(cursor)) {
                log.debug("GET {} repeated a paging cursor; stopping after {} items", logPath(path), items.size());
                return List.copyOf(items);
            }
            pageParams.put("after", cursor);
        }
    }

    /**
     * Runs up to {@value #MAX_BATCH_SIZE} operations in one {@code POST} to the version root. Each operation counts
     * toward rate limits on its own. Never retried as a whole; re-send the results that did not run if needed.
     *
     * @return one result per request, in request order
     * @throws IllegalArgumentException when the list is empty or longer than {@value #MAX_BATCH_SIZE}
     */
    public List<BatchResult> batch(String accessToken, List<BatchRequest> requests) {
        Objects.requireNonNull(requests, "requests");
        if (requests.isEmpty() || requests.size() > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "a batch takes 1 to " + MAX_BATCH_SIZE + " requests, got " + requests.size());
        }
        ArrayNode operations = Json.MAPPER.createArrayNode();
        for (BatchRequest request : requests) {
            operations.add(Objects.requireNonNull(request, "batch request").toJson());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("batch", operations.toString());
        params.put("include_headers", "true");
        GraphResponse<JsonNode> response = execute(Call.authorized("POST", accessToken, "", params));
        JsonNode answers = response.body();
        if (!answers.isArray()) {
            throw new IllegalStateException("batch answer was not a JSON array");
        }
        Redactor redactor = redactorFor(accessToken, List.of());
        List<BatchResult> results = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            JsonNode answer = answers.path(i);
            results.add(answer.isObject() ? batchResult(i, answer, redactor) : BatchResult.notRun(i));
        }
        return List.copyOf(results);
    }

    private static BatchResult batchResult(int index, JsonNode answer, Redactor redactor) {
        int code = answer.path("code").asInt(0);
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode header : answer.path("headers")) {
            String name = Json.text(header, "name");
            String value = Json.text(header, "value");
            if (name != null && value != null) {
                headers.putIfAbsent(name, value);
            }
        }
        JsonNode rawBody = answer.path("body");
        JsonNode body = rawBody.isString()
                ? Json.tryParse(rawBody.stringValue()).orElse(StringNode.valueOf(rawBody.stringValue()))
                : rawBody.isMissingNode() ? NullNode.getInstance() : rawBody;
        Optional<GraphError> error = body.path("error").isObject()
                ? Optional.of(GraphError.fromEnvelope(code, body.path("error")).redact(redactor))
                : Optional.empty();
        return new BatchResult(index, true, code, headers, body, error);
    }

    /** Sends one call, repeating it while the retry policy allows. Package-private for {@link MetaOAuth}. */
    GraphResponse<JsonNode> execute(Call call) {
        Instant start = clock.instant();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                return sendOnce(call);
            } catch (GraphException failure) {
                Duration elapsed = Duration.between(start, clock.instant());
                Optional<Duration> wait = retries.delayBeforeNextAttempt(
                        call.retryable, attempts, failure.error(), elapsed);
                if (wait.isEmpty() || Thread.currentThread().isInterrupted()) {
                    throw failure;
                }
                log.debug("{} {} failed ({} code {}), attempt {}/{}; retrying in {} ms", call.method,
                        logPath(call.path), failure.category().wireName(), failure.error().code(), attempts,
                        config.retryPolicy().maxAttempts(), wait.get().toMillis());
                try {
                    sleeper.sleep(wait.get());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    private GraphResponse<JsonNode> sendOnce(Call call) {
        Map<String, String> params = new LinkedHashMap<>(call.params);
        String proof = null;
        if (call.token != null && config.hasAppSecret()) {
            proof = AppSecretProof.compute(config.appSecret(), call.token);
            params.put("appsecret_proof", proof);
        }
        long started = System.nanoTime();
        HttpTransport.Answer response;
        try {
            response = send(call, params);
        } catch (HttpTransport.ConnectTimeout e) {
            throw networkFailure(call, "connect timed out after " + config.connectTimeout().toMillis() + " ms", e);
        } catch (HttpTransport.AnswerTimeout e) {
            throw networkFailure(call, "no complete answer within " + config.requestTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw networkFailure(call, redactorFor(call.token, call.secrets, proof).redact(describe(e)), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw networkFailure(call, "interrupted while waiting for the answer", e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        HttpTransport.HeaderLookup headers = response.header();
        Usage usage = Usage.fromHeaders(headers::first);
        int status = response.status();
        Optional<JsonNode> json = Json.tryParse(response.body());
        if (log.isDebugEnabled()) {
            log.debug("{} {} params={} -> {} in {} ms, max usage {}%", call.method, logPath(call.path),
                    params.keySet(), status, millis, usage.maxUtilizationPercent());
        }

        JsonNode envelope = json.map(body -> body.path("error")).filter(JsonNode::isObject).orElse(null);
        if (envelope != null || status >= 400) {
            GraphError error = envelope != null
                    ? GraphError.fromEnvelope(status, envelope)
                    : GraphError.withoutEnvelope(status, headers.first("x-fb-trace-id").orElse(null));
            // The redactor (and the proof it masks) is only needed when something went wrong.
            error = withRetryHint(error.redact(redactorFor(call.token, call.secrets, proof)), usage, headers);
            throw new GraphException(error, usage);
        }
        JsonNode body = json.orElseGet(() -> response.body().length == 0
                ? NullNode.getInstance()
                : StringNode.valueOf(new String(response.body(), StandardCharsets.UTF_8)));
        return new GraphResponse<>(status, body, usage, keptHeaders(headers));
    }

    private HttpTransport.Answer send(Call call, Map<String, String> params) throws IOException, InterruptedException {
        String url = config.versionRoot() + "/" + QueryStrings.encodePath(call.path);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("User-Agent", config.userAgent());
        if (call.token != null) {
            headers.put("Authorization", "Bearer " + call.token);
        }
        if (call.ifNoneMatch != null) {
            headers.put("If-None-Match", call.ifNoneMatch);
        }
        boolean paramsInQuery = !call.method.equals("POST");
        String query = QueryStrings.encode(params);
        URI uri = URI.create(paramsInQuery && !query.isEmpty() ? url + "?" + query : url);
        if (paramsInQuery) {
            // A DELETE goes with an empty body: a write is never sent twice by the transport.
            return http.send(call.method, uri, headers, call.method.equals("GET") ? null : new byte[0]);
        }
        if (call.multipart) {
            String boundary = "adsbridge-" + UUID.randomUUID();
            headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
            return http.send("POST", uri, headers, multipartBody(boundary, params, call.files));
        }
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return http.send("POST", uri, headers, query.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] multipartBody(String boundary, Map<String, String> fields, List<FilePart> files) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            if (value != null) {
                write(body, "--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"" + quotable(name) + "\"\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + value + "\r\n");
            }
        });
        for (FilePart file : files) {
            write(body, "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"" + file.fieldName() + "\"; filename=\""
                    + file.filename() + "\"\r\n"
                    + "Content-Type: " + file.contentType() + "\r\n\r\n");
            body.writeBytes(file.rawBytes());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String quotable(String name) {
        return name.replace("\"", "%22").replace("\r", "").replace("\n", "");
    }

    /** Adds how long to wait: for rate limits from the usage headers and Retry-After, otherwise from Retry-After. */
    private GraphError withRetryHint(GraphError error, Usage usage, HttpTransport.HeaderLookup headers) {
        Duration wait = retryAfterHeader(headers).orElse(Duration.ZERO);
        if (error.category() == ErrorCategory.RATE_LIMIT) {
            wait = max(wait, usage.regainAccessIn());
            // The error says the account is throttled even when its percentage has not reached 100 yet.
            wait = max(wait, usage.adAccount().map(Usage.AdAccountUsage::resetTimeDuration).orElse(Duration.ZERO));
        }
        return wait.isZero() ? error : error.withRetryAfter(wait);
    }

    private Optional<Duration> retryAfterHeader(HttpTransport.HeaderLookup headers) {
        Optional<String> value = headers.first("retry-after").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(value.get());
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(clock.instant(), at);
                return until.isNegative() || until.isZero() ? Optional.empty() : Optional.of(until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private GraphException networkFailure(Call call, String reason, Exception cause) {
        String message = "Graph API " + call.method + " " + logPath(call.path) + " failed without a response: " + reason;
        return new GraphException(GraphError.networkFailure(message), Usage.none(), cause);
    }

    private static String describe(IOException e) {
        String detail = e.getMessage();
        String name = e.getClass().getSimpleName();
        if (detail == null || detail.isBlank()) {
            return name;
        }
        // JDK messages do not carry URLs today; cut any query anyway so nothing secret slips through.
        return name + ": " + detail.replaceAll("\\?\\S*", "?…");
    }

    private Redactor redactorFor(String token, List<String> secrets) {
        return redactorFor(token, secrets, null);
    }

    /** @param proof the token's appsecret_proof when already computed, else null */
    private Redactor redactorFor(String token, List<String> secrets, String proof) {
        List<String> values = new ArrayList<>(secrets);
        if (token != null) {
            values.add(token);
            if (config.hasAppSecret()) {
                values.add(proof != null ? proof : AppSecretProof.compute(config.appSecret(), token));
            }
        }
        values.add(config.appSecret());
        return Redactor.of(values);
    }

    private String logPath(String path) {
        return "/" + config.apiVersion() + "/" + path;
    }

    private static Map<String, String> keptHeaders(HttpTransport.HeaderLookup headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : GraphResponse.KEPT_HEADERS) {
            headers.first(name).ifPresent(value -> kept.put(name, value));
        }
        return kept;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One prepared call. Package-private so {@link MetaOAuth} can send credential-bearing calls. */
    static final class Call {
        final String method;
        final String token;
        final String path;
        final Map<String, String> params;
        final List<FilePart> files;
        final boolean multipart;
        final boolean retryable;
        final List<String> secrets;
        /** An ETag to revalidate (GET only), or null. */
        final String ifNoneMatch;

        private Call(String method, String token, String path, Map<String, String> params, List<FilePart> files,
                boolean multipart, boolean retryable, List<String> secrets, String ifNoneMatch) {
            this.method = method;
            this.token = token;
            this.path = path;
            this.params = params;
            this.files = files;
            this.multipart = multipart;
            this.retryable = retryable;
            this.secrets = secrets;
            this.ifNoneMatch = ifNoneMatch;
        }

        /** A call carrying the caller's token in the Authorization header. */
        static Call authorized(String method, String token, String path, Map<String, String> params) {
            return new Call(method, requireToken(token), null, Map.of(), List.of(), false, false, List.of(), null)
                    .at(path, params);
        }

        /**
         * A call without an Authorization header whose params hold credentials Meta demands in the query (OAuth code
         * and token exchanges). The secret values are masked in any error text.
         */
        static Call withCredentialParams(String path, Map<String, String> params, List<String> secrets) {
            return new Call("GET", null, null, Map.of(), List.of(), false, false, List.copyOf(secrets), null)
                    .at(path, params);
        }

        /** The same GET, asking Meta to answer 304 while its answer still has this ETag. */
        Call ifNoneMatch(String etag) {
            if (!method.equals("GET")) {
                throw new IllegalArgumentException("only a GET revalidates");
            }
            if (etag == null || etag.isBlank() || etag.length() > 256
                    || etag.chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
                throw new IllegalArgumentException("an ETag is 1 to 256 printable ASCII characters");
            }
            return new Call(method, token, path, params, files, multipart, retryable, secrets, etag);
        }

        Call retryable() {
            return new Call(method, token, path, params, files, multipart, true, secrets, ifNoneMatch);
        }

        /** Values to mask in error text besides the token, the app secret and the proof. */
        Call withSecrets(List<String> newSecrets) {
            return new Call(method, token, path, params, files, multipart, retryable, List.copyOf(newSecrets),
                    ifNoneMatch);
        }

        Call withFiles(List<FilePart> newFiles) {
            return new Call(method, token, path, params, List.copyOf(newFiles), true, retryable, secrets, ifNoneMatch);
        }

        /** Normalises the path and merges any query it holds with the params (params win). */
        private Call at(String rawPath, Map<String, String> rawParams) {
            Objects.requireNonNull(rawPath, "path");
            String cleaned = rawPath.strip();
            int hash = cleaned.indexOf('#');
            if (hash >= 0) {
                cleaned = cleaned.substring(0, hash);
            }
            Map<String, String> merged = new LinkedHashMap<>(QueryStrings.parse(QueryStrings.queryOf(cleaned)));
            int question = cleaned.indexOf('?');
            if (question >= 0) {
                cleaned = cleaned.substring(0, question);
            }
            if (cleaned.contains("://")) {
                throw new IllegalArgumentException("path must be relative to the version root, e.g. act_1/campaigns");
            }
            while (cleaned.startsWith("/")) {
                cleaned = cleaned.substring(1);
            }
            if (VERSION_PREFIX.matcher(cleaned).matches()) {
                // Tolerate paths copied from Meta's links, which start with the version.
                int slash = cleaned.indexOf('/');
                cleaned = slash < 0 ? "" : cleaned.substring(slash + 1);
            }
            if (rawParams != null) {
                rawParams.forEach((name, value) -> {
                    if (value != null) {
                        merged.put(Objects.requireNonNull(name, "param name"), value);
                    }
                });
            }
            for (String reserved : RESERVED_PARAMS) {
                if (merged.containsKey(reserved)) {
                    throw new IllegalArgumentException(reserved + " must not be passed as a parameter: the client sends"
                            + " the token in the Authorization header");
                }
            }
            merged.remove("appsecret_proof");
            return new Call(method, token, cleaned, Collections.unmodifiableMap(merged), files, multipart, retryable,
                    secrets, ifNoneMatch);
        }

        private static String requireToken(String token) {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("an access token is required");
            }
            if (token.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
                throw new IllegalArgumentException("the access token holds characters not allowed in an HTTP header");
            }
            return token;
        }
    }

    /** Test seams; production code uses {@link GraphClient#create}. */
    public static final class Builder {
        private final GraphConfig config;
        private Sleeper sleeper = Sleeper.system();
        private InstantSource clock = InstantSource.system();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(GraphConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** How the client waits between retries. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Time source for the retry budget and {@code Retry-After} dates. */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Source of backoff jitter in [0, 1); package-private so tests can make delays predictable. */
        Builder jitter(DoubleSupplier jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        public GraphClient build() {
            return new GraphClient(this);
        }
    }
}
