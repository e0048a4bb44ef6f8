package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.GraphErrors;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Meta's {@code date_preset} values, resolved against "today" in the ad account's time zone. The {@code last_Nd}
 * presets end yesterday (today is incomplete); {@code this_*} presets end today; {@code maximum} reaches back the
 * 37 months insights keep; {@code data_maximum} starts at the first day the queried objects delivered.
 */
final class DatePresets {

    static final String DEFAULT = "last_30d";
    static final int RETENTION_MONTHS = 37;

    static final List<String> VALUES = List.of("today", "yesterday", "this_month", "last_month", "this_quarter",
            "maximum", "data_maximum", "last_3d", "last_7d", "last_14d", "last_28d", "last_30d", "last_90d",
            "last_week_mon_sun", "last_week_sun_sat", "last_quarter", "last_year", "this_week_mon_today",
            "this_week_sun_today", "this_year");

    private DatePresets() {
    }

    static void validate(String preset) {
        if (!VALUES.contains(preset)) {
            throw GraphErrors.invalidParameter("date_preset must be one of the following values: "
                    + String.join(", ", VALUES));
        }
    }

    /** The oldest day insights still hold. */
    static LocalDate retentionStart(LocalDate today) {
        return today.minusMonths(RETENTION_MONTHS);
    }

    /**
     * @param firstDataDay first day any queried object delivered (for data_maximum); null when nothing delivered
     */
    static DayRange resolve(String preset, LocalDate today, LocalDate firstDataDay) {
        LocalDate yesterday = today.minusDays(1);
        return switch (preset) {
            case "today" -> new DayRange(today, today);
            case "yesterday" -> new DayRange(yesterday, yesterday);
            case "this_month" -> new DayRange(today.withDayOfMonth(1), today);
            case "last_month" -> {
                LocalDate start = today.withDayOfMonth(1).minusMonths(1);
                yield new DayRange(start, start.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "this_quarter" -> new DayRange(quarterStart(today), today);
            case "last_quarter" -> {
                LocalDate start = quarterStart(today).minusMonths(3);
                yield new DayRange(start, start.plusMonths(3).minusDays(1));
            }
            case "this_year" -> new DayRange(today.withDayOfYear(1), today);
            case "last_year" -> {
                LocalDate start = today.withDayOfYear(1).minusYears(1);
                yield new DayRange(start, start.with(TemporalAdjusters.lastDayOfYear()));
            }
            case "last_3d" -> lastDays(today, 3);
            case "last_7d" -> lastDays(today, 7);
            case "last_14d" -> lastDays(today, 14);
            case "last_28d" -> lastDays(today, 28);
            case "last_30d" -> lastDays(today, 30);
            case "last_90d" -> lastDays(today, 90);
            case "last_week_mon_sun" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new DayRange(monday, monday.plusDays(6));
            }
            case "last_week_sun_sat" -> {
                LocalDate sunday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).minusWeeks(1);
                yield new DayRange(sunday, sunday.plusDays(6));
            }
            case "this_week_mon_today" ->
                    new DayRange(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today);
            case "this_week_sun_today" ->
                    new DayRange(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)), today);
            case "maximum" -> new DayRange(retentionStart(today), today);
            case "data_maximum" -> {
                LocalDate start = firstDataDay == null ? today : firstDataDay;
                if (start.isBefore(retentionStart(today))) {
                    start = retentionStart(today);
                }
                if (start.isAfter(today)) {
                    start = today;
                }
                yield new DayRange(start, today);
            }
            default -> throw new IllegalArgumentException(preset);
        };
    }

    private static DayRange lastDays(LocalDate today, int days) {
        return new DayRange(today.minusDays(days), today.minusDays(1));
    }

    private static LocalDate quarterStart(LocalDate day) {
        int firstMonth = (day.getMonthValue() - 1) / 3 * 3 + 1;
        return LocalDate.of(day.getYear(), firstMonth, 1);
    }
}
