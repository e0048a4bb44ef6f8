package dev.adsbridge.console.connections;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hosted MCP servers as connections ({@code adsbridge.console.remote-mcp.*}).
 *
 * @param allowLocal accept {@code http://} on loopback addresses and servers on private, loopback or link-local
 *                   addresses (always on in dev mode; for tests and a server beside the console). Off in production:
 *                   {@code https://} to a public address only, so the console cannot be pointed at its own network.
 */
@ConfigurationProperties("adsbridge.console.remote-mcp")
public record RemoteMcpProperties(@DefaultValue("false") boolean allowLocal) {
}
