package dev.adsbridge.console;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Delivers event publications that a replica started but never finished (it crashed, or was killed mid-delivery):
 * once every {@code adsbridge.console.events.resubmit-every} (1m), on ONE replica (a db-scheduler recurring task is
 * claimed through {@code scheduled_tasks}), for publications older than
 * {@code adsbridge.console.events.resubmit-older-than} (5m, longer than any listener takes, so a delivery still
 * running on a healthy replica is never started a second time). Replaces Modulith's
 * {@code republish-outstanding-events-on-restart}, under which every replica re-ran every unfinished delivery at its
 * start, so audit rows, notices and e-mails could repeat.
 *
 * <p>A publication resubmitted less than {@code resubmit-older-than} ago is left alone too: listeners run
 * asynchronously, so the resubmitted delivery may still be running at the next round (Modulith only refuses to
 * resubmit one whose status is still RESUBMITTED, not one that has moved on to PROCESSING).
 */
@Configuration(proxyBeanMethods = false)
class EventResubmissionTask {

    static final String NAME = "event-publications-resubmit";

    @Bean
    RecurringTask<Void> eventPublicationsResubmit(IncompleteEventPublications publications, Clock clock,
            @Value("${adsbridge.console.events.resubmit-every:1m}") Duration every,
            @Value("${adsbridge.console.events.resubmit-older-than:5m}") Duration olderThan) {
        if (every.isNegative() || every.isZero() || olderThan.isNegative()) {
            throw new IllegalArgumentException("adsbridge.console.events.resubmit-every must be positive and "
                    + "resubmit-older-than not negative");
        }
        return Tasks.recurring(NAME, FixedDelay.of(every))
                .execute((instance, context) -> {
                    Instant before = clock.instant().minus(olderThan);
                    publications.resubmitIncompletePublications(publication ->
                            publication.getPublicationDate().isBefore(before)
                                    && (publication.getLastResubmissionDate() == null
                                            || publication.getLastResubmissionDate().isBefore(before)));
                });
    }
}
