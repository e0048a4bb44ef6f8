package dev.adsbridge.mcp.inventory;

import java.util.Objects;

/**
 * Thrown inside a handler for an expected failure found before or instead of calling Meta (a bad argument, a hidden
 * tool, no token). The tool runner turns it into an {@code isError} result; it never reaches the MCP SDK. Its message
 * is shown to the caller, so it must never hold a token or secret.
 */
public final class ToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ToolError error;

    public ToolException(ToolError error) {
        super(Objects.requireNonNull(error, "error").message(), null, false, false);
        this.error = error;
    }

    /** Shortcut for an invalid argument. */
    public static ToolException invalid(String message) {
        return new ToolException(ToolError.invalidArgument(message));
    }

    public ToolError error() {
        return error;
    }
}
