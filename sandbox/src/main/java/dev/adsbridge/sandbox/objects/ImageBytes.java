package dev.adsbridge.sandbox.objects;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Image bytes for the sandbox: real PNGs written without ImageIO (fast, deterministic, no plugin scan at start-up),
 * the format and size of uploaded bytes, and Meta's image hash (md5 hex of the bytes).
 */
public final class ImageBytes {

    /** What the sandbox knows about an uploaded or generated image. */
    public record Info(String contentType, String extension, int width, int height) {
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageBytes() {
    }

    /** A {@code width}×{@code height} RGB PNG: {@code background} with a horizontal band of {@code band}. */
    public static byte[] bandedPng(int width, int height, int background, int band) {
        int rowLength = 1 + width * 3;
        byte[] raw = new byte[rowLength * height];
        int bandTop = height * 2 / 3;
        int bandBottom = bandTop + Math.max(1, height / 8);
        for (int y = 0; y < height; y++) {
            int rgb = y >= bandTop && y < bandBottom ? band : background;
            int offset = y * rowLength;
            raw[offset] = 0; // filter type: none
            for (int x = 0; x < width; x++) {
                int p = offset + 1 + x * 3;
                raw[p] = (byte) (rgb >> 16);
                raw[p + 1] = (byte) (rgb >> 8);
                raw[p + 2] = (byte) rgb;
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            compressed.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(PNG_SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13);
        header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Meta's image hash: the md5 of the bytes, lower-case hex. */
    public static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    /** Recognises PNG, JPEG, GIF, BMP and WebP and reads their size; null when the bytes are none of these. */
    public static Info inspect(byte[] b) {
        if (b.length >= 24 && startsWith(b, PNG_SIGNATURE)) {
            return new Info("image/png", "png", readInt(b, 16), readInt(b, 20));
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return new Info("image/gif", "gif", (b[6] & 0xff) | (b[7] & 0xff) << 8, (b[8] & 0xff) | (b[9] & 0xff) << 8);
        }
        if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
            return new Info("image/bmp", "bmp", readIntLe(b, 18), Math.abs(readIntLe(b, 22)));
        }
        if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
                && b[10] == 'B' && b[11] == 'P') {
            return new Info("image/webp", "webp", 0, 0);
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
            return jpeg(b);
        }
        return null;
    }

    private static Info jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                i++;
                continue;
            }
            int marker = b[i + 1] & 0xff;
            int length = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame) {
                int height = (b[i + 5] & 0xff) << 8 | (b[i + 6] & 0xff);
                int width = (b[i + 7] & 0xff) << 8 | (b[i + 8] & 0xff);
                return new Info("image/jpeg", "jpg", width, height);
            }
            i += 2 + length;
        }
        return new Info("image/jpeg", "jpg", 0, 0);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static int readIntLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
