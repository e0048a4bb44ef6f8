package dev.adsbridge.console.agents.web;

import java.util.List;

/**
 * Copy-paste configuration for common MCP clients, with the agent key in the {@code Authorization} header. The key is
 * a placeholder ({@code abk_YOUR_KEY}): the page never puts a real key into a snippet.
 */
record ClientSnippets(String client, String where, String text) {

    static final String PLACEHOLDER = "abk_YOUR_KEY";

    static List<ClientSnippets> forKey(String endpoint) {
        return List.of(
                new ClientSnippets("Claude Desktop", "Settings → Developer → Edit config "
                        + "(claude_desktop_config.json); Claude Desktop reaches remote servers through mcp-remote", """
                        {
                          "mcpServers": {
                            "adsbridge": {
                              "command": "npx",
                              "args": ["-y", "mcp-remote", "%s",
                                       "--header", "Authorization:${ADSBRIDGE_AUTH}"],
                              "env": { "ADSBRIDGE_AUTH": "Bearer %s" }
                            }
                          }
                        }""".formatted(endpoint, PLACEHOLDER)),
                new ClientSnippets("Claude Code", "a terminal", """
                        claude mcp add --transport http adsbridge %s \\
                          --header "Authorization: Bearer %s\"""".formatted(endpoint, PLACEHOLDER)),
                new ClientSnippets("Cursor", "~/.cursor/mcp.json (or .cursor/mcp.json in a project)", """
                        {
                          "mcpServers": {
                            "adsbridge": {
                              "url": "%s",
                              "headers": { "Authorization": "Bearer %s" }
                            }
                          }
                        }""".formatted(endpoint, PLACEHOLDER)),
                new ClientSnippets("VS Code", ".vscode/mcp.json (the key is asked for once and kept by VS Code)", """
                        {
                          "inputs": [
                            { "type": "promptString", "id": "adsbridge-key",
                              "description": "AdsBridge agent key", "password": true }
                          ],
                          "servers": {
                            "adsbridge": {
                              "type": "http",
                              "url": "%s",
                              "headers": { "Authorization": "Bearer ${input:adsbridge-key}" }
                            }
                          }
                        }""".formatted(endpoint)));
    }
}
