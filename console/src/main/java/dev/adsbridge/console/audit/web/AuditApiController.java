package dev.adsbridge.console.audit.web;

import dev.adsbridge.console.audit.AuditEntry;
import dev.adsbridge.console.audit.AuditLog;
import dev.adsbridge.console.audit.AuditPage;
import dev.adsbridge.console.audit.internal.RequestOrigin;
import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/audit} and {@code /api/v1/audit.csv}: the tenant's audit log for owners and admins. Errors use the
 * API's envelope (built here: the apikeys module's helpers depend on this module, so reusing them would be a cycle).
 */
@RestController
class AuditApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditLog log;

    AuditApiController(AuditLog log) {
        this.log = log;
    }

    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> list(Member me, @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String after, HttpServletRequest request,
            HttpServletResponse response) {
        String requestId = RequestOrigin.ensureRequestId(request, response);
        if (!me.canWrite()) {
            return forbidden(requestId);
        }
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
            return validationFailed(requestId, problems);
        }
        AuditPage page;
        try {
            page = log.search(me.tenantId(), query.filter(), size, after);
        } catch (IllegalArgumentException badCursor) {
            return validationFailed(requestId, Map.of("after", "is not a cursor from this list"));
        }
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("next_cursor", page.nextCursor());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.entries().stream().map(AuditApiController::json).toList());
        body.put("paging", paging);
        return ResponseEntity.ok(body);
    }

    @GetMapping("/api/v1/audit.csv")
    void csv(Member me, @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = RequestOrigin.ensureRequestId(request, response);
        if (!me.canWrite()) {
            write(response, forbidden(requestId));
            return;
        }
        AuditQuery query = AuditQuery.parse(actor, action, target, outcome, from, to);
        if (!query.problems().isEmpty()) {
            write(response, validationFailed(requestId, query.problems()));
            return;
        }
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-"
                + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC)) + ".csv\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        log.exportCsv(me.tenantId(), query.filter(), out);
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

    private static ResponseEntity<Map<String, Object>> forbidden(String requestId) {
        return error(403, "forbidden_role", "Only owners and admins can see the audit log.", requestId, null);
    }

    private static ResponseEntity<Map<String, Object>> validationFailed(String requestId, Map<String, String> fields) {
        return error(400, "validation_failed", "Some fields need fixing: " + String.join("; ",
                fields.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()), requestId, fields);
    }

    private static ResponseEntity<Map<String, Object>> error(int status, String code, String message,
            String requestId, @Nullable Map<String, String> fields) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("request_id", requestId);
        if (fields != null) {
            error.put("fields", fields);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", error));
    }

    private static void write(HttpServletResponse response, ResponseEntity<Map<String, Object>> entity)
            throws IOException {
        response.setStatus(entity.getStatusCode().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(entity.getBody()));
    }

    static List<String> outcomes() {
        return List.of("success", "failure", "denied");
    }
}
