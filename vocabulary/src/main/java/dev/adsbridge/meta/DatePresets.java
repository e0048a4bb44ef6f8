package dev.adsbridge.meta;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Meta's insights {@code date_preset} values and the days each means, counted in the ad account's time zone. The
 * {@code last_Nd} presets end yesterday (today is incomplete), so {@code last_7d} is the seven days before today;
 * {@code this_*} presets end today; {@code last_week_*}, {@code last_month}, {@code last_quarter} and
 * {@code last_year} are the whole previous calendar period; {@code maximum} reaches back the {@value #RETENTION_MONTHS}
 * months insights keep; {@code data_maximum} starts at the first day the queried objects delivered.
 */
public final class DatePresets {

    /** How far back Meta keeps insights. */
    public static final int RETENTION_MONTHS = 37;

    /** Every preset, in the order Meta's error message lists them. */
    public static final List<String> VALUES = List.of("today", "yesterday", "this_month", "last_month",
            "this_quarter", "maximum", "data_maximum", "last_3d", "last_7d", "last_14d", "last_28d", "last_30d",
            "last_90d", "last_week_mon_sun", "last_week_sun_sat", "last_quarter", "last_year", "this_week_mon_today",
            "this_week_sun_today", "this_year");

    /** An inclusive range of calendar days. */
    public record Period(LocalDate since, LocalDate until) {

        /** Days in the period, both ends included. */
        public long days() {
            return ChronoUnit.DAYS.between(since, until) + 1;
        }

        /** The period of equal length that ends the day before this one starts. */
        public Period previous() {
            return new Period(since.minusDays(days()), since.minusDays(1));
        }
    }

    private DatePresets() {
    }

    public static boolean isPreset(String value) {
        return value != null && VALUES.contains(value);
    }

    /** Today's date in the account's time zone. */
    public static LocalDate today(ZoneId accountZone, Clock clock) {
        return LocalDate.now(clock.withZone(accountZone));
    }

    /** The oldest day insights still hold. */
    public static LocalDate retentionStart(LocalDate today) {
        return today.minusMonths(RETENTION_MONTHS);
    }

    /** {@link #resolve(String, LocalDate, LocalDate)} without delivery data: {@code data_maximum} is today alone. */
    public static Period resolve(String preset, LocalDate today) {
        return resolve(preset, today, null);
    }

    /**
     * The days {@code preset} means on {@code today} (the account's date).
     *
     * @param firstDataDay first day any queried object delivered (for data_maximum); null when nothing delivered
     * @throws IllegalArgumentException when {@code preset} is not one of {@link #VALUES}
     */
    public static Period resolve(String preset, LocalDate today, LocalDate firstDataDay) {
        LocalDate yesterday = today.minusDays(1);
        return switch (preset == null ? "" : preset) {
            case "today" -> new Period(today, today);
            case "yesterday" -> new Period(yesterday, yesterday);
            case "this_month" -> new Period(today.withDayOfMonth(1), today);
            case "last_month" -> {
                LocalDate start = today.withDayOfMonth(1).minusMonths(1);
                yield new Period(start, start.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "this_quarter" -> new Period(quarterStart(today), today);
            case "last_quarter" -> {
                LocalDate start = quarterStart(today).minusMonths(3);
                yield new Period(start, start.plusMonths(3).minusDays(1));
            }
            case "this_year" -> new Period(today.withDayOfYear(1), today);
            case "last_year" -> {
                LocalDate start = today.withDayOfYear(1).minusYears(1);
                yield new Period(start, start.with(TemporalAdjusters.lastDayOfYear()));
            }
            case "last_3d" -> lastDays(today, 3);
            case "last_7d" -> lastDays(today, 7);
            case "last_14d" -> lastDays(today, 14);
            case "last_28d" -> lastDays(today, 28);
            case "last_30d" -> lastDays(today, 30);
            case "last_90d" -> lastDays(today, 90);
            case "last_week_mon_sun" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                yield new Period(monday, monday.plusDays(6));
            }
            case "last_week_sun_sat" -> {
                LocalDate sunday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).minusWeeks(1);
                yield new Period(sunday, sunday.plusDays(6));
            }
            case "this_week_mon_today" ->
                    new Period(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), today);
            case "this_week_sun_today" ->
                    new Period(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)), today);
            case "maximum" -> new Period(retentionStart(today), today);
            case "data_maximum" -> {
                LocalDate start = firstDataDay == null ? today : firstDataDay;
                if (start.isBefore(retentionStart(today))) {
                    start = retentionStart(today);
                }
                if (start.isAfter(today)) {
                    start = today;
                }
                yield new Period(start, today);
            }
            default -> throw new IllegalArgumentException("not a date_preset: " + preset);
        };
    }

    private static Period lastDays(LocalDate today, int days) {
        return new Period(today.minusDays(days), today.minusDays(1));
    }

    private static LocalDate quarterStart(LocalDate day) {
        int firstMonth = (day.getMonthValue() - 1) / 3 * 3 + 1;
        return LocalDate.of(day.getYear(), firstMonth, 1);
    }
}
