package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Toolset;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The request headers this server reads, and the one place that turns them into a {@link Caller} in the SDK's
 * transport context. Tool handlers never see a header: they get the caller from the context.
 */
public final class Headers implements McpTransportContextExtractor<HttpServletRequest> {

    public static final String AUTHORIZATION = "Authorization";
    public static final String META_ACCESS_TOKEN = "X-META-ACCESS-TOKEN";
    public static final String TOOLSETS = "X-MCP-Toolsets";
    public static final String READONLY = "X-MCP-Readonly";
    public static final String SERVER_KEY = "X-MCP-Server-Key";
    public static final String COMPACT = "X-MCP-Compact";
    /** Request attribute holding an {@code access_token} argument the endpoint lifted out of the body. */
    static final String ARGUMENT_TOKEN_ATTRIBUTE = "adsbridge.accessTokenArgument";

    /**
     * The caller of a message the endpoint handed on to the SDK: the headers, with the toolsets of the path and an
     * {@code access_token} argument the endpoint lifted out of the body (request attributes).
     */
    @Override
    public McpTransportContext extract(HttpServletRequest request) {
        Object argumentToken = request.getAttribute(ARGUMENT_TOKEN_ATTRIBUTE);
        return callerOf(request::getHeader, ToolsetPath.of(request.getAttribute(ToolsetPath.ATTRIBUTE)),
                argumentToken instanceof String text ? text : null).toContext();
    }

    /**
     * The caller a request describes, with an {@code access_token} argument lifted out of its body. The toolsets are
     * those of the path {@code /mcp/x/{toolsets}} narrowed by {@code X-MCP-Toolsets}; read-only when either the
     * path or {@code X-MCP-Readonly} says so; {@code X-MCP-Compact} sets the default of {@code compact}. Over HTTP
     * the token comes from headers (or the argument) only, never from the environment.
     *
     * @param headers a request header's value by name (the first, when repeated), or null
     * @param path    the toolsets named in the path, or null for {@code /mcp}
     */
    static Caller callerOf(UnaryOperator<String> headers, ToolsetPath path, String argumentToken) {
        Optional<Set<Toolset>> toolsets;
        try {
            toolsets = requestedToolsets(headers);
        } catch (IllegalArgumentException unknown) {
            // The endpoint answers 400 before this; should it be bypassed, an unknown name hides every tool.
            toolsets = Optional.of(Set.of());
        }
        if (path != null) {
            toolsets = Optional.of(toolsets.map(header -> {
                java.util.EnumSet<Toolset> both = java.util.EnumSet.noneOf(Toolset.class);
                header.stream().filter(path.toolsets()::contains).forEach(both::add);
                return (Set<Toolset>) both;
            }).orElse(path.toolsets()));
        }
        Optional<Boolean> compact;
        try {
            compact = compact(headers);
        } catch (IllegalArgumentException malformed) {
            // The endpoint answers 400 before this; should it be bypassed, each tool keeps its own default.
            compact = Optional.empty();
        }
        return Caller.of(token(headers), argumentToken == null || argumentToken.isBlank() ? null : argumentToken,
                toolsets, readOnly(headers) || (path != null && path.readOnly())).withCompact(compact);
    }

    /** {@code Authorization: Bearer …}, else {@code X-META-ACCESS-TOKEN}; null when neither carries a token. */
    public static String token(UnaryOperator<String> headers) {
        String authorization = headers.apply(AUTHORIZATION);
        if (authorization != null) {
            String value = authorization.strip();
            if (value.length() > 7 && value.substring(0, 7).equalsIgnoreCase("bearer ")) {
                String token = value.substring(7).strip();
                if (!token.isEmpty()) {
                    return token;
                }
            }
        }
        String header = headers.apply(META_ACCESS_TOKEN);
        return header == null || header.isBlank() ? null : header.strip();
    }

    /**
     * The toolsets named in {@code X-MCP-Toolsets}, or empty when the header is absent or blank.
     *
     * @throws IllegalArgumentException for an unknown toolset name
     */
    public static Optional<Set<Toolset>> requestedToolsets(UnaryOperator<String> headers) {
        String header = headers.apply(TOOLSETS);
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Toolset.parse(header));
    }

    /** {@code X-MCP-Readonly: true} (also 1 or yes). */
    public static boolean readOnly(UnaryOperator<String> headers) {
        String header = headers.apply(READONLY);
        if (header == null) {
            return false;
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        return value.equals("true") || value.equals("1") || value.equals("yes");
    }

    /**
     * {@code X-MCP-Compact: false} (or true): the default of the {@code compact} argument for every tool of this
     * request that has one; empty when the header is absent or blank. A caller that reads Meta's rows as sent (the
     * console) says it once here instead of in each call's arguments, and a server that does not know the header
     * ignores it.
     *
     * @throws IllegalArgumentException for a value other than true/false (1/0, yes/no)
     */
    public static Optional<Boolean> compact(UnaryOperator<String> headers) {
        String header = headers.apply(COMPACT);
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "1", "yes" -> Optional.of(true);
            case "false", "0", "no" -> Optional.of(false);
            default -> throw new IllegalArgumentException("'" + (value.length() > 20 ? value.substring(0, 20) + "…"
                    : value) + "' is not true or false");
        };
    }
}
