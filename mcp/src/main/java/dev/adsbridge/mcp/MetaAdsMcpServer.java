package dev.adsbridge.mcp;

import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.mcp.http.Headers;
import dev.adsbridge.mcp.http.JsonErrorHandler;
import dev.adsbridge.mcp.http.McpEndpoint;
import dev.adsbridge.mcp.http.SdkHandOff;
import dev.adsbridge.mcp.http.OperationsServlet;
import dev.adsbridge.mcp.inventory.AnalysisPrompts;
import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Inventory;
import dev.adsbridge.mcp.inventory.PermissionGate;
import dev.adsbridge.mcp.inventory.ToolCallAnswers;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolRunner;
import dev.adsbridge.mcp.metrics.ServerMetrics;
import dev.adsbridge.mcp.tools.AllTools;
import dev.adsbridge.mcp.tools.ToolListings;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Meta Ads MCP server over HTTP: the MCP SDK's stateless streamable-HTTP transport on Jetty, at {@code /mcp} and
 * {@code /mcp/} (and {@code /mcp/x/{toolsets}[/readonly]}), with {@code /healthz}, {@code /readyz} and
 * {@code /metrics}. {@code tools/call} of a known tool is answered in one pass ({@link ToolCallAnswers}); every other
 * message goes through the SDK. It holds no state between requests:
 * each request brings the user's Meta token ({@code Authorization: Bearer …}), so replicas scale behind any load
 * balancer. It never uses a token of its own.
 *
 * <pre>{@code
 * try (MetaAdsMcpServer server = MetaAdsMcpServer.create(McpServerConfig.builder()
 *         .port(8081).graphUrl("http://127.0.0.1:8090").build())) {
 *     int port = server.start();
 *     ...
 * }
 * }</pre>
 */
