package dev.adsbridge.mcp.inventory;

import java.util.Arrays;
import tools.jackson.core.io.CharTypes;

/**
 * Escapes UTF-8 text into the inside of a JSON string exactly as the module's mapper escapes a Java string: the
 * quote, the backslash and control characters (and the forward slash when the mapper escapes it); every other byte,
 * multi-byte UTF-8 sequences included, as it is. Works on bytes, so JSON already written as UTF-8 becomes a JSON
 * string without decoding it to a Java string and encoding it again, straight into the caller's array.
 */
final class JsonStrings {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Per ASCII byte: 0 as is, a character to put after a backslash, or negative for a backslash-u escape. */
    private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes('"',
            Json.write("/").equals("\"\\/\""));

    private JsonStrings() {
    }

    /**
     * Writes the escaped bytes into {@code out} from {@code at}, followed by room for {@code tail} more bytes; returns
     * the array written to ({@code out}, or a larger copy when the escapes did not fit) and, in {@code end[0]}, the
     * index after the last byte written. One pass, byte by byte: compact JSON has a quote every few bytes, so copying
     * runs between escapes costs more than copying each byte, and sizing the target exactly first costs a second pass.
     */
    static byte[] writeEscaped(byte[] utf8, byte[] out, int at, int tail, int[] end) {
        int n = utf8.length;
        int to = at;
        for (int i = 0; i < n; i++) {
            byte b = utf8[i];
            int escape = b < 0 ? 0 : ESCAPES[b]; // a byte of a multi-byte character is never escaped
            if (escape == 0) {
                out[to++] = b;
                continue;
            }
            if (to + 6 + (n - i) + tail > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length + (out.length >> 1), to + 6 + (n - i) + tail));
            }
            out[to++] = '\\';
            if (escape > 0) {
                out[to++] = (byte) escape;
            } else {
                out[to++] = 'u';
                out[to++] = '0';
                out[to++] = '0';
                out[to++] = HEX[b >> 4];
                out[to++] = HEX[b & 0xF];
            }
        }
        end[0] = to;
        return out;
    }
}
