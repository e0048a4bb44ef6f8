package dev.adsbridge.mcp.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Hands a message {@link McpEndpoint} checked and did not answer itself (initialize, tools/list, prompts…) to the
 * SDK's stateless servlet, and keeps the SDK's answer JSON.
 *
 * <ul>
 *   <li>The SDK reads the body the endpoint already read, sees an {@code Accept} header it takes (it insists on
 *       both JSON and SSE, and answers 400 to a missing or {@code *}{@code /*} one), and {@code /mcp} as the path
 *       for {@code /mcp/} and {@code /mcp/x/{toolsets}}.</li>
 *   <li>The SDK's answer is buffered, and an error it wrote as HTML or as a serialized Java exception is rewritten
 *       into a JSON-RPC error object, so no stack trace ever leaves the server.</li>
 * </ul>
 */
public final class SdkHandOff extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String NORMAL_ACCEPT = "application/json, text/event-stream";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request.getAttribute(McpEndpoint.BODY_ATTRIBUTE) instanceof byte[] body)) {
            // Only reachable if McpEndpoint is not in front of the servlet context: refuse rather than skip its checks.
            JsonRpcErrors.write(response, 500, null, JsonRpcErrors.INTERNAL_ERROR, "Internal error");
            return;
        }
        BufferedResponse buffered = new BufferedResponse(response);
        chain.doFilter(new ReplayedRequest(request, body, NORMAL_ACCEPT, McpEndpoint.MCP_PATH), buffered);
        buffered.finish(request.getAttribute(McpEndpoint.ID_ATTRIBUTE) instanceof JsonNode id ? id : null);
    }

    /** Whether an Accept header lets the SDK answer: it insists on both JSON and SSE being acceptable. */
    static boolean acceptsBoth(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("application/json") && lower.contains("text/event-stream");
    }
}
