package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.apikeys.ApiRateLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Open dynamic client registration, rate limited: {@code registrations-per-hour} per client address (a token bucket
 * per address, shared by every replica like the API's rate limits: in Redis, or PostgreSQL while Redis is not there).
 * Past it: 429 with {@code Retry-After} and an OAuth error body.
 */
final class RegistrationRateLimit extends OncePerRequestFilter {

    private final ApiRateLimits buckets;
    private final int perHour;
    private final String registrationPath;

    RegistrationRateLimit(ApiRateLimits buckets, int perHour, String registrationPath) {
        this.buckets = buckets;
        this.perHour = perHour;
        this.registrationPath = registrationPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !registrationPath.equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Behind a trusted proxy, TrustedProxyFilter has made this the client's address.
        Long seconds = buckets.tryCharge("oauth-registration:" + request.getRemoteAddr(), perHour, Duration.ofHours(1));
        if (seconds == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":\"too_many_requests\",\"error_description\":\"Too many client "
                + "registrations from this address; try again in " + seconds + " s.\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
