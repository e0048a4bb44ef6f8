package dev.adsbridge.bench;

import dev.adsbridge.bench.ConsoleBrowser.Answer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What each console page costs: the Graph calls its reads make (counted by the sandbox) and its wall time as a browser
 * loads it, with Meta's latency modelled by the sandbox. Starts the sandbox, the MCP server and the console as separate
 * processes from the product jar (the console in dev mode: H2 file database and vault key in a temporary directory),
 * signs up a tenant, connects Facebook Ads through the sandbox's consent dialog, picks the big seeded ad account, then
 * loads each page one at a time, first with the console's read cache off (cold), then with a second console process on
 * the same data and the default cache lifetime (warm).
 */
@Command(name = "console-pages", mixinStandardHelpOptions = true,
        description = "Graph calls and p50/p99 wall time of each console page, cold and warm, against the goal.")
public final class ConsolePageBenchmark implements Callable<Integer> {

    static final String ACCOUNT = "act_1000000001";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "bench password " + UUID.randomUUID();

    @Option(names = "--iterations", defaultValue = "20", description = "Measured views per page and mode. Default: ${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured rounds over every page when a console has started (JIT warm-up), before any page is measured; each page also gets one unmeasured view right before its measured ones (in warm mode it fills the read cache). Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--graph-latency-ms", defaultValue = "150", description = "Latency the sandbox adds to every Graph answer. Default: ${DEFAULT-VALUE}")
    int graphLatencyMs;

    @Option(names = "--connections", defaultValue = "6", description = "Requests in flight at once per page, as a browser's connections per host. Default: ${DEFAULT-VALUE}")
    int connections;

    @Option(names = "--goal-p50-ms", defaultValue = "450", description = "Goal: a page's p50 below this. Default: ${DEFAULT-VALUE}")
    double goalP50Ms;

    @Option(names = "--goal-graph-calls", defaultValue = "3", description = "Goal: at most this many Graph calls per page. Default: ${DEFAULT-VALUE}")
    int goalCalls;

    @Option(names = "--jar", defaultValue = "launcher/target/adsbridge.jar", description = "The product jar. Default: ${DEFAULT-VALUE}")
    Path jar;

    @Option(names = "--console-jvm-opts", defaultValue = "-Xmx512m", description = "JVM options of the console process. Default: ${DEFAULT-VALUE}")
    String consoleJvmOpts;

    @Option(names = "--out", defaultValue = "bench/target/console-pages.md", description = "Where to write the results (markdown). Default: ${DEFAULT-VALUE}")
    Path out;

    private final HttpClient control = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private Path dataDir;
    private String sandbox;
    private String mcp;
    private int consolePort;

    /** One page as the browser loads it: its HTML shell, then its script's reads (in parallel), then previews. */
    record PageSpec(String name, String shell, List<String> reads, boolean previews) {
        String describe() {
            List<String> parts = new ArrayList<>();
            if (shell != null) {
                parts.add("HTML `" + shell + "`");
            }
            parts.add(String.join(" ∥ ", reads.stream().map(r -> "`" + shortPath(r) + "`").toList()));
            if (previews) {
                parts.add("images");
            }
            return String.join(" → ", parts);
        }
    }

    /** The measured views of one page in one mode. */
    record PageResult(PageSpec page, long[] nanos, long[] calls, int images, List<String> errors) {
        double p50Ms() {
            return percentile(nanos, 50) / 1e6;
        }

        double p99Ms() {
            return percentile(nanos, 99) / 1e6;
        }

        long maxCalls() {
            return Arrays.stream(calls).max().orElse(0);
        }

        long minCalls() {
            return Arrays.stream(calls).min().orElse(0);
        }

        double meanCalls() {
            return Arrays.stream(calls).average().orElse(0);
        }
    }

