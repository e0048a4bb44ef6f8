package dev.adsbridge.console.ads;

import dev.adsbridge.console.connections.McpRoute;
import dev.adsbridge.console.connections.RemoteMcpCheck;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Before a hosted Meta Ads MCP server becomes a connection: it must list the tools the console's pages use (AdsBridge's
 * tool names and arguments, as an AdsBridge MCP server hosted by someone else speaks them) and answer
 * {@code get_ad_accounts} with the credential.
 */
@Component
class RemoteMcpServerCheck implements RemoteMcpCheck {

    /** What the console's pages and the agent gateway cannot do without. */
    static final List<String> REQUIRED_TOOLS = List.of(AdAccounts.LIST_TOOL, "get_objects", "get_campaigns",
            "get_adsets", "get_ads", "get_insights");

    private final McpToolClient mcp;

    RemoteMcpServerCheck(McpToolClient mcp) {
        this.mcp = mcp;
    }

    @Override
    public @Nullable String problem(URI server, String credential) {
        McpRoute route = new McpRoute(server, credential);
        try {
            List<String> offered = new ArrayList<>();
            mcp.listTools(route, true).path("tools").forEach(t -> offered.add(t.path("name").asString("")));
            List<String> missing = REQUIRED_TOOLS.stream().filter(t -> !offered.contains(t)).toList();
            if (!missing.isEmpty()) {
                return "The server at " + server.getHost() + " does not offer " + String.join(", ", missing)
                        + ": AdsBridge works with hosted servers that speak its Meta Ads tools.";
            }
            McpToolClient.ToolResult accounts = mcp.call(route, AdAccounts.LIST_TOOL, Map.of("limit", 1), false);
            if (accounts.isError()) {
                JsonNode error = accounts.content().path("error");
                return "The server at " + server.getHost() + " could not list ad accounts with this credential ("
                        + error.path("message").asString("no reason given") + ").";
            }
            return null;
        } catch (McpToolClient.McpUnavailableException e) {
            return e.getMessage();
        }
    }
}
