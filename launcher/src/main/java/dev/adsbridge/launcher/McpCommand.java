package dev.adsbridge.launcher;

import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.mcp.McpStdioServer;
import dev.adsbridge.mcp.MetaAdsMcpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code mcp}: the stateless Meta Ads MCP server, over streamable HTTP or stdio. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Start the Meta Ads MCP server: streamable HTTP at /mcp (and /mcp/), or stdio with --stdio.",
                "Over HTTP every tool call carries the caller's Meta token (Authorization: Bearer, X-META-ACCESS-TOKEN"
                        + " or the access_token argument); the server never uses a token of its own.",
                "Over stdio the token comes from META_ACCESS_TOKEN."})
final class McpCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:MCP_PORT:-8081}", description = "HTTP port (0 = any free port). Env MCP_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "${env:MCP_HOST:-127.0.0.1}", description = "Interface to bind. Env MCP_HOST. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--graph-url", defaultValue = "${env:META_GRAPH_URL:-https://graph.facebook.com}", description = "Graph API host. Env META_GRAPH_URL. Default: ${DEFAULT-VALUE}")
    String graphUrl;

    @Option(names = "--api-version", defaultValue = "${env:META_API_VERSION:-}", description = "Graph API version, e.g. v25.0 (default: the version in --graph-url, else v25.0). Env META_API_VERSION.")
    String apiVersion;

    @Option(names = "--toolsets", defaultValue = "${env:MCP_TOOLSETS:-}", description = "Comma-separated toolsets to serve and list (default: every toolset callable, the default ones listed: accounts, campaigns, adsets, ads, insights; a request picks others with X-MCP-Toolsets or /mcp/x/{toolsets}). Env MCP_TOOLSETS.")
    String toolsets;

    @Option(names = "--read-only", defaultValue = "${env:MCP_READ_ONLY:-false}", description = "Serve only read tools. Env MCP_READ_ONLY.")
    boolean readOnly;

    @Option(names = "--allowed-host", split = ",", description = "Extra Host header values to accept (DNS-rebinding protection), e.g. mcp.example.com. Env MCP_ALLOWED_HOSTS.")
    List<String> allowedHosts;

    @Option(names = "--allowed-origin", split = ",", description = "Browser Origins to accept. Env MCP_ALLOWED_ORIGINS.")
    List<String> allowedOrigins;

    @Option(names = "--shutdown-timeout", defaultValue = "${env:MCP_SHUTDOWN_TIMEOUT:-20}", description = "On SIGTERM, seconds to let requests in flight finish. Env MCP_SHUTDOWN_TIMEOUT. Default: ${DEFAULT-VALUE}")
    int shutdownTimeoutSeconds;

    @Option(names = "--drain-delay", defaultValue = "${env:MCP_DRAIN_DELAY:-0}", description = "On SIGTERM, seconds to answer /readyz with 503 before closing the port (for load balancers that poll it). Env MCP_DRAIN_DELAY. Default: ${DEFAULT-VALUE}")
    int drainDelaySeconds;

    @Option(names = "--stdio", description = "Speak MCP over stdin/stdout for desktop agents (token from META_ACCESS_TOKEN).")
    boolean stdio;

    @Override
    public Integer call() throws InterruptedException {
        McpServerConfig config = config();
        if (stdio) {
            McpStdioServer.run(config);
            return 0;
        }
        if (shutdownTimeoutSeconds < 0 || drainDelaySeconds < 0) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--shutdown-timeout and --drain-delay must not be negative");
        }
        MetaAdsMcpServer server = MetaAdsMcpServer.create(config)
                .stopTimeout(java.time.Duration.ofSeconds(shutdownTimeoutSeconds));
        server.start();
        System.out.println("Meta Ads MCP server running");
        System.out.println("  MCP endpoint   " + server.endpoint());
        System.out.println("  Graph API      " + config.graphUrl() + "/" + config.apiVersion());
        System.out.println("  Health         " + server.baseUrl() + "/healthz   Metrics " + server.baseUrl() + "/metrics");
        System.out.println("  Readiness      " + server.baseUrl() + "/readyz (503 while stopping)");
        java.time.Duration drain = java.time.Duration.ofSeconds(drainDelaySeconds);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdown(drain), "mcp-shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    /**
     * The options {@link #stdioWithoutPicocli} reads: name → {environment variable, default}, as the {@code @Option}
     * annotations above say (null: none). Written out rather than read from the annotations, whose parsing (proxies,
     * method handles) cost 50 ms of the start; {@code CommandLineTest} checks that they agree.
     */
    static final Map<String, List<String>> STDIO_OPTIONS = stdioOptions();

    private static Map<String, List<String>> stdioOptions() {
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put("--port", Arrays.asList("MCP_PORT", "8081"));
        options.put("--host", Arrays.asList("MCP_HOST", "127.0.0.1"));
        options.put("--graph-url", Arrays.asList("META_GRAPH_URL", "https://graph.facebook.com"));
        options.put("--api-version", Arrays.asList("META_API_VERSION", ""));
        options.put("--toolsets", Arrays.asList("MCP_TOOLSETS", ""));
        options.put("--read-only", Arrays.asList("MCP_READ_ONLY", "false"));
        options.put("--allowed-host", Arrays.asList(null, null));
        options.put("--allowed-origin", Arrays.asList(null, null));
        options.put("--shutdown-timeout", Arrays.asList("MCP_SHUTDOWN_TIMEOUT", "20"));
        options.put("--drain-delay", Arrays.asList("MCP_DRAIN_DELAY", "0"));
        options.put("--stdio", Arrays.asList(null, null));
        return options;
    }

    /**
     * {@code mcp --stdio} and its options read without picocli, for the start a desktop agent waits for at every
     * session: picocli's classes (compiled for Java 5) cannot go into the class-data archive, and building its model of
     * the command took about a quarter of the time to the first {@code tools/list} answer. The same names, types and
     * defaults ({@code ${env:NAME:-default}}: the variable when it is set, else the default). Empty for anything else,
     * which picocli then parses and reports as usual: no {@code --stdio}, help or version, an unknown option, an option
     * without its value, a value of the wrong type, a positional argument.
     */
    static Optional<McpCommand> stdioWithoutPicocli(String[] args) {
        if (!Arrays.asList(args).contains("--stdio")) {
            return Optional.empty();
        }
        McpCommand command = new McpCommand();
        for (Map.Entry<String, List<String>> option : STDIO_OPTIONS.entrySet()) {
            String env = option.getValue().get(0);
            String value = env == null ? null : System.getenv(env);
            value = value != null ? value : option.getValue().get(1);
            if (value != null && !command.set(option.getKey(), value)) {
                return Optional.empty();
            }
        }
        java.util.Set<String> listsGiven = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!STDIO_OPTIONS.containsKey(name)) {
                return Optional.empty();
            }
            String value;
            if (name.equals("--stdio") || name.equals("--read-only")) {
                if (equals >= 0) {
                    return Optional.empty();
                }
                value = "true";
            } else if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            // A list option given on the command line replaces its default, its occurrences add up.
            if (name.startsWith("--allowed-") && listsGiven.add(name)) {
                command.set(name, null);
            }
            if (!command.set(name, value)) {
                return Optional.empty();
            }
        }
        return Optional.of(command);
    }

    /** Sets one option from its text (null clears a list); false when the text does not fit its type. */
    private boolean set(String option, String value) {
        try {
            switch (option) {
                case "--port" -> port = Integer.parseInt(value.strip());
                case "--host" -> host = value;
                case "--graph-url" -> graphUrl = value;
                case "--api-version" -> apiVersion = value;
                case "--toolsets" -> toolsets = value;
                case "--read-only" -> readOnly = bool(value);
                case "--allowed-host" -> allowedHosts = value == null ? null : added(allowedHosts, value);
                case "--allowed-origin" -> allowedOrigins = value == null ? null : added(allowedOrigins, value);
                case "--shutdown-timeout" -> shutdownTimeoutSeconds = Integer.parseInt(value.strip());
                case "--drain-delay" -> drainDelaySeconds = Integer.parseInt(value.strip());
                case "--stdio" -> stdio = bool(value);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException notOfItsType) {
            return false;
        }
    }

    private static boolean bool(String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("not a boolean: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private static List<String> added(List<String> values, String value) {
        List<String> all = values == null ? new ArrayList<>() : new ArrayList<>(values);
        all.addAll(Arrays.asList(value.split(",")));
        return all;
    }

    McpServerConfig config() {
        McpServerConfig.Builder builder = McpServerConfig.builder().host(host).port(port).graphUrl(graphUrl)
                .readOnly(readOnly)
                // Secrets only from the environment: a command line is visible to every local user.
                .appSecret(System.getenv("META_APP_SECRET"))
                .serverKey(System.getenv("MCP_SERVER_KEY"))
                .allowedHosts(Main.listOrEnv(allowedHosts, "MCP_ALLOWED_HOSTS"))
                .allowedOrigins(Main.listOrEnv(allowedOrigins, "MCP_ALLOWED_ORIGINS"));
        if (apiVersion != null && !apiVersion.isBlank()) {
            builder.apiVersion(apiVersion);
        }
        if (toolsets != null && !toolsets.isBlank()) {
            builder.toolsets(toolsets);
        }
        return builder.build();
    }
}
