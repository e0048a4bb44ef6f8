package dev.adsbridge.sandbox;

import dev.adsbridge.sandbox.batch.BatchEndpoint;
import dev.adsbridge.sandbox.control.AdjustableClock;
import dev.adsbridge.sandbox.control.ControlServlet;
import dev.adsbridge.sandbox.faults.Faults;
import dev.adsbridge.sandbox.http.GraphApi;
import dev.adsbridge.sandbox.http.GraphErrorHandler;
import dev.adsbridge.sandbox.http.GraphServlet;
import dev.adsbridge.sandbox.insights.InsightsEndpoints;
import dev.adsbridge.sandbox.limits.UsageLimits;
import dev.adsbridge.sandbox.oauth.OAuthEndpoints;
import dev.adsbridge.sandbox.objects.ImageCdnServlet;
import dev.adsbridge.sandbox.objects.MarketingEndpoints;
import dev.adsbridge.sandbox.seed.Seeder;
import dev.adsbridge.sandbox.store.SandboxStore;
import dev.adsbridge.sandbox.world.WorldFile;
import dev.adsbridge.sandbox.world.WorldKeeper;
import jakarta.servlet.MultipartConfigElement;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sandbox as a running HTTP server: one port serves the Graph API ({@code /v25.0/…}), the login dialog
 * ({@code /dialog/oauth} and {@code /v25.0/dialog/oauth}) and the control API ({@code /_sandbox/…}).
 *
 * <pre>{@code
 * try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults())) {
 *     String graph = sandbox.graphUrl(); // http://127.0.0.1:PORT/v25.0
 * }
 * }</pre>
 */
public final class SandboxServer implements AutoCloseable {

    private final Server server;
    private final SandboxContext context;
    private final int port;
    private final WorldKeeper keeper;

    private SandboxServer(Server server, SandboxContext context, int port, WorldKeeper keeper) {
        this.server = server;
        this.context = context;
        this.port = port;
        this.keeper = keeper;
    }

    /** A sandbox with an in-memory world, seeded afresh (tests, benchmarks, the {@code sandbox} role). */
    public static SandboxServer start(SandboxConfig config) {
        return start(config, null);
    }

    /**
     * A sandbox whose world lives in {@code worldFile} (dev mode): read from it when it exists, seeded afresh when it
     * does not, and written back when it changes and on close, so a restart keeps tokens, created objects, images and
     * usage. {@code null} keeps the world in memory only.
     */
    public static SandboxServer start(SandboxConfig config, Path worldFile) {
        // One movable clock for the whole instance: POST /_sandbox/clock advances it.
        config = config.withClock(new AdjustableClock(config.clock()));
        WorldFile.Loaded loaded = worldFile != null && Files.isRegularFile(worldFile) ? WorldFile.read(worldFile)
                : null;
        SandboxStore store;
        if (loaded != null) {
            store = loaded.store();
        } else {
            store = new SandboxStore();
            Seeder.seed(store, config);
        }
        SandboxContext context = new SandboxContext(config, store, new Faults(), new UsageLimits(config));
        if (loaded != null) {
            loaded.applyTo(context);
        }
        GraphApi api = new GraphApi(context);
        OAuthEndpoints.register(api);
        BatchEndpoint.register(api);
        MarketingEndpoints.register(api);
        InsightsEndpoints.register(api);

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("sandbox");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);

        ServletContextHandler handler = new ServletContextHandler();
        handler.setContextPath("/");
        ServletHolder graph = new ServletHolder("graph", new GraphServlet(api));
        graph.getRegistration().setMultipartConfig(new MultipartConfigElement("", 30L << 20, 31L << 20, 1 << 20));
        handler.addServlet(graph, "/*");
        ServletHolder control = new ServletHolder("control", new ControlServlet(api));
        handler.addServlet(control, "/_sandbox/*");
        handler.addServlet(control, "/_sandbox");
        handler.addServlet(new ServletHolder("cdn", new ImageCdnServlet(context)), "/cdn/*");
        // Whatever escapes a servlet is logged and answered in Meta's error shape, never with an empty reply.
        GraphErrorHandler.install(server, handler);
        server.setHandler(handler);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("sandbox failed to start on " + config.host() + ":" + config.port(), e);
        }
        WorldKeeper keeper = null;
        if (worldFile != null) {
            keeper = new WorldKeeper(context, worldFile);
            if (loaded == null) {
                keeper.flush();
            }
        }
        return new SandboxServer(server, context, connector.getLocalPort(), keeper);
    }

    public int port() {
        return port;
    }

    /** {@code http://host:port}: the Graph host and the login-dialog host at once. */
    public String baseUrl() {
        String host = context.config().host();
        String shown = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        return "http://" + shown + ":" + port;
    }

    /** The versioned Graph root, e.g. {@code http://127.0.0.1:PORT/v25.0}. */
    public String graphUrl() {
        return baseUrl() + "/" + context.config().defaultVersion();
    }

    public SandboxConfig config() {
        return context.config();
    }

    /** In-process access for the launcher and benchmarks; tests should prefer the HTTP control API. */
    public SandboxContext context() {
        return context;
    }

    /** The file the world is kept in, or empty for an in-memory world. */
    public java.util.Optional<Path> worldFile() {
        return java.util.Optional.ofNullable(keeper).map(WorldKeeper::file);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("sandbox failed to stop", e);
        } finally {
            if (keeper != null) {
                keeper.close();
            }
        }
    }
}
