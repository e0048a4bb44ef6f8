package dev.adsbridge.console.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Test tokens that look like Meta's, and the check that none of their forms leaked into a text. */
final class TestSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecrets() {}

    /** A long-lived Meta user token lookalike: "EAA" and 180-odd base62 characters. */
    static String metaToken() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder token = new StringBuilder("EAAGm0PX4ZCpsBA");
        for (int i = 0; i < 170; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    /** Asserts that {@code text} holds none of the secrets, whole or as a recognisable piece, raw or encoded. */
    static void assertNoLeak(String text, String... secrets) {
        for (String secret : secrets) {
            assertThat(text).doesNotContain(secret);
            if (secret.length() > 24) {
                assertThat(text).doesNotContain(secret.substring(0, 24)).doesNotContain(secret.substring(secret.length() - 24));
            }
        }
    }

    static void assertNoLeak(String text, byte[] ciphertext) {
        assertThat(text)
                .doesNotContain(Base64.getEncoder().encodeToString(ciphertext).substring(0, 24))
                .doesNotContain(HexFormat.of().formatHex(ciphertext, 0, 12));
    }

    /** Every message in a throwable's cause chain, and its toString, joined. */
    static String allMessages(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
