package dev.adsbridge.console.tenancy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hourly, through db-scheduler (once across replicas): forgets sign-up confirmations a day past their expiry and
 * mail counts whose window is over. Off the sign-up request itself, which used to run both deletes on every sign-up;
 * a stale mail count is harmless meanwhile (a window that is over counts as fresh).
 */
@Configuration(proxyBeanMethods = false)
class SignUpCleanupTask {

    static final String NAME = "sign-up-cleanup";

    @Bean
    RecurringTask<Void> signUpCleanup(SignUpConfirmationRepository confirmations, SignUpProperties settings,
            Clock clock) {
        return Tasks.recurring(NAME, Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> cleanUp(confirmations, settings, clock.instant()));
    }

    static void cleanUp(SignUpConfirmationRepository confirmations, SignUpProperties settings, Instant now) {
        confirmations.deleteExpired(now.minus(Tenancy.KEEP_EXPIRED_CONFIRMATIONS));
        confirmations.deleteMailQuotasBefore(now.minus(settings.mailWindow()));
    }
}