    /** One read alone (cold): its Graph calls and time. */
    record ReadCost(String page, String path, long calls, double ms, int status) {
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            System.err.println("Product jar not found at " + jar + ": run `mvn -B -q -DskipTests package` first.");
            return 2;
        }
        dataDir = Files.createTempDirectory("adsbridge-console-bench-");
        Thread cleanup = new Thread(this::stopAll, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        boolean ok = false;
        try {
            String loadAtStart = loadAverage();
            int sandboxPort = McpOverheadBenchmark.freePort();
            int mcpPort = McpOverheadBenchmark.freePort();
            consolePort = McpOverheadBenchmark.freePort();
            String consoleUrl = "http://127.0.0.1:" + consolePort;
            sandbox = "http://127.0.0.1:" + sandboxPort;
            mcp = "http://127.0.0.1:" + mcpPort;
            System.out.println("Starting the sandbox, the MCP server and the console (logs in " + dataDir + ")");
            start("sandbox", List.of("-Xmx512m"), "sandbox", "--port", Integer.toString(sandboxPort),
                    "--redirect-uri", consoleUrl + "/connect/callback");
            McpOverheadBenchmark.waitFor(sandbox + "/_sandbox/state");
            start("mcp", List.of("-Xmx128m", "-XX:+UseSerialGC"), "mcp", "--port", Integer.toString(mcpPort),
                    "--graph-url", sandbox);
            McpOverheadBenchmark.waitFor(mcp + "/readyz");
            // Pages, not Meta's rate limits, are measured: usage is still counted and reported, nothing is refused.
            controlPost("/_sandbox/rate-limits", "{\"enforce\":false}");
            if (graphLatencyMs > 0) {
                controlPost("/_sandbox/faults", "{\"kind\":\"latency\",\"latency_ms\":" + graphLatencyMs
                        + ",\"count\":-1}");
            }

            // Cold: the read cache off, so every view asks Meta.
            Process console = startConsole("console-cold", "0s");
            ConsoleBrowser browser = new ConsoleBrowser(consoleUrl);
            String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
            signUpAndConnect(browser, email);
            List<PageSpec> pages = pages(browser);
            System.out.println("Pages:");
            pages.forEach(p -> System.out.println("  " + p.name() + ": " + p.describe()));
            warmUp(browser, pages, pool);
            List<ReadCost> reads = readCosts(browser, pages);
            Map<String, PageResult> cold = new LinkedHashMap<>();
            for (PageSpec page : pages) {
                cold.put(page.name(), measure(browser, page, pool, "cold"));
            }
            stop(console);

            // Warm: a second console on the same data with the default cache lifetime; the warm-up views fill it.
            startConsole("console-warm", null);
            Answer session = browser.read("/api/v1/connection");
            if (!session.ok() || !session.uri().getPath().equals("/api/v1/connection")) {
                signIn(browser, email);
            }
            warmUp(browser, pages, pool);
            Map<String, PageResult> warm = new LinkedHashMap<>();
            for (PageSpec page : pages) {
                warm.put(page.name(), measure(browser, page, pool, "warm"));
            }

            String report = report(pages, cold, warm, reads, loadAtStart, loadAverage());
            System.out.println();
            System.out.println(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out);
            ok = true;
            return cold.values().stream().allMatch(r -> r.errors().isEmpty())
                    && warm.values().stream().allMatch(r -> r.errors().isEmpty()) ? 0 : 1;
        } finally {
            pool.shutdownNow();
            stopAll();
            Runtime.getRuntime().removeShutdownHook(cleanup);
            if (ok) {
                deleteTree(dataDir);
            } else {
                System.err.println("Logs and data kept in " + dataDir);
            }
        }
    }

    // ---- the tenant: sign up, connect Facebook Ads through the sandbox's dialog, pick the big account ----

