package dev.adsbridge.sandbox.objects;

import dev.adsbridge.meta.ImageTypes;

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

    /**
     * Recognises PNG, JPEG, GIF, BMP and WebP by their first bytes ({@link ImageTypes}) and reads their size (0×0 where
     * the header does not give it); null when the bytes are none of these.
     */
    public static Info inspect(byte[] b) {
        ImageTypes.Format format = ImageTypes.sniff(b).orElse(null);
        if (format == null || format == ImageTypes.Format.TIFF) {
            return null;
        }
        int[] size = format.dimensions(b).orElse(new int[] {0, 0});
        return new Info(format.mimeType(), format.extension(), size[0], size[1]);
    }
}
