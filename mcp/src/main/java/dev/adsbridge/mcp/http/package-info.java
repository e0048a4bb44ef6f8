/**
 * The HTTP side of the MCP server: {@link dev.adsbridge.mcp.http.McpEndpoint} guards /mcp on Jetty's own request API
 * (DNS rebinding, server key, 401 without a token, size and media type) and answers tool calls itself;
 * {@link dev.adsbridge.mcp.http.SdkHandOff} hands every other message to the MCP SDK's stateless servlet and keeps its
 * answers JSON; {@link dev.adsbridge.mcp.http.Headers} turns request headers into the caller (token, toolsets,
 * read-only); {@link dev.adsbridge.mcp.http.OperationsServlet} serves /healthz, /readyz and /metrics.
 */
package dev.adsbridge.mcp.http;
