package dev.adsbridge.securitysuite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The deployment under attack: the sandbox, the MCP server and the console as separate processes from the product jar,
 * on ephemeral loopback ports. The console is configured from the environment as console/README.md says, with a
 * database of its own (CREATE DATABASE sec_…, dropped at the end) and Redis db {@link #redisDb}, both reached through
 * {@link TcpProxy proxies} the suite can cut. Its mail goes to the suite's {@link MailSink loopback SMTP sink}.
 */
final class Deployment implements AutoCloseable {

    static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    /** A started role: its process and the file its output goes to. */
    record Role(String name, Process process, Path log) {

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        long rssKb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux, or gone
            }
            return -1;
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    final Path jar;
    final Path work;
    final String database = "sec_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final int redisDb = ThreadLocalRandom.current().nextInt(8, 16);
    final int sandboxPort = freePort();
    final int mcpPort = freePort();
    final String mcpTimeout;
    final List<Role> roles = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** Where the console's mail goes (sign-up confirmation links, invitations, notes). */
    final MailSink mail = new MailSink();
    TcpProxy pgProxy;
    TcpProxy redisProxy;
    Role sandbox;
    Role mcp;
    Role console;
    String sandboxUrl;
    String appId;
    String appSecret;
    String consoleUrl;
    private int starts;

    Deployment(Path jar, Path work, String mcpTimeout) {
        this.jar = jar;
        this.work = work;
        this.mcpTimeout = mcpTimeout;
    }

    void start() throws Exception {
        Files.createDirectories(work);
        try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
            admin.createStatement().execute("create database " + database);
        }
        pgProxy = new TcpProxy("127.0.0.1", 5432);
        redisProxy = new TcpProxy("127.0.0.1", 6379);
        sandbox = launch("sandbox", List.of("-Xmx384m"), Map.of(), "sandbox", "--port",
                Integer.toString(sandboxPort), "--host", "127.0.0.1");
        sandboxUrl = "http://127.0.0.1:" + sandboxPort;
        waitFor("sandbox", () -> sandbox.output().contains("App secret"), Duration.ofSeconds(60));
        appId = banner(sandbox.output(), "App id");
        appSecret = banner(sandbox.output(), "App secret");
        startMcp(false);
        int port = freePort();
        console = startConsole(port, pgProxy.port(), false);
        consoleUrl = "http://127.0.0.1:" + port;
    }

    /** (Re)starts the MCP server on its port; {@code debug} sets its root logger to DEBUG. */
    void startMcp(boolean debug) {
        // The launcher's logback.xml takes the MCP server's root level from LOG_LEVEL.
        Map<String, String> env = debug ? Map.of("LOG_LEVEL", "DEBUG", "LOGGING_LEVEL_ROOT", "DEBUG") : Map.of();
        mcp = launch("mcp", List.of("-Xmx256m", "-XX:+UseSerialGC"), env, "mcp", "--port",
                Integer.toString(mcpPort), "--host", "127.0.0.1", "--graph-url", sandboxUrl);
        waitFor("MCP server", () -> status("http://127.0.0.1:" + mcpPort + "/healthz") == 200,
                Duration.ofSeconds(60));
    }

    /**
     * Starts a console process on {@code port}, reaching PostgreSQL through {@code pgPort}; {@code debug} sets its root
     * logger to DEBUG. Registers its callback URI with the sandbox.
     */
    Role startConsole(int port, int pgPort, boolean debug) {
        String base = "http://127.0.0.1:" + port;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONSOLE_BASE_URL", base);
        env.put("META_APP_ID", appId);
        env.put("META_APP_SECRET", appSecret);
        env.put("MCP_SERVER_URL", "http://127.0.0.1:" + mcpPort + "/mcp");
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database);
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("ADSBRIDGE_CONSOLE_META_GRAPH_URL", sandboxUrl);
        env.put("ADSBRIDGE_CONSOLE_META_LOGIN_URL", sandboxUrl);
        env.put("ADSBRIDGE_CONSOLE_MCP_TIMEOUT", mcpTimeout);
        env.put("ADSBRIDGE_CONSOLE_RATELIMITS_REDISURL", "redis://127.0.0.1:" + redisProxy.port() + "/" + redisDb);
        // Sign-ups are confirmed by mail; production refuses to start without SMTP. The suite's loopback sink reads it.
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", Integer.toString(mail.port()));
        env.put("ADSBRIDGE_VAULT_PROVIDER", "local");
        env.put("ADSBRIDGE_VAULT_LOCAL_KEYSETPATH", work.resolve("vault/kek.json").toString());
        // No key ceremony for a throwaway deployment: the local provider may create its keyset file.
        env.put("ADSBRIDGE_VAULT_REQUIREEXPLICITCONFIG", "false");
        if (debug) {
            env.put("LOGGING_LEVEL_ROOT", "DEBUG");
        }
        Role role = launch("console", List.of("-Xmx512m", "-XX:+UseSerialGC"), env, "console");
        try {
            waitFor("console on " + port, () -> status(base + "/signin") == 200, Duration.ofSeconds(150));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + tail(role.output()), e);
        }
        control("POST", "/_sandbox/app/redirect-uris", "{\"uris\":[\"" + base + "/connect/callback\"]}");
        return role;
    }

    Role launch(String name, List<String> jvm, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path log = work.resolve(name + "-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            Role role = new Role(name, builder.start(), log);
            roles.add(role);
            return role;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
    }

    /** The sandbox's control API; throws on an error answer. */
    JsonNode control(String method, String path, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandboxUrl + path))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException("sandbox " + path + " → " + response.statusCode() + " "
                        + response.body());
            }
            return Web.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What "Meta" holds, behind the console's back: a Graph GET with a fresh sandbox token of {@code user}. */
    JsonNode graph(String user, String pathAndQuery) {
        String token = control("POST", "/_sandbox/tokens", "{\"user\":\"" + user + "\"}").path("access_token")
                .asString();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/v25.0"
                    + pathAndQuery)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return Web.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A look into the console's database (for checks of "nothing changed"), directly, never through the proxy. */
    long count(String sql, Object... params) {
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres",
                "")) {
            var statement = db.prepareStatement(sql);
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            var rows = statement.executeQuery();
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void waitFor(String what, java.util.function.BooleanSupplier ready, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready after " + limit.toSeconds() + " s");
            }
            sleep(250);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String banner(String output, String label) {
        Matcher matcher = Pattern.compile(Pattern.quote(label) + "\\s+(\\S+)").matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + label + " in the sandbox's banner");
        }
        return matcher.group(1);
    }

    static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 30), lines.length));
    }

    @Override
    public void close() {
        for (Role role : roles) {
            role.kill();
        }
        mail.close();
        if (pgProxy != null) {
            pgProxy.close();
        }
        if (redisProxy != null) {
            redisProxy.close();
        }
        try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            System.err.println("could not drop database " + database + ": " + e.getMessage());
        }
    }
}
