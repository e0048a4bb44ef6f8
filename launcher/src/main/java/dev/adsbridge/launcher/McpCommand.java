package dev.adsbridge.launcher;

import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.mcp.McpStdioServer;
import dev.adsbridge.mcp.MetaAdsMcpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
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
