/**
 * The tool framework, shaped after GitHub's MCP server. A tool is one {@link dev.adsbridge.mcp.inventory.ToolDefinition}
 * value (MCP tool with schema and honest hints, toolset, Meta permissions, handler); the
 * {@link dev.adsbridge.mcp.inventory.Inventory} decides which tools a caller sees, with filters in a fixed order; the
 * {@link dev.adsbridge.mcp.inventory.ToolRunner} runs a call with a fresh {@link dev.adsbridge.mcp.inventory.ToolCall}
 * whose {@link dev.adsbridge.mcp.inventory.GraphSession} is bound to the caller's token, taken from the request
 * context ({@link dev.adsbridge.mcp.inventory.Caller}) or the {@code access_token} argument, never from anything that
 * outlives the request.
 *
 * <p>Errors come in two tiers: expected failures (Meta said no, a bad argument, a hidden tool) are {@code isError}
 * results in one shape ({@link dev.adsbridge.mcp.inventory.ToolError}); only bugs throw, and then the client sees a
 * reference, not the exception text.
 */
package dev.adsbridge.mcp.inventory;
