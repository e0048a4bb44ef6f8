package dev.adsbridge.mcp.inventory;

/**
 * One invocation of a tool, as its handler sees it: the arguments and a Graph session bound to this call's token.
 * Built fresh for every call; nothing in it outlives the call.
 */
public final class ToolCall {

    private final String toolName;
    private final Args args;
    private final GraphSession graph;

    ToolCall(String toolName, Args args, GraphSession graph) {
        this.toolName = toolName;
        this.args = args;
        this.graph = graph;
    }

    public String toolName() {
        return toolName;
    }

    public Args args() {
        return args;
    }

    /** The Graph API with this call's token; using it without a token yields a "missing token" tool error. */
    public GraphSession graph() {
        return graph;
    }
}
