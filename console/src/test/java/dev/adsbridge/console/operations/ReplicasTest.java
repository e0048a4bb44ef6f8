package dev.adsbridge.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.adsbridge.console.connections.ConnectionExpiringSoon;
import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import dev.adsbridge.console.support.TcpProxy;
import dev.adsbridge.console.tenancy.TenantId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two console replicas, A and B, on ephemeral ports sharing one PostgreSQL schema (and one Redis, reached through a
 * proxy the test can cut), as behind a load balancer: a session and its CSRF token from one serve on the other, a job
 * scheduled on both runs once per schedule, rate limits are one budget for both (in Redis, and in PostgreSQL while
 * Redis is down), and an event whose delivery was interrupted on A is delivered once after both restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TICK = "replicas-test-tick";
    private static final List<String> ticks = new CopyOnWriteArrayList<>();
    private static final HeldExecutor executorOfA = new HeldExecutor();
    private static TcpProxy redis;
    private static ConsoleHarness harness;
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;
    private static String urlOfB;

    /** Settings both replicas share. */
    private static Map<String, Object> settings() {
        return Map.of(
                "db-scheduler.polling-interval", "500ms",
                "adsbridge.console.events.resubmit-every", "1s",
                "adsbridge.console.events.resubmit-older-than", "2s",
                "adsbridge.console.rate-limits.redis-url", "redis://127.0.0.1:" + redis.port(),
                "adsbridge.console.rate-limits.redis-retry-after", "5m",
                // A loaded test machine can take longer than the default 300 ms to connect through the proxy.
                "adsbridge.console.rate-limits.redis-timeout", "3s",
                "adsbridge.console.rate-limits.tenant-requests", 6,
                "adsbridge.console.rate-limits.caller-requests", 100);
    }

    @BeforeAll
    static void startTwoReplicas() {
        redis = TcpProxy.to(6379);
        harness = ConsoleHarness.start(settings(), Map.of("taskExecutor", executorOfA, "tickOfA", tick("A")));
        a = harness.console;
        b = harness.replica(settings(), Map.of("tickOfB", tick("B")));
        urlOfB = "http://127.0.0.1:" + b.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (harness != null) {
            harness.close();
        }
        if (redis != null) {
            redis.close();
        }
        executorOfA.threads.shutdownNow();
    }

    @Test
    @Order(1)
    void aSessionAndItsCsrfTokenFromOneReplicaServeOnTheOther() {
        ConsoleHarness.Signed owner = harness.owner("Replica Sessions");
        // Signed up (and so signed in) on A; the same cookie opens the dashboard on B.
        Page dashboardOnB = owner.browser().get(urlOfB + "/");
        assertThat(dashboardOnB.uri().toString()).startsWith(urlOfB);
        assertThat(dashboardOnB.status()).isEqualTo(200);
        assertThat(dashboardOnB.path()).as("not sent to sign in").isEqualTo("/");

        // A fresh sign-in on A; its CSRF token (kept in the session) is taken from a page of A and accepted by B.
        Browser browser = harness.browser();
        Page signedIn = browser.signIn(owner.email(), ConsoleHarness.PASSWORD);
        assertThat(signedIn.path()).doesNotStartWith("/signin");
        Page created = browser.api("POST", urlOfB + "/api/v1/api-keys", "{\"name\":\"made on B\",\"scope\":\"read\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Page listedOnA = browser.api("GET", "/api/v1/api-keys", null);
        assertThat(listedOnA.body()).contains("made on B");
        // Without the token B refuses the write, as A would.
        Page refused = browser.api("POST", urlOfB + "/api/v1/api-keys",
                HttpRequest.BodyPublishers.ofString("{\"name\":\"no token\",\"scope\":\"read\"}"), "application/json",
                false);
        assertThat(refused.status()).isEqualTo(403);

        // Signing out on B ends the session on A too.
        browser.post(urlOfB + "/signout", Map.of());
        assertThat(browser.get("/").path()).startsWith("/signin");
    }

    @Test
    @Order(2)
    void aJobScheduledOnBothReplicasRunsOncePerSchedule() throws InterruptedException {
        ticks.clear();
        Thread.sleep(8_000);
        List<String> seen = new ArrayList<>(ticks);
        List<String> runs = seen.stream().map(tick -> tick.substring(tick.indexOf('@') + 1)).toList();
        assertThat(runs).as("runs of the once-a-second job in 8 s, on either replica: " + seen).hasSizeGreaterThan(2);
        assertThat(runs).as("each scheduled run executed by one replica only: " + seen).doesNotHaveDuplicates();
    }

    @Test
    @Order(3)
    void rateLimitsAreOneBudgetForBothReplicasInRedisAndInPostgreSqlWhileRedisIsDown() {
        ConsoleHarness.Signed first = harness.owner("Replica Limits");
        spendTheTenantsBudgetAcrossBoth(first.browser());
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThat(connection.sync().exists("adsbridge:rl:t:" + first.tenant())).as("kept in Redis").isEqualTo(1);

            Page ready = first.browser().get(urlOfB + "/actuator/health/readiness");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\":\"UP\"").contains("sharedRedis").contains("db");

            redis.cut();
            ConsoleHarness.Signed second = harness.owner("Replica Limits Redis Down");
            spendTheTenantsBudgetAcrossBoth(second.browser());
            // Still ready, with less: the limits are shared through PostgreSQL.
            Page degraded = second.browser().get(urlOfB + "/actuator/health/readiness");
            assertThat(degraded.status()).as(degraded.body()).isEqualTo(200);
            assertThat(degraded.body()).contains("\"status\":\"DEGRADED\"").doesNotContain("6379")
                    .doesNotContain(String.valueOf(redis.port()));
            assertThat(second.browser().get(urlOfB + "/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(harness.db().sql("select count(*) from rate_limit_buckets where id = ?")
                    .param("t:" + second.tenant()).query(Long.class).single()).as("kept in PostgreSQL").isEqualTo(1);
            assertThat(connection.sync().exists("adsbridge:rl:t:" + second.tenant())).isZero();
        } finally {
            redis.restore();
            client.shutdown();
        }
    }

    @Test
    @Order(4)
    void aWriteOnOneReplicaIsSeenAtOnceByTheOthersReadCache() {
        ConsoleHarness.Signed owner = harness.owner("Replica Reads");
        ConsoleHarness.connect(owner.browser());
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", "act_1000000001"));
        Browser browser = owner.browser();
        String list = "/api/v1/ad-accounts/act_1000000001/campaigns?limit=5&status=ACTIVE,PAUSED";

        // B reads the list and keeps it in its read cache (30 s); A pauses the first active campaign.
        Page onB = browser.api("GET", urlOfB + list, null);
        assertThat(onB.status()).as(onB.body()).isEqualTo(200);
        String campaign = null;
        for (JsonNode row : JSON.readTree(onB.body()).path("data")) {
            if (campaign == null && "ACTIVE".equals(row.path("status").asString())) {
                campaign = row.path("id").asString();
            }
        }
        assertThat(campaign).as("an active campaign in " + onB.body()).isNotNull();
        Page paused = browser.api("POST", "/api/v1/campaigns/" + campaign + "/status", "{\"status\":\"PAUSED\"}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);

        // B's next read of the same list shows the pause, not its cached copy from before it.
        Page again = browser.api("GET", urlOfB + list, null);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        String id = campaign;
        assertThat(JSON.readTree(again.body()).path("data")).filteredOn(row -> row.path("id").asString().equals(id))
                .singleElement().satisfies(row -> assertThat(row.path("status").asString()).isEqualTo("PAUSED"));
    }

    /** The tenant may make 6 requests a minute: 3 on A and 3 on B pass, the 7th is refused on either. */
    private static void spendTheTenantsBudgetAcrossBoth(Browser browser) {
        for (int i = 0; i < 6; i++) {
            String base = i % 2 == 0 ? "" : urlOfB;
            Page answer = browser.api("GET", base + "/api/v1/api-keys", null);
            assertThat(answer.status()).as("request " + (i + 1) + " on " + (i % 2 == 0 ? "A" : "B")).isEqualTo(200);
        }
        assertThat(browser.api("GET", urlOfB + "/api/v1/api-keys", null).status()).isEqualTo(429);
        assertThat(browser.api("GET", "/api/v1/api-keys", null).status()).isEqualTo(429);
    }

    @Test
    @Order(5)
    void anEventInterruptedOnAIsDeliveredOnceAfterBothReplicasRestart() throws Exception {
        ConsoleHarness.Signed owner = harness.owner("Replica Events");
        TenantId tenant = owner.tenant();
        UUID connection = UUID.randomUUID();

        // A stores the publication with its transaction, then stops before the listener runs (as if killed).
        executorOfA.hold = true;
        new TransactionTemplate(a.getBean(PlatformTransactionManager.class)).executeWithoutResult(status ->
                a.publishEvent(new ConnectionExpiringSoon(tenant, connection, "Replica Events' Facebook",
                        Instant.now().plus(Duration.ofDays(5)))));
        ConsoleHarness.eventually("A holds the delivery", () -> !executorOfA.held.isEmpty());
        a.close();
        b.close();
        assertThat(notices(tenant, connection)).isZero();
        assertThat(harness.count("event_publication")).as("the unfinished publication").isPositive();

        // Both come back at the same time; one of them delivers it, once. Mail goes to a closed port: each attempt is
        // kept in the replica's outbox (the listener mails owners only where SMTP is configured).
        Map<String, Object> withMail = new java.util.HashMap<>(settings());
        withMail.put("spring.mail.host", "127.0.0.1");
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            withMail.put("spring.mail.port", closed.getLocalPort());
        }
        ExecutorService starting = Executors.newFixedThreadPool(2);
        List<ConfigurableApplicationContext> restarted = new ArrayList<>();
        // Logging is configured once per JVM (the harness's console did it); two contexts starting at once would
        // each reconfigure the shared logback at the same moment and may fail with pattern errors.
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try {
            CompletableFuture<ConfigurableApplicationContext> newA = CompletableFuture.supplyAsync(
                    () -> harness.replica(withMail, Map.of()), starting);
            CompletableFuture<ConfigurableApplicationContext> newB = CompletableFuture.supplyAsync(
                    () -> harness.replica(withMail, Map.of()), starting);
            restarted.add(newA.get());
            restarted.add(newB.get());
            System.clearProperty("org.springframework.boot.logging.LoggingSystem");
            ConsoleHarness.eventually("the notice is posted", () -> notices(tenant, connection) > 0);
            ConsoleHarness.eventually("every publication is complete",
                    () -> harness.count("event_publication") == 0);
            Thread.sleep(4_000); // several more resubmission rounds
            assertThat(notices(tenant, connection)).as("notices, dismissed ones included").isEqualTo(1);
            assertThat(restarted.stream().mapToLong(replica -> ConsoleHarness.mailsTo(replica, owner.email()).stream()
                    .filter(mail -> mail.subject().contains("expires")).count()).sum())
                    .as("warning mails sent (tried) by either replica").isEqualTo(1);
        } finally {
            System.clearProperty("org.springframework.boot.logging.LoggingSystem");
            restarted.forEach(ConfigurableApplicationContext::close);
            starting.shutdownNow();
        }
    }

    private static long notices(TenantId tenant, UUID connection) {
        return harness.db().sql("select count(*) from notices where tenant_id = ? and subject_id = ?")
                .params(tenant.value(), connection).query(Long.class).single();
    }

    private static RecurringTask<Void> tick(String replica) {
        return Tasks.recurring(TICK, FixedDelay.ofSeconds(1))
                .execute((instance, context) -> ticks.add(replica + "@" + context.getExecution().executionTime));
    }

    /** A's executor for asynchronous listeners: runs them, or, once {@code hold} is set, keeps them and never runs. */
    static final class HeldExecutor implements TaskExecutor {

        final ExecutorService threads = Executors.newFixedThreadPool(4);
        final List<Runnable> held = Collections.synchronizedList(new ArrayList<>());
        volatile boolean hold;

        @Override
        public void execute(Runnable task) {
            if (hold) {
                held.add(task);
            } else {
                threads.execute(task);
            }
        }
    }
}