public final class MetaAdsMcpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetaAdsMcpServer.class);

    /** Name announced in {@code initialize}, the same as the reference server's. */
    public static final String SERVER_NAME = ToolCallAnswers.SERVER_NAME;
    public static final String SERVER_VERSION = ToolCallAnswers.SERVER_VERSION;

    static final String INSTRUCTIONS = """
            Tools for Meta (Facebook and Instagram) advertising through the Marketing API. Start with get_ad_accounts \
            to find account ids (act_…). Money amounts (budgets, bids, spend caps) are whole numbers in the account \
            currency's minor units: 5000 = 50.00 USD; get_account_info tells the currency. New campaigns, ad sets and \
            ads start PAUSED unless you ask otherwise, and every write accepts validate_only=true for a dry run. \
            Errors come back as {"error":{...,"category"}}: auth means the user must reconnect, rate_limit means wait \
            retry_after_seconds, invalid_request means fix the arguments as the message says. Every tool also takes             access_token, the user's Meta token, for clients that cannot send it as a Bearer header.""";

    private final McpServerConfig config;
    private final Inventory inventory;
    private final ToolRunner runner;
    private final ToolCallAnswers answers;
    private final ServerMetrics metrics;
    /** How long {@link #close()} lets requests in flight finish; {@link #stopTimeout(Duration)} changes it. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(20);

    private final AtomicBoolean ready = new AtomicBoolean();
    private volatile Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    private Server jetty;
    private McpStatelessSyncServer mcp;
    private int port = -1;

    private MetaAdsMcpServer(McpServerConfig config, List<ToolDefinition> tools) {
        this.config = Objects.requireNonNull(config, "config");
        GraphClient graph = GraphClient.create(config.graphConfig());
        PermissionGate permissions = new PermissionGate(() -> graph);
        this.inventory = Inventory.builder(ToolListings.apply(tools))
                .readOnly(config.readOnly())
                .toolsets(config.toolsets())
                .listedByDefault(config.defaultToolsets())
                .listFilter(permissions.filter())
                .build();
        this.metrics = new ServerMetrics(inventory.all().stream().map(ToolDefinition::name).toList());
        this.runner = new ToolRunner(inventory, () -> graph, metrics, permissions);
        this.answers = new ToolCallAnswers(runner, null, INSTRUCTIONS);
    }

    /** A server for the configuration with every known tool ({@link AllTools}); call {@link #start()}. */
    public static MetaAdsMcpServer create(McpServerConfig config) {
        return new MetaAdsMcpServer(config, AllTools.all());
    }

    /** A server with a chosen tool list (tests, embedding). */
    public static MetaAdsMcpServer create(McpServerConfig config, List<ToolDefinition> tools) {
        return new MetaAdsMcpServer(config, tools);
    }

    /**
     * Binds and starts serving.
     *
     * @return the bound port (useful with port 0)
     * @throws IllegalStateException when the port cannot be bound or the server is already started
     */
    public synchronized int start() {
        if (jetty != null) {
            throw new IllegalStateException("already started");
        }
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("mcp-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        try {
            // Opened before the handlers are built: DNS-rebinding protection needs the real port.
            connector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        int boundPort = connector.getLocalPort();

        DefaultServerTransportSecurityValidator security = securityValidator(boundPort);
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .messageEndpoint("/mcp")
                .contextExtractor(new Headers())
                .securityValidator(security)
                .maxRequestSize(config.maxRequestBytes())
                .build();
        McpStatelessSyncServer sdkServer = McpServer.sync(transport)
                .serverInfo(SERVER_NAME, SERVER_VERSION)
                .instructions(INSTRUCTIONS)
                .capabilities(ToolCallAnswers.CAPABILITIES)
                .tools(runner.statelessSpecifications())
                .prompts(AnalysisPrompts.prompts().stream()
                        .map(prompt -> new McpStatelessServerFeatures.SyncPromptSpecification(prompt,
                                (context, request) -> AnalysisPrompts.get(request.name(), request.arguments())))
                        .toList())
                .completions(AnalysisPrompts.prompts().stream()
                        .map(prompt -> new McpStatelessServerFeatures.SyncCompletionSpecification(
                                new McpSchema.PromptReference(prompt.name()),
                                (context, request) -> AnalysisPrompts.ACCOUNT_ARGUMENT.equals(request.argument().name())
                                        ? runner.completeAccountId(Caller.from(context), request.argument().value())
                                        : new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(
                                                List.of(), 0, false))))
                        .toList())
                .addToolFilter(runner.listFilter())
                // Handlers run on the request thread, where the servlet context and MDC live.
                .immediateExecution(true)
                .validateToolInputs(false)
                .requestTimeout(config.requestTimeout().multipliedBy(3))
                .build();

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        // "/mcp/*" matches /mcp, /mcp/ and anything below; McpEndpoint has checked every message that gets here.
        context.addFilter(new FilterHolder(new SdkHandOff()), "/mcp/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder mcpServlet = new ServletHolder("mcp", transport);
        mcpServlet.setAsyncSupported(true);
        context.addServlet(mcpServlet, "/mcp/*");
        context.addServlet(new ServletHolder("operations", new OperationsServlet(ready::get, metrics)), "/");
        // Jetty's SizeLimitHandler caps the bodies of every other path; /mcp reads its body bounded (413 as a JSON-RPC
        // error, by Content-Length before reading and while reading a chunked one) before anything is handed on.
        SizeLimitHandler sizeLimit = new SizeLimitHandler(config.maxRequestBytes() + 64L * 1024, -1);
        sizeLimit.setHandler(context);
        McpEndpoint endpoint = new McpEndpoint(security, config.serverKey(), config.maxRequestBytes(),
                name -> inventory.find(name).map(ToolDefinition::needsToken).orElse(true), metrics, answers);
        endpoint.setHandler(sizeLimit);
        // Stopping lets the requests in flight finish (up to the stop timeout) and refuses new ones.
        GracefulHandler graceful = new GracefulHandler();
        graceful.setHandler(endpoint);
        server.setHandler(graceful);
        server.setStopTimeout(stopTimeout.toMillis());
        server.setErrorHandler(new JsonErrorHandler.ServerErrors());
        try {
            server.start();
        } catch (Exception e) {
            sdkServer.close();
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("MCP server failed to start on " + config.host() + ":" + boundPort, e);
        }
        this.jetty = server;
        this.mcp = sdkServer;
        this.port = boundPort;
        ready.set(true);
        log.info("Meta Ads MCP server listening on http://{}:{}/mcp ({} tools offered; Graph {}/{}; read-only {})",
                config.host(), boundPort, inventory.offered().size(), config.graphUrl(), config.apiVersion(),
                config.readOnly());
        return boundPort;
    }

    private DefaultServerTransportSecurityValidator securityValidator(int boundPort) {
        List<String> hosts = new ArrayList<>();
        if (config.bindsLoopback()) {
            for (String name : List.of("localhost", "127.0.0.1", "[::1]")) {
                hosts.add(name + ":" + boundPort);
                if (boundPort == 80) {
                    hosts.add(name);
                }
            }
            hosts.addAll(config.allowedHosts());
        } else {
            hosts.addAll(config.allowedHosts());
            if (hosts.isEmpty()) {
                log.warn("MCP server bound to {} with no allowed hosts configured: Host header checks are off; "
                        + "configure allowed hosts to protect browsers against DNS rebinding", config.host());
            }
        }
        List<String> origins = new ArrayList<>(List.of("http://localhost", "http://127.0.0.1", "http://[::1]",
                "http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"));
        origins.addAll(config.allowedOrigins());
        return DefaultServerTransportSecurityValidator.builder()
                .allowedHosts(hosts)
                .allowedOrigins(origins)
                .build();
    }

    /** The bound port, or -1 before {@link #start()}. */
    public int port() {
        return port;
    }

    /** {@code http://host:port}, with a loopback address when bound to every interface. */
    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    /** {@code http://host:port/mcp}. */
    public String endpoint() {
        return baseUrl() + "/mcp";
    }

    public boolean isRunning() {
        return ready.get();
    }

    public McpServerConfig config() {
        return config;
    }

    /** The tools this server knows and the filters it applies. */
    public Inventory inventory() {
        return inventory;
    }

    /** How long {@link #close()} waits for requests in flight (default {@link #DEFAULT_STOP_TIMEOUT}). */
    public MetaAdsMcpServer stopTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("stop timeout must not be negative, was " + timeout);
        }
        this.stopTimeout = timeout;
        Server server = jetty;
        if (server != null) {
            server.setStopTimeout(timeout.toMillis());
        }
        return this;
    }

    /**
     * Stops gracefully: {@code /readyz} answers 503 at once, then, after {@code drainDelay} (time for a load balancer's
     * health checks to notice; zero under Kubernetes, whose endpoints controller reacts to the pod's termination), the
     * listener closes and the requests in flight finish, for at most the stop timeout.
     */
    public void shutdown(Duration drainDelay) {
        ready.set(false);
        if (!drainDelay.isZero() && !drainDelay.isNegative()) {
            log.info("MCP server not ready; stopping in {}", drainDelay);
            try {
                Thread.sleep(drainDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    /** Stops: readiness off, requests in flight finish (up to the stop timeout), then the MCP session layer closes. */
    @Override
    public synchronized void close() {
        ready.set(false);
        if (jetty != null) {
            try {
                jetty.stop();
            } catch (Exception e) {
                throw new IllegalStateException("MCP server failed to stop", e);
            } finally {
                jetty = null;
            }
        }
        if (mcp != null) {
            mcp.close();
            mcp = null;
        }
    }
}
