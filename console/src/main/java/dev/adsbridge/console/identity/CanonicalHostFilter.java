package dev.adsbridge.console.identity;

import dev.adsbridge.console.ConsoleUrls;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Dev mode only: a page opened on another host name than the console's base URL (http://localhost:8080 instead of
 * http://127.0.0.1:8080) is redirected to the same path on the base URL before any session exists, so the session
 * cookie lives on the host Meta's OAuth redirect comes back to. In production the reverse proxy decides the host.
 * Only GET/HEAD page requests move; the REST API, the MCP endpoint, actuator and non-GET requests pass unchanged.
 */
final class CanonicalHostFilter extends OncePerRequestFilter {

    private final ConsoleUrls urls;

    CanonicalHostFilter(ConsoleUrls urls) {
        this.urls = urls;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/") || path.equals("/mcp")
                || path.startsWith("/mcp/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        URI base = URI.create(urls.baseUrl());
        if (sameAuthority(base, request)) {
            chain.doFilter(request, response);
            return;
        }
        String query = request.getQueryString();
        String target = base.getScheme() + "://" + base.getRawAuthority() + request.getRequestURI()
                + (query == null ? "" : "?" + query);
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", target);
    }

    private static boolean sameAuthority(URI base, HttpServletRequest request) {
        int basePort = base.getPort() != -1 ? base.getPort() : ("https".equalsIgnoreCase(base.getScheme()) ? 443 : 80);
        String host = base.getHost() == null ? "" : base.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String requestHost = request.getServerName();
        if (requestHost.startsWith("[") && requestHost.endsWith("]")) {
            requestHost = requestHost.substring(1, requestHost.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT).equals(requestHost.toLowerCase(Locale.ROOT))
                && basePort == request.getServerPort();
    }
}
