package dev.adsbridge.console;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A silent network partition between the console and PostgreSQL (packets dropped, no reset) must fail as fast as a
 * stopped database does. The pool's connection timeout (2 s) covers borrowing a connection, not a query already in
 * flight: without a socket read timeout the first request after the cut waits for the kernel's TCP retransmission
 * timeout (minutes). The application's pool therefore gets PostgreSQL's JDBC {@code socketTimeout}
 * ({@code adsbridge.console.database.socket-timeout}, default 3 s; the console's statements are short) and TCP
 * keep-alive; the failure is a connection error (SQLSTATE 08006) that {@code DatabaseOutage} answers with 503, and the
 * pool replaces the broken connection.
 *
 * <p>Migrations may legitimately run longer than that (an index on a large table), so Flyway, when it would use the
 * application's pool, gets its own connections to the same database without the read timeout. (Operators who run
 * migrations as a separate owner role, {@code spring.flyway.user}, already get a separate data source from Spring Boot.)
 *
 * <p>Only PostgreSQL URLs are touched: H2, the dev mode's embedded database, refuses unknown settings.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseTimeouts {

    static final String SOCKET_TIMEOUT = "adsbridge.console.database.socket-timeout";

    @Bean
    static BeanPostProcessor postgresqlSocketTimeout(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && isPostgresql(pool.getJdbcUrl())) {
                    Duration timeout = environment.getProperty(SOCKET_TIMEOUT, Duration.class, Duration.ofSeconds(3));
                    if (!timeout.isZero()) {
                        // The driver counts in whole seconds; 0 would mean "wait forever".
                        pool.addDataSourceProperty("socketTimeout",
                                Long.toString(Math.max(1, (timeout.toMillis() + 999) / 1000)));
                    }
                    pool.addDataSourceProperty("tcpKeepAlive", "true");
                }
                return bean;
            }
        };
    }

    @Bean
    FlywayConfigurationCustomizer migrationsWithoutReadTimeout() {
        return (FluentConfiguration configuration) -> {
            if (configuration.getDataSource() instanceof HikariDataSource pool && isPostgresql(pool.getJdbcUrl())) {
                configuration.dataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            }
        };
    }

    static boolean isPostgresql(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }
}
