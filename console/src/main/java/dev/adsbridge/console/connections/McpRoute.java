package dev.adsbridge.console.connections;

import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one connection's MCP calls go and with which bearer: our own Meta Ads MCP server with the connection's Meta
 * token ({@code server} null), or a hosted MCP server with its credential. Lives only for the call it is given to;
 * {@link #toString()} never shows the bearer.
 *
 * @param server the hosted MCP server's URL, or null for the console's own MCP server
 * @param bearer the Meta token, or the hosted server's credential
 */
public record McpRoute(@Nullable URI server, String bearer) {

    public McpRoute {
        Objects.requireNonNull(bearer, "bearer");
    }

    /** Whether the calls go to a hosted MCP server rather than ours. */
    public boolean remote() {
        return server != null;
    }

    @Override
    public String toString() {
        return "McpRoute[" + (server == null ? "own MCP server" : server.getHost()) + "]";
    }
}
