package dev.adsbridge.console.agents;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tenant MCP endpoint ({@code adsbridge.console.agents.*}).
 *
 * @param allowedOrigins  browser origins (e.g. {@code https://agent.example.com}; {@code *} as the port matches any)
 *                        allowed to call {@code /mcp} (CORS, and the Origin check against DNS rebinding); none by
 *                        default: only the console's own origin and clients that send no Origin
 * @param allowedHosts    extra {@code Host} header values accepted ({@code name} or {@code name:port}); the base URL's
 *                        host is always accepted
 * @param objectCacheTtl  how long the ad account an object (campaign, ad set, ad, creative) was seen in is remembered,
 *                        so an agent's later calls with its id need no Graph look-up
 * @param toolsCacheTtl   how long the MCP server's tool list is kept
 */
@ConfigurationProperties("adsbridge.console.agents")
public record AgentGatewayProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("10m") Duration objectCacheTtl,
        @DefaultValue("5m") Duration toolsCacheTtl) {

    public AgentGatewayProperties {
        allowedOrigins = allowedOrigins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        allowedHosts = allowedHosts.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
