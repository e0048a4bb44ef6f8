package dev.adsbridge.console;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableAsync;

/** Beans every module shares. */
// Modulith's @ApplicationModuleListener runs listeners asynchronously, after the publishing transaction commits.
@EnableAsync
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    ConsoleConfiguration(ConsoleProperties properties, Environment environment) {
        // Without this, production would quietly fall back to an in-memory H2 database.
        if (!properties.devMode() && environment.getProperty("spring.datasource.url", "").isBlank()) {
            throw new IllegalStateException("The console runs in production mode and needs a PostgreSQL database: "
                    + "set spring.datasource.url (SPRING_DATASOURCE_URL), or start in dev mode "
                    + "(adsbridge.console.mode=dev).");
        }
    }

    /** Time for every module; tests register their own clock before the context refreshes. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
