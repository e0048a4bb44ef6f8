package dev.adsbridge.console.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reserves a sign-in attempt for the account and the client address before the password is checked, and refuses the
 * attempt (without checking the password) when either is locked. Runs after the CSRF check.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final SignInAudit audit;
    private final String signInPath;

    SignInThrottleFilter(SignInThrottle throttle, SignInAudit audit, String signInPath) {
        this.throttle = throttle;
        this.audit = audit;
        this.signInPath = signInPath;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())
                && (request.getContextPath() + signInPath).equals(request.getRequestURI())) {
            String email = Optional.ofNullable(request.getParameter("email")).orElse("");
            Optional<Duration> locked = throttle.reserve(email, SecurityConfiguration.clientAddress(request));
            if (locked.isPresent()) {
                audit.signInFailed(email, SignInAudit.LOCKED);
                long minutes = Math.max(1, (locked.get().toSeconds() + 59) / 60);
                response.sendRedirect(request.getContextPath() + signInPath + "?locked=" + minutes);
                return;
            }
            try {
                chain.doFilter(request, response);
            } finally {
                throttle.finished(email);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
