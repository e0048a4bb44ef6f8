package dev.adsbridge.console.audit.web;

import dev.adsbridge.console.audit.AuditFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The audit filters as they come in a query string (page and API), checked; {@code problems} names bad fields. */
record AuditQuery(AuditFilter filter, Map<String, String> problems) {

    static AuditQuery parse(@Nullable String actor, @Nullable String action, @Nullable String target,
            @Nullable String outcome, @Nullable String from, @Nullable String to) {
        Map<String, String> problems = new LinkedHashMap<>();
        Instant since = instant("from", from, false, problems);
        Instant until = instant("to", to, true, problems);
        String checkedOutcome = outcome;
        if (outcome != null && !outcome.isBlank() && !outcome.strip().matches("success|failure|denied")) {
            problems.put("outcome", "must be success, failure or denied");
            checkedOutcome = null;
        }
        if (since != null && until != null && !since.isBefore(until)) {
            problems.put("to", "must be after from");
        }
        return new AuditQuery(new AuditFilter(actor, action, target, checkedOutcome, since, until), problems);
    }

    /** A day (yyyy-mm-dd, UTC; as {@code to}, the whole day is included) or an ISO-8601 instant. */
    private static @Nullable Instant instant(String field, @Nullable String value, boolean endOfDay,
            Map<String, String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.put(field, "must be a date (2026-01-31) or an ISO-8601 time (2026-01-31T12:00:00Z)");
            return null;
        }
    }
}
