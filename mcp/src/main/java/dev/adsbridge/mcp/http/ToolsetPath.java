package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.inventory.Toolset;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Toolsets named in the URL, for MCP clients that cannot set headers: {@code /mcp/x/{toolsets}} with a comma list of
 * toolset names, {@code all} or {@code default} (e.g. {@code /mcp/x/creatives,insights}), and an optional
 * {@code /readonly} suffix ({@code /mcp/x/all/readonly}). They choose among the toolsets the server offers, like
 * {@code X-MCP-Toolsets}, which narrows them further.
 *
 * @param toolsets the toolsets the path names
 * @param readOnly whether the path ends in {@code /readonly}
 */
record ToolsetPath(Set<Toolset> toolsets, boolean readOnly) {

    /** The request attribute that carries a message's path toolsets to the SDK's side (see {@link Headers}). */
    static final String ATTRIBUTE = "adsbridge.pathToolsets";
    private static final String READONLY = "/readonly";

    ToolsetPath {
        toolsets = Set.copyOf(toolsets);
    }

    /**
     * Reads the part after {@code /mcp/x/}.
     *
     * @throws IllegalArgumentException for an unknown toolset or a malformed path
     */
    static ToolsetPath read(String rest) {
        String names = rest;
        boolean readOnly = false;
        if (names.endsWith("/")) {
            names = names.substring(0, names.length() - 1);
        }
        if (names.endsWith(READONLY)) {
            readOnly = true;
            names = names.substring(0, names.length() - READONLY.length());
        }
        names = URLDecoder.decode(names, StandardCharsets.UTF_8);
        if (names.isBlank() || names.contains("/")) {
            throw new IllegalArgumentException("use /mcp/x/{toolsets} or /mcp/x/{toolsets}/readonly with toolsets "
                    + Toolset.knownNames());
        }
        return new ToolsetPath(Toolset.parse(names), readOnly);
    }

    /** The path toolsets a request attribute holds, or null. */
    static ToolsetPath of(Object attribute) {
        return attribute instanceof ToolsetPath path ? path : null;
    }
}
