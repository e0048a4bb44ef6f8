package dev.adsbridge.console.agents.oauth;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Daily, through db-scheduler (once across replicas): authorizations whose last token (refresh, else access, else
 * code) expired more than a day ago are deleted, then the grants left without an authorization (expired, revoked, or
 * consented to but never exchanged for a token).
 */
@Configuration(proxyBeanMethods = false)
class ExpiredGrantsTask {

    static final String NAME = "oauth-expired-grants";

    @Bean
    RecurringTask<Void> oauthExpiredGrants(AgentGrantRepository grants, Clock clock) {
        return Tasks.recurring(NAME, Schedules.daily(ZoneOffset.UTC, LocalTime.of(5, 30)))
                .execute((instance, context) -> grants.deleteExpired(clock.instant().minusSeconds(86_400)));
    }
}
