package dev.adsbridge.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Dates as pages show them ({@code ${@dates.day(x)}} in templates); UTC for now. */
@Component("dates")
public class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public String day(@Nullable Instant instant) {
        return instant == null ? "—" : DAY.format(instant);
    }

    public String minute(@Nullable Instant instant) {
        return instant == null ? "—" : MINUTE.format(instant);
    }

    /** The time of day of {@link #minute}, for tables that show the day and the time on lines of their own. */
    public String time(@Nullable Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }
}
