package dev.adsbridge.console.audit.web;

import dev.adsbridge.console.apikeys.ApiCaller;
import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.audit.AuditEntry;
import dev.adsbridge.console.audit.AuditLog;
import dev.adsbridge.console.audit.AuditPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/audit} and {@code /api/v1/audit.csv}: the tenant's audit log for owners, signed in or with an API
 * key an owner created (read or read_write). Errors use the API's envelope.
 */
@RestController
@Tag(name = "Audit log", description = "The tenant's audit log (owners, and API keys created by owners)")
class AuditApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditLog log;

    AuditApiController(AuditLog log) {
        this.log = log;
    }

    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The audit log, newest first, filtered and paged by cursor")
    Map<String, Object> list(ApiCaller caller, @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String after) {
        caller.requireAuditLogReader();
        AuditQuery query = AuditQuery.parse(actor, action, target, outcome, from, to);
        Map<String, String> problems = new LinkedHashMap<>(query.problems());
        int size = 50;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
                if (size < 1 || size > AuditLog.MAX_PAGE) {
                    problems.put("limit", "must be between 1 and " + AuditLog.MAX_PAGE);
                }
            } catch (NumberFormatException e) {
                problems.put("limit", "must be a number between 1 and " + AuditLog.MAX_PAGE);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        AuditPage page;
        try {
            page = log.search(caller.tenant(), query.filter(), size, after);
        } catch (IllegalArgumentException badCursor) {
            throw ApiException.validation("after", "is not a cursor from this list");
        }
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("next_cursor", page.nextCursor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.entries().stream().map(AuditApiController::json).toList());
        body.put("paging", paging);
        return body;
    }

    @GetMapping("/api/v1/audit.csv")
    @Operation(summary = "The audit log as CSV (at most 100,000 rows, newest first)")
    void csv(ApiCaller caller, @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            HttpServletResponse response) throws IOException {
        caller.requireAuditLogReader();
        AuditQuery query = AuditQuery.parse(actor, action, target, outcome, from, to);
        if (!query.problems().isEmpty()) {
            throw ApiException.validation(query.problems());
        }
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-"
                + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC)) + ".csv\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        log.exportCsv(caller.tenant(), query.filter(), out);
        out.flush();
    }

    static Map<String, Object> json(AuditEntry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Long.toString(entry.id()));
        row.put("seq", Long.toString(entry.seq()));
        row.put("at", entry.at().toString());
        row.put("actor", entry.actor());
        row.put("action", entry.action());
        row.put("target_type", entry.targetType());
        row.put("target_id", entry.targetId());
        row.put("target_name", entry.targetName());
        row.put("before", parsed(entry.before()));
        row.put("after", parsed(entry.after()));
        row.put("outcome", entry.outcome());
        row.put("request_id", entry.requestId());
        row.put("client_ip", entry.clientIp());
        row.put("prev_hash", entry.prevHash());
        row.put("hash", entry.hash());
        return row;
    }

    private static @Nullable Object parsed(@Nullable String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node;
        } catch (RuntimeException e) {
            return json;
        }
    }

    static List<String> outcomes() {
        return List.of("success", "failure", "denied");
    }
}
