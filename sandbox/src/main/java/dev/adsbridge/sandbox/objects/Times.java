package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Times as the Marketing API writes them: ISO-8601 with a numeric offset in the ad account's time zone
 * ({@code 2026-10-01T12:00:00-0700}); inputs may be unix seconds, that form, an ISO offset form or a plain date.
 */
public final class Times {

    private static final DateTimeFormatter GRAPH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm[:ss]")
            .optionalStart().appendPattern("[XXX][XX][X]").optionalEnd()
            .toFormatter();

    private Times() {
    }

    /** {@code 2026-10-01T12:00:00-0700} for an instant in a zone. */
    public static String format(long epochSeconds, ZoneId zone) {
        return GRAPH.format(Instant.ofEpochSecond(epochSeconds).atZone(zone));
    }

    /** The ad account's zone (its timezone_name), UTC when unknown. */
    public static ZoneId zoneOf(SandboxStore store, String accountId) {
        if (accountId == null) {
            return ZoneOffset.UTC;
        }
        return store.node(accountId).map(account -> account.getString("timezone_name")).map(name -> {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                return (ZoneId) ZoneOffset.UTC;
            }
        }).orElse(ZoneOffset.UTC);
    }

    /** Parses a Graph time parameter: unix seconds, ISO-8601 with or without offset (account zone), or a date. */
    public static long parse(String name, String value, ZoneId zone) {
        String text = value.trim();
        if (text.matches("-?\\d{1,12}")) {
            return Long.parseLong(text);
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(zone).toEpochSecond();
            }
            var parsed = INPUT.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
            if (parsed instanceof OffsetDateTime offset) {
                return offset.toEpochSecond();
            }
            return ((java.time.LocalDateTime) parsed).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw GraphErrors.invalidParameter("Param " + name + " must be a valid unix timestamp or ISO-8601 "
                    + "datetime");
        }
    }

    /** Epoch seconds of a stored Graph time string, or -1. */
    public static long epochOf(Object stored) {
        if (stored == null) {
            return -1;
        }
        try {
            return OffsetDateTime.parse(stored.toString(), GRAPH).toEpochSecond();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** The created_time of a node in epoch seconds (stored alongside as a hidden field for speed). */
    public static long createdEpoch(Node node) {
        Object hidden = node.get(Hidden.CREATED_EPOCH);
        if (hidden instanceof Number n) {
            return n.longValue();
        }
        return epochOf(node.get("created_time"));
    }
}
