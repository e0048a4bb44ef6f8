package dev.adsbridge.console.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Honours the forwarded headers of a trusted reverse proxy ({@link ProxyProperties}), with Spring's
 * {@link ForwardedHeaderFilter} for scheme, host, port and prefix; the client address is the right-most
 * {@code X-Forwarded-For} entry that is not a trusted proxy (the left-most ones are whatever the client sent).
 * Requests from anywhere else pass unchanged, their forwarded headers ignored.
 */
final class TrustedProxyFilter extends OncePerRequestFilter {

    private final List<IpAddressMatcher> trusted;
    private final ForwardedHeaderFilter forwarded = new ForwardedHeaderFilter();

    TrustedProxyFilter(ProxyProperties properties) {
        this.trusted = properties.trusted().stream().map(IpAddressMatcher::new).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isTrusted(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String client = clientAddress(request);
        forwarded.doFilter(request, response,
                (req, res) -> chain.doFilter(new ClientAddressRequest((HttpServletRequest) req, client), res));
    }

    private boolean isTrusted(String address) {
        for (IpAddressMatcher matcher : trusted) {
            try {
                if (matcher.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }

    private String clientAddress(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = request.getRemoteAddr();
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            String hop = hops.get(i);
            if (!hop.matches("[0-9A-Fa-f:.]{2,45}")) {
                break; // not an address: stop at the last one we can vouch for
            }
            client = hop;
        }
        return client;
    }

    private static final class ClientAddressRequest extends HttpServletRequestWrapper {
        private final String client;

        ClientAddressRequest(HttpServletRequest request, String client) {
            super(request);
            this.client = client;
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }
    }
}
