package dev.adsbridge.console.connections;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs {@link ExpiryWarnings} daily through db-scheduler: once across all replicas, surviving restarts. */
@Configuration(proxyBeanMethods = false)
class ExpiryWarningsTask {

    static final String NAME = "connection-expiry-warnings";

    @Bean
    RecurringTask<Void> connectionExpiryWarnings(ExpiryWarnings warnings) {
        return Tasks.recurring(NAME, Schedules.daily(ZoneOffset.UTC, LocalTime.of(6, 0)))
                .execute((instance, context) -> warnings.run());
    }
}
