package dev.adsbridge.console.ads;

import dev.adsbridge.console.apikeys.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An insights question as the API takes it: the object, a date preset or a since/until range, the row level, a time
 * increment, breakdowns, and whether to compare with the previous period.
 */
public record InsightsQuery(String objectId, @Nullable String level, @Nullable String datePreset,
        @Nullable String since, @Nullable String until, @Nullable String timeIncrement, @Nullable String breakdowns,
        boolean comparePrevious, @Nullable String resultType) {

    private static final Set<String> LEVELS = Set.of("account", "campaign", "adset", "ad");

    public InsightsQuery {
        if (objectId == null || objectId.isBlank()) {
            throw ApiException.validation("object_id", "Required: an ad account (act_…), campaign, ad set or ad id.");
        }
        if (level != null && !level.isBlank() && !LEVELS.contains(level)) {
            throw ApiException.validation("level", "Choose account, campaign, adset or ad.");
        }
        if ((since == null) != (until == null)) {
            throw ApiException.validation("since", "Send since and until together (YYYY-MM-DD).");
        }
        if (since != null) {
            try {
                if (LocalDate.parse(since).isAfter(LocalDate.parse(until))) {
                    throw ApiException.validation("since", "since must not be after until.");
                }
            } catch (DateTimeParseException e) {
                throw ApiException.validation("since", "Dates look like 2026-11-01.");
            }
        }
    }

    /** The get_insights arguments for the object. */
    Map<String, Object> arguments(String object) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("object_id", object);
        if (level != null && !level.isBlank()) {
            args.put("level", level);
        } else {
            args.put("level", object.startsWith("act_") ? "account" : null);
            args.values().removeIf(v -> v == null);
        }
        if (since != null) {
            args.put("time_range", Map.of("since", since, "until", until));
        } else {
            args.put("time_range", datePreset == null || datePreset.isBlank() ? "last_30d" : datePreset);
        }
        if (timeIncrement != null && !timeIncrement.isBlank()) {
            args.put("time_increment", timeIncrement);
        }
        if (breakdowns != null && !breakdowns.isBlank()) {
            args.put("breakdown", breakdowns);
        }
        args.put("compact", true);
        args.put("limit", 500);
        return args;
    }
}
