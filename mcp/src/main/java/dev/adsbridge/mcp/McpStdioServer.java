package dev.adsbridge.mcp;

import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Inventory;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.PermissionGate;
import dev.adsbridge.mcp.inventory.ToolCallAnswers;
import dev.adsbridge.mcp.inventory.ToolCallListener;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolRunner;
import dev.adsbridge.mcp.tools.AllTools;
import dev.adsbridge.mcp.tools.ToolListings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The Meta Ads MCP server over stdio, for desktop agents that start it as a subprocess: newline-delimited JSON-RPC on
 * stdin/stdout. The token comes from {@code META_ACCESS_TOKEN} (stdio only: the HTTP server never reads it); a tool's
 * {@code access_token} argument still wins. Only protocol messages go to stdout; {@link #run(McpServerConfig)} points
 * {@code System.out} at stderr so a stray print cannot corrupt the stream. Logging must be configured to stderr (the
 * launcher's stdio path does it in code, its logback.xml for the other roles).
 *
 * <p>Lean on purpose (start-up to the first {@code tools/list} answer and CPU per call are what a desktop agent
 * feels): the messages are answered by {@link ToolCallAnswers} with the MCP SDK's schema types and one JSON pass each,
 * without the SDK's session and reactive plumbing; {@code tools/call} runs on a small pool, so several calls of one
 * client are in flight at once, and answers are written whole, one line each. The Graph client is built, and the
 * token's permissions (which the first {@code tools/list} needs) are read, in the background while the client
 * initializes.
 */
public final class McpStdioServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpStdioServer.class);
    public static final String TOKEN_ENV = "META_ACCESS_TOKEN";
    /** Tool calls running at once; more wait in line. */
    static final int CALL_THREADS = 16;

    private final CountDownLatch inputClosed = new CountDownLatch(1);
    private final ExecutorService calls;
    private final Thread reader;
    private final OutputStream out;

    private McpStdioServer(InputStream in, OutputStream out, ToolCallAnswers answers) {
        this.out = out;
        this.calls = new ThreadPoolExecutor(CALL_THREADS, CALL_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "mcp-stdio-call");
                    thread.setDaemon(true);
                    return thread;
                });
        ((ThreadPoolExecutor) calls).allowCoreThreadTimeOut(true);
        this.reader = new Thread(() -> readLoop(in, answers), "mcp-stdio-in");
        this.reader.setDaemon(true);
    }

    /**
     * Serves on this process's stdin/stdout until stdin closes, with the token from {@code META_ACCESS_TOKEN}.
     * Blocks; the launcher's {@code mcp --stdio} calls it.
     */
    public static void run(McpServerConfig config) throws InterruptedException {
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        String token = System.getenv(TOKEN_ENV);
        try (McpStdioServer server = start(config, System.in, protocolOut, token)) {
            if (token == null || token.isBlank()) {
                log.warn("{} is not set: tools that call Meta need an access_token argument", TOKEN_ENV);
            }
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
        // While the client initializes: the Graph client (an HTTP client with its TLS context) is built and the token's
        // permissions read from Meta, which the first tools/list needs (it hides the tools the token cannot use).
        Supplier<GraphClient> graph = lazily(() -> GraphClient.create(config.graphConfig()));
        PermissionGate permissions = new PermissionGate(graph);
        Thread warm = new Thread(() -> {
            graph.get();
            permissions.prefetch(token);
        }, "mcp-stdio-graph-init");
        warm.setDaemon(true);
        warm.start();
        Inventory inventory = Inventory.builder(ToolListings.apply(tools)).readOnly(config.readOnly())
                .toolsets(config.toolsets()).listedByDefault(config.defaultToolsets())
                .listFilter(permissions.filter()).build();
        ToolRunner runner = new ToolRunner(inventory, graph, ToolCallListener.NONE, permissions);
        Caller caller = Caller.of(token, Optional.empty(), false);
        ToolCallAnswers answers = new ToolCallAnswers(runner, caller, MetaAdsMcpServer.INSTRUCTIONS);
        McpStdioServer server = new McpStdioServer(in, out, answers);
        server.reader.start();
        log.debug("Meta Ads MCP server on stdio (Graph {}/{}; token from {}: {})", config.graphUrl(),
                config.apiVersion(), TOKEN_ENV, caller.hasTransportToken() ? "set" : "not set");
        return server;
    }

    private void readLoop(InputStream in, ToolCallAnswers answers) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = Json.parseOrNull(line);
                if (message != null && message.isObject() && "tools/call".equals(Json.text(message, "method"))
                        && message.has("id")) {
                    calls.execute(() -> write(answers.answer(message)));
                } else {
                    byte[] answer = message == null ? answers.parseError() : answers.answer(message);
                    if (answer != null) {
                        write(answer);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("stdin closed: {}", e.toString());
        } finally {
            inputClosed.countDown();
        }
    }

    /** One whole message and its newline, never interleaved with another. */
    private void write(byte[] message) {
        if (message == null) {
            return;
        }
        synchronized (out) {
            try {
                out.write(message);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                log.debug("stdout closed: {}", e.toString());
            }
        }
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
        calls.shutdown();
        try {
            calls.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> Supplier<T> lazily(Supplier<T> factory) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        result = value;
                        if (result == null) {
                            result = factory.get();
                            value = result;
                        }
                    }
                }
                return result;
            }
        };
    }
}
