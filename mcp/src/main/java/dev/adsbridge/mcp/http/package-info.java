/**
 * The HTTP side in front of the MCP SDK's stateless servlet: {@link dev.adsbridge.mcp.http.Headers} turns request
 * headers into the request context (token, toolsets, read-only), {@link dev.adsbridge.mcp.http.McpEndpointFilter}
 * guards /mcp (DNS rebinding, server key, 401 without a token, size and media type) and keeps every answer JSON, and
 * {@link dev.adsbridge.mcp.http.OperationsServlet} serves /healthz, /readyz and /metrics.
 */
package dev.adsbridge.mcp.http;
