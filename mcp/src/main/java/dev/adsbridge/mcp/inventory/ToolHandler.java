package dev.adsbridge.mcp.inventory;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * A tool's behaviour. It gets everything of the call through {@link ToolCall} (arguments and a Graph session bound to
 * the caller's token) and returns a result built with {@link ToolResults}. Expected failures are thrown as
 * {@link ToolException} (bad arguments) or {@link dev.adsbridge.graph.GraphException} (Meta said no) and become
 * {@code isError} results; anything else is a bug.
 */
@FunctionalInterface
public interface ToolHandler {
    CallToolResult handle(ToolCall call);
}
