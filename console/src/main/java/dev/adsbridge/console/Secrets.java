package dev.adsbridge.console;

import dev.adsbridge.meta.Hashes;
import java.security.SecureRandom;
import java.util.Base64;

/** Random one-time secrets (OAuth state, invitation links) and the hashes they are stored as. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Hex SHA-256: what is stored instead of the secret itself. */
    public static String hash(String secret) {
        return Hashes.sha256Hex(secret);
    }
}