    private void signUpAndConnect(ConsoleBrowser browser, String email) {
        Answer signedUp = browser.submit("/signup", "/signup", Map.of("company", "Bench Co", "name", "Bench Owner",
                "email", email, "password", PASSWORD));
        if (signedUp.uri().getPath().equals("/signup/sent")) {
            // Sign-up mails a confirmation link; the dev console keeps its mail in the outbox at /dev/mail.
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("/signup/confirm/[A-Za-z0-9_-]+")
                    .matcher(browser.page("/dev/mail").text());
            require(link.find(), "the sign-up link in the dev outbox", signedUp);
            Answer confirmed = browser.submit(link.group(), link.group(), Map.of());
            require(confirmed.ok() && confirmed.uri().getPath().equals("/"), "confirming the sign-up", confirmed);
        } else {
            require(signedUp.ok() && signedUp.text().contains("Your account is ready"), "sign-up", signedUp);
            signIn(browser, email);
        }
        Answer consent = browser.submit("/", "/connect", Map.of());
        require(consent.ok() && consent.text().contains("name=\"action\""), "the sandbox's consent page", consent);
        Map<String, String> fields = new LinkedHashMap<>(ConsoleBrowser.inputs(consent.text()));
        fields.put("action", "continue");
        Answer picker = browser.postForm(ConsoleBrowser.formAction(consent), fields);
        require(picker.ok() && picker.uri().getPath().endsWith("/ad-accounts"), "the ad-account picker", picker);
        String pickerPath = picker.uri().getPath();
        Answer chosen = browser.submit(pickerPath, pickerPath, Map.of("account", ACCOUNT));
        require(chosen.ok(), "choosing " + ACCOUNT, chosen);
        Answer accounts = browser.read("/api/v1/ad-accounts");
        require(accounts.ok() && accounts.text().contains(ACCOUNT), ACCOUNT + " among the chosen ad accounts",
                accounts);
        System.out.println("Signed up " + email + ", connected Facebook Ads, chose " + ACCOUNT);
    }

    private void signIn(ConsoleBrowser browser, String email) {
        Answer signedIn = browser.submit("/signin", "/signin", Map.of("email", email, "password", PASSWORD));
        require(signedIn.ok() && signedIn.uri().getPath().equals("/"), "sign-in", signedIn);
    }

    private static void require(boolean condition, String what, Answer answer) {
        if (!condition) {
            String body = answer.text();
            throw new IllegalStateException(what + " failed: " + answer + "\n"
                    + body.substring(0, Math.min(body.length(), 2000)));
        }
    }

    // ---- the pages, with ids found in the account (a campaign with ad sets, an ad set with ads and images) ----

    private List<PageSpec> pages(ConsoleBrowser browser) {
        String campaigns = "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns?"
                + query("limit", "25", "date_preset", "last_7d", "status", "ACTIVE,PAUSED");
        JsonNode list = json(browser.read(campaigns), "the campaigns list");
        String campaign = null;
        String adset = null;
        String ad = null;
        int bestImages = -1;
        int looked = 0;
        for (JsonNode c : list.path("data")) {
            if (looked++ >= 6 || bestImages >= 3) {
                break;
            }
            JsonNode adsets = json(browser.read("/api/v1/campaigns/" + c.path("id").asString() + "/adsets?limit=25"),
                    "ad sets");
            for (JsonNode s : adsets.path("data")) {
                JsonNode ads = json(browser.read("/api/v1/adsets/" + s.path("id").asString() + "/ads?limit=50"),
                        "ads");
                int images = imagePaths(ads).size();
                if (ads.path("data").size() > 0 && images > bestImages) {
                    bestImages = images;
                    campaign = c.path("id").asString();
                    adset = s.path("id").asString();
                    ad = ads.path("data").get(0).path("id").asString();
                }
                if (bestImages >= 3) {
                    break;
                }
            }
        }
        if (campaign == null) {
            throw new IllegalStateException("no campaign of " + ACCOUNT + " with an ad set that has ads");
        }
        System.out.printf(Locale.ROOT, "Campaign %s, ad set %s (%d distinct preview images), ad %s%n", campaign,
                adset, bestImages, ad);
        String chart = "/api/v1/insights?" + query("object_id", ACCOUNT, "time_increment", "1", "date_preset",
                "last_30d", "level", "account", "compare", "previous");
        String table = query("object_id", ACCOUNT, "level", "account", "date_preset", "last_30d", "breakdowns", "age",
                "compare", "previous");
        return List.of(
                new PageSpec("dashboard", "/", List.of(
                        "/api/v1/ad-accounts/" + ACCOUNT + "/summary?date_preset=last_7d",
                        "/api/v1/ad-accounts/" + ACCOUNT + "/summary?date_preset=last_30d",
                        "/api/v1/ad-accounts", "/api/v1/connection"), false),
                new PageSpec("campaigns list", "/campaigns", List.of(campaigns), false),
                new PageSpec("campaign drill-down", "/campaigns/" + campaign, List.of("/api/v1/campaigns/" + campaign,
                        "/api/v1/campaigns/" + campaign + "/adsets?limit=25&date_preset=last_7d"), false),
                new PageSpec("ad set + ads + previews", null, List.of("/api/v1/adsets/" + adset,
                        "/api/v1/adsets/" + adset + "/ads?limit=50&date_preset=last_7d"), true),
                new PageSpec("ad + creatives", null, List.of("/api/v1/ads/" + ad, "/api/v1/ads/" + ad + "/creatives"),
                        false),
                // As insights.js asks: the table leaves the totals to the chart (totals=false).
                new PageSpec("insights (compare, age breakdown)", "/insights", List.of(chart, "/api/v1/insights?"
                        + table + "&totals=false"), false),
                new PageSpec("CSV export", null, List.of("/api/v1/insights.csv?" + table), false));
    }

