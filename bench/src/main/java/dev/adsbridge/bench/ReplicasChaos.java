package dev.adsbridge.bench;

import dev.adsbridge.bench.ConsoleBrowser.Answer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The production shape on one machine, under load and faults: 2 console and 2 MCP server replicas (processes from the
 * product jar) behind Debian's nginx, on a PostgreSQL database of their own and a Redis of their own (a separate
 * redis-server on its own port), with the sandbox as Meta. Many tenants sign in, read, create campaigns with
 * Idempotency-Key (retrying with the same key until the answer is definitive, as a careful client does), read with API
 * keys, call the console's tenant MCP endpoint as their agents do and the MCP servers directly as a backend does;
 * meanwhile one console and one MCP server are killed
 * (SIGKILL) and restarted, Redis is restarted, and every replica is restarted in turn (SIGTERM, graceful). Reports
 * requests served and failed (with the reason), duplicated and lost writes (counted at the sandbox), and p50/p99 per
 * phase.
 */
@Command(name = "replicas", mixinStandardHelpOptions = true,
        description = "2 console + 2 MCP replicas behind nginx on PostgreSQL and Redis, under load, through faults.")
public final class ReplicasChaos implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APP_ID = "880000000000001";
    private static final String APP_SECRET = "sandbox-app-secret-0123456789abcdef";
    /** How long nginx leaves a server it saw fail alone before trying it again ({@code fail_timeout}). */
    private static final Duration NGINX_FAIL_TIMEOUT = Duration.ofSeconds(3);
    private static final List<String> ACCOUNTS = List.of("act_1000000001", "act_1000000002", "act_1000000003",
            "act_1000000005");
    private static final String PASSWORD = "chaos password " + UUID.randomUUID();

    @Option(names = "--tenants", defaultValue = "12", description = "Tenants, one client each. Default: ${DEFAULT-VALUE}")
    int tenants;

    @Option(names = "--phase-seconds", defaultValue = "20", description = "Seconds of load before the first fault and after each. Default: ${DEFAULT-VALUE}")
    int phaseSeconds;

    @Option(names = "--think-ms", defaultValue = "100", description = "Pause of each client between operations. Default: ${DEFAULT-VALUE}")
    int thinkMs;

    @Option(names = "--faults", split = ",", defaultValue = "console-kill,mcp-kill,redis-restart,rolling-restart", description = "Faults to apply, in this order. Default: ${DEFAULT-VALUE}")
    List<String> faults;

    @Option(names = "--ready-timeout", defaultValue = "600", description = "Seconds a (re)started replica may take to get ready. Default: ${DEFAULT-VALUE}")
    int readyTimeout;

    @Option(names = "--database", defaultValue = "adsbridge_replicas", description = "PostgreSQL database on 127.0.0.1:5432 (user postgres), created and dropped by the run. Default: ${DEFAULT-VALUE}")
    String database;

    @Option(names = "--jar", defaultValue = "launcher/target/adsbridge.jar", description = "The product jar. Default: ${DEFAULT-VALUE}")
    Path jar;

    @Option(names = "--console-jvm-opts", defaultValue = "-Xmx384m", description = "JVM options of each console. Default: ${DEFAULT-VALUE}")
    String consoleJvmOpts;

    @Option(names = "--mcp-jvm-opts", defaultValue = "-Xmx128m -XX:+UseSerialGC", description = "JVM options of each MCP server (the recommended ones). Default: ${DEFAULT-VALUE}")
    String mcpJvmOpts;

    @Option(names = "--out", defaultValue = "bench/target/replicas.md", description = "Where to write the results (markdown). Default: ${DEFAULT-VALUE}")
    Path out;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Map<String, List<String>> commands = new ConcurrentHashMap<>();
    private final List<String> phases = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final Set<String> confirmedWrites = ConcurrentHashMap.newKeySet();
    private final Set<String> unresolvedWrites = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusedWrites = new AtomicInteger();
    private final String runId = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile String phase = "before";
    private volatile boolean loadRunning = true;
    private Path dir;
    private String sandbox;
    private String front;
    private String mcpFront;
    private int redisPort;

    @Override
    public Integer call() throws Exception {
        String nginx = which("nginx", "/usr/sbin/nginx");
        String redisServer = which("redis-server", "/usr/bin/redis-server");
        if (nginx == null || redisServer == null || which("createdb", null) == null) {
            System.err.println("Needs Debian's nginx, redis-server and the PostgreSQL client tools: "
                    + "apt-get update && apt-get install nginx redis-server postgresql-client"
                    + (nginx == null ? " (nginx is missing)" : "") + (redisServer == null ? " (redis-server is missing)" : ""));
            return 2;
        }
        List<String> unknown = faults.stream().filter(f -> !List.of("console-kill", "mcp-kill", "redis-restart",
                "rolling-restart").contains(f)).toList();
        if (!unknown.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "unknown faults " + unknown);
        }
        if (!Files.isRegularFile(jar)) {
            System.err.println("Product jar not found at " + jar + ": run `mvn -B -q -DskipTests package` first.");
            return 2;
        }
        dir = Files.createTempDirectory("adsbridge-replicas");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
        try {
            run(List.of("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database));
            run(List.of("createdb", "-h", "127.0.0.1", "-U", "postgres", database));
            return exercise(nginx, redisServer);
        } finally {
            stopAll();
            run(List.of("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database));
            System.out.println("Logs of every process: " + dir);
        }
    }

    private int exercise(String nginx, String redisServer) throws Exception {
        int sandboxPort = freePort();
        redisPort = freePort();
        int frontPort = freePort();
        int mcpFrontPort = freePort();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("console-1", "console-2", "mcp-1", "mcp-2")) {
            ports.put(name, freePort());
        }
        sandbox = "http://127.0.0.1:" + sandboxPort;
        front = "http://127.0.0.1:" + frontPort;
        mcpFront = "http://127.0.0.1:" + mcpFrontPort;

        define("redis", List.of(redisServer, "--port", String.valueOf(redisPort), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no"));
        define("sandbox", java("-Xmx256m", "sandbox", "--port", String.valueOf(sandboxPort)));
        for (String mcp : List.of("mcp-1", "mcp-2")) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(List.of(mcpJvmOpts.split("\\s+")));
            command.addAll(List.of("-jar", jar.toString(), "mcp", "--port", String.valueOf(ports.get(mcp)),
                    "--graph-url", sandbox, "--allowed-host", "127.0.0.1:" + mcpFrontPort));
            define(mcp, command);
        }
        for (String console : List.of("console-1", "console-2")) {
            int port = ports.get(console);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(List.of(consoleJvmOpts.split("\\s+")));
            command.addAll(List.of("-jar", jar.toString(), "console", "--",
                    "--server.port=" + port, "--server.address=127.0.0.1",
                    "--adsbridge.console.base-url=" + front,
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database,
                    "--spring.datasource.username=postgres",
                    "--adsbridge.console.meta.app-id=" + APP_ID,
                    "--adsbridge.console.meta.graph-url=" + sandbox, "--adsbridge.console.meta.login-url=" + sandbox,
                    "--adsbridge.console.mcp.url=" + mcpFront + "/mcp",
                    "--adsbridge.console.mcp.timeout=10s", "--adsbridge.console.idempotency.settle-after=20s",
                    "--adsbridge.console.rate-limits.redis-url=redis://127.0.0.1:" + redisPort,
                    "--adsbridge.vault.provider=local", "--adsbridge.vault.require-explicit-config=false",
                    "--adsbridge.vault.local.keyset-path=" + dir.resolve("vault/kek.json"),
                    "--adsbridge.console.sign-up.verify-email=false",
                    "--adsbridge.console.sign-in.max-address-failures=1000000",
                    "--spring.lifecycle.timeout-per-shutdown-phase=20s"));
            define(console, command);
        }
        Files.writeString(dir.resolve("nginx.conf"), nginxConf(frontPort, mcpFrontPort, ports));
        // nginx's workers run as nobody: they buffer bodies and large answers in these directories.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Path path = Files.createDirectories(dir.resolve(temp));
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        define("nginx", List.of(nginx, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-g",
                "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("nginx-error.log") + " warn;"));

        start("redis");
        start("sandbox");
        start("mcp-1");
        start("mcp-2");
        start("nginx");
        waitFor("sandbox", sandbox + "/_sandbox", 120);
        post(sandbox + "/_sandbox/app/redirect-uris", "{\"uris\":[\"" + front + "/connect/callback\"]}");
        post(sandbox + "/_sandbox/rate-limits", "{\"enforce\":false}");
        waitFor("mcp-1", "http://127.0.0.1:" + ports.get("mcp-1") + "/readyz", 120);
        waitFor("mcp-2", "http://127.0.0.1:" + ports.get("mcp-2") + "/readyz", 120);
        // The first console migrates the database and writes the vault key; the second reads both.
        start("console-1");
        waitFor("console-1", "http://127.0.0.1:" + ports.get("console-1") + "/actuator/health/readiness", readyTimeout);
        start("console-2");
        waitFor("console-2", "http://127.0.0.1:" + ports.get("console-2") + "/actuator/health/readiness", readyTimeout);
        waitFor("nginx", front + "/actuator/health/readiness", 60);
        waitFor("nginx", mcpFront + "/readyz", 60);
        System.out.println("Up: 2 consoles, 2 MCP servers, nginx on " + front + ", Redis on " + redisPort
                + ", database " + database);

        List<Tenant> all = setUpTenants();
        ExecutorService clients = Executors.newFixedThreadPool(all.size());
        List<Future<?>> running = new ArrayList<>();
        for (Tenant tenant : all) {
            running.add(clients.submit(() -> load(tenant)));
        }
        enter("before");
        Thread.sleep(phaseSeconds * 1000L);

        for (String name : faults) {
            switch (name) {
                case "console-kill" -> fault("console-1 killed", () -> {
                    kill("console-1");
                    start("console-1");
                    waitFor("console-1", consoleReady(ports, "console-1"), readyTimeout);
                });
                case "mcp-kill" -> fault("mcp-1 killed", () -> {
                    kill("mcp-1");
                    start("mcp-1");
                    waitFor("mcp-1", "http://127.0.0.1:" + ports.get("mcp-1") + "/readyz", 120);
                });
                case "redis-restart" -> fault("Redis restarted", () -> {
                    kill("redis");
                    Thread.sleep(3000);
                    start("redis");
                    waitForPort(redisPort, 30);
                });
                default -> fault("rolling restart", () -> {
                    // nginx (open source) learns that a replica is back only passively: it tries a server it marked
                    // failed again after fail_timeout. Stopping the next replica sooner leaves it no live upstream,
                    // so each step waits that long after the restarted replica is ready, as an operator must.
                    for (String console : List.of("console-1", "console-2")) {
                        stopGracefully(console);
                        start(console);
                        waitFor(console, consoleReady(ports, console), readyTimeout);
                        Thread.sleep(NGINX_FAIL_TIMEOUT.plusSeconds(2).toMillis());
                    }
                    for (String mcp : List.of("mcp-1", "mcp-2")) {
                        stopGracefully(mcp);
                        start(mcp);
                        waitFor(mcp, "http://127.0.0.1:" + ports.get(mcp) + "/readyz", 120);
                        Thread.sleep(NGINX_FAIL_TIMEOUT.plusSeconds(2).toMillis());
                    }
                });
            }
        }
        loadRunning = false;
        for (Future<?> client : running) {
            client.get(5, TimeUnit.MINUTES); // writes in doubt are retried to a definitive answer first
        }
        clients.shutdown();

        Map<String, Integer> created = createdAtMeta();
        int duplicated = created.values().stream().mapToInt(n -> n - 1).sum();
        List<String> lost = confirmedWrites.stream().filter(name -> !created.containsKey(name)).sorted().toList();
        long unconfirmedButCreated = unresolvedWrites.stream().filter(created::containsKey).count();
        String report = report(duplicated, lost, unconfirmedButCreated, created.size());
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println("Written to " + out);
        return duplicated == 0 && lost.isEmpty() ? 0 : 1;
    }

    private static String consoleReady(Map<String, Integer> ports, String console) {
        return "http://127.0.0.1:" + ports.get(console) + "/actuator/health/readiness";
    }

    // ---- the load ----

    /** A tenant: its signed-in browser, its read API key, a Meta token for agent calls, its ad account. */
    private record Tenant(int number, String email, ConsoleBrowser browser, String apiKey, String metaToken,
            String account, AtomicInteger writes) {
    }

    private List<Tenant> setUpTenants() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Tenant>> futures = new ArrayList<>();
        for (int i = 0; i < tenants; i++) {
            int number = i;
            futures.add(pool.submit(() -> {
                // Setting up is not what is measured: a loaded machine's hiccup gets two more tries.
                for (int attempt = 1; ; attempt++) {
                    try {
                        return setUp(number, attempt);
                    } catch (RuntimeException e) {
                        if (attempt == 3) {
                            throw e;
                        }
                        System.out.println("tenant " + number + ": " + e.getMessage() + "; trying again");
                    }
                }
            }));
        }
        List<Tenant> all = new ArrayList<>();
        for (Future<Tenant> future : futures) {
            all.add(future.get());
        }
        pool.shutdown();
        System.out.println(all.size() + " tenants signed up, connected and keyed");
        return all;
    }

    private Tenant setUp(int number, int attempt) throws Exception {
        String email = runId + "-" + number + "-" + attempt + "@example.test";
        ConsoleBrowser browser = new ConsoleBrowser(front);
        Answer signedUp = browser.submit("/signup", "/signup", Map.of("company", "Chaos " + number, "name",
                "Owner " + number, "email", email, "password", PASSWORD));
        require(signedUp.ok() && signedUp.uri().getPath().equals("/"), "sign-up", signedUp);
        Answer consent = browser.submit("/", "/connect", Map.of());
        require(consent.ok() && consent.text().contains("name=\"action\""), "the consent page", consent);
        Map<String, String> fields = new LinkedHashMap<>(ConsoleBrowser.inputs(consent.text()));
        fields.put("action", "continue");
        Answer picker = browser.postForm(ConsoleBrowser.formAction(consent), fields);
        require(picker.ok() && picker.uri().getPath().endsWith("/ad-accounts"), "the ad-account picker", picker);
        String account = ACCOUNTS.get(number % ACCOUNTS.size());
        Answer chosen = browser.submit(picker.uri().getPath(), picker.uri().getPath(), Map.of("account", account));
        require(chosen.ok(), "choosing " + account, chosen);
        Answer key = browser.json("POST", "/api/v1/api-keys", "{\"name\":\"chaos\",\"scope\":\"read\"}", "/",
                Map.of());
        require(key.status() == 201, "an API key", key);
        String token = JSON.readTree(post(sandbox + "/_sandbox/tokens", "{}")).get("access_token").asString();
        return new Tenant(number, email, browser, JSON.readTree(key.text()).get("key").asString(), token, account,
                new AtomicInteger());
    }

    private void load(Tenant tenant) {
        while (loadRunning) {
            int dice = ThreadLocalRandom.current().nextInt(100);
            try {
                if (dice < 40) {
                    timed("read (session)", () -> tenant.browser().read("/api/v1/ad-accounts/" + tenant.account()
                            + "/campaigns?limit=10"));
                } else if (dice < 60) {
                    timed("read (API key)", () -> send(HttpRequest.newBuilder(URI.create(front + "/api/v1/ad-accounts/"
                            + tenant.account() + "/campaigns?limit=10")).header("Authorization", "Bearer "
                            + tenant.apiKey()).GET()));
                } else if (dice < 70) {
                    // A customer's agent: the console's tenant MCP endpoint with the tenant's key.
                    timed("agent MCP call (console /mcp)", () -> toolCall(front + "/mcp", tenant.apiKey(),
                            tenant.account()));
                } else if (dice < 75) {
                    // A backend of its own calling the MCP servers with a Meta token.
                    timed("backend MCP call (MCP servers)", () -> toolCall(mcpFront + "/mcp", tenant.metaToken(),
                            tenant.account()));
                } else if (dice < 90) {
                    write(tenant);
                } else {
                    timed("sign-in", () -> {
                        ConsoleBrowser fresh = new ConsoleBrowser(front);
                        Answer signedIn = fresh.submit("/signin", "/signin", Map.of("email", tenant.email(),
                                "password", PASSWORD));
                        return signedIn.ok() && !signedIn.uri().getPath().equals("/") ? new Answer(signedIn.uri(), 401,
                                signedIn.contentType(), signedIn.body()) : signedIn;
                    });
                }
                Thread.sleep(thinkMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A create with an Idempotency-Key, sent again with the same key until the answer is definitive. */
    private void write(Tenant tenant) throws InterruptedException {
        String name = runId + "-t" + tenant.number() + "-w" + tenant.writes().incrementAndGet();
        String body = "{\"name\":\"" + name + "\",\"objective\":\"OUTCOME_TRAFFIC\",\"status\":\"PAUSED\"}";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        unresolvedWrites.add(name);
        while (System.nanoTime() < deadline) {
            Answer answer = timed("write (create, Idempotency-Key)", () -> tenant.browser().json("POST",
                    "/api/v1/ad-accounts/" + tenant.account() + "/campaigns", body, "/",
                    Map.of("Idempotency-Key", name)));
            if (answer != null && (answer.status() == 200 || answer.status() == 201)) {
                unresolvedWrites.remove(name);
                confirmedWrites.add(name);
                return;
            }
            if (answer != null && answer.status() >= 400 && answer.status() < 500 && answer.status() != 409
                    && answer.status() != 429) {
                unresolvedWrites.remove(name);
                refusedWrites.incrementAndGet();
                return;
            }
            Thread.sleep(1000); // unknown outcome, in progress, or a failure on the way: same key again
        }
    }

    private interface Call {
        Answer run() throws Exception;
    }

    /** Runs one request, recording its latency and outcome in the current phase; null when it failed to answer. */
    private Answer timed(String operation, Call call) {
        String current = phase;
        long started = System.nanoTime();
        Answer answer = null;
        String failure;
        try {
            answer = call.run();
            failure = answer.status() >= 400 && answer.status() != 404 ? "HTTP " + answer.status() + reason(answer)
                    : null;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failure = cause.getClass().getSimpleName();
        }
        long micros = (System.nanoTime() - started) / 1000;
        stats.computeIfAbsent(current, p -> new Stats()).record(operation, micros, failure);
        return answer;
    }

    private static String reason(Answer answer) {
        try {
            JsonNode error = JSON.readTree(answer.text()).path("error");
            String code = error.path("code").asString("");
            return code.isEmpty() ? "" : " " + code;
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** {@code tools/call get_campaigns} as an MCP client sends it; a tool error counts as a failed request. */
    private Answer toolCall(String url, String bearer, String account) throws IOException, InterruptedException {
        Answer answer = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                        + "\"tools/call\",\"params\":{\"name\":\"get_campaigns\",\"arguments\":"
                        + "{\"account_id\":\"" + account + "\",\"limit\":5}}}")));
        if (answer.status() == 200) {
            JsonNode result = JSON.readTree(answer.text()).path("result");
            if (!result.isObject() || result.path("isError").asBoolean(false)) {
                String category = result.path("structuredContent").path("error").path("category").asString("");
                return new Answer(answer.uri(), 502, "application/json", ("{\"error\":{\"code\":\"tool error"
                        + (category.isEmpty() ? "" : " " + category) + "\"}}").getBytes(StandardCharsets.UTF_8));
            }
        }
        return answer;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.uri(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** Per phase: latencies and failures by reason. */
    private static final class Stats {
        final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> failures = new ConcurrentHashMap<>();
        final Map<String, Integer> byOperation = new ConcurrentHashMap<>();
        final AtomicInteger served = new AtomicInteger();

        void record(String operation, long latency, String failure) {
            micros.add(latency);
            byOperation.merge(operation, 1, Integer::sum);
            if (failure == null) {
                served.incrementAndGet();
            } else {
                failures.merge(operation + ": " + failure, 1, Integer::sum);
            }
        }
    }

    // ---- faults ----

    private interface Fault {
        void apply() throws Exception;
    }

    private void fault(String name, Fault fault) throws Exception {
        enter("during " + name);
        long started = System.nanoTime();
        fault.apply();
        System.out.printf("%s: back after %.1f s%n", name, (System.nanoTime() - started) / 1e9);
        enter("after " + name);
        Thread.sleep(phaseSeconds * 1000L);
    }

    private void enter(String name) {
        phase = name;
        phases.add(name);
        System.out.println("-- " + name);
    }

    // ---- checking at Meta ----

    /** Our campaigns at the sandbox: name → how many exist. */
    private Map<String, Integer> createdAtMeta() throws Exception {
        String token = JSON.readTree(post(sandbox + "/_sandbox/tokens", "{}")).get("access_token").asString();
        Map<String, Integer> created = new HashMap<>();
        for (String account : ACCOUNTS) {
            String url = sandbox + "/v25.0/" + account + "/campaigns?fields=name&limit=500";
            while (url != null) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode page = JSON.readTree(response.body());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("listing " + account + ": " + response.body());
                }
                for (JsonNode campaign : page.path("data")) {
                    String name = campaign.path("name").asString("");
                    if (name.startsWith(runId)) {
                        created.merge(name, 1, Integer::sum);
                    }
                }
                JsonNode next = page.path("paging").path("next");
                url = next.isMissingNode() || next.isNull() ? null : next.asString();
            }
        }
        return created;
    }

    // ---- the report ----

    private String report(int duplicated, List<String> lost, long unconfirmedButCreated, int createdCount) {
        StringBuilder text = new StringBuilder();
        text.append("## Replicas under faults (`adsbridge-bench replicas`)\n\n");
        text.append(String.format("%d tenants, one client each (%d ms between operations); 2 consoles, 2 MCP servers, "
                + "nginx, PostgreSQL database `%s`, Redis on its own port; %d s of load before the first fault and "
                + "after each; JVMs: console `%s`, MCP `%s`; %d cores, load average %s at the end.%n%n", tenants,
                thinkMs, database, phaseSeconds, consoleJvmOpts, mcpJvmOpts,
                Runtime.getRuntime().availableProcessors(), loadAverage()));
        text.append("| phase | requests | served | failed | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|---:|\n");
        int totalServed = 0;
        int totalFailed = 0;
        Map<String, Integer> failureReasons = new TreeMap<>();
        for (String name : List.copyOf(phases)) {
            Stats s = stats.get(name);
            if (s == null) {
                continue;
            }
            long[] sorted;
            synchronized (s.micros) {
                sorted = s.micros.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            int failed = s.failures.values().stream().mapToInt(Integer::intValue).sum();
            totalServed += s.served.get();
            totalFailed += failed;
            s.failures.forEach((reason, count) -> failureReasons.merge(name + " — " + reason, count, Integer::sum));
            text.append(String.format("| %s | %d | %d | %d | %.0f | %.0f |%n", name, sorted.length, s.served.get(),
                    failed, ConsolePageBenchmark.percentile(sorted, 50) / 1000.0,
                    ConsolePageBenchmark.percentile(sorted, 99) / 1000.0));
        }
        text.append(String.format("%nRequests served: %d; failed: %d.%n", totalServed, totalFailed));
        if (!failureReasons.isEmpty()) {
            text.append("\nFailed requests by phase and reason (a write's failed attempts are sent again with the same "
                    + "Idempotency-Key):\n\n");
            failureReasons.forEach((reason, count) -> text.append("- ").append(reason).append(": ").append(count)
                    .append('\n'));
        }
        text.append(String.format("%nWrites: %d confirmed to the client, %d refused (4xx), %d never confirmed within "
                + "3 minutes (%d of those exist at Meta); %d created at Meta.%n", confirmedWrites.size(),
                refusedWrites.get(), unresolvedWrites.size(), unconfirmedButCreated, createdCount));
        text.append(String.format("**Duplicated writes: %d. Lost writes (confirmed, not at Meta): %d.**%n", duplicated,
                lost.size()));
        if (!lost.isEmpty()) {
            text.append("Lost: ").append(String.join(", ", lost.subList(0, Math.min(10, lost.size())))).append('\n');
        }
        return text.toString();
    }

    // ---- processes ----

    private void define(String name, List<String> command) {
        commands.put(name, command);
    }

    private List<String> java(String heap, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), heap, "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private void start(String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(commands.get(name)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile()));
        builder.environment().put("META_APP_SECRET", APP_SECRET);
        processes.put(name, builder.start());
    }

    private void kill(String name) throws InterruptedException {
        Process process = processes.remove(name);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private void stopGracefully(String name) throws InterruptedException {
        Process process = processes.remove(name);
        process.destroy(); // SIGTERM: readiness off, requests in flight finish
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            System.out.println(name + " did not stop within 60 s: killed");
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void stopAll() {
        for (String name : List.copyOf(processes.keySet())) {
            Process process = processes.remove(name);
            if (process != null) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void waitFor(String name, String url, int seconds) throws InterruptedException {
        Process process = processes.get(name);
        if (process == null) {
            throw new IllegalStateException(name + " is not running; see " + dir.resolve(name + ".log"));
        }
        ConsolePageBenchmark.waitFor(url, process, seconds);
    }

    private static void waitForPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on " + port + " after " + seconds + " s");
    }

    private String post(String url, String json) throws IOException, InterruptedException {
        return McpOverheadBenchmark.post(http, url, json);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static String which(String command, String fallback) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return Path.of(directory, command).toString();
            }
        }
        return fallback != null && Files.isExecutable(Path.of(fallback)) ? fallback : null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void require(boolean condition, String what, Answer answer) {
        if (!condition) {
            throw new IllegalStateException(what + " failed: " + answer + " " + answer.text().substring(0,
                    Math.min(300, answer.text().length())));
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String nginxConf(int frontPort, int mcpFrontPort, Map<String, Integer> ports) {
        return """
                worker_processes 1;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path client_body;
                    proxy_temp_path proxy;
                    fastcgi_temp_path fastcgi;
                    uwsgi_temp_path uwsgi;
                    scgi_temp_path scgi;
                    upstream console {
                        server 127.0.0.1:%1$d max_fails=1 fail_timeout=%7$ds;
                        server 127.0.0.1:%2$d max_fails=1 fail_timeout=%7$ds;
                    }
                    upstream mcp {
                        server 127.0.0.1:%3$d max_fails=1 fail_timeout=%7$ds;
                        server 127.0.0.1:%4$d max_fails=1 fail_timeout=%7$ds;
                    }
                    client_max_body_size 7m;
                    proxy_connect_timeout 2s;
                    proxy_read_timeout 120s;
                    proxy_next_upstream error timeout http_502 http_503;
                    proxy_next_upstream_tries 2;
                    server {
                        listen 127.0.0.1:%5$d;
                        location / {
                            proxy_pass http://console;
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            # With X-Forwarded-Proto and no port, the console would build its redirects for port 80.
                            proxy_set_header X-Forwarded-Port $server_port;
                        }
                    }
                    server {
                        listen 127.0.0.1:%6$d;
                        location / {
                            proxy_pass http://mcp;
                            proxy_set_header Host $http_host;
                            proxy_buffering off;
                        }
                    }
                }
                """.formatted(ports.get("console-1"), ports.get("console-2"), ports.get("mcp-1"), ports.get("mcp-2"),
                frontPort, mcpFrontPort, NGINX_FAIL_TIMEOUT.toSeconds());
    }
}
