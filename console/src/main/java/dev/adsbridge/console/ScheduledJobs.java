package dev.adsbridge.console;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * db-scheduler for every module's {@link RecurringTask} beans: each run is claimed through the {@code scheduled_tasks}
 * table, so a job runs once across all replicas and survives restarts. Starts after the context is ready, stops before
 * the data source closes.
 */
@Component
class ScheduledJobs implements SmartLifecycle {

    private final DataSource dataSource;
    private final ObjectProvider<RecurringTask<?>> tasks;
    private final int threads;
    private final Duration pollingInterval;
    private final boolean enabled;
    private @Nullable Scheduler scheduler;

    ScheduledJobs(DataSource dataSource, ObjectProvider<RecurringTask<?>> tasks,
            @Value("${db-scheduler.threads:2}") int threads,
            @Value("${db-scheduler.polling-interval:30s}") Duration pollingInterval,
            @Value("${db-scheduler.enabled:true}") boolean enabled) {
        this.dataSource = dataSource;
        this.tasks = tasks;
        this.threads = threads;
        this.pollingInterval = pollingInterval;
        this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
        if (!enabled || scheduler != null) {
            return;
        }
        List<RecurringTask<?>> recurring = tasks.orderedStream().toList();
        // Start tasks are known tasks already: listing them twice would be a duplicate.
        scheduler = Scheduler.create(dataSource, List.<Task<?>>of())
                .startTasks(recurring)
                .tableName("scheduled_tasks")
                .threads(threads)
                .pollingInterval(pollingInterval)
                .alwaysPersistTimestampInUTC()
                .build();
        scheduler.start();
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
