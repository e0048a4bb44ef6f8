package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.GraphErrors;

import java.time.LocalDate;

/**
 * Meta's {@code date_preset} values as the insights edge takes them: the names and the days each means come from
 * {@link dev.adsbridge.meta.DatePresets} (last_Nd ends yesterday, this_* ends today, maximum is 37 months); here only
 * Graph's error for an unknown one, the edge's default and the sandbox's {@link DayRange}.
 */
final class DatePresets {

    static final String DEFAULT = "last_30d";

    private DatePresets() {
    }

    static void validate(String preset) {
        if (!dev.adsbridge.meta.DatePresets.isPreset(preset)) {
            throw GraphErrors.invalidParameter("date_preset must be one of the following values: "
                    + String.join(", ", dev.adsbridge.meta.DatePresets.VALUES));
        }
    }

    /** The oldest day insights still hold. */
    static LocalDate retentionStart(LocalDate today) {
        return dev.adsbridge.meta.DatePresets.retentionStart(today);
    }

    /**
     * @param firstDataDay first day any queried object delivered (for data_maximum); null when nothing delivered
     */
    static DayRange resolve(String preset, LocalDate today, LocalDate firstDataDay) {
        dev.adsbridge.meta.DatePresets.Period period = dev.adsbridge.meta.DatePresets.resolve(preset, today,
                firstDataDay);
        return new DayRange(period.since(), period.until());
    }
}
