package dev.adsbridge.console.agents;

import dev.adsbridge.console.ConsoleUrls;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the tenant MCP endpoint ({@link McpEndpointFilter}) on {@code /mcp} and {@code /mcp/}, after the request
 * id, proxy, size-limit and control-character filters and before Spring Security, which never sees these requests:
 * agents authenticate with bearer credentials ({@link AgentAuthenticator}), never with the console's session.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentGatewayProperties.class)
class AgentGatewayConfiguration {

    /** Just before Spring Security's filter chain (order -100). */
    static final int ORDER = -105;

    @Bean
    FilterRegistrationBean<McpEndpointFilter> mcpEndpointFilter(ObjectProvider<McpGateway> gateway,
            ObjectProvider<AgentAuthenticator> authenticators, AgentGatewayProperties properties, Clock clock,
            ConsoleUrls urls) {
        FilterRegistrationBean<McpEndpointFilter> registration = new FilterRegistrationBean<>(
                new McpEndpointFilter(gateway::getObject, () -> authenticators.orderedStream().toList(), properties,
                        clock, urls::baseUrl));
        registration.addUrlPatterns("/mcp", "/mcp/");
        registration.setOrder(ORDER);
        registration.setName("mcpEndpointFilter");
        return registration;
    }
}
