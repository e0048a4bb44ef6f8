package dev.adsbridge.sandbox.insights;

import java.time.LocalDate;

/** An inclusive range of calendar days in the ad account's time zone, as insights rows report them. */
record DayRange(LocalDate since, LocalDate until) {

    long firstDay() {
        return since.toEpochDay();
    }

    long lastDay() {
        return until.toEpochDay();
    }
}
