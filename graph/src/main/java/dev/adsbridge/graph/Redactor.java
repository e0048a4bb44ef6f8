package dev.adsbridge.graph;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Masks the secrets of one call (token, app secret, proof, OAuth code) wherever text could reach a log or a message. */
final class Redactor {

    static final String MASK = "***";
    // Shorter values would mask ordinary words; real tokens, secrets and codes are far longer.
    private static final int MIN_SECRET_LENGTH = 6;

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    static Redactor of(Collection<String> values) {
        List<String> secrets = new ArrayList<>();
        for (String value : values) {
            if (value != null && value.length() >= MIN_SECRET_LENGTH) {
                secrets.add(value);
                String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
                if (!encoded.equals(value)) {
                    secrets.add(encoded);
                }
            }
        }
        // Longest first, so a secret containing another is masked whole.
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(secrets));
    }

    static Redactor of(String... values) {
        return of(java.util.Arrays.asList(values));
    }

    String redact(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
