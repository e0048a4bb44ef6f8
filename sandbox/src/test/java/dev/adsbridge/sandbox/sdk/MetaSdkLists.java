package dev.adsbridge.sandbox.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Meta's field lists as the official business SDKs carry them (test resources {@code meta-sdk/*.fields}). */
final class MetaSdkLists {

    private MetaSdkLists() {
    }

    static List<String> fields(String type) {
        try (InputStream in = MetaSdkLists.class.getResourceAsStream("/meta-sdk/" + type + ".fields")) {
            if (in == null) {
                throw new IllegalStateException("no SDK field list for " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The list as one comma-separated {@code fields=} value, as the SDKs join it. */
    static String joined(String type) {
        return String.join(",", fields(type));
    }
}
