package dev.adsbridge.console.apikeys;

import java.util.Locale;

/** What a key may do: read only, or read and write (never the team or other keys). */
public enum ApiKeyScope {
    READ, READ_WRITE;

    /** The name in the API: {@code read} or {@code read_write}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As people read it on the pages: "Read only" or "Read and change". */
    public String label() {
        return this == READ ? "Read only" : "Read and change";
    }

    /** @throws ApiException (400 validation_failed) for anything but read / read_write */
    public static ApiKeyScope parse(String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "read" -> READ;
            case "read_write" -> READ_WRITE;
            default -> throw ApiException.validation("scope", "Choose read or read_write.");
        };
    }
}
