package dev.adsbridge.graph;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how {@link GraphClient} talks to Meta. Build one with {@link #builder()}; every setting has a safe default,
 * so {@code GraphConfig.builder().appId(id).appSecret(secret).build()} is a complete production configuration.
 *
 * <p>Point {@code graphUrl} and {@code loginUrl} at the sandbox's base URL to talk to the local fake instead of Meta.
 * {@link #toString()} never prints the app secret.
 *
 * @param graphUrl       Graph API host, without version ({@code https://graph.facebook.com})
 * @param loginUrl       host serving the OAuth login dialog ({@code https://www.facebook.com})
 * @param apiVersion     Graph API version path segment, e.g. {@code v25.0}
 * @param appId          Meta app id; needed only for OAuth ({@link MetaOAuth}); may be null
 * @param appSecret      Meta app secret; when set, every call carries {@code appsecret_proof}; may be null
 * @param connectTimeout TCP/TLS connect timeout (ignored when {@code httpClient} is supplied: it is a client property)
 * @param requestTimeout how long one HTTP exchange may wait for the answer (with the default transport: for the answer
 *                       to start and for each further read of it)
 * @param retryPolicy    retries for safe reads
 * @param userAgent      sent as {@code User-Agent}
 * @param httpClient     an existing client to share; null (the default) lets {@link GraphClient} use the JDK's
 *                       {@code HttpURLConnection} (HTTP/1.1 keep-alive, no redirects), which costs less CPU per call
 */
public record GraphConfig(
        String graphUrl,
        String loginUrl,
        String apiVersion,
        String appId,
        String appSecret,
        Duration connectTimeout,
        Duration requestTimeout,
        RetryPolicy retryPolicy,
        String userAgent,
        HttpClient httpClient) {

    public static final String DEFAULT_GRAPH_URL = "https://graph.facebook.com";
    public static final String DEFAULT_LOGIN_URL = "https://www.facebook.com";
    /** v24.0 is already dead for the Marketing API; v25.0 works until 2027-02-23. */
    public static final String DEFAULT_API_VERSION = "v25.0";
    public static final String DEFAULT_USER_AGENT = "adsbridge-graph/0.1";

    private static final Pattern API_VERSION = Pattern.compile("v\\d+\\.\\d+");

    public GraphConfig {
        graphUrl = normalizeBaseUrl(graphUrl, "graphUrl");
        loginUrl = normalizeBaseUrl(loginUrl, "loginUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
        if (!API_VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException("apiVersion must look like v25.0, was '" + apiVersion + "'");
        }
        appId = blankToNull(appId);
        appSecret = blankToNull(appSecret);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("userAgent must be non-blank printable text");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults: real Meta hosts, no app credentials. */
    public static GraphConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder()
                .graphUrl(graphUrl)
                .loginUrl(loginUrl)
                .apiVersion(apiVersion)
                .appId(appId)
                .appSecret(appSecret)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .retryPolicy(retryPolicy)
                .userAgent(userAgent)
                .httpClient(httpClient);
    }

    /** Whether calls carry {@code appsecret_proof}. */
    public boolean hasAppSecret() {
        return appSecret != null;
    }

    /** {@code {graphUrl}/{apiVersion}}: the root every Graph path is relative to. */
    public String versionRoot() {
        return graphUrl + "/" + apiVersion;
    }

    @Override
    public String toString() {
        return "GraphConfig[graphUrl=" + graphUrl
                + ", loginUrl=" + loginUrl
                + ", apiVersion=" + apiVersion
                + ", appId=" + appId
                + ", appSecret=" + (appSecret == null ? "null" : "***")
                + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout
                + ", retryPolicy=" + retryPolicy
                + ", userAgent=" + userAgent
                + ", httpClient=" + (httpClient == null ? "own" : "shared")
                + "]";
    }

    private static String normalizeBaseUrl(String url, String name) {
        Objects.requireNonNull(url, name);
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: '" + url + "'");
        }
        String scheme = uri.getScheme();
        if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, was '" + url + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must not carry a query or fragment, was '" + url + "'");
        }
        return trimmed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Mutable, single-use builder; {@link #build()} validates. */
    public static final class Builder {
        private String graphUrl = DEFAULT_GRAPH_URL;
        private String loginUrl = DEFAULT_LOGIN_URL;
        private String apiVersion = DEFAULT_API_VERSION;
        private String appId;
        private String appSecret;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private String userAgent = DEFAULT_USER_AGENT;
        private HttpClient httpClient;

        private Builder() {
        }

        public Builder graphUrl(String graphUrl) {
            this.graphUrl = graphUrl;
            return this;
        }

        public Builder loginUrl(String loginUrl) {
            this.loginUrl = loginUrl;
            return this;
        }

        /** Sets both {@code graphUrl} and {@code loginUrl}, as the sandbox serves both from one base URL. */
        public Builder baseUrl(String baseUrl) {
            this.graphUrl = baseUrl;
            this.loginUrl = baseUrl;
            return this;
        }

        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        public Builder appSecret(String appSecret) {
            this.appSecret = appSecret;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public GraphConfig build() {
            return new GraphConfig(graphUrl, loginUrl, apiVersion, appId, appSecret, connectTimeout, requestTimeout,
                    retryPolicy, userAgent, httpClient);
        }
    }
}
