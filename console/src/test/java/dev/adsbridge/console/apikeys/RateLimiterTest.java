package dev.adsbridge.console.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Token buckets per tenant and per caller, in memory and in Redis (the local Redis at 127.0.0.1:6379). */
class RateLimiterTest {

    @Test
    void inMemoryTheCallerLimitAnswersWithAWait() {
        RateLimitProperties properties = properties(null, 100, 3);
        RateLimiter limiter = new RateLimiter(properties, new SharedRedis(properties), noDatabase(properties));
        String tenant = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryConsume(tenant, "member:a")).isNull();
        }
        Long wait = limiter.tryConsume(tenant, "member:a");
        assertThat(wait).isNotNull().isBetween(1L, 61L);
        assertThat(limiter.tryConsume(tenant, "member:b")).as("another caller has its own bucket").isNull();
    }

    @Test
    void inRedisTheTenantLimitHoldsAcrossReplicas() {
        RateLimitProperties properties = properties("redis://127.0.0.1:6379", 4, 100);
        SharedRedis redisOne = new SharedRedis(properties);
        SharedRedis redisTwo = new SharedRedis(properties);
        RateLimiter one = new RateLimiter(properties, redisOne, noDatabase(properties));
        RateLimiter two = new RateLimiter(properties, redisTwo, noDatabase(properties));
        try {
            assertThat(one.shared()).isTrue();
            String tenant = UUID.randomUUID().toString();
            assertThat(one.tryConsume(tenant, "key:1")).isNull();
            assertThat(two.tryConsume(tenant, "key:2")).isNull();
            assertThat(one.tryConsume(tenant, "key:3")).isNull();
            assertThat(two.tryConsume(tenant, "key:4")).isNull();
            assertThat(one.tryConsume(tenant, "key:5")).isNotNull();
            assertThat(two.tryConsume(tenant, "key:6")).isNotNull();
        } finally {
            redisOne.destroy();
            redisTwo.destroy();
        }
    }

    @Test
    void withRedisClosedOrSilentTheLimitsFallBackToTheNodeWithinTheTimeout() throws Exception {
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // Accepts connections (the kernel does) and never answers a byte.
            for (String url : new String[] {"redis://127.0.0.1:" + closed, "redis://127.0.0.1:" + silent.getLocalPort()}) {
                RateLimitProperties properties = properties(url, 100, 2);
                SharedRedis redis = new SharedRedis(properties);
                RateLimiter limiter = new RateLimiter(properties, redis, noDatabase(properties));
                try {
                    String tenant = UUID.randomUUID().toString();
                    long started = System.nanoTime();
                    assertThat(limiter.tryConsume(tenant, "key:a")).as(url).isNull();
                    // Bounded by the short timeout, not Lettuce's 60 s default (wide margin: a loaded machine is slow
                    // to start the client's threads).
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as(url).isLessThan(Duration.ofSeconds(20));
                    // The circuit is open now: no more waiting, and the per-node buckets still limit.
                    started = System.nanoTime();
                    assertThat(limiter.tryConsume(tenant, "key:a")).isNull();
                    assertThat(limiter.tryConsume(tenant, "key:a")).as("per-node limit").isNotNull();
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                } finally {
                    redis.destroy();
                }
            }
        }
    }

    @Test
    void afterTheRetryWindowRedisIsUsedAgain() throws Exception {
        // The first call fails over a dead port; the same SharedRedis then finds Redis again once the window passed.
        RateLimitProperties properties = new RateLimitProperties("redis://127.0.0.1:6379", 100, 100,
                Duration.ofMinutes(1), Duration.ofSeconds(3), Duration.ofMillis(500));
        SharedRedis redis = new SharedRedis(properties);
        try {
            redis.failed("test", new IllegalStateException("simulated outage"));
            assertThat(redis.call("ping", c -> c.sync().ping())).as("skipped while open").isEmpty();
            Thread.sleep(600);
            assertThat(redis.call("ping", c -> c.sync().ping())).contains("PONG");
        } finally {
            redis.destroy();
        }
    }

    @Test
    void withRedisDownTheLimitsHoldAcrossReplicasThroughPostgreSql() throws Exception {
        String schema = "rate_limits_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema;
        int closed;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        RateLimitProperties properties = properties("redis://127.0.0.1:" + closed, 3, 100);
        org.springframework.jdbc.datasource.DriverManagerDataSource dataSource =
                new org.springframework.jdbc.datasource.DriverManagerDataSource(url, "postgres", "");
        org.springframework.jdbc.core.simple.JdbcClient admin = org.springframework.jdbc.core.simple.JdbcClient.create(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        "jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
        admin.sql("create schema " + schema).update();
        SharedRedis redisOne = new SharedRedis(properties);
        SharedRedis redisTwo = new SharedRedis(properties);
        try {
            org.springframework.jdbc.core.simple.JdbcClient.create(dataSource).sql(new String(
                    getClass().getResourceAsStream("/db/migration/V3_30__shared_limits.sql").readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)).update();
            org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment()
                    .withProperty("spring.datasource.url", url);
            RateLimiter one = new RateLimiter(properties, redisOne, new DatabaseBuckets(dataSource, environment, properties));
            RateLimiter two = new RateLimiter(properties, redisTwo, new DatabaseBuckets(dataSource, environment, properties));
            String tenant = UUID.randomUUID().toString();
            assertThat(one.tryConsume(tenant, "key:1")).isNull();
            assertThat(two.tryConsume(tenant, "key:2")).isNull();
            assertThat(one.tryConsume(tenant, "key:3")).isNull();
            assertThat(two.tryConsume(tenant, "key:4")).as("the tenant's 3 requests were spent across both").isNotNull();
            assertThat(one.tryConsume(tenant, "key:5")).isNotNull();
            assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
                    .sql("select count(*) from rate_limit_buckets").query(Long.class).single())
                    .as("the tenant's bucket and each key's (a key's own bucket is checked first, so the two refused "
                            + "keys have theirs too)").isEqualTo(6L);
        } finally {
            redisOne.destroy();
            redisTwo.destroy();
            admin.sql("drop schema " + schema + " cascade").update();
        }
    }

    private static DatabaseBuckets noDatabase(RateLimitProperties properties) {
        // Not PostgreSQL (dev mode's H2): per-node buckets when Redis does not answer.
        return new DatabaseBuckets(new org.springframework.jdbc.datasource.DriverManagerDataSource(),
                new org.springframework.mock.env.MockEnvironment(), properties);
    }

    private static RateLimitProperties properties(String url, long tenant, long caller) {
        return new RateLimitProperties(url, tenant, caller, Duration.ofMinutes(1), Duration.ofMillis(300),
                Duration.ofSeconds(10));
    }
}
