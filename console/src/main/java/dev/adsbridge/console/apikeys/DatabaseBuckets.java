package dev.adsbridge.console.apikeys;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Token buckets in PostgreSQL ({@code rate_limit_buckets}, Bucket4j's select-for-update proxy manager), so rate limits
 * hold across replicas while Redis is not configured or unreachable. One short transaction per bucket and request;
 * slower than Redis, which stays the first choice. Only on PostgreSQL: dev mode's H2 is one node, where the in-memory
 * buckets are already exact. PostgreSQL unreachable is the request's failure ({@link DatabaseOutage}: 503 within the
 * pool's 2 s, as the request's own database work would answer); any other failure of a bucket answers empty and the
 * caller uses its in-memory bucket. Expired rows are deleted by a db-scheduler task, on one replica.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseBuckets {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBuckets.class);
    static final String CLEANUP_TASK = "rate-limit-buckets-cleanup";

    private final @Nullable PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private volatile boolean failing;

    DatabaseBuckets(DataSource dataSource, Environment environment, RateLimitProperties properties) {
        boolean postgres = environment.getProperty("spring.datasource.url", "").startsWith("jdbc:postgresql:");
        buckets = postgres ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(properties.period().plusSeconds(10)))
                .build() : null;
    }

    boolean available() {
        return buckets != null;
    }

    /** Takes one token from the shared bucket {@code key}; empty when there is none (H2) or the database failed. */
    Optional<ConsumptionProbe> tryConsume(String key, BucketConfiguration configuration) {
        if (buckets == null) {
            return Optional.empty();
        }
        try {
            ConsumptionProbe probe = buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
            if (failing) {
                failing = false;
                log.info("Rate limits are shared through PostgreSQL again");
            }
            return Optional.of(probe);
        } catch (RuntimeException e) {
            if (DatabaseOutage.isOutage(e)) {
                throw new DataAccessResourceFailureException("PostgreSQL is unreachable (rate limits)", e);
            }
            if (!failing) {
                failing = true;
                log.warn("Rate limits could not use PostgreSQL ({}); they are per node until it answers",
                        e.getClass().getSimpleName());
            }
            return Optional.empty();
        }
    }

    /** Deletes expired buckets every ten minutes, on one replica. */
    @Bean
    RecurringTask<Void> rateLimitBucketsCleanup() {
        return Tasks.recurring(CLEANUP_TASK, FixedDelay.of(Duration.ofMinutes(10)))
                .execute((instance, context) -> {
                    if (buckets != null) {
                        while (buckets.removeExpired(1000) == 1000) {
                            // the next batch
                        }
                    }
                });
    }
}
