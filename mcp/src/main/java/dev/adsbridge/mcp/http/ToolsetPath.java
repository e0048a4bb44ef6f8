package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Toolset;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;

/**
 * Toolsets named in the URL, for MCP clients that cannot set headers: {@code /mcp/x/{toolsets}} with a comma list of
 * toolset names, {@code all} or {@code default} (e.g. {@code /mcp/x/creatives,insights}), and an optional
 * {@code /readonly} suffix ({@code /mcp/x/all/readonly}). They choose among the toolsets the server offers, like
 * {@code X-MCP-Toolsets}, which narrows them further.
 */
final class ToolsetPath {

    private static final String TOOLSETS_ATTRIBUTE = "adsbridge.pathToolsets";
    private static final String READONLY_ATTRIBUTE = "adsbridge.pathReadonly";
    private static final String READONLY = "/readonly";

    private ToolsetPath() {
    }

    /**
     * Reads the part after {@code /mcp/x/} into request attributes.
     *
     * @throws IllegalArgumentException for an unknown toolset or a malformed path
     */
    static void read(String rest, HttpServletRequest request) {
        String names = rest;
        boolean readOnly = false;
        if (names.endsWith("/")) {
            names = names.substring(0, names.length() - 1);
        }
        if (names.endsWith(READONLY)) {
            readOnly = true;
            names = names.substring(0, names.length() - READONLY.length());
        }
        names = java.net.URLDecoder.decode(names, java.nio.charset.StandardCharsets.UTF_8);
        if (names.isBlank() || names.contains("/")) {
            throw new IllegalArgumentException("use /mcp/x/{toolsets} or /mcp/x/{toolsets}/readonly with toolsets "
                    + Toolset.knownNames());
        }
        Set<Toolset> toolsets = Toolset.parse(names);
        request.setAttribute(TOOLSETS_ATTRIBUTE, Set.copyOf(toolsets));
        request.setAttribute(READONLY_ATTRIBUTE, readOnly);
    }

    @SuppressWarnings("unchecked")
    static Optional<Set<Toolset>> toolsets(HttpServletRequest request) {
        Object value = request.getAttribute(TOOLSETS_ATTRIBUTE);
        return value instanceof Set<?> set ? Optional.of((Set<Toolset>) set) : Optional.empty();
    }

    static boolean readOnly(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(READONLY_ATTRIBUTE));
    }
}
