package dev.adsbridge.console.ads;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Large insights as Meta's async report runs: start one (create_insights_report), follow its progress
 * (get_insights_report's async_status and async_percent_completion), then page its rows or stream them as CSV. A
 * report belongs to the tenant that started it.
 */
@Service
public class InsightsReports {

    private final AdsGateway gateway;
    private final AdsReporting reporting;
    private final InsightsReportRepository reports;

    InsightsReports(AdsGateway gateway, AdsReporting reporting, InsightsReportRepository reports) {
        this.gateway = gateway;
        this.reporting = reporting;
        this.reports = reports;
    }

    /** What to report on: the same choices as GET /api/v1/insights. */
    public record Request(@JsonProperty("object_id") String objectId, @Nullable String level,
            @JsonProperty("date_preset") @Nullable String datePreset, @Nullable String since, @Nullable String until,
            @JsonProperty("time_increment") @Nullable String timeIncrement, @Nullable String breakdowns) {

        public InsightsQuery query() {
            return new InsightsQuery(objectId, level, datePreset, since, until, timeIncrement, breakdowns, false,
                    false);
        }
    }

    /**
     * A report's progress: {@code status} running, completed or failed, {@code percent} Meta's
     * async_percent_completion, and Meta's own async_status words.
     */
    public record Status(@JsonProperty("report_id") String reportId, String status, int percent,
            @JsonProperty("async_status") @Nullable String asyncStatus, @Nullable String message,
            @JsonProperty("rows_url") String rowsUrl, @JsonProperty("csv_url") String csvUrl) {
    }

    /** One page of a completed report's rows; {@code next_cursor} null on the last page. */
    public record RowsPage(@JsonProperty("report_id") String reportId, String status,
            List<Map<String, Object>> rows, @JsonProperty("next_cursor") @Nullable String nextCursor) {
    }

    /** Starts a report at Meta for a query. */
    public Status start(AdsCaller caller, InsightsQuery query) {
        AdsReporting.Target target = reporting.target(caller, query.objectId());
        Map<String, Object> args = reporting.arguments(query, target);
        args.remove("limit");
        args.remove("compact");
        JsonNode started = gateway.call(caller, target.connectionId(), target.accountId(), "create_insights_report",
                args, false).content();
        String runId = AdsGateway.text(started, "report_run_id", null);
        if (runId == null) {
            throw new AdsException(AdsException.Problem.META_UNAVAILABLE, "meta_error",
                    "Meta did not start the report. Try again in a minute.");
        }
        UUID id = UUID.randomUUID();
        reports.save(caller.tenant(), new InsightsReportRepository.Stored(id, target.connectionId(),
                target.accountId(), target.objectId(), runId, (String) args.get("level"), query.breakdowns(),
                gateway.clock().instant()));
        return status(id, "running", 0, "Job Not Started", null);
    }

    /** A report's progress (one poll at Meta). */
    public Status progress(AdsCaller caller, UUID id) {
        InsightsReportRepository.Stored report = find(caller, id);
        Poll poll = poll(caller, report, 1, null);
        return status(id, poll.status(), poll.percent(), poll.asyncStatus(), poll.message());
    }

    /** One page of a report's rows (none while it runs). */
    public RowsPage rows(AdsCaller caller, UUID id, int limit, @Nullable String after) {
        InsightsReportRepository.Stored report = find(caller, id);
        Poll poll = poll(caller, report, limit, after);
        if (poll.status().equals("failed")) {
            throw new AdsException(AdsException.Problem.META_UNAVAILABLE, "report_failed", poll.message());
        }
        return new RowsPage(id.toString(), poll.status(), poll.rows().stream().map(AdsReporting::row).toList(),
                poll.nextCursor());
    }

    /** The CSV header of a report and whether it finished; then {@link #writeRows} streams every row. */
    public InsightsCsv csv(AdsCaller caller, UUID id) {
        InsightsReportRepository.Stored report = find(caller, id);
        Poll first = poll(caller, report, AdsReporting.PAGE, null);
        if (!first.status().equals("completed")) {
            throw new AdsException(AdsException.Problem.CONFLICT, "report_not_ready", first.status().equals("failed")
                    ? first.message() : "The report is still running (" + first.percent() + " %). Try again when it "
                    + "is completed.");
        }
        InsightsQuery query = new InsightsQuery(report.objectId(), report.level(), null, null, null, null,
                report.breakdowns(), false, false);
        return new InsightsCsv(query, report.level(), out -> {
            Poll page = first;
            while (true) {
                for (JsonNode row : page.rows()) {
                    out.row(AdsReporting.row(row));
                }
                if (page.nextCursor() == null) {
                    return;
                }
                page = poll(caller, report, AdsReporting.PAGE, page.nextCursor());
            }
        });
    }

    /** How long an export waits for Meta's report run before answering that it is still running. */
    static final long EXPORT_WAIT_MILLIS = 120_000;

    /**
     * Every row of an insights query as CSV: small queries page through get_insights as the CSV is written; queries
     * that need a report ({@link InsightsQuery#needsReport}, or Meta says so) run as a report run first (waiting up to
     * two minutes), then stream its pages. The first page is read before anything is written, so a refusal is still
     * an HTTP error, not a half-written file.
     */
    public InsightsCsv export(AdsCaller caller, InsightsQuery query) {
        AdsReporting.Target target = reporting.target(caller, query.objectId());
        Map<String, Object> args = reporting.arguments(query, target);
        String level = (String) args.get("level");
        if (!query.needsReport()) {
            Map<String, Object> page = new LinkedHashMap<>(args);
            page.put("limit", AdsReporting.PAGE);
            McpToolClient.ToolResult first = gateway.callRaw(caller, target.connectionId(), target.accountId(),
                    "get_insights", page, false);
            if (first.isError() && !AdsReporting.wantsReport(first.content())) {
                throw gateway.failure(caller, target.connectionId(), target.accountId(), first.content());
            }
            if (!first.isError()) {
                return new InsightsCsv(query, level, out -> {
                    JsonNode content = first.content();
                    while (true) {
                        for (JsonNode row : content.path("data")) {
                            out.row(AdsReporting.row(row));
                        }
                        String next = AdsGateway.text(content, "next_cursor", null);
                        if (next == null || next.isBlank()) {
                            return;
                        }
                        page.put("after", next);
                        content = gateway.call(caller, target.connectionId(), target.accountId(), "get_insights",
                                page, false).content();
                    }
                });
            }
        }
        Status started = start(caller, query);
        UUID id = UUID.fromString(started.reportId());
        long deadline = System.currentTimeMillis() + EXPORT_WAIT_MILLIS;
        while (true) {
            Status status = progress(caller, id);
            if (!status.status().equals("running") || System.currentTimeMillis() > deadline) {
                break;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return csv(caller, id);
    }

    private record Poll(String status, int percent, @Nullable String asyncStatus, @Nullable String message,
            List<JsonNode> rows, @Nullable String nextCursor) {
    }

    private Poll poll(AdsCaller caller, InsightsReportRepository.Stored report, int limit, @Nullable String after) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("report_run_id", report.reportRunId());
        args.put("limit", limit);
        args.put("compact", true);
        if (after != null && !after.isBlank()) {
            args.put("after", after);
        }
        McpToolClient.ToolResult result = gateway.callRaw(caller, report.connectionId(), report.accountId(),
                "get_insights_report", args, false);
        if (result.isError()) {
            JsonNode error = result.content().path("error");
            if ("ReportRunFailed".equals(error.path("type").asString(""))
                    || error.path("message").asString("").contains("Job Failed")) {
                return new Poll("failed", 0, "Job Failed", "Meta could not finish this report. Narrow it (a "
                        + "shorter period, a coarser level or fewer breakdowns) and start it again.", List.of(), null);
            }
            throw gateway.failure(caller, report.connectionId(), report.accountId(), result.content());
        }
        JsonNode content = result.content();
        String async = AdsGateway.text(content, "async_status", null);
        if (!content.has("data")) {
            return new Poll("running", content.path("async_percent_completion").asInt(0), async, null, List.of(),
                    null);
        }
        List<JsonNode> rows = new ArrayList<>();
        content.path("data").forEach(rows::add);
        String next = AdsGateway.text(content, "next_cursor", null);
        return new Poll("completed", 100, async, null, rows, next == null || next.isBlank() ? null : next);
    }

    private InsightsReportRepository.Stored find(AdsCaller caller, UUID id) {
        return reports.find(caller.tenant(), id).orElseThrow(AdsException::notFound);
    }

    private static Status status(UUID id, String status, int percent, @Nullable String async,
            @Nullable String message) {
        String base = "/api/v1/insights/reports/" + id;
        return new Status(id.toString(), status, percent, async, message, base + "/rows", base + ".csv");
    }
}
