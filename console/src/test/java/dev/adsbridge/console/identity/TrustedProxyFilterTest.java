package dev.adsbridge.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Forwarded headers count only from a trusted proxy; the client address is the right-most untrusted hop. */
class TrustedProxyFilterTest {

    private final TrustedProxyFilter filter = new TrustedProxyFilter(new ProxyProperties(List.of("10.0.0.0/8", "::1")));

    @Test
    void headersFromAnUntrustedSenderAreIgnored() throws Exception {
        HttpServletRequest seen = pass("198.51.100.20", "https", "1.2.3.4");
        assertThat(seen.isSecure()).isFalse();
        assertThat(seen.getScheme()).isEqualTo("http");
        assertThat(seen.getRemoteAddr()).isEqualTo("198.51.100.20");
    }

    @Test
    void aTrustedProxyGivesTheSchemeAndTheRightMostUntrustedHop() throws Exception {
        HttpServletRequest seen = pass("10.1.2.3", "https", "6.6.6.6, 203.0.113.9, 10.9.9.9");
        assertThat(seen.isSecure()).isTrue();
        assertThat(seen.getScheme()).isEqualTo("https");
        assertThat(seen.getRemoteAddr()).isEqualTo("203.0.113.9");
    }

    @Test
    void aHopThatIsNoAddressStopsTheWalk() throws Exception {
        assertThat(pass("10.1.2.3", "https", "203.0.113.9, unknown").getRemoteAddr()).isEqualTo("10.1.2.3");
        assertThat(pass("10.1.2.3", null, null).getRemoteAddr()).isEqualTo("10.1.2.3");
    }

    private HttpServletRequest pass(String remote, String proto, String forwardedFor) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/signin");
        request.setRemoteAddr(remote);
        if (proto != null) {
            request.addHeader("X-Forwarded-Proto", proto);
        }
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set((HttpServletRequest) req));
        return seen.get();
    }
}
