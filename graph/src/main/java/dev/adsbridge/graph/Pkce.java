package dev.adsbridge.graph;

import dev.adsbridge.meta.Hashes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * PKCE (RFC 7636, method {@code S256}) for the login dialog: a fresh random {@link #newVerifier() verifier} per flow,
 * kept server-side; its {@link #challenge challenge} goes to the dialog ({@link MetaOAuth#dialogUrl(String, String,
 * java.util.List, String)}), the verifier to the code exchange ({@link MetaOAuth#exchangeCode(String, String, String)}).
 * A code issued for one flow's challenge is useless with any other flow's verifier.
 */
public final class Pkce {

    /** The only method this client sends: {@code plain} would put the verifier itself into the browser. */
    public static final String METHOD = "S256";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    /** 256 random bits, base64url without padding: 43 characters, within RFC 7636's 43–128. Treat it as a secret. */
    public static String newVerifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The {@code S256} challenge of a verifier: base64url(SHA-256(verifier)) without padding.
     *
     * @throws IllegalArgumentException when the verifier is not 43–128 of {@code A-Z a-z 0-9 - . _ ~}
     */
    public static String challenge(String verifier) {
        requireVerifier(verifier);
        return Hashes.sha256Base64Url(verifier);
    }

    static void requireVerifier(String verifier) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            throw new IllegalArgumentException("a PKCE code verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
        }
    }

    static void requireChallenge(String challenge) {
        if (challenge == null || !challenge.matches("[A-Za-z0-9_-]{43}")) {
            throw new IllegalArgumentException("codeChallenge must be an S256 challenge (Pkce.challenge(verifier))");
        }
    }
}
