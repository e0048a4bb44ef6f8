package dev.adsbridge.mcp.inventory;

import dev.adsbridge.graph.ErrorCategory;
import java.time.Duration;

/** Told about every finished tool call (metrics). Gets the tool name and outcome only: no arguments, no token. */
@FunctionalInterface
public interface ToolCallListener {

    /**
     * @param tool     a known tool's name
     * @param category null for a successful call; the error category of an {@code isError} result; {@code null} with
     *                 {@code bug} true for a call that failed with an internal error
     * @param bug      whether the call ended in an internal error
     * @param duration time spent in the tool, Graph calls included
     */
    void completed(String tool, ErrorCategory category, boolean bug, Duration duration);

    ToolCallListener NONE = (tool, category, bug, duration) -> { };
}
