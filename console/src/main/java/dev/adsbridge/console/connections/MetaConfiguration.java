package dev.adsbridge.console.connections;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.graph.GraphConfig;
import dev.adsbridge.graph.MetaOAuth;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Graph client and Facebook Login helper for the configured Meta app (the sandbox in dev mode). */
@Configuration(proxyBeanMethods = false)
class MetaConfiguration {

    @Bean
    GraphClient metaGraphClient(ConsoleProperties properties) {
        ConsoleProperties.Meta meta = properties.meta();
        return GraphClient.create(GraphConfig.builder()
                .graphUrl(meta.graphUrl())
                .loginUrl(meta.loginUrl())
                .apiVersion(meta.apiVersion())
                .appId(meta.appId())
                .appSecret(meta.appSecret())
                .requestTimeout(Duration.ofSeconds(30))
                .userAgent("adsbridge-console/0.1")
                .build());
    }

    @Bean
    MetaOAuth metaOAuth(GraphClient metaGraphClient) {
        return new MetaOAuth(metaGraphClient);
    }
}
