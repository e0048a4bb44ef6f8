package dev.adsbridge.mcp.inventory;

import java.util.Optional;
import java.util.Set;

/**
 * One reason a tool may be hidden. Filters compose: a tool is offered when no filter hides it, and the first filter
 * that hides it gives the reason a caller sees when calling it anyway. {@link Inventory.Builder} applies them in a
 * fixed order.
 */
@FunctionalInterface
public interface ToolFilter {

    /** Why the tool is hidden from this caller, or empty when it stays. */
    Optional<String> hides(ToolDefinition tool, Caller caller);

    /** Server in read-only mode: every tool without {@code readOnlyHint} is hidden. */
    static ToolFilter readOnly() {
        return (tool, caller) -> tool.readOnly() ? Optional.empty()
                : Optional.of("the server runs in read-only mode, so tools that change anything are hidden");
    }

    /** Only the server's toolsets. */
    static ToolFilter toolsets(Set<Toolset> enabled) {
        Set<Toolset> copy = Set.copyOf(enabled);
        return (tool, caller) -> copy.contains(tool.toolset()) ? Optional.empty()
                : Optional.of("its toolset '" + tool.toolset().wireName() + "' is not enabled on this server "
                        + "(enabled: " + Toolset.names(copy) + ")");
    }

    /** Tools switched off by name. */
    static ToolFilter excluded(Set<String> names) {
        Set<String> copy = Set.copyOf(names);
        return (tool, caller) -> copy.contains(tool.name()) ? Optional.of("it is disabled on this server")
                : Optional.empty();
    }

    /** The request asked for read-only tools ({@code X-MCP-Readonly: true}). */
    static ToolFilter requestReadOnly() {
        return (tool, caller) -> !caller.requestedReadOnly() || tool.readOnly() ? Optional.empty()
                : Optional.of("this request asked for read-only tools (X-MCP-Readonly: true)");
    }

    /** The request narrowed the toolsets ({@code X-MCP-Toolsets}); it cannot add toolsets the server lacks. */
    static ToolFilter requestToolsets() {
        return (tool, caller) -> caller.requestedToolsets()
                .filter(requested -> !requested.contains(tool.toolset()))
                .map(requested -> "this request limited the toolsets to '" + Toolset.names(requested)
                        + "' (X-MCP-Toolsets)");
    }
}
