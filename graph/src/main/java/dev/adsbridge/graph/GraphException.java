package dev.adsbridge.graph;

import java.util.Objects;

/**
 * A failed Graph API call: Meta answered with an error, or no answer arrived. {@link #getMessage()} is Meta's own
 * message (or a plain description of the network failure) and never holds a token, secret, proof or OAuth code.
 */
public final class GraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient GraphError error;
    private final transient Usage usage;

    public GraphException(GraphError error, Usage usage) {
        this(error, usage, null);
    }

    public GraphException(GraphError error, Usage usage, Throwable cause) {
        super(Objects.requireNonNull(error, "error").message(), cause);
        this.error = error;
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    public GraphError error() {
        return error;
    }

    /** Usage headers of the failed response ({@link Usage#none()} when no response arrived). */
    public Usage usage() {
        return usage;
    }

    /** Shortcut for {@code error().category()}. */
    public ErrorCategory category() {
        return error.category();
    }
}
