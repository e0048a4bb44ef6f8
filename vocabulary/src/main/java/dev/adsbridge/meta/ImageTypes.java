package dev.adsbridge.meta;

import java.util.Optional;

/**
 * The image formats Meta's ad image library accepts, recognised by their first bytes (never by a file name or a
 * Content-Type someone claims), with the pixel size where the header gives it cheaply.
 */
public final class ImageTypes {

    /** What bytes that are none of the formats are served as. */
    public static final String UNKNOWN_CONTENT_TYPE = "application/octet-stream";

    /** One accepted format, with its media type and usual file extension. */
    public enum Format {
        PNG("image/png", "png"),
        JPEG("image/jpeg", "jpg"),
        GIF("image/gif", "gif"),
        BMP("image/bmp", "bmp"),
        TIFF("image/tiff", "tiff"),
        WEBP("image/webp", "webp");

        private final String mimeType;
        private final String extension;

        Format(String mimeType, String extension) {
            this.mimeType = mimeType;
            this.extension = extension;
        }

        public String mimeType() {
            return mimeType;
        }

        public String extension() {
            return extension;
        }

        /** Width and height from the header (PNG, GIF, BMP, JPEG), or empty when not cheaply known. */
        public Optional<int[]> dimensions(byte[] b) {
            int[] size = switch (this) {
                case PNG -> b.length >= 24 ? new int[] {intBe(b, 16), intBe(b, 20)} : null;
                case GIF -> b.length >= 10 ? new int[] {shortLe(b, 6), shortLe(b, 8)} : null;
                case BMP -> b.length >= 26 ? new int[] {intLe(b, 18), Math.abs(intLe(b, 22))} : null;
                case JPEG -> jpegSize(b);
                default -> null;
            };
            return size == null || size[0] <= 0 || size[1] <= 0 ? Optional.empty() : Optional.of(size);
        }
    }

    private ImageTypes() {
    }

    /** The format of these bytes, or empty when they are none of the accepted formats (or null). */
    public static Optional<Format> sniff(byte[] b) {
        if (b == null) {
            return Optional.empty();
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return Optional.of(Format.PNG);
        }
        if (startsWith(b, 0xff, 0xd8, 0xff)) {
            return Optional.of(Format.JPEG);
        }
        if (startsWith(b, 'G', 'I', 'F', '8') && b.length >= 6 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return Optional.of(Format.GIF);
        }
        if (startsWith(b, 'B', 'M') && b.length >= 26) {
            return Optional.of(Format.BMP);
        }
        if (startsWith(b, 'I', 'I', 0x2a, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2a)) {
            return Optional.of(Format.TIFF);
        }
        if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    /** The media type of these bytes: {@code image/png}, …, or {@value #UNKNOWN_CONTENT_TYPE}. */
    public static String contentType(byte[] b) {
        return sniff(b).map(Format::mimeType).orElse(UNKNOWN_CONTENT_TYPE);
    }

    private static int[] jpegSize(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xff) {
                i++;
                continue;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            // Start-of-frame markers carry the size; C4 (Huffman), C8 and CC (arithmetic) are not frames.
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                return new int[] {shortBe(b, i + 7), shortBe(b, i + 5)};
            }
            i += 2 + shortBe(b, i + 2);
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int intBe(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static int intLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static int shortBe(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int shortLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
