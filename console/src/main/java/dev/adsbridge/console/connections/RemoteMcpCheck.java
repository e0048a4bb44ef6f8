package dev.adsbridge.console.connections;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Asks a hosted Meta Ads MCP server, with its credential, whether it works for AdsBridge before a connection to it is
 * stored. Implemented where the MCP client lives (module {@code ads}); this module owns the question.
 */
public interface RemoteMcpCheck {

    /**
     * Null when the server answers AdsBridge's tools with this credential; otherwise one sentence for the member that
     * names no secret.
     */
    @Nullable String problem(URI server, String credential);
}
