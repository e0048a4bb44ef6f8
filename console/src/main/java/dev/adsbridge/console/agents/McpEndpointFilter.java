package dev.adsbridge.console.agents;

import dev.adsbridge.console.apikeys.RequestIds;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The tenant MCP endpoint's HTTP side, {@code /mcp} and {@code /mcp/} (streamable HTTP, stateless, JSON answers; no
 * session, no SSE stream, no cookies, so no CSRF): in this order
 *
 * <ol>
 *   <li>DNS-rebinding protection as on the MCP server (the MCP Java SDK's validator): a {@code Host} other than the
 *       console's own (or {@code allowed-hosts}) → 421; an {@code Origin} other than the console's own and
 *       {@code allowed-origins} → 403.</li>
 *   <li>CORS for the allowed origins: preflight {@code OPTIONS} answered 204, answers carry
 *       {@code Access-Control-Allow-Origin} and expose {@code WWW-Authenticate}.</li>
 *   <li>Only {@code POST} (405 otherwise); token headers from the agent ({@code X-Meta-Token},
 *       {@code X-Access-Token}, {@code X-META-ACCESS-TOKEN}, {@code X-MCP-Server-Key}…) or an {@code access_token}
 *       query parameter → 400: the Meta token is the console's alone.</li>
 *   <li>{@code Authorization: Bearer …} through the {@link AgentAuthenticator}s; none, or one no authenticator
 *       accepts → 401 with {@code WWW-Authenticate: Bearer resource_metadata="{base}/.well-known/oauth-protected-
 *       resource/mcp"} (RFC 9728), so OAuth clients find the authorization server.</li>
 *   <li>The JSON-RPC message to {@link McpGateway}.</li>
 * </ol>
 *
 * It answers every request itself (never passes it on): the console's session-based security chain never sees it.
 */
final class McpEndpointFilter extends OncePerRequestFilter {

    static final String RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource/mcp";
    private static final Set<String> TOKEN_HEADERS = Set.of("x-meta-token", "x-meta-access-token", "x-access-token",
            "x-facebook-token", "x-fb-token", "x-mcp-server-key", "x-graph-token");
    private static final String ALLOW_HEADERS = "Authorization, Content-Type, Accept, MCP-Protocol-Version, "
            + "Mcp-Session-Id, Last-Event-ID";
    private static final String EXPOSE_HEADERS = "WWW-Authenticate, Mcp-Session-Id, MCP-Protocol-Version, Retry-After, "
            + "X-Request-Id";

    // Looked up on first use: the gateway needs the token vault, whose configuration errors must surface as such at
    // start-up (from the vault's own beans), not from this filter's creation when the web server starts.
    private final java.util.function.Supplier<McpGateway> gateways;
    private final java.util.function.Supplier<List<AgentAuthenticator>> authenticatorList;
    private volatile @Nullable McpGateway gateway;
    private volatile @Nullable List<AgentAuthenticator> authenticators;
    private final AgentGatewayProperties properties;
    private final Clock clock;
    private final java.util.function.Supplier<String> baseUrl;
    private volatile @Nullable ServerTransportSecurityValidator validator;

    McpEndpointFilter(java.util.function.Supplier<McpGateway> gateway,
            java.util.function.Supplier<List<AgentAuthenticator>> authenticators, AgentGatewayProperties properties,
            Clock clock, java.util.function.Supplier<String> baseUrl) {
        this.gateways = gateway;
        this.authenticatorList = authenticators;
        this.properties = properties;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    private McpGateway gateway() {
        McpGateway found = gateway;
        if (found == null) {
            found = gateways.get();
            gateway = found;
        }
        return found;
    }

    private List<AgentAuthenticator> authenticators() {
        List<AgentAuthenticator> found = authenticators;
        if (found == null) {
            found = List.copyOf(authenticatorList.get());
            authenticators = found;
        }
        return found;
    }

    static boolean isMcp(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "/mcp".equals(path) || "/mcp/".equals(path);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isMcp(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try {
            validator().validateHeaders(headers(request));
        } catch (ServerTransportSecurityException e) {
            boolean badHost = e.getStatusCode() == 421;
            write(response, e.getStatusCode(), McpGateway.rpcError(null, -32000, badHost
                    ? "Invalid Host header" : "Origin not allowed: add it to adsbridge.console.agents.allowed-origins"));
            return;
        }
        String origin = request.getHeader("Origin");
        boolean cors = origin != null && !sameOrigin(origin);
        if (cors) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Vary", "Origin");
            response.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Access-Control-Allow-Methods", "POST, GET, DELETE, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
            response.setHeader("Access-Control-Max-Age", "600");
            response.setHeader("Allow", "POST, OPTIONS");
            response.setStatus(204);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST, OPTIONS");
            write(response, 405, McpGateway.rpcError(null, -32000, "Method not allowed: this stateless MCP endpoint "
                    + "takes JSON-RPC messages by POST (no SSE stream, no sessions)"));
            return;
        }
        Optional<String> tokenHeader = Collections.list(request.getHeaderNames()).stream()
                .filter(name -> TOKEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))).findFirst();
        if (tokenHeader.isPresent() || (request.getQueryString() != null
                && request.getQueryString().toLowerCase(Locale.ROOT).contains("access_token"))) {
            write(response, 400, McpGateway.rpcError(null, -32600, "Token headers are not accepted ("
                    + tokenHeader.orElse("access_token") + "): the workspace's Facebook connection is used for you. "
                    + "Authenticate with 'Authorization: Bearer <your AdsBridge key or access token>' only."));
            return;
        }
        String bearer = bearer(request);
        if (bearer == null) {
            challenge(response, null);
            return;
        }
        Optional<AgentCredential> credential = authenticate(bearer);
        if (credential.isEmpty()) {
            challenge(response, "invalid_token");
            return;
        }
        String protocol = request.getHeader("MCP-Protocol-Version");
        if (protocol != null && !McpGateway.PROTOCOL_VERSIONS.contains(protocol.strip())) {
            write(response, 400, McpGateway.rpcError(null, -32600, "Unsupported MCP-Protocol-Version: "
                    + McpGateway.PROTOCOL_VERSIONS));
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            write(response, 415, McpGateway.rpcError(null, -32000, "Send Content-Type: application/json"));
            return;
        }
        JsonNode message;
        try {
            message = McpGateway.JSON.readTree(new String(request.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            write(response, 400, McpGateway.rpcError(null, -32700, "Parse error: the body is not JSON"));
            return;
        }
        if (message == null || !message.isObject()) {
            write(response, 400, McpGateway.rpcError(null, -32600, "Invalid request: send one JSON-RPC message (an "
                    + "object; batches are not supported)"));
            return;
        }
        McpGateway.Answer answer = gateway().handle(new McpGateway.Call(credential.get(), request.getHeader(
                "User-Agent"), RequestIds.current(request), request.getRemoteAddr()), message);
        if (answer.retryAfter() != null) {
            response.setHeader("Retry-After", Long.toString(answer.retryAfter()));
        }
        if (answer.body() == null) {
            response.setStatus(answer.status());
            return;
        }
        write(response, answer.status(), answer.body());
    }

    private Optional<AgentCredential> authenticate(String bearer) {
        for (AgentAuthenticator authenticator : authenticators()) {
            if (authenticator.recognizes(bearer)) {
                return authenticator.authenticate(bearer).filter(c -> !c.expired(clock.instant()))
                        .filter(AgentCredential::canRead);
            }
        }
        return Optional.empty();
    }

    /** 401 with the RFC 9728 pointer to the protected resource metadata. */
    private void challenge(HttpServletResponse response, @Nullable String error) throws IOException {
        StringBuilder header = new StringBuilder("Bearer resource_metadata=\"").append(baseUrl.get())
                .append(RESOURCE_METADATA_PATH).append('"');
        if (error != null) {
            header.append(", error=\"").append(error).append('"');
        }
        header.append(", scope=\"ads:read ads:write\"");
        response.setHeader("WWW-Authenticate", header.toString());
        write(response, 401, McpGateway.rpcError(null, -32001, error == null
                ? "Unauthorized: send 'Authorization: Bearer <AdsBridge agent key>' (Settings → AI agents) or sign "
                + "in with OAuth"
                : "Unauthorized: this key or token is not valid (revoked, expired or mistyped)"));
    }

    private static @Nullable String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String value = header.substring(7).strip();
        return value.isEmpty() || value.length() > 4096 ? null : value;
    }

    private boolean sameOrigin(String origin) {
        return origin.equalsIgnoreCase(originOf(baseUrl.get()));
    }

    private static String originOf(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** Built on first use: the base URL is known once the server listens (dev mode). */
    private ServerTransportSecurityValidator validator() {
        ServerTransportSecurityValidator current = validator;
        if (current == null) {
            java.net.URI base = java.net.URI.create(baseUrl.get());
            List<String> hosts = new java.util.ArrayList<>(properties.allowedHosts());
            hosts.add(base.getRawAuthority());
            if (base.getPort() == -1) {
                hosts.add(base.getHost() + ":" + ("https".equals(base.getScheme()) ? 443 : 80));
            }
            List<String> origins = new java.util.ArrayList<>(properties.allowedOrigins());
            origins.add(originOf(baseUrl.get()));
            current = DefaultServerTransportSecurityValidator.builder().allowedHosts(hosts).allowedOrigins(origins)
                    .build();
            validator = current;
        }
        return current;
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(McpGateway.JSON.writeValueAsBytes(body));
    }
}
