package dev.adsbridge.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.meta.DatePresets.Period;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DatePresetsTest {

    private static Period period(String since, String until) {
        return new Period(LocalDate.parse(since), LocalDate.parse(until));
    }

    @Test
    void lastDaysEndYesterdayAcrossAMonthBoundary() {
        LocalDate today = LocalDate.parse("2026-03-02");
        assertThat(DatePresets.resolve("today", today)).isEqualTo(period("2026-03-02", "2026-03-02"));
        assertThat(DatePresets.resolve("yesterday", today)).isEqualTo(period("2026-03-01", "2026-03-01"));
        assertThat(DatePresets.resolve("last_3d", today)).isEqualTo(period("2026-02-27", "2026-03-01"));
        assertThat(DatePresets.resolve("last_7d", today)).isEqualTo(period("2026-02-23", "2026-03-01"));
        assertThat(DatePresets.resolve("last_7d", today).days()).isEqualTo(7);
        assertThat(DatePresets.resolve("last_30d", today)).isEqualTo(period("2026-01-31", "2026-03-01"));
        assertThat(DatePresets.resolve("last_90d", today).days()).isEqualTo(90);
    }

    @Test
    void calendarPresetsOnTheFirstOfAMonth() {
        LocalDate first = LocalDate.parse("2026-03-01");
        assertThat(DatePresets.resolve("this_month", first)).isEqualTo(period("2026-03-01", "2026-03-01"));
        assertThat(DatePresets.resolve("last_month", first)).isEqualTo(period("2026-02-01", "2026-02-28"));
        assertThat(DatePresets.resolve("last_month", LocalDate.parse("2024-03-31")))
                .as("leap year").isEqualTo(period("2024-02-01", "2024-02-29"));
        assertThat(DatePresets.resolve("last_month", LocalDate.parse("2026-01-15")))
                .as("across a year").isEqualTo(period("2025-12-01", "2025-12-31"));
        assertThat(DatePresets.resolve("this_quarter", first)).isEqualTo(period("2026-01-01", "2026-03-01"));
        assertThat(DatePresets.resolve("last_quarter", LocalDate.parse("2026-04-01")))
                .isEqualTo(period("2026-01-01", "2026-03-31"));
        assertThat(DatePresets.resolve("last_quarter", LocalDate.parse("2026-02-10")))
                .isEqualTo(period("2025-10-01", "2025-12-31"));
        assertThat(DatePresets.resolve("this_year", first)).isEqualTo(period("2026-01-01", "2026-03-01"));
        assertThat(DatePresets.resolve("last_year", first)).isEqualTo(period("2025-01-01", "2025-12-31"));
    }

    @Test
    void weeksStartOnMondayOrSunday() {
        LocalDate wednesday = LocalDate.parse("2026-04-01");
        assertThat(DatePresets.resolve("this_week_mon_today", wednesday)).isEqualTo(period("2026-03-30", "2026-04-01"));
        assertThat(DatePresets.resolve("this_week_sun_today", wednesday)).isEqualTo(period("2026-03-29", "2026-04-01"));
        assertThat(DatePresets.resolve("last_week_mon_sun", wednesday)).isEqualTo(period("2026-03-23", "2026-03-29"));
        assertThat(DatePresets.resolve("last_week_sun_sat", wednesday)).isEqualTo(period("2026-03-22", "2026-03-28"));
        LocalDate sunday = LocalDate.parse("2026-03-29");
        assertThat(DatePresets.resolve("this_week_sun_today", sunday)).isEqualTo(period("2026-03-29", "2026-03-29"));
        assertThat(DatePresets.resolve("last_week_mon_sun", sunday)).isEqualTo(period("2026-03-16", "2026-03-22"));
    }

    @Test
    void maximumReachesBackThirtySevenMonthsAndDataMaximumToTheFirstDelivery() {
        LocalDate today = LocalDate.parse("2026-05-31");
        assertThat(DatePresets.resolve("maximum", today)).isEqualTo(period("2023-04-30", "2026-05-31"));
        assertThat(DatePresets.resolve("data_maximum", today, LocalDate.parse("2026-05-01")))
                .isEqualTo(period("2026-05-01", "2026-05-31"));
        assertThat(DatePresets.resolve("data_maximum", today, LocalDate.parse("2010-01-01")))
                .isEqualTo(period("2023-04-30", "2026-05-31"));
        assertThat(DatePresets.resolve("data_maximum", today)).isEqualTo(period("2026-05-31", "2026-05-31"));
    }

    @Test
    void todayIsTheAccountsDateAndUnknownPresetsAreRefused() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T03:00:00Z"), ZoneId.of("UTC"));
        assertThat(DatePresets.today(ZoneId.of("America/Los_Angeles"), clock)).isEqualTo(LocalDate.parse("2026-02-28"));
        assertThat(DatePresets.today(ZoneId.of("Asia/Tokyo"), clock)).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(DatePresets.VALUES).hasSize(20).allMatch(DatePresets::isPreset);
        assertThat(DatePresets.isPreset("last_8d")).isFalse();
        assertThat(DatePresets.isPreset(null)).isFalse();
        assertThatThrownBy(() -> DatePresets.resolve("last_8d", LocalDate.parse("2026-03-01")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePreviousPeriodHasTheSameLength() {
        Period last7 = DatePresets.resolve("last_7d", LocalDate.parse("2026-03-02"));
        assertThat(last7.previous()).isEqualTo(period("2026-02-16", "2026-02-22"));
    }
}
