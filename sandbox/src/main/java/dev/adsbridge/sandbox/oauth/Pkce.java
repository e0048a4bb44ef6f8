package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.meta.Hashes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * PKCE (RFC 7636) as the login dialog and the code exchange check it: only {@code code_challenge_method=S256}, the
 * challenge being base64url(SHA-256(verifier)) without padding, the verifier 43 to 128 unreserved characters.
 */
final class Pkce {

    static final String S256 = "S256";
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Pkce() {
    }

    static boolean isVerifier(String value) {
        return value != null && VERIFIER.matcher(value).matches();
    }

    static boolean isS256Challenge(String value) {
        return value != null && S256_CHALLENGE.matcher(value).matches();
    }

    /** True when {@code verifier} is well formed and hashes to {@code challenge} (compared in constant time). */
    static boolean matches(String verifier, String challenge) {
        if (!isVerifier(verifier)) {
            return false;
        }
        return MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    static String s256(String verifier) {
        return Hashes.sha256Base64Url(verifier);
    }
}
