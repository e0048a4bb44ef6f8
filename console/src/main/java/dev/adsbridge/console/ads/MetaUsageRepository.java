package dev.adsbridge.console.ads;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.adsbridge.console.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Meta's usage readings in the database ({@code meta_usage}), shared by every replica while Redis is not configured or
 * unreachable ({@link MetaUsageGuard} tries Redis first). Only high readings are stored, each until its reset time;
 * a reading under the threshold deletes the row. Keys are ad-account ids or {@code app}, never tenant data. Expired
 * rows are ignored when read and deleted by a db-scheduler task, on one replica.
 */
@Configuration(proxyBeanMethods = false)
class MetaUsageRepository {

    static final String CLEANUP_TASK = "meta-usage-cleanup";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String upsert;

    MetaUsageRepository(JdbcClient jdbc, Clock clock, Environment environment) {
        this.jdbc = jdbc;
        this.clock = clock;
        // One statement, so that a concurrent insert of the same key never fails (and never aborts a transaction).
        this.upsert = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:")
                ? """
                  insert into meta_usage (usage_key, percent, reset_at) values (?, ?, ?)
                  on conflict (usage_key) do update set percent = excluded.percent, reset_at = excluded.reset_at"""
                : "merge into meta_usage (usage_key, percent, reset_at) key (usage_key) values (?, ?, ?)";
    }

    Optional<MetaUsageGuard.Reading> find(String key) {
        return jdbc.sql("select percent, reset_at from meta_usage where usage_key = ? and reset_at > ?")
                .params(key, SqlTime.of(clock.instant()))
                .query((rs, n) -> new MetaUsageGuard.Reading(rs.getDouble("percent"),
                        SqlTime.requiredInstant(rs, "reset_at")))
                .optional();
    }

    void put(String key, double percent, Instant resetAt) {
        jdbc.sql(upsert).params(key, percent, SqlTime.of(resetAt)).update();
    }

    void delete(String key) {
        jdbc.sql("delete from meta_usage where usage_key = ?").param(key).update();
    }

    int deleteExpired() {
        return jdbc.sql("delete from meta_usage where reset_at <= ?").param(SqlTime.of(clock.instant())).update();
    }

    @Bean
    RecurringTask<Void> metaUsageCleanup() {
        return Tasks.recurring(CLEANUP_TASK, FixedDelay.of(Duration.ofMinutes(10)))
                .execute((instance, context) -> deleteExpired());
    }
}
