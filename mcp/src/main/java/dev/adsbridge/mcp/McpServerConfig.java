package dev.adsbridge.mcp;

import dev.adsbridge.graph.GraphConfig;
import dev.adsbridge.graph.RetryPolicy;
import dev.adsbridge.mcp.inventory.Toolset;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that shapes one Meta Ads MCP server. Build it with {@link #builder()}; every setting has a safe default
 * (loopback, port 8081, the real Graph host, every toolset available and the default ones listed, read-write).
 * {@link #toString()} masks the secrets.
 *
 * @param host            interface to bind; loopback by default
 * @param port            TCP port; 0 picks a free one ({@link MetaAdsMcpServer#start()} returns the bound port)
 * @param graphUrl        Graph API host without version, e.g. {@code https://graph.facebook.com} or the sandbox's
 *                        base URL
 * @param apiVersion      Graph API version, e.g. {@code v25.0}
 * @param appSecret       Meta app secret; when set, every Graph call carries {@code appsecret_proof}; may be null
 * @param toolsets        toolsets the server offers at most: a request ({@code X-MCP-Toolsets}, {@code /mcp/x/…}) may
 *                        pick any of them, never another
 * @param defaultToolsets toolsets listed to a request that names none; a subset of {@code toolsets}. Without a
 *                        configured toolset list, every toolset is available and {@link Toolset#defaults()} listed;
 *                        a configured list is both
 * @param readOnly        hide every tool that writes
 * @param serverKey       optional shared secret: every /mcp request must send it as {@code X-MCP-Server-Key};
 *                        may be null
 * @param allowedHosts    extra values accepted in the {@code Host} header ({@code name} or {@code name:port} or
 *                        {@code name:*}); on loopback the bound port's localhost names are always allowed
 * @param allowedOrigins  extra values accepted in the {@code Origin} header (browsers); localhost origins are always
 *                        allowed
 * @param requestTimeout  timeout of one Graph call and of one MCP request
 * @param retryPolicy     retries of safe Graph reads (GET); writes are never retried
 * @param maxRequestBytes largest accepted JSON-RPC request body
 */
public record McpServerConfig(
        String host,
        int port,
        String graphUrl,
        String apiVersion,
        String appSecret,
        Set<Toolset> toolsets,
        Set<Toolset> defaultToolsets,
        boolean readOnly,
        String serverKey,
        List<String> allowedHosts,
        List<String> allowedOrigins,
        Duration requestTimeout,
        RetryPolicy retryPolicy,
        int maxRequestBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    public McpServerConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, was " + port);
        }
        Objects.requireNonNull(graphUrl, "graphUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
        appSecret = blankToNull(appSecret);
        toolsets = toolsets == null || toolsets.isEmpty() ? Set.copyOf(EnumSet.allOf(Toolset.class))
                : Set.copyOf(toolsets);
        Set<Toolset> available = toolsets;
        defaultToolsets = defaultToolsets == null || defaultToolsets.isEmpty()
                ? Set.copyOf(Toolset.defaults().stream().filter(available::contains).toList())
                : Set.copyOf(defaultToolsets);
        if (!toolsets.containsAll(defaultToolsets)) {
            throw new IllegalArgumentException("default toolsets " + Toolset.names(defaultToolsets)
                    + " must be among the available ones " + Toolset.names(toolsets));
        }
        serverKey = blankToNull(serverKey);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
        }
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024, was " + maxRequestBytes);
        }
        // Fails fast on a malformed Graph URL or version rather than on the first tool call.
        graphConfig(graphUrl, apiVersion, appSecret, requestTimeout, retryPolicy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults: loopback:8081, the real Graph host, every toolset available, the default ones listed. */
    public static McpServerConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host).port(port).graphUrl(graphUrl).apiVersion(apiVersion).appSecret(appSecret)
                .toolsets(toolsets).defaultToolsets(defaultToolsets).readOnly(readOnly).serverKey(serverKey).allowedHosts(allowedHosts)
                .allowedOrigins(allowedOrigins).requestTimeout(requestTimeout).retryPolicy(retryPolicy)
                .maxRequestBytes(maxRequestBytes);
    }

    /** The Graph client configuration this server uses. */
    public GraphConfig graphConfig() {
        return graphConfig(graphUrl, apiVersion, appSecret, requestTimeout, retryPolicy);
    }

    private static GraphConfig graphConfig(String graphUrl, String apiVersion, String appSecret,
                                           Duration requestTimeout, RetryPolicy retryPolicy) {
        return GraphConfig.builder()
                .graphUrl(graphUrl)
                .apiVersion(apiVersion)
                .appSecret(appSecret)
                .requestTimeout(requestTimeout)
                .retryPolicy(retryPolicy)
                .userAgent("adsbridge-mcp/0.1")
                .build();
    }

    /** Whether {@link #host()} is a loopback interface (then DNS-rebinding protection allows only localhost names). */
    public boolean bindsLoopback() {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "McpServerConfig[host=" + host + ", port=" + port + ", graphUrl=" + graphUrl + ", apiVersion="
                + apiVersion + ", appSecret=" + (appSecret == null ? "null" : "***") + ", toolsets="
                + Toolset.names(toolsets) + ", defaultToolsets=" + Toolset.names(defaultToolsets)
                + ", readOnly=" + readOnly + ", serverKey=" + (serverKey == null ? "null" : "***") + ", allowedHosts="
                + allowedHosts + ", allowedOrigins=" + allowedOrigins + ", requestTimeout=" + requestTimeout
                + ", retryPolicy=" + retryPolicy + ", maxRequestBytes=" + maxRequestBytes + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Mutable, single-use builder; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String graphUrl = GraphConfig.DEFAULT_GRAPH_URL;
        private String apiVersion = GraphConfig.DEFAULT_API_VERSION;
        private String appSecret;
        private Set<Toolset> toolsets;
        private Set<Toolset> defaultToolsets;
        private boolean readOnly;
        private String serverKey;
        private List<String> allowedHosts = new ArrayList<>();
        private List<String> allowedOrigins = new ArrayList<>();
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Graph host without version; a trailing version segment ({@code …/v25.0}) becomes the API version. */
        public Builder graphUrl(String graphUrl) {
            String url = graphUrl == null ? null : graphUrl.strip();
            if (url != null) {
                while (url.endsWith("/")) {
                    url = url.substring(0, url.length() - 1);
                }
                int slash = url.lastIndexOf('/');
                if (slash > url.indexOf("//") + 1 && url.substring(slash + 1).matches("v\\d+\\.\\d+")) {
                    this.apiVersion = url.substring(slash + 1);
                    url = url.substring(0, slash);
                }
            }
            this.graphUrl = url;
            return this;
        }

        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        public Builder appSecret(String appSecret) {
            this.appSecret = appSecret;
            return this;
        }

        /**
         * The toolsets this server offers, and lists by default; null or empty: every toolset available, the
         * default ones listed.
         */
        public Builder toolsets(Set<Toolset> toolsets) {
            this.toolsets = toolsets == null || toolsets.isEmpty() ? null : EnumSet.copyOf(toolsets);
            this.defaultToolsets = this.toolsets;
            return this;
        }

        /**
         * Comma-separated toolset names, {@code all} or {@code default}; blank: every toolset available, the
         * default ones listed.
         *
         * @throws IllegalArgumentException for an unknown name (the message lists the known ones)
         */
        public Builder toolsets(String names) {
            return toolsets(names == null || names.isBlank() ? null : Toolset.parse(names));
        }

        /** The toolsets listed to a request that names none (after {@link #toolsets}; must be among them). */
        public Builder defaultToolsets(Set<Toolset> defaultToolsets) {
            this.defaultToolsets = defaultToolsets == null || defaultToolsets.isEmpty() ? null
                    : EnumSet.copyOf(defaultToolsets);
            return this;
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder serverKey(String serverKey) {
            this.serverKey = serverKey;
            return this;
        }

        public Builder allowedHosts(List<String> allowedHosts) {
            this.allowedHosts = new ArrayList<>(allowedHosts == null ? List.of() : allowedHosts);
            return this;
        }

        public Builder allowedHost(String allowedHost) {
            this.allowedHosts.add(allowedHost);
            return this;
        }

        public Builder allowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = new ArrayList<>(allowedOrigins == null ? List.of() : allowedOrigins);
            return this;
        }

        public Builder allowedOrigin(String allowedOrigin) {
            this.allowedOrigins.add(allowedOrigin);
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

        public Builder maxRequestBytes(int maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        public McpServerConfig build() {
            return new McpServerConfig(host, port, graphUrl, apiVersion, appSecret, toolsets, defaultToolsets,
                    readOnly, serverKey,
                    allowedHosts, allowedOrigins, requestTimeout, retryPolicy, maxRequestBytes);
        }
    }
}
