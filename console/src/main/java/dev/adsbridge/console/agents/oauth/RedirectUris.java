package dev.adsbridge.console.agents.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which redirect URIs an agent may register (dynamic registration and client ID metadata documents): {@code https}
 * URLs; {@code http} only on a loopback address (native apps that listen on an ephemeral port, RFC 8252 §7.3; the port
 * may differ at request time); private-use schemes of native apps such as {@code cursor://…} (RFC 8252 §7.1). Never a
 * fragment, user info, or a scheme a browser would run or read locally.
 */
final class RedirectUris {

    private static final Set<String> REFUSED_SCHEMES = Set.of("javascript", "data", "vbscript", "file", "blob",
            "about", "ftp", "ws", "wss", "jar", "filesystem", "view-source", "chrome", "mailto", "tel");

    private RedirectUris() {
    }

    /** Why this redirect URI cannot be registered, or empty when it can. */
    static Optional<String> problem(String redirectUri) {
        URI uri;
        try {
            uri = new URI(redirectUri);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URI");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !uri.isAbsolute()) {
            return Optional.of("is not absolute");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("has a fragment");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("has user info");
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return uri.getHost() == null ? Optional.of("has no host") : Optional.empty();
        }
        if (scheme.equals("http")) {
            return isLoopback(uri.getHost()) ? Optional.empty()
                    : Optional.of("uses http on a host other than a loopback address (use https)");
        }
        if (REFUSED_SCHEMES.contains(scheme)) {
            return Optional.of("uses the scheme " + scheme);
        }
        return Optional.empty(); // a native app's private-use scheme
    }

    static boolean isLoopback(@org.jspecify.annotations.Nullable String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    /** What the consent screen shows of a redirect URI: its host (or, for a private-use scheme, the scheme). */
    static String shownHost(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            if (uri.getHost() != null) {
                return uri.getPort() > 0 && isLoopback(uri.getHost()) ? uri.getHost() + " (this computer)"
                        : uri.getHost();
            }
            return uri.getScheme() + ":";
        } catch (URISyntaxException e) {
            return redirectUri;
        }
    }
}
