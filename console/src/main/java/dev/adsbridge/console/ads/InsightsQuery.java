package dev.adsbridge.console.ads;

import dev.adsbridge.meta.DatePresets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An insights question as the API takes it: the object, a date preset or a since/until range, the row level, a time
 * increment, breakdowns, whether to compare with the previous period, and whether to add the period's totals.
 */
public record InsightsQuery(String objectId, @Nullable String level, @Nullable String datePreset,
        @Nullable String since, @Nullable String until, @Nullable String timeIncrement, @Nullable String breakdowns,
        boolean comparePrevious, boolean withTotals) {

    private static final Set<String> LEVELS = Set.of("account", "campaign", "adset", "ad");

    public InsightsQuery {
        if (objectId == null || objectId.isBlank()) {
            throw AdsException.validation("object_id", "Required: an ad account (act_…), campaign, ad set or ad id.");
        }
        if (level != null && !level.isBlank() && !LEVELS.contains(level)) {
            throw AdsException.validation("level", "Choose account, campaign, adset or ad.");
        }
        if (datePreset != null && !datePreset.isBlank()) {
            requirePreset(datePreset);
        }
        if (timeIncrement != null && !timeIncrement.isBlank() && !timeIncrement.equals("monthly")
                && !timeIncrement.equals("all_days")
                && !(timeIncrement.matches("[0-9]{1,2}") && Integer.parseInt(timeIncrement) >= 1
                        && Integer.parseInt(timeIncrement) <= 90)) {
            throw AdsException.validation("time_increment", "A number of days from 1 to 90, monthly or all_days.");
        }
        if ((since == null) != (until == null)) {
            throw AdsException.validation("since", "Send since and until together (YYYY-MM-DD).");
        }
        if (since != null) {
            try {
                if (LocalDate.parse(since).isAfter(LocalDate.parse(until))) {
                    throw AdsException.validation("since", "since must not be after until.");
                }
            } catch (DateTimeParseException e) {
                throw AdsException.validation("since", "Dates look like 2026-11-01.");
            }
        }
    }

    /** @throws AdsException 400 {@code validation_failed} when {@code preset} is not one of Meta's date presets */
    static String requirePreset(String preset) {
        if (!DatePresets.isPreset(preset)) {
            throw AdsException.validation("date_preset", "Choose a date preset such as last_7d, last_30d or "
                    + "this_month, or send since and until.");
        }
        return preset;
    }

    /**
     * Whether this is a report to run asynchronously at Meta (console/API.md): ad-level rows sliced by a breakdown or
     * by time, or any rows sliced by both a breakdown and time.
     */
    public boolean needsReport() {
        boolean broken = breakdowns != null && !breakdowns.isBlank();
        boolean sliced = timeIncrement != null && !timeIncrement.isBlank() && !timeIncrement.equals("all_days");
        return "ad".equals(level) && (broken || sliced) || broken && sliced;
    }

    /** The breakdown columns the rows carry (Meta pairs platform_position with publisher_platform). */
    public java.util.List<String> breakdownColumns() {
        if (breakdowns == null || breakdowns.isBlank()) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>(java.util.Arrays.stream(breakdowns.split(","))
                .map(String::strip).filter(b -> !b.isEmpty()).toList());
        if (out.contains("platform_position") && !out.contains("publisher_platform")) {
            out.add(0, "publisher_platform");
        }
        return out;
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
