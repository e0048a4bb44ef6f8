/**
 * The Meta Ads MCP server: a drop-in replacement for the widely used open-source Meta Ads MCP server (same tool names,
 * argument names and defaults), stateless, for backends (HTTP) and desktop agents (stdio).
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link dev.adsbridge.mcp.McpServerConfig}: one typed configuration with safe defaults and a builder.</li>
 *   <li>{@link dev.adsbridge.mcp.MetaAdsMcpServer}: {@code create(config)}, {@code start()} → bound port,
 *       {@code close()}; serves {@code /mcp} and {@code /mcp/}, {@code /healthz}, {@code /readyz}, {@code /metrics}.</li>
 *   <li>{@link dev.adsbridge.mcp.McpStdioServer}: {@code run(config)} on stdin/stdout with META_ACCESS_TOKEN.</li>
 * </ul>
 *
 * <h2>Packages, by feature</h2>
 * <ul>
 *   <li>{@code inventory}: the tool framework: {@code ToolDefinition}, {@code Toolset}, {@code Inventory} and its
 *       filters, {@code Schema}, {@code Args}, {@code ToolRunner}, the per-call {@code GraphSession}, the two tiers of
 *       errors ({@code ToolError} results, bugs as JSON-RPC errors), and {@code Caller}, the request context.</li>
 *   <li>{@code tools}: one class of static tool factories per API area and {@code AllTools}; see mcp/TOOLS.md.
 *       {@code tools.images}: fetching ad images without SSRF, and recognising their formats.</li>
 *   <li>{@code http}: what stands in front of the SDK's servlet: headers → request context, the /mcp guard filter,
 *       JSON errors everywhere, health and metrics endpoints.</li>
 *   <li>{@code metrics}: Prometheus counters and histograms with bounded labels.</li>
 * </ul>
 */
package dev.adsbridge.mcp;
