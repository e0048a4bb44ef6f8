package dev.adsbridge.launcher;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.mcp.MetaAdsMcpServer;
import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxServer;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code dev}: everything in one JVM for a first look, like {@code vault server -dev}: the Meta sandbox, the MCP
 * server and the console (H2 file database and a generated vault key under the data directory). The console still
 * talks to the MCP server over HTTP, so this is the same code path as production.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Start everything in one JVM for local development: the console, the MCP server and the Meta sandbox.")
final class DevCommand implements Callable<Integer> {

    /** The sandbox's world in the data directory. */
    static final String SANDBOX_WORLD = "sandbox-world.json";

    @Option(names = "--port", defaultValue = "${env:CONSOLE_PORT:-8080}", description = "Console port. Default: ${DEFAULT-VALUE}")
    int consolePort;

    @Option(names = "--sandbox-port", defaultValue = "${env:SANDBOX_PORT:-8090}", description = "Sandbox port. Default: ${DEFAULT-VALUE}")
    int sandboxPort;

    @Option(names = "--mcp-port", defaultValue = "${env:MCP_PORT:-8081}", description = "MCP server port. Default: ${DEFAULT-VALUE}")
    int mcpPort;

    @Option(names = "--data-dir", defaultValue = "${env:ADSBRIDGE_DATA_DIR:-adsbridge-data}", description = "Where the H2 database, the local vault key and the sandbox's world live. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        Optional<String> busy = busyPort();
        if (busy.isPresent()) {
            System.err.println(busy.get() + " Is AdsBridge already running? Stop it, or pick other ports with --port, "
                    + "--mcp-port and --sandbox-port (and another --data-dir).");
            return 1;
        }
        try {
            return run();
        } catch (RuntimeException e) {
            if (causes(e).anyMatch(c -> String.valueOf(c.getMessage()).contains("Database may be already in use"))) {
                System.err.println("The data directory " + dataDir.toAbsolutePath() + " is in use by another running "
                        + "AdsBridge. Stop it, or start this one with another --data-dir.");
                return 1;
            }
            throw e;
        }
    }

    private Integer run() throws InterruptedException {
        String consoleUrl = "http://127.0.0.1:" + consolePort;
        // The sandbox keeps its world (tokens, created objects, images, usage) beside the console's database, so a
        // restart finds the connection and the campaigns made before it.
        SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(sandboxPort)
                .withRedirectUris(List.of(consoleUrl + "/connect/callback")), dataDir.resolve(SANDBOX_WORLD));
        MetaAdsMcpServer mcp = MetaAdsMcpServer.create(McpServerConfig.builder().port(mcpPort)
                .graphUrl(sandbox.baseUrl()).apiVersion(sandbox.config().defaultVersion()).build());
        mcp.start();
        ConfigurableApplicationContext console = ConsoleApplication.start(Map.of(
                "adsbridge.console.mode", "dev",
                "server.port", consolePort,
                "server.address", "127.0.0.1",
                "adsbridge.console.base-url", consoleUrl,
                "adsbridge.data-dir", dataDir.toAbsolutePath().toString(),
                "adsbridge.console.meta.app-id", sandbox.config().appId(),
                "adsbridge.console.meta.app-secret", sandbox.config().appSecret(),
                "adsbridge.console.meta.graph-url", sandbox.baseUrl(),
                "adsbridge.console.meta.login-url", sandbox.baseUrl(),
                "adsbridge.console.mcp.url", mcp.endpoint()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            mcp.close();
            sandbox.close();
        }, "dev-shutdown"));

        System.out.println();
        System.out.println("AdsBridge is running in dev mode (data in " + dataDir.toAbsolutePath() + ")");
        System.out.println("  Console        " + ConsoleApplication.baseUrl(console)
                + "   sign up, then \"Connect Facebook Ads\"");
        System.out.println("  MCP server     " + mcp.endpoint() + "   (Authorization: Bearer <Meta token>)");
        System.out.println("  Meta sandbox   " + sandbox.baseUrl() + "/_sandbox   (app " + sandbox.config().appId()
                + "; demo user Dana Whitfield; world kept in " + dataDir.resolve(SANDBOX_WORLD).toAbsolutePath()
                + ")");
        System.out.println();
        System.out.println("Open " + ConsoleApplication.baseUrl(console));
        new CountDownLatch(1).await();
        return 0;
    }

    /** A clear sentence for the first port that is taken, before anything starts (and prints stack traces). */
    private Optional<String> busyPort() {
        for (Map.Entry<String, Integer> role : List.of(Map.entry("console", consolePort),
                Map.entry("MCP server", mcpPort), Map.entry("sandbox", sandboxPort))) {
            int port = role.getValue();
            if (port == 0) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                return Optional.of("Port " + port + " (the " + role.getKey() + ") is already in use.");
            }
        }
        return Optional.empty();
    }

    private static Stream<Throwable> causes(Throwable error) {
        return Stream.iterate(error, Objects::nonNull, Throwable::getCause).limit(20);
    }
}
