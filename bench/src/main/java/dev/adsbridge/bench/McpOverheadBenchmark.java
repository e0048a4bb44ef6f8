package dev.adsbridge.bench;

import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.graph.GraphConfig;
import dev.adsbridge.graph.RetryPolicy;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what the MCP hop costs. In one run, N concurrent clients do get_campaigns and get_insights
 * (a) straight at the sandbox through the Graph client and (b) through the MCP server, the way a backend calls it
 * (tools/call with a Bearer token, no initialize). The sandbox and the MCP server run as separate processes started
 * from the product jar, so the MCP server's RSS is its own.
 */
@Command(name = "adsbridge-bench", mixinStandardHelpOptions = true,
        description = "Graph client straight at the sandbox vs. the same calls through the MCP server.",
        subcommands = {ConsolePageBenchmark.class, McpPeersBenchmark.class, ReplicasChaos.class})
public final class McpOverheadBenchmark implements Callable<Integer> {

    /** The sandbox ad account both workloads read. */
    static final String ACCOUNT = "act_1000000001";

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients. Default: ${DEFAULT-VALUE}")
    int clients;

    @Option(names = "--duration", defaultValue = "20", description = "Measured seconds per mode. Default: ${DEFAULT-VALUE}")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "8", description = "Warm-up seconds per mode. Default: ${DEFAULT-VALUE}")
    int warmupSeconds;

    @Option(names = "--graph-latency-ms", defaultValue = "0", description = "Latency the sandbox adds to every Graph call, to model Meta's (0 = none). Default: ${DEFAULT-VALUE}")
    int graphLatencyMs;

    @Option(names = "--jar", defaultValue = "launcher/target/adsbridge.jar", description = "The product jar. Default: ${DEFAULT-VALUE}")
    Path jar;

    @Option(names = "--server-jvm-opts", defaultValue = "-Xmx128m -XX:+UseSerialGC", description = "JVM options of the MCP server process (C2 JIT kept: it halves the steady-state CPU per call against -XX:TieredStopAtLevel=1). Default: ${DEFAULT-VALUE}")
    String serverJvmOpts;

    @Option(names = "--out", defaultValue = "target/bench-results.md", description = "Where to write the results (markdown). Default: ${DEFAULT-VALUE}")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new McpOverheadBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            System.err.println("Product jar not found at " + jar + ": run `mvn -B -q -DskipTests package` first.");
            return 2;
        }
        int sandboxPort = freePort();
        int mcpPort = freePort();
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(start(List.of("-Xmx512m"), "sandbox", "--port", Integer.toString(sandboxPort)));
            String sandbox = "http://127.0.0.1:" + sandboxPort;
            waitFor(sandbox + "/_sandbox/state");
            Process mcp = start(List.of(serverJvmOpts.split("\\s+")), "mcp", "--port", Integer.toString(mcpPort),
                    "--graph-url", sandbox);
            processes.add(mcp);
            String mcpBase = "http://127.0.0.1:" + mcpPort;
            waitFor(mcpBase + "/readyz");

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            // The benchmark measures overhead, not Meta's rate limits: usage is still counted, nothing is refused.
            post(http, sandbox + "/_sandbox/rate-limits", "{\"enforce\":false}");
            if (graphLatencyMs > 0) {
                post(http, sandbox + "/_sandbox/faults", "{\"kind\":\"latency\",\"latency_ms\":" + graphLatencyMs
                        + ",\"count\":-1}");
            }
            String token = tokenFrom(post(http, sandbox + "/_sandbox/tokens", "{\"expires_in\":0}"));

            GraphClient graph = GraphClient.create(GraphConfig.builder().baseUrl(sandbox).apiVersion("v25.0")
                    .retryPolicy(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(30)).build());
            Workload direct = new DirectGraphWorkload(graph, token);
            Workload viaMcp = new McpWorkload(http, mcpBase + "/mcp/", token);

            System.out.printf(Locale.ROOT, "clients=%d warmup=%ds duration=%ds graph-latency=%dms%n", clients,
                    warmupSeconds, durationSeconds, graphLatencyMs);
            long sandboxPid = processes.get(0).pid();
            Result a = run("direct (graph client -> sandbox)", direct, sandboxPid, mcp.pid());
            Result b = run("via MCP (client -> MCP server -> sandbox)", viaMcp, sandboxPid, mcp.pid());
            long rssKb = rssKb(mcp.pid(), "VmRSS");
            long hwmKb = rssKb(mcp.pid(), "VmHWM");
            String report = report(a, b, rssKb, hwmKb);
            System.out.println(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out);
            return 0;
        } finally {
            for (Process process : processes) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        }
    }

    private Result run(String name, Workload workload, long sandboxPid, long mcpPid)
            throws InterruptedException, IOException {
        measure(workload, warmupSeconds, null);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong errors = new AtomicLong();
        long sandboxCpu = cpuMillis(sandboxPid);
        long mcpCpu = cpuMillis(mcpPid);
        long mcpJit = jitCpuMillis(mcpPid);
        long started = System.nanoTime();
        long completed = measure(workload, durationSeconds, new Recorder(histogram, errors));
        double seconds = (System.nanoTime() - started) / 1e9;
        double perCall = Math.max(1, completed);
        return new Result(name, completed / seconds, histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, completed, errors.get(),
                (cpuMillis(sandboxPid) - sandboxCpu) / perCall, (cpuMillis(mcpPid) - mcpCpu) / perCall,
                Math.max(0, jitCpuMillis(mcpPid) - mcpJit) / perCall);
    }

    /** CPU time (user + system) a process has used, from /proc: unaffected by what else the machine is doing. */
    private static long cpuMillis(long pid) throws IOException {
        return statTicks(Path.of("/proc", Long.toString(pid), "stat")) * 10; // USER_HZ is 100 on Linux
    }

    /** utime + stime, in clock ticks, from a /proc {@code stat} file (process or thread). */
    private static long statTicks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU time of the process's JIT compiler threads (C1/C2): a warm-up cost that the measured window still pays
     * after a short warm-up, divided by however many calls the (shared) machine let through. Compiler threads that
     * exit during the window take their time with them, so this is a lower bound.
     */
    private static long jitCpuMillis(long pid) throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    ticks += statTicks(task.resolve("stat"));
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        return ticks * 10;
    }

    private record Recorder(Histogram histogram, AtomicLong errors) {
    }

    /** Runs {@code clients} threads for {@code seconds}; returns the number of completed calls. */
    private long measure(Workload workload, int seconds, Recorder recorder) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong completed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread thread = new Thread(() -> {
                Histogram local = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                long localErrors = 0;
                long calls = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        boolean ok = workload.call(client, calls);
                        local.recordValue(Math.min(System.nanoTime() - t0, local.getHighestTrackableValue()));
                        if (!ok) {
                            localErrors++;
                        }
                        calls++;
                    }
                } finally {
                    completed.addAndGet(calls);
                    if (recorder != null) {
                        synchronized (recorder.histogram()) {
                            recorder.histogram().add(local);
                        }
                        recorder.errors().addAndGet(localErrors);
                    }
                    done.countDown();
                }
            }, "bench-client-" + i);
            thread.start();
        }
        done.await();
        return completed.get();
    }

    record Result(String name, double throughput, double p50Ms, double p99Ms, long calls, long errors,
                  double sandboxCpuMsPerCall, double mcpCpuMsPerCall, double mcpJitCpuMsPerCall) {
    }

    private String report(Result a, Result b, long rssKb, long hwmKb) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## MCP overhead benchmark, %s%n%n", Instant.now()));
        md.append(String.format(Locale.ROOT, "%d concurrent clients, %d s measured after %d s warm-up per mode, "
                + "alternating get_campaigns (limit 25) and get_insights (account, last_7d); sandbox latency %d ms; "
                + "%d cores; MCP server JVM: `%s`.%n%n", clients, durationSeconds, warmupSeconds, graphLatencyMs,
                Runtime.getRuntime().availableProcessors(), serverJvmOpts));
        md.append("| mode | calls | errors | throughput (calls/s) | p50 (ms) | p99 (ms) | sandbox CPU/call (ms) "
                + "| MCP server CPU/call (ms) |\n|---|---|---|---|---|---|---|---|\n");
        for (Result r : List.of(a, b)) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %.2f | %.2f | %.3f | %.3f |%n", r.name(),
                    r.calls(), r.errors(), r.throughput(), r.p50Ms(), r.p99Ms(), r.sandboxCpuMsPerCall(),
                    r.mcpCpuMsPerCall()));
        }
        md.append(String.format(Locale.ROOT, "%n- throughput via MCP / direct: **%.1f %%** (target ≥ 80 %%)%n",
                100 * b.throughput() / a.throughput()));
        md.append(String.format(Locale.ROOT, "- p50 added by the MCP hop: **%.2f ms** (target < 1 ms); p99 added: %.2f ms%n",
                b.p50Ms() - a.p50Ms(), b.p99Ms() - a.p99Ms()));
        md.append(String.format(Locale.ROOT, "- CPU the MCP server spends per call: %.3f ms, against %.3f ms in the "
                + "sandbox (Meta's stand-in) for the same call; of it, JIT compilation: %.3f ms (a warm-up cost: "
                + "a longer --warmup shows the steady state)%n", b.mcpCpuMsPerCall(), b.sandboxCpuMsPerCall(),
                b.mcpJitCpuMsPerCall()));
        md.append(String.format(Locale.ROOT, "- MCP server RSS at the end: **%.0f MB** (peak %.0f MB; target < 256 MB)%n",
                rssKb / 1024.0, hwmKb / 1024.0));
        return md.toString();
    }

    // ---- processes and plumbing ----

    private Process start(List<String> jvmOpts, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmOpts.stream().filter(s -> !s.isBlank()).forEach(command::add);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static void waitFor(String url) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(url + " did not come up within 60 s");
    }

    static String post(HttpClient http, String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String tokenFrom(String json) {
        int key = json.indexOf("\"access_token\"");
        int start = json.indexOf('"', json.indexOf(':', key) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long rssKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                StandardCharsets.UTF_8)) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    /** One client call; true when it succeeded. */
    interface Workload {
        boolean call(int client, long sequence);
    }

    /**
     * The Graph requests get_campaigns and get_insights make (CampaignTools.LIST_FIELDS and the InsightsTools
     * defaults), straight from the Graph client.
     */
    record DirectGraphWorkload(GraphClient graph, String token) implements Workload {
        static final Map<String, String> CAMPAIGNS = Map.of("fields", "id,name,objective,status,effective_status,"
                + "daily_budget,lifetime_budget,budget_remaining,buying_type,bid_strategy,spend_cap,"
                + "special_ad_categories,start_time,stop_time,created_time,updated_time", "limit", "25");
        static final Map<String, String> INSIGHTS = Map.of("level", "account", "date_preset", "last_7d", "fields",
                "account_id,account_name,spend,impressions,clicks,ctr,cpc,cpm,results,cost_per_result,action_values,"
                        + "purchase_roas", "limit", "25");

        @Override
        public boolean call(int client, long sequence) {
            try {
                if (sequence % 2 == 0) {
                    graph.getPage(token, ACCOUNT + "/campaigns", CAMPAIGNS);
                } else {
                    graph.getPage(token, ACCOUNT + "/insights", INSIGHTS);
                }
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** The same two calls as a backend makes them: tools/call, Bearer token, no initialize. */
    record McpWorkload(HttpClient http, String endpoint, String token) implements Workload {
        @Override
        public boolean call(int client, long sequence) {
            String body = sequence % 2 == 0
                    ? "{\"jsonrpc\":\"2.0\",\"id\":" + sequence + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"get_campaigns\",\"arguments\":{\"account_id\":\"" + ACCOUNT + "\",\"limit\":25}}}"
                    : "{\"jsonrpc\":\"2.0\",\"id\":" + sequence + ",\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"get_insights\",\"arguments\":{\"object_id\":\"" + ACCOUNT + "\",\"level\":\"account\","
                    + "\"time_range\":\"last_7d\"}}}";
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && !response.body().contains("\"isError\":true")
                        && !response.body().contains("\"error\":{\"code\":-");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
