package dev.adsbridge.mcp.inventory;

import tools.jackson.core.io.CharTypes;

/**
 * Escapes UTF-8 text into the inside of a JSON string exactly as the module's mapper escapes a Java string: the
 * quote, the backslash and control characters (and the forward slash when the mapper escapes it); every other byte,
 * multi-byte UTF-8 sequences included, as it is. Works on bytes, so JSON already written as UTF-8 becomes a JSON
 * string without decoding it to a Java string and encoding it again. The caller sizes the target with
 * {@link #escapedLength} and the bytes go straight into it (compact JSON has a quote every few bytes: copying each
 * run through a stream cost more than the escaping).
 */
final class JsonStrings {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Per ASCII byte: 0 as is, a character to put after a backslash, or negative for a backslash-u escape. */
    private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes('"',
            Json.write("/").equals("\"\\/\""));

    private JsonStrings() {
    }

    /** How many bytes {@link #writeEscaped} writes for these. */
    static int escapedLength(byte[] utf8) {
        int length = utf8.length;
        for (byte b : utf8) {
            if (b >= 0) {
                int escape = ESCAPES[b];
                if (escape != 0) {
                    length += escape > 0 ? 1 : 5;
                }
            }
        }
        return length;
    }

    /** Writes the escaped bytes into {@code out} from {@code at}; returns the index after the last one written. */
    static int writeEscaped(byte[] utf8, byte[] out, int at) {
        int start = 0;
        int to = at;
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i];
            if (b < 0) {
                continue; // part of a multi-byte character: never escaped
            }
            int escape = ESCAPES[b];
            if (escape == 0) {
                continue;
            }
            int run = i - start;
            System.arraycopy(utf8, start, out, to, run);
            to += run;
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
            start = i + 1;
        }
        int run = utf8.length - start;
        System.arraycopy(utf8, start, out, to, run);
        return to + run;
    }
}
