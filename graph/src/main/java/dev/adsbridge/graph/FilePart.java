package dev.adsbridge.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * One file of a multipart upload (e.g. {@code POST act_{id}/adimages}).
 *
 * @param fieldName   form field name, e.g. {@code filename} for ad images
 * @param filename    file name sent in {@code Content-Disposition}, e.g. {@code banner.jpg}
 * @param contentType e.g. {@code image/jpeg}
 * @param bytes       the content (copied on the way in and out: records hold no shared mutable state)
 */
public record FilePart(String fieldName, String filename, String contentType, byte[] bytes) {

    public FilePart {
        requireHeaderSafe(fieldName, "fieldName");
        requireHeaderSafe(filename, "filename");
        requireHeaderSafe(contentType, "contentType");
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    int size() {
        return bytes.length;
    }

    byte[] rawBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilePart that
                && fieldName.equals(that.fieldName)
                && filename.equals(that.filename)
                && contentType.equals(that.contentType)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fieldName, filename, contentType, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "FilePart[fieldName=" + fieldName + ", filename=" + filename + ", contentType=" + contentType
                + ", bytes=" + bytes.length + " bytes]";
    }

    private static void requireHeaderSafe(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == '"')) {
            throw new IllegalArgumentException(name + " must be non-blank and free of quotes and line breaks");
        }
    }
}
