package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;
import dev.adsbridge.sandbox.http.Render;
import dev.adsbridge.sandbox.objects.Hidden;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Async insights: {@code POST …/insights} validates like the GET, creates an AdReportRun node and computes the rows
 * in the background; {@code GET /{report_run_id}} reports progress, {@code GET /{report_run_id}/insights} pages the
 * rows once the job completed.
 *
 * <p>Progress is quick and predictable: the first poll says "Job Not Started", the second "Job Running", the third
 * "Job Completed" — or earlier with wall-clock time (Started after 0.25 s, Running after 0.6 s, Completed after 1.2 s),
 * and never before the rows are computed: the poll that reaches completion waits up to 2 s for them, a bigger report
 * stays "Job Running" until done. A report over {@link InsightsLimits#ASYNC} ends "Job Failed".
 *
 * <p>Each run's node keeps what it was asked for ({@link Hidden#REPORT_REQUEST}: the object, the day "today" was, the
 * parameters). A run no longer in memory — the sandbox restarted on a kept world, or the run was dropped to save
 * memory — is computed again from it on its next read, with the dates it was started with, as Meta keeps a report's
 * results after the job ends. It went on while nothing polled it, so it reads as completed from then on.
 */
final class ReportRuns {

    private static final String[] STATUSES = {"Job Not Started", "Job Started", "Job Running", "Job Completed"};
    private static final int[] PERCENTS = {0, 0, 50, 100};
    private static final int COMPLETED = 3;
    private static final String FAILED = "Job Failed";
    private static final int KEPT_RUNS = 200;
    private static final long COMPLETION_WAIT_SECONDS = 2;
    /**
     * Rows of finished reports kept in memory at most (~450 bytes each, a row's action parts counted as rows); older
     * reports are dropped beyond.
     */
    private static final long KEPT_ROWS = 1_000_000;

    /** Request parameters that are about the call, not the report: never kept with a run. */
    private static final List<String> TRANSPORT = List.of("appsecret_proof", "appsecret_time");

    private static final class Run {
        final String id;
        final InsightsQuery query;
        final AccountInfo account;
        final long startedNanos = System.nanoTime();
        final Future<InsightsEngine.Result> result;
        /** Computed again from its node's request: the job went on while nothing asked, the next poll finds it done. */
        final boolean restored;
        int polls;
        int step;
        long rows = -1;

        Run(String id, InsightsQuery query, AccountInfo account, Future<InsightsEngine.Result> result,
            boolean restored) {
            this.id = id;
            this.query = query;
            this.account = account;
            this.result = result;
            this.restored = restored;
        }
    }

    private final InsightsEngine engine;
    private final SandboxStore store;
    private final Clock clock;
    private final ExecutorService executor;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Deque<String> order = new ArrayDeque<>();
    private long keptRows;

