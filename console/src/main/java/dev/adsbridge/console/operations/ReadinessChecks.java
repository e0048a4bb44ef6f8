package dev.adsbridge.console.operations;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.apikeys.SharedRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of what the console depends on besides PostgreSQL (Spring Boot's {@code db} check, which takes a replica
 * out of the load balancer when it cannot reach the database). Both report {@link #DEGRADED} rather than down when
 * their dependency fails, because the replica still serves correctly without it, so it stays ready (HTTP 200):
 * <ul>
 *   <li>{@code sharedRedis}: without Redis, rate limits and Meta's usage are shared through PostgreSQL;</li>
 *   <li>{@code mcpServer}: without the MCP server, pages, sign-in, teams and the audit log still work and every Meta
 *       call answers 503 {@code service_unavailable} at once. Taking every console replica out of the load balancer
 *       because the MCP server is down would turn those answers into the proxy's own 502s.</li>
 * </ul>
 * Neither shows an address or a secret: only a status and a sentence.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessChecks {

    /** Works, with less: still ready (HTTP 200), listed between OUT_OF_SERVICE and UP in the status order. */
    static final Status DEGRADED = new Status("DEGRADED");

    @Bean
    HealthIndicator sharedRedisHealthIndicator(SharedRedis redis) {
        return () -> {
            if (!redis.configured()) {
                return Health.up().withDetail("shared_through", "postgresql").build();
            }
            return redis.call("health check", connection -> connection.sync().ping())
                    .map(pong -> Health.up().withDetail("shared_through", "redis").build())
                    .orElseGet(() -> Health.status(DEGRADED)
                            .withDetail("shared_through", "postgresql")
                            .withDetail("reason", "Redis does not answer; rate limits and Meta usage go through "
                                    + "PostgreSQL")
                            .build());
        };
    }

    @Bean
    HealthIndicator mcpServerHealthIndicator(ConsoleProperties properties) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        String url = properties.mcp().url();
        URI readyz = url == null ? null : URI.create(url).resolve("/readyz");
        return () -> {
            if (readyz == null) {
                return Health.unknown().build();
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200 ? Health.up().build()
                        : Health.status(DEGRADED).withDetail("reason", "the MCP server is not ready (HTTP "
                                + response.statusCode() + "); Meta calls answer 503").build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.status(DEGRADED).build();
            } catch (Exception e) {
                return Health.status(DEGRADED).withDetail("reason", "the MCP server does not answer; Meta calls "
                        + "answer 503").build();
            }
        };
    }
}
