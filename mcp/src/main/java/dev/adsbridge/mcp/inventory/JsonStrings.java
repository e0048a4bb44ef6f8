package dev.adsbridge.mcp.inventory;

import java.io.ByteArrayOutputStream;
import tools.jackson.core.io.CharTypes;

/**
 * Escapes UTF-8 text into the inside of a JSON string exactly as the module's mapper escapes a Java string: the
 * quote, the backslash and control characters (and the forward slash when the mapper escapes it); every other byte,
 * multi-byte UTF-8 sequences included, as it is. Works on bytes, so JSON already written as UTF-8 becomes a JSON
 * string without decoding it to a Java string and encoding it again.
 */
final class JsonStrings {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Per ASCII byte: 0 as is, a character to put after a backslash, or negative for a backslash-u escape. */
    private static final int[] ESCAPES = CharTypes.get7BitOutputEscapes('"',
            Json.write("/").equals("\"\\/\""));

    private JsonStrings() {
    }

    static void writeEscaped(byte[] utf8, ByteArrayOutputStream out) {
        int start = 0;
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i];
            if (b < 0) {
                continue; // part of a multi-byte character: never escaped
            }
            int escape = ESCAPES[b];
            if (escape == 0) {
                continue;
            }
            out.write(utf8, start, i - start);
            out.write('\\');
            if (escape > 0) {
                out.write(escape);
            } else {
                out.write('u');
                out.write('0');
                out.write('0');
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0xF]);
            }
            start = i + 1;
        }
        out.write(utf8, start, utf8.length - start);
    }
}