    ReportRuns(InsightsEngine engine, SandboxStore store, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "sandbox-insights-report");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code POST /{object}/insights} → {@code {"report_run_id": "…"}}. */
    Object start(GraphCall call) {
        Node scope = call.node();
        AccountInfo account = engine.accountOf(scope);
        LocalDate today = engine.today(account);
        InsightsQuery query = InsightsQuery.parse(call.params(), Level.of(scope.type()), today);
        DayRange span = query.isDataMaximum() ? new DayRange(DatePresets.retentionStart(today), today)
                : new InsightsEngine.Result(account, query.ranges(), List.of(), null).span();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("account_id", account.accountId());
        fields.put("async_status", STATUSES[0]);
        fields.put("async_percent_completion", 0);
        fields.put("date_start", span.since().toString());
        fields.put("date_stop", span.until().toString());
        fields.put("time_ref", clock.instant().getEpochSecond());
        fields.put("is_running", true);
        fields.put("is_bookmarked", false);
        Map<String, String> params = new LinkedHashMap<>(call.params());
        TRANSPORT.forEach(params::remove);
        fields.put(Hidden.REPORT_REQUEST, Map.of("scope_id", scope.id(), "today", today.toString(),
                "params", params));
        Node node = store.create(store.newObjectId(), NodeType.AD_REPORT_RUN, account.id(), fields);
        Future<InsightsEngine.Result> result = executor.submit(() -> engine.run(query, scope, InsightsLimits.ASYNC));
        remember(new Run(node.id(), query, account, result, false));
        return Map.of("report_run_id", node.id());
    }

    /** {@code GET /{report_run_id}}: one poll. */
    Object read(GraphCall call) {
        Node node = call.node();
        Run run = runOf(node);
        if (run != null) {
            synchronized (run) {
                run.polls++;
                advance(run, node);
            }
        }
        if (call.fields().isEmpty()) {
            Map<String, Object> values = node.snapshot();
            Map<String, Object> out = new LinkedHashMap<>();
            for (String field : List.of("id", "account_id", "time_ref", "time_completed", "async_status",
                    "async_percent_completion", "date_start", "date_stop", "error_code", "error_message",
                    "error_subcode", "error_user_title", "error_user_msg")) {
                if (values.get(field) != null) {
                    out.put(field, values.get(field));
                }
            }
            return out;
        }
        return Render.select(call, node, node.snapshot(), call.fields());
    }

    /** {@code GET /{report_run_id}/insights}: the rows, once the job completed. */
    Object rows(GraphCall call) {
        Node node = call.node();
        if (FAILED.equals(node.getString("async_status"))) {
            throw failed(node);
        }
        Run run = runOf(node);
        if (run == null) {
            throw GraphErrors.invalidParameter("The results of report run " + node.id() + " are no longer available; "
                    + "run the report again");
        }
        synchronized (run) {
            advance(run, node);
            if (run.step < COMPLETED) {
                throw GraphErrors.invalidParameter("Report run " + node.id() + " is not complete yet (async_status: "
                        + node.getString("async_status") + "). Poll GET /" + node.id()
                        + " until async_status is \"Job Completed\".");
            }
        }
        InsightsEngine.Result result = outcome(run);
        if (result == null) {
            throw failed(node);
        }
        return InsightsEndpoints.page(call, run.query, result, store);
    }

    private static GraphException failed(Node node) {
        return GraphErrors.invalidParameter("Report run " + node.id() + " failed (async_status: Job Failed). "
                + GraphErrors.TOO_MUCH_DATA);
    }

    /**
     * The run in memory, or one computed again from the request its node keeps; null for a failed run (its node
     * says all there is) and for a run whose node keeps no request (written by an older sandbox).
     */
    private Run runOf(Node node) {
        Run run = runs.get(node.id());
        if (run != null || FAILED.equals(node.getString("async_status"))
                || !(node.get(Hidden.REPORT_REQUEST) instanceof Map<?, ?> request)) {
            return run;
        }
        Node scope = store.node(String.valueOf(request.get("scope_id"))).orElse(null);
        if (scope == null || !(request.get("params") instanceof Map<?, ?> kept)) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        kept.forEach((key, value) -> params.put(String.valueOf(key), String.valueOf(value)));
        InsightsQuery query = InsightsQuery.parse(params, Level.of(scope.type()),
                LocalDate.parse(String.valueOf(request.get("today"))));
        synchronized (order) {
            run = runs.get(node.id());
            if (run == null) {
                run = new Run(node.id(), query, engine.accountOf(scope),
                        executor.submit(() -> engine.run(query, scope, InsightsLimits.ASYNC)), true);
                remember(run);
            }
            return run;
        }
    }

    private void advance(Run run, Node node) {
        if (run.step >= COMPLETED || FAILED.equals(node.getString("async_status"))) {
            return;
        }
        long elapsedMillis = (System.nanoTime() - run.startedNanos) / 1_000_000;
        int byPolls = run.polls <= 1 ? 0 : run.polls == 2 ? 2 : COMPLETED;
        int byTime = run.restored || elapsedMillis >= 1200 ? COMPLETED
                : elapsedMillis < 250 ? 0 : elapsedMillis < 600 ? 1 : 2;
        int reached = Math.max(run.step, Math.max(byPolls, byTime));
        if (reached >= COMPLETED && !run.result.isDone()) {
            awaitBriefly(run);
        }
        int step = reached >= COMPLETED && !run.result.isDone() ? COMPLETED - 1 : reached;
        run.step = step;
        if (step >= COMPLETED && outcome(run) == null) {
            node.update(f -> {
                f.put("async_status", FAILED);
                f.put("async_percent_completion", 0);
                f.put("is_running", false);
                f.put("time_completed", clock.instant().getEpochSecond());
                // Since v25.0 a failed run says why, with the fields of the error a synchronous call would get.
                f.put("error_code", 1);
                f.put("error_message", GraphErrors.TOO_MUCH_DATA);
                f.put("error_user_title", "Report Too Large");
                f.put("error_user_msg", "This report asks for more rows than one run can compute. Narrow the date "
                        + "range, the level or the breakdowns and run it again.");
            });
            return;
        }
        InsightsEngine.Result result = step >= COMPLETED ? outcome(run) : null;
        if (result != null && run.rows < 0) {
            run.rows = result.weight();
            keep(run);
        }
        node.update(f -> {
            f.put("async_status", STATUSES[step]);
            f.put("async_percent_completion", step == COMPLETED - 1 && !run.result.isDone() ? 90 : PERCENTS[step]);
            f.put("is_running", step < COMPLETED);
            if (result != null) {
                // A run computed again after a restart keeps the time it first completed at.
                f.putIfAbsent("time_completed", clock.instant().getEpochSecond());
                DayRange span = result.span();
                f.put("date_start", span.since().toString());
                f.put("date_stop", span.until().toString());
            }
        });
    }

    /** Ordinary reports finish within the poll that reaches completion; big ones keep "Job Running" until done. */
    private static void awaitBriefly(Run run) {
        try {
            run.result.get(COMPLETION_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Still running, or failed: the status says so.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The computed result, or null when the job failed. */
    private static InsightsEngine.Result outcome(Run run) {
        try {
            return run.result.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void remember(Run run) {
        runs.put(run.id, run);
        synchronized (order) {
            order.addLast(run.id);
            while (order.size() > KEPT_RUNS) {
                forget(order.removeFirst());
            }
        }
    }

    /** Counts a finished report's rows against the memory budget, dropping the oldest reports beyond it. */
    private void keep(Run finished) {
        synchronized (order) {
            keptRows += finished.rows;
            while (keptRows > KEPT_ROWS && order.size() > 1 && !order.peekFirst().equals(finished.id)) {
                forget(order.removeFirst());
            }
        }
    }

    private void forget(String id) {
        Run run = runs.remove(id);
        if (run != null && run.rows > 0) {
            keptRows -= run.rows;
        }
    }
}