    /** The image URLs the drill-down's ad cards load: one per distinct creative image (as drilldown.js finds it). */
    static List<String> imagePaths(JsonNode ads) {
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode ad : ads.path("data")) {
            JsonNode creative = ad.path("creative");
            String hash = firstText(creative.path("image_hash"), creative.at("/object_story_spec/link_data/image_hash"),
                    creative.at("/asset_feed_spec/images/0/hash"));
            if (hash == null) {
                continue;
            }
            String accountId = creative.path("account_id").asString("");
            String account = accountId.isEmpty() ? ACCOUNT : "act_" + accountId.replaceFirst("^act_", "");
            paths.add("/api/v1/ad-accounts/" + enc(account) + "/images/" + enc(hash));
        }
        return new ArrayList<>(paths);
    }

    /** The image URLs the ads read named itself ({@code creative.preview_url}): loaded without a lookup. */
    static List<String> namedPreviews(JsonNode ads) {
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode ad : ads.path("data")) {
            String named = firstText(ad.at("/creative/preview_url"));
            if (named != null) {
                paths.add(named);
            }
        }
        return new ArrayList<>(paths);
    }

    /**
     * The preview lookups drilldown.js makes for the ads whose read named no preview: per account,
     * {@code /images?hashes=…} with up to 50 distinct hashes (one Graph call each); their answers name the image URLs
     * to load.
     */
    static List<String> previewLookups(JsonNode ads) {
        Map<String, List<String>> byAccount = new LinkedHashMap<>();
        List<String> named = namedPreviews(ads);
        for (String path : imagePaths(ads)) {
            if (named.contains(path)) {
                continue;
            }
            int cut = path.lastIndexOf("/images/");
            byAccount.computeIfAbsent(path.substring(0, cut), k -> new ArrayList<>())
                    .add(path.substring(cut + "/images/".length()));
        }
        List<String> lookups = new ArrayList<>();
        byAccount.forEach((account, hashes) -> {
            for (int i = 0; i < hashes.size(); i += 50) {
                lookups.add(account + "/images?hashes=" + String.join(",", hashes.subList(i,
                        Math.min(hashes.size(), i + 50))));
            }
        });
        return lookups;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node != null && node.isString() && !node.asString().isBlank()) {
                return node.asString();
            }
        }
        return null;
    }

    // ---- measuring ----

    /** Loads a page once, as the browser does; returns the problems (empty when every answer was 200) and images. */
    private View view(ConsoleBrowser browser, PageSpec page, ExecutorService pool) {
        List<String> errors = new ArrayList<>();
        if (page.shell() != null) {
            check(page.shell(), browser.page(page.shell()), errors);
        }
        List<Answer> answers = all(pool, page.reads().stream().map(r -> (Callable<Answer>) () -> fetch(browser, r))
                .toList());
        for (int i = 0; i < answers.size(); i++) {
            check(page.reads().get(i), answers.get(i), errors);
        }
        int images = 0;
        if (page.previews()) {
            int ads = 0;
            while (ads < page.reads().size() && !page.reads().get(ads).contains("/ads?")) {
                ads++;
            }
            // As drilldown.js: the previews the ads read named, plus one lookup per account for the others, then
            // the images.
            JsonNode adsRead = answers.get(ads).ok() ? JSON.readTree(answers.get(ads).text()) : null;
            List<String> lookups = adsRead == null ? List.of() : previewLookups(adsRead);
            List<Answer> found = all(pool, lookups.stream().map(p -> (Callable<Answer>) () -> fetch(browser, p))
                    .toList());
            List<String> paths = adsRead == null ? new ArrayList<>() : new ArrayList<>(namedPreviews(adsRead));
            for (int i = 0; i < found.size(); i++) {
                check(lookups.get(i), found.get(i), errors);
                if (found.get(i).ok()) {
                    JSON.readTree(found.get(i).text()).properties().forEach(e -> paths.add(e.getValue().asString()));
                }
            }
            images = paths.size();
            List<Answer> loaded = all(pool, paths.stream().map(p -> (Callable<Answer>) () -> browser.image(p))
                    .toList());
            for (int i = 0; i < loaded.size(); i++) {
                Answer image = loaded.get(i);
                check(paths.get(i), image, errors);
                if (image.ok() && !image.contentType().startsWith("image/")) {
                    errors.add(paths.get(i) + " answered " + image.contentType());
                }
            }
        }
        return new View(errors, images);
    }

    record View(List<String> errors, int images) {
    }

    /** An API read as the page makes it: a script's fetch, or the CSV link (a navigation, so the browser's Accept). */
    private static Answer fetch(ConsoleBrowser browser, String path) {
        return path.contains(".csv?") ? browser.page(path) : browser.read(path);
    }

    private static void check(String path, Answer answer, List<String> errors) {
        if (!answer.ok() || !answer.uri().getPath().equals(URI.create(path).getPath())) {
            errors.add(shortPath(path) + " → " + answer.status() + " " + answer.uri().getPath());
        }
    }

    /** Rounds over every page, unmeasured: a freshly started console's JIT is warm before anything is timed. */
    private void warmUp(ConsoleBrowser browser, List<PageSpec> pages, ExecutorService pool) {
        for (int round = 0; round < warmup; round++) {
            pages.forEach(page -> view(browser, page, pool));
        }
    }

    private PageResult measure(ConsoleBrowser browser, PageSpec page, ExecutorService pool, String mode) {
        view(browser, page, pool);
        long[] nanos = new long[iterations];
        long[] calls = new long[iterations];
        List<String> errors = new ArrayList<>();
        int images = 0;
        for (int i = 0; i < iterations; i++) {
            long before = graphCalls();
            long t0 = System.nanoTime();
            View view = view(browser, page, pool);
            nanos[i] = System.nanoTime() - t0;
            calls[i] = callsSince(before);
            images = view.images();
            view.errors().forEach(e -> {
                if (errors.size() < 5) {
                    errors.add(e);
                }
            });
        }
        PageResult result = new PageResult(page, nanos, calls, images, errors);
        System.out.printf(Locale.ROOT, "%-5s %-36s Graph calls %s  p50 %7.1f ms  p99 %7.1f ms%s%n", mode,
                page.name(), callsText(result), result.p50Ms(), result.p99Ms(),
                errors.isEmpty() ? "" : "  ERRORS " + errors);
        return result;
    }

    /** Each read of each page alone, cold, in order: what it costs on its own (images: each of them). */
    private List<ReadCost> readCosts(ConsoleBrowser browser, List<PageSpec> pages) {
        List<ReadCost> costs = new ArrayList<>();
        for (PageSpec page : pages) {
            List<String> paths = new ArrayList<>();
            if (page.shell() != null) {
                paths.add(page.shell());
            }
            paths.addAll(page.reads());
            String ads = null;
            for (String path : paths) {
                long before = graphCalls();
                long t0 = System.nanoTime();
                Answer answer = path.startsWith("/api/") ? fetch(browser, path) : browser.page(path);
                double ms = (System.nanoTime() - t0) / 1e6;
                costs.add(new ReadCost(page.name(), path, callsSince(before), ms, answer.status()));
                if (path.contains("/ads?") && answer.ok()) {
                    ads = answer.text();
                }
            }
            if (page.previews() && ads != null) {
                List<String> images = new ArrayList<>();
                for (String lookup : previewLookups(JSON.readTree(ads))) {
                    long before = graphCalls();
                    long t0 = System.nanoTime();
                    Answer answer = fetch(browser, lookup);
                    costs.add(new ReadCost(page.name(), lookup, callsSince(before), (System.nanoTime() - t0) / 1e6,
                            answer.status()));
                    if (answer.ok()) {
                        JSON.readTree(answer.text()).properties().forEach(e -> images.add(e.getValue().asString()));
                    }
                }
                for (String image : images) {
                    long before = graphCalls();
                    long t0 = System.nanoTime();
                    Answer answer = browser.image(image);
                    costs.add(new ReadCost(page.name(), image, callsSince(before), (System.nanoTime() - t0) / 1e6,
                            answer.status()));
                }
            }
        }
        return costs;
    }

    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) {
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every Graph call the sandbox answered counts toward the app's hourly usage: the counter to read. */
    private long graphCalls() {
        try {
            HttpResponse<String> response = control.send(HttpRequest.newBuilder(URI.create(sandbox
                    + "/_sandbox/rate-limits")).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).at("/app/calls_this_hour").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Calls since {@code before}; if the sandbox's hourly window restarted meanwhile, the calls of the new window. */
    private long callsSince(long before) {
        long now = graphCalls();
        return now >= before ? now - before : now;
    }

    static long percentile(long[] values, double percentile) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    // ---- the report ----

    private String report(List<PageSpec> pages, Map<String, PageResult> cold, Map<String, PageResult> warm,
            List<ReadCost> reads, String loadAtStart, String loadAtEnd) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Console page benchmark, %s%n%n", Instant.now()));
        md.append(String.format(Locale.ROOT, "Sandbox latency %d ms on every Graph answer; %d measured views per page "
                + "and mode, after %d unmeasured rounds over all pages (JIT warm-up) and one unmeasured view of "
                + "the page; one page at a time, its reads issued as the page's script does "
                + "(parallel where it is, at most %d at once); %d cores, load average %s at the start, %s at the end; "
                + "console JVM `%s`, dev mode (H2). Cold: read cache off (`adsbridge.console.read-cache.ttl=0s`); "
                + "warm: a second console process on the same data with the default cache lifetime, filled by the "
                + "unmeasured view (an entry that expires during the views shows as Graph calls). Goal: p50 < %.0f ms and at most "
                + "%d Graph calls per page. With fewer than 100 views, p99 is the slowest view.%n%n", graphLatencyMs, iterations, warmup, connections,
                Runtime.getRuntime().availableProcessors(), loadAtStart, loadAtEnd, consoleJvmOpts, goalP50Ms,
                goalCalls));
        md.append("| page | Graph calls, cold | p50 cold (ms) | p99 cold (ms) | Graph calls, warm (mean) "
                + "| p50 warm (ms) | p99 warm (ms) | goal |\n|---|---|---|---|---|---|---|---|\n");
        for (PageSpec page : pages) {
            PageResult c = cold.get(page.name());
            PageResult w = warm.get(page.name());
            List<String> misses = new ArrayList<>();
            if (c.maxCalls() > goalCalls) {
                misses.add(c.maxCalls() + " calls");
            }
            if (c.p50Ms() >= goalP50Ms) {
                misses.add(String.format(Locale.ROOT, "cold p50 %.0f ms", c.p50Ms()));
            }
            if (w.p50Ms() >= goalP50Ms) {
                misses.add(String.format(Locale.ROOT, "warm p50 %.0f ms", w.p50Ms()));
            }
            if (!c.errors().isEmpty() || !w.errors().isEmpty()) {
                misses.add("errors");
            }
            String name = page.name() + (page.previews() ? " (" + c.images() + " images)" : "");
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f | %.0f | %.0f | %s |%n", name,
                    callsText(c), c.p50Ms(), c.p99Ms(), w.meanCalls(), w.p50Ms(), w.p99Ms(),
                    misses.isEmpty() ? "PASS" : "**MISS** (" + String.join(", ", misses) + ")"));
        }
        md.append("\nWhat each page loads (`∥` = in parallel, `→` = after):\n\n");
        for (PageSpec page : pages) {
            md.append("- ").append(page.name()).append(": ").append(page.describe()).append('\n');
        }
        md.append("\nEach read alone, cold (one view, so times are single samples):\n\n| page | read | Graph calls "
                + "| ms | status |\n|---|---|---|---|---|\n");
        for (ReadCost read : reads) {
            md.append(String.format(Locale.ROOT, "| %s | %s`%s` | %d | %.0f | %d |%n", read.page(),
                    read.path().startsWith("/api/") ? "" : "HTML ", shortPath(read.path()), read.calls(), read.ms(),
                    read.status()));
        }
        List<String> errors = Stream.concat(cold.values().stream(), warm.values().stream())
                .flatMap(r -> r.errors().stream().map(e -> r.page().name() + ": " + e)).toList();
        if (!errors.isEmpty()) {
            md.append("\nErrors (first ones per page):\n\n");
            errors.forEach(e -> md.append("- ").append(e).append('\n'));
        }
        return md.toString();
    }

    private static String callsText(PageResult result) {
        return result.minCalls() == result.maxCalls() ? Long.toString(result.maxCalls())
                : result.minCalls() + "–" + result.maxCalls();
    }

    /** A path as the report shows it: ids and the account kept, query decoded. */
    static String shortPath(String path) {
        return java.net.URLDecoder.decode(path, StandardCharsets.UTF_8).replace("/api/v1", "");
    }

    // ---- processes and plumbing ----

    private Process startConsole(String name, String ttl) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("console",
                // "--" ends the launcher's own options: what follows goes to Spring as --name=value properties.
                // The launcher's console role does not switch the dev profile on from mode=dev: name it.
                "--", "--adsbridge.console.mode=dev", "--spring.profiles.active=dev",
                "--server.port=" + consolePort, "--server.address=127.0.0.1",
                "--adsbridge.console.base-url=http://127.0.0.1:" + consolePort,
                "--adsbridge.data-dir=" + dataDir.resolve("console"),
                "--adsbridge.console.meta.graph-url=" + sandbox, "--adsbridge.console.meta.login-url=" + sandbox,
                "--adsbridge.console.mcp.url=" + mcp + "/mcp"));
        if (ttl != null) {
            args.add("--adsbridge.console.read-cache.ttl=" + ttl);
        }
        Process console = start(name, List.of(consoleJvmOpts.split("\\s+")), args.toArray(String[]::new));
        waitFor("http://127.0.0.1:" + consolePort + "/signin", console, 240);
        System.out.println("Console up (" + name + ", read cache " + (ttl == null ? "default" : ttl) + ")");
        return console;
    }

    private Process start(String name, List<String> jvmOpts, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        jvmOpts.stream().filter(s -> !s.isBlank()).forEach(command::add);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    static void waitFor(String url, Process process, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process for " + url + " exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " did not come up within " + seconds + " s");
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        processes.remove(process);
    }

    private void stopAll() {
        for (Process process : List.copyOf(processes)) {
            try {
                stop(process);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void controlPost(String path, String json) throws IOException, InterruptedException {
        McpOverheadBenchmark.post(control, sandbox + path, json);
    }

    private static JsonNode json(Answer answer, String what) {
        require(answer.ok(), what, answer);
        return JSON.readTree(answer.text());
    }

    private static String query(String... pairs) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        return query.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return load[0] + " / " + load[1] + " / " + load[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + root + ": " + e);
        }
    }
}
