package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.GraphErrors;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** {@code time_increment}: 1–90 days per row, calendar months, or the whole range (all_days, the default). */
record TimeIncrement(int days, boolean monthly) {

    static final TimeIncrement ALL_DAYS = new TimeIncrement(0, false);

    static TimeIncrement parse(String value) {
        if (value == null || value.isBlank() || "all_days".equals(value)) {
            return ALL_DAYS;
        }
        if ("monthly".equals(value)) {
            return new TimeIncrement(0, true);
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 1 && days <= 90) {
                return new TimeIncrement(days, false);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw GraphErrors.invalidParameter("time_increment must be an integer between 1 and 90, \"monthly\" or "
                + "\"all_days\"");
    }

    /** The row slices of a range: consecutive, the last one cut at the range's end. */
    List<DayRange> slices(DayRange range) {
        if (days == 0 && !monthly) {
            return List.of(range);
        }
        List<DayRange> slices = new ArrayList<>();
        LocalDate start = range.since();
        while (!start.isAfter(range.until())) {
            LocalDate end = monthly ? start.with(TemporalAdjusters.lastDayOfMonth()) : start.plusDays(days - 1L);
            if (end.isAfter(range.until())) {
                end = range.until();
            }
            slices.add(new DayRange(start, end));
            start = end.plusDays(1);
        }
        return slices;
    }
}
