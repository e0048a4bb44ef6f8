package dev.adsbridge.console.apikeys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer abk_…} on {@code /api/**} (and nowhere else): a live key sets an
 * {@link ApiKeyAuthentication} for this request only (no session); any other key answers 401 in the API's error
 * envelope. Identity's security chain adds it; such requests need no CSRF token ({@link #carriesApiKey}).
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys apiKeys;

    public ApiKeyAuthenticationFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    /** A request to the API carrying an API key: CSRF does not apply (no cookie is involved). */
    public static boolean carriesApiKey(HttpServletRequest request) {
        return isApi(request) && presentedKey(request).isPresent();
    }

    /** 401 in the API's envelope for unauthenticated API requests (instead of the sign-in redirect). */
    public static AuthenticationEntryPoint apiEntryPoint() {
        return (request, response, e) -> ApiResponses.write(request, response, new ApiException(401,
                "unauthenticated", "Sign in, or send a valid API key as 'Authorization: Bearer abk_…'."));
    }

    /**
     * 403 in the API's envelope (a missing or wrong CSRF token on a cookie-authenticated write); a caller with no
     * credentials at all gets the 401 any unauthenticated API request gets, not advice about CSRF tokens.
     */
    public static AccessDeniedHandler apiAccessDeniedHandler() {
        return (request, response, e) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()
                    || authentication instanceof AnonymousAuthenticationToken) {
                apiEntryPoint().commence(request, response, null);
                return;
            }
            ApiResponses.write(request, response, new ApiException(403, "forbidden",
                    "This request was refused. Browser requests that change something need the CSRF token "
                            + "(header X-XSRF-TOKEN)."));
        };
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/");
    }

    static Optional<String> presentedKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String value = header.substring(7).strip();
        return value.startsWith(ApiKeys.PREFIX) ? Optional.of(value) : Optional.empty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = isApi(request) ? presentedKey(request) : Optional.empty();
        if (presented.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyPrincipal> principal = apiKeys.authenticate(presented.get());
        if (principal.isEmpty()) {
            ApiResponses.write(request, response, new ApiException(401, "invalid_api_key",
                    "This API key is not valid (revoked, expired, mistyped, or of a removed member)."));
            return;
        }
        if (principal.get().purpose() == ApiKeyPurpose.AGENT) {
            ApiResponses.write(request, response, new ApiException(401, "invalid_api_key",
                    "This key is for AI agents: use it at the MCP endpoint /mcp, or create an API key in Settings."));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(principal.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** An authenticated API key, for this request only. */
    public static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private static final long serialVersionUID = 1L;
        private final transient ApiKeyPrincipal principal;

        ApiKeyAuthentication(ApiKeyPrincipal principal) {
            super(List.of(new SimpleGrantedAuthority("ROLE_API_KEY")));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public ApiKeyPrincipal getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.actor();
        }
    }
}
