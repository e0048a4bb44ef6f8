package dev.adsbridge.mcp;

import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Inventory;
import dev.adsbridge.mcp.inventory.ToolCallListener;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolRunner;
import dev.adsbridge.mcp.tools.AllTools;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Meta Ads MCP server over stdio, for desktop agents that start it as a subprocess. The token comes from
 * {@code META_ACCESS_TOKEN} (stdio only: the HTTP server never reads it); a tool's {@code access_token} argument still
 * wins. Only protocol messages go to stdout; {@link #run(McpServerConfig)} points {@code System.out} at stderr so a
 * stray print cannot corrupt the stream. Logging must be configured to stderr (the launcher's logback.xml does).
 */
public final class McpStdioServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpStdioServer.class);
    public static final String TOKEN_ENV = "META_ACCESS_TOKEN";

    private final McpSyncServer server;
    private final CountDownLatch inputClosed;

    private McpStdioServer(McpSyncServer server, CountDownLatch inputClosed) {
        this.server = server;
        this.inputClosed = inputClosed;
    }

    /**
     * Serves on this process's stdin/stdout until stdin closes, with the token from {@code META_ACCESS_TOKEN}.
     * Blocks; the launcher's {@code mcp --stdio} calls it.
     */
    public static void run(McpServerConfig config) throws InterruptedException {
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        String token = System.getenv(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            log.warn("{} is not set: tools that call Meta need an access_token argument", TOKEN_ENV);
        }
        try (McpStdioServer server = start(config, System.in, protocolOut, token)) {
            server.awaitTermination();
        }
    }

    /**
     * Starts serving on the given streams (tests, embedding).
     *
     * @param token the Meta token for every call, or null (then each call needs an {@code access_token} argument)
     */
    public static McpStdioServer start(McpServerConfig config, InputStream in, OutputStream out, String token) {
        return start(config, AllTools.all(), in, out, token);
    }

    public static McpStdioServer start(McpServerConfig config, List<ToolDefinition> tools, InputStream in,
                                       OutputStream out, String token) {
        Inventory inventory = Inventory.builder(tools).readOnly(config.readOnly()).toolsets(config.toolsets()).build();
        ToolRunner runner = new ToolRunner(inventory, GraphClient.create(config.graphConfig()), ToolCallListener.NONE);
        Caller caller = Caller.of(token, Optional.empty(), false);
        CountDownLatch inputClosed = new CountDownLatch(1);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(),
                new EndSignallingInputStream(in, inputClosed), out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(MetaAdsMcpServer.SERVER_NAME, MetaAdsMcpServer.SERVER_VERSION)
                .instructions(MetaAdsMcpServer.INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(runner.sessionSpecifications(caller))
                .addToolFilter(runner.listFilter(caller))
                .immediateExecution(true)
                .validateToolInputs(false)
                .requestTimeout(config.requestTimeout().multipliedBy(3))
                .build();
        log.info("Meta Ads MCP server on stdio ({} tools offered; Graph {}/{}; token from {}: {})",
                inventory.offered().size(), config.graphUrl(), config.apiVersion(), TOKEN_ENV,
                caller.hasTransportToken() ? "set" : "not set");
        return new McpStdioServer(server, inputClosed);
    }

    /** Waits until the input stream ends. */
    public void awaitTermination() throws InterruptedException {
        inputClosed.await();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return inputClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.closeGracefully();
    }

    /** Counts down when the client closes its end (EOF or a read error). */
    private static final class EndSignallingInputStream extends FilterInputStream {
        private final CountDownLatch closed;

        EndSignallingInputStream(InputStream in, CountDownLatch closed) {
            super(in);
            this.closed = closed;
        }

        @Override
        public int read() throws IOException {
            return signal(() -> super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return signal(() -> super.read(buffer, offset, length));
        }

        private int signal(IoRead read) throws IOException {
            try {
                int result = read.run();
                if (result < 0) {
                    closed.countDown();
                }
                return result;
            } catch (IOException e) {
                closed.countDown();
                throw e;
            }
        }

        @FunctionalInterface
        private interface IoRead {
            int run() throws IOException;
        }
    }
}
