package dev.adsbridge.console.support;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.MailOutbox;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.mcp.MetaAdsMcpServer;
import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running world for the integration tests, started once per JVM: the Meta sandbox, the Meta Ads MCP server (both on
 * ephemeral loopback ports) and the console, started the way the launcher starts it ({@link ConsoleApplication#start}),
 * on a fresh PostgreSQL schema of the {@code test} database that is dropped at exit.
 */
public final class ConsoleHarness {

    public static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String DEMO_USER = "100000000000001";
    public static final String SECOND_USER = "100000000000002";
    /** The browser origin the shared console lets call {@code /mcp} (CORS). */
    public static final String AGENT_ORIGIN = "https://agent.example.test";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger EMAILS = new AtomicInteger();
    private static volatile ConsoleHarness shared;

    public final SandboxServer sandbox;
    public final MetaAdsMcpServer mcp;
    public final int mcpPort;
    public final ConfigurableApplicationContext console;
    public final String baseUrl;
    public final String schema;
    public final MutableClock clock = new MutableClock();
    private final JdbcClient db;
    private final Map<String, Object> properties;
    private Path vaultDirectory;
    private final HttpClient http = HttpClient.newHttpClient();

    public static ConsoleHarness shared() {
        if (shared == null) {
            synchronized (ConsoleHarness.class) {
                if (shared == null) {
                    // The shared console reads Meta fresh every time (tests change the sandbox behind its back);
                    // AdsCallsTest starts its own console with the read cache on.
                    // One browser origin may call the tenant MCP endpoint (McpGatewayTest checks CORS with it).
                    // Hosted MCP servers in tests listen on http://127.0.0.1 (RemoteMcpDelegationTest).
                    shared = new ConsoleHarness(Map.of("adsbridge.console.read-cache.ttl", "0s",
                            "adsbridge.console.agents.allowed-origins", AGENT_ORIGIN,
                            "adsbridge.console.remote-mcp.allow-local", true));
                    Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
                }
            }
        }
        return shared;
    }

    /** A console of its own (with its own sandbox and MCP server) and these extra properties; close it after use. */
    public static ConsoleHarness start(Map<String, Object> extra) {
        return new ConsoleHarness(extra, Map.of(), mcp -> mcp);
    }

    /** As {@link #start(Map)}, with {@code beans} registered in the console before it starts. */
    public static ConsoleHarness start(Map<String, Object> extra, Map<String, Object> beans) {
        return new ConsoleHarness(extra, beans, mcp -> mcp);
    }

    /** As {@link #start(Map)}, with the MCP server configured further (e.g. more toolsets listed by default). */
    public static ConsoleHarness start(Map<String, Object> extra,
                                       java.util.function.UnaryOperator<McpServerConfig.Builder> mcpConfig) {
        return new ConsoleHarness(extra, Map.of(), mcpConfig);
    }

    private ConsoleHarness(Map<String, Object> extra) {
        this(extra, Map.of(), mcp -> mcp);
    }

    private ConsoleHarness(Map<String, Object> extra, Map<String, Object> beans,
                           java.util.function.UnaryOperator<McpServerConfig.Builder> mcpConfig) {
        sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(0).withHost("127.0.0.1"));
        mcp = MetaAdsMcpServer.create(mcpConfig.apply(McpServerConfig.builder().host("127.0.0.1").port(0)
                .graphUrl(sandbox.baseUrl())).build());
        mcpPort = mcp.start();
        schema = "console_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path keyset;
        try {
            vaultDirectory = Files.createTempDirectory("console-vault");
            keyset = vaultDirectory.resolve("kek.json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        int port = freePort();
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.datasource.url", PG_URL + "?currentSchema=" + schema);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.hikari.maximum-pool-size", 8);
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("spring.flyway.create-schemas", true);
        properties.put("adsbridge.console.meta.app-id", sandbox.config().appId());
        properties.put("adsbridge.console.meta.app-secret", sandbox.config().appSecret());
        properties.put("adsbridge.console.meta.graph-url", sandbox.baseUrl());
        properties.put("adsbridge.console.meta.login-url", sandbox.baseUrl());
        properties.put("adsbridge.console.mcp.url", "http://127.0.0.1:" + mcpPort + "/mcp");
        properties.put("adsbridge.console.sign-in.max-address-failures", 20);
        // Production mode, as a real deployment runs: the public URL must be known up front.
        properties.put("adsbridge.console.mode", "production");
        properties.put("adsbridge.console.base-url", "http://127.0.0.1:" + port);
        properties.put("adsbridge.vault.provider", "local");
        properties.put("adsbridge.vault.require-explicit-config", false);
        properties.put("adsbridge.vault.local.keyset-path", keyset.toString());
        properties.put("db-scheduler.polling-interval", "2s");
        // Quick to stop, so the JVM's exit hook gets to drop the schema before Surefire's fork timeout.
        // No SMTP in tests: mail is kept in memory (MailOutbox), where sign-up's confirmation links are read.
        properties.put("adsbridge.console.mail.outbox", true);
        properties.put("server.shutdown", "immediate");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "2s");
        properties.putAll(extra);
        // A test may route the database through something of its own (a proxy): "{schema}" names this schema.
        properties.computeIfPresent("spring.datasource.url", (k, url) -> url.toString().replace("{schema}", schema));
        this.properties = Map.copyOf(properties);
        console = ConsoleApplication.builder(properties)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("clock", clock);
                    beans.forEach(context.getBeanFactory()::registerSingleton);
                })
                .run();
        baseUrl = ConsoleApplication.baseUrl(console);
        db = JdbcClient.create(new SingleConnectionDataSource(PG_URL + "?currentSchema=" + schema, "postgres", "",
                true));
        controlPost("/_sandbox/app/redirect-uris", Map.of("uris", List.of(baseUrl + "/connect/callback")));
    }

    /**
     * A dev-mode console as the launcher's dev role starts it (H2 under {@code data}, base URL from the bound port),
     * talking to this harness's sandbox and MCP server; close it after use.
     */
    public ConfigurableApplicationContext startDevConsole(Path data) {
        return ConsoleApplication.start(Map.of(
                "server.port", 0,
                "adsbridge.console.mode", "dev",
                "adsbridge.data-dir", data.toString(),
                "adsbridge.console.meta.graph-url", sandbox.baseUrl(),
                "adsbridge.console.meta.login-url", sandbox.baseUrl(),
                "adsbridge.console.mcp.url", "http://127.0.0.1:" + mcpPort + "/mcp"));
    }

    /**
     * Another console replica beside {@link #console}: same schema, vault key, sandbox and MCP server, on a port of its
     * own (its base URL), with these extra properties; {@code beans} are registered in it before it starts. The caller
     * closes it.
     */
    public ConfigurableApplicationContext replica(Map<String, Object> extra, Map<String, Object> beans) {
        Map<String, Object> replica = new LinkedHashMap<>(properties);
        int port = freePort();
        replica.put("server.port", port);
        replica.put("adsbridge.console.base-url", "http://127.0.0.1:" + port);
        replica.put("spring.flyway.create-schemas", false);
        replica.putAll(extra);
        return ConsoleApplication.builder(replica)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("clock", clock);
                    beans.forEach(context.getBeanFactory()::registerSingleton);
                })
                .run();
    }

    public Browser browser() {
        return new Browser(baseUrl, email -> signUpLink(console, email));
    }

    /** The mails this console sent (kept in memory: tests run with {@code adsbridge.console.mail.outbox=true}). */
    public List<MailOutbox.Mail> mailsTo(String email) {
        return mailsTo(console, email);
    }

    public static List<MailOutbox.Mail> mailsTo(ApplicationContext console, String email) {
        return console.getBean(MailOutbox.class).mails().stream()
                .filter(mail -> mail.to().equalsIgnoreCase(email))
                .toList();
    }

    /** The newest sign-up confirmation link mailed to this address by this console. */
    public static String signUpLink(ApplicationContext console, String email) {
        return mailsTo(console, email).stream()
                .flatMap(mail -> mail.links().stream())
                .filter(link -> link.contains("/signup/confirm/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sign-up link was mailed to " + email));
    }

    public String signUpLink(String email) {
        return signUpLink(console, email);
    }

    /** A unique e-mail address per call, so tests never collide on the one-account-per-address rule. */
    public static String email(String who) {
        return who + "-" + EMAILS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6)
                + "@example.test";
    }

    /** Long and not on any common-password list (sign-up refuses guessable ones such as "correct horse battery staple"). */
    public static final String PASSWORD = "violet kettle drums at noon";

    /** A signed-in member: their browser, e-mail address and tenant. */
    public record Signed(Browser browser, String email, TenantId tenant) {
    }

    /** A new tenant with its owner, signed in. */
    public Signed owner(String company) {
        Browser browser = browser();
        String email = email(company.toLowerCase(Locale.ROOT).replace(' ', '-'));
        // Sign-up mails a link; opening it (Browser.signUp does) creates the account and signs in: the dashboard.
        Page signedUp = browser.signUp(company, "Owner of " + company, email, PASSWORD);
        if (!signedUp.path().equals("/?welcome") || signedUp.status() != 200
                || !signedUp.contains("Your account is ready and you are signed in")) {
            throw new AssertionError("sign-up did not sign in: " + signedUp + " " + signedUp.body());
        }
        return new Signed(browser, email, tenantOf(email));
    }

    /** A teammate with {@code role} (ADMIN, ANALYST) in the owner's workspace, invited and signed in. */
    public Browser invite(Signed owner, String role) {
        String email = email(role.toLowerCase(Locale.ROOT));
        Page team = owner.browser().post("/team/invitations", Map.of("email", email, "role", role));
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(http://[^<\\s\"]*/invite/[A-Za-z0-9_-]+)")
                .matcher(team.body());
        if (!link.find()) {
            throw new AssertionError("no invitation link on " + team);
        }
        Browser browser = browser();
        browser.post(link.group(1).replace(baseUrl, ""), Map.of("name", "A " + role, "password", PASSWORD));
        browser.signIn(email, PASSWORD);
        return browser;
    }

    // ---------------------------------------------------------------- the connect flow, as a user clicks it

    /** Clicks "Connect Facebook Ads" and lands on the sandbox's consent page. */
    public static Page openConsent(Browser browser) {
        Page consent = browser.post("/connect", Map.of());
        if (!consent.body().contains("name=\"action\"")) {
            throw new AssertionError("expected the consent page, got " + consent + "\n" + consent.body());
        }
        return consent;
    }

    /** Submits the consent form as shown (every permission kept) with Continue; follows back to the console. */
    public static Page consent(Browser browser, Page consentPage) {
        return submitConsent(browser, consentPage, "continue", List.of(), false);
    }

    /**
     * Submits the sandbox's consent form: {@code action} is "continue" or "cancel"; {@code decline} lists permissions
     * to uncheck. With {@code stopAtCallback} the redirect back to the console is returned, not followed.
     */
    public static Page submitConsent(Browser browser, Page consentPage, String action, List<String> decline,
            boolean stopAtCallback) {
        Map<String, String> fields = new LinkedHashMap<>(consentPage.inputs());
        decline.forEach(permission -> fields.remove("perm_" + permission));
        fields.put("action", action);
        String target = consentPage.uri().resolve(consentPage.formAction()).toString();
        return stopAtCallback ? browser.postRawOnce(target, fields) : browser.postRaw(target, fields);
    }

    /** Follows the consent page's "Log in as …" link to consent as another seeded Facebook user. */
    public static Page switchUser(Browser browser, Page consentPage, String userId) {
        java.util.regex.Matcher link = java.util.regex.Pattern
                .compile("href=\"([^\"]*sandbox_user=" + userId + "[^\"]*)\"").matcher(consentPage.body());
        if (!link.find()) {
            throw new AssertionError("no 'Log in as' link for " + userId + " on\n" + consentPage.body());
        }
        String href = link.group(1).replace("&amp;", "&");
        return browser.get(consentPage.uri().resolve(href).toString());
    }

    /** The whole happy path: Connect → consent → callback → ad-account picker. */
    public static Page connect(Browser browser) {
        Page picker = consent(browser, openConsent(browser));
        if (!picker.path().contains("/ad-accounts")) {
            throw new AssertionError("connect failed: " + picker + "\n" + picker.body());
        }
        return picker;
    }

    // ---------------------------------------------------------------- looking behind the scenes

    public JdbcClient db() {
        return db;
    }

    public TenantId tenantOf(String email) {
        return new TenantId(db.sql("select tenant_id from members where email = ?").param(email)
                .query(UUID.class).single());
    }

    public List<UUID> connectionIds(TenantId tenant) {
        return db.sql("select id from connections where tenant_id = ? order by created_at").param(tenant.value())
                .query(UUID.class).list();
    }

    public long count(String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }

    public Optional<String> connectionStatus(UUID id) {
        return db.sql("select status from connections where id = ?").param(id).query(String.class).optional();
    }

    /** The plaintext token, through the console's own API (the way the ads module reaches it). */
    public String tokenOf(TenantId tenant, UUID connectionId) {
        return console.getBean(Connections.class).withToken(tenant, connectionId, token -> token);
    }

    public <T> T bean(Class<T> type) {
        return console.getBean(type);
    }

    // ---------------------------------------------------------------- the sandbox's control API

    public JsonNode controlPost(String path, Object body) {
        return control("POST", path, body);
    }

    public JsonNode control(String method, String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .timeout(Duration.ofSeconds(30))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new AssertionError("sandbox " + method + " " + path + " → " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds (asynchronous event listeners), or fails after ten seconds. */
    public static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void close() {
        try {
            console.close();
        } catch (RuntimeException ignored) {
            // shutting down anyway
        }
        try (Connection connection = DriverManager.getConnection(PG_URL, "postgres", "")) {
            connection.createStatement().execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
        deleteTree(vaultDirectory);
        try {
            mcp.close();
            sandbox.close();
        } catch (RuntimeException ignored) {
            // shutting down anyway
        }
    }

    /** Deletes a temporary directory and what it holds. */
    public static void deleteTree(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }
}
