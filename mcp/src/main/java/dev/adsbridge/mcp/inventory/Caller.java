package dev.adsbridge.mcp.inventory;

import io.modelcontextprotocol.common.McpTransportContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as the transport saw it: the Meta token it presented (HTTP header, or META_ACCESS_TOKEN for stdio),
 * how it narrowed the tool list ({@code X-MCP-Toolsets}, {@code X-MCP-Readonly}) and the default of {@code compact}
 * it asked for ({@code X-MCP-Compact}). It travels only inside the
 * SDK's {@link McpTransportContext} of one request; nothing keeps it afterwards. {@link #toString()} never shows the
 * token.
 */
public final class Caller {

    /** The key under which the transport context holds the caller. */
    public static final String CONTEXT_KEY = "adsbridge.caller";

    private static final Caller ANONYMOUS = new Caller(null, null, Optional.empty(), false, Optional.empty());

    private final String token;
    private final String argumentToken;
    private final Optional<Set<Toolset>> toolsets;
    private final boolean readOnly;
    private final Optional<Boolean> compact;

    private Caller(String token, String argumentToken, Optional<Set<Toolset>> toolsets, boolean readOnly,
                   Optional<Boolean> compact) {
        this.token = blankToNull(token);
        this.argumentToken = blankToNull(argumentToken);
        this.toolsets = toolsets.map(Set::copyOf);
        this.readOnly = readOnly;
        this.compact = compact;
    }

    /**
     * @param token    the transport-level Meta token, or null
     * @param toolsets the toolsets the request asked for, or empty when it did not narrow them
     * @param readOnly whether the request asked for read-only tools
     */
    public static Caller of(String token, Optional<Set<Toolset>> toolsets, boolean readOnly) {
        return new Caller(token, null, toolsets, readOnly, Optional.empty());
    }

    /**
     * As {@link #of(String, Optional, boolean)}, plus an {@code access_token} argument the HTTP layer lifted out of
     * the JSON-RPC body (so that no library logs it); it wins over the header token, as the argument would.
     */
    public static Caller of(String token, String argumentToken, Optional<Set<Toolset>> toolsets, boolean readOnly) {
        return new Caller(token, argumentToken, toolsets, readOnly, Optional.empty());
    }

    /**
     * This caller with a default for the {@code compact} argument of every tool that has one (the request's
     * {@code X-MCP-Compact} header); empty for the tools' own defaults. An explicit argument still wins.
     */
    public Caller withCompact(Optional<Boolean> compactDefault) {
        return new Caller(token, argumentToken, toolsets, readOnly, compactDefault);
    }

    /** No token, no narrowing. */
    public static Caller anonymous() {
        return ANONYMOUS;
    }

    /** The caller stored in a transport context, or {@link #anonymous()} when there is none. */
    public static Caller from(McpTransportContext context) {
        Object value = context == null ? null : context.get(CONTEXT_KEY);
        return value instanceof Caller caller ? caller : ANONYMOUS;
    }

    /** A transport context holding only this caller. */
    public McpTransportContext toContext() {
        return McpTransportContext.create(Map.of(CONTEXT_KEY, this));
    }

    /**
     * The token the transport presented: a lifted {@code access_token} argument, else the header (or stdio
     * environment) token.
     */
    Optional<String> transportToken() {
        return Optional.ofNullable(argumentToken != null ? argumentToken : token);
    }

    public boolean hasTransportToken() {
        return argumentToken != null || token != null;
    }

    public Optional<Set<Toolset>> requestedToolsets() {
        return toolsets;
    }

    public boolean requestedReadOnly() {
        return readOnly;
    }

    /** The default of {@code compact} the request asked for, or empty for each tool's own default. */
    public Optional<Boolean> compactDefault() {
        return compact;
    }

    @Override
    public String toString() {
        return "Caller[token=" + (hasTransportToken() ? "***" : "none") + ", toolsets="
                + toolsets.map(Toolset::names).orElse("(server)") + ", readOnly=" + readOnly
                + compact.map(c -> ", compact=" + c).orElse("") + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
