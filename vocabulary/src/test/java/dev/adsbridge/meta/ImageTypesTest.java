package dev.adsbridge.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.meta.ImageTypes.Format;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageTypesTest {

    private static byte[] encode(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as(format).isTrue();
        return out.toByteArray();
    }

    @Test
    void recognisesRealImagesAndReadsTheirSize() throws IOException {
        for (String[] c : new String[][] {{"png", "PNG"}, {"jpg", "JPEG"}, {"gif", "GIF"}, {"bmp", "BMP"}}) {
            byte[] bytes = encode(c[0], 37, 21);
            Format format = ImageTypes.sniff(bytes).orElseThrow();
            assertThat(format).isEqualTo(Format.valueOf(c[1]));
            assertThat(format.dimensions(bytes)).as(c[0]).hasValueSatisfying(size -> assertThat(size).containsExactly(37, 21));
            assertThat(ImageTypes.contentType(bytes)).isEqualTo(format.mimeType());
        }
    }

    @Test
    void recognisesWebpAndTiffByTheirHeaders() {
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ImageTypes.sniff(webp)).contains(Format.WEBP);
        assertThat(ImageTypes.contentType(webp)).isEqualTo("image/webp");
        assertThat(Format.WEBP.dimensions(webp)).isEmpty();
        assertThat(ImageTypes.sniff(new byte[] {'I', 'I', 0x2a, 0})).contains(Format.TIFF);
        assertThat(ImageTypes.sniff(new byte[] {'M', 'M', 0, 0x2a})).contains(Format.TIFF);
        assertThat(Format.JPEG.extension()).isEqualTo("jpg");
    }

    @Test
    void refusesWhatIsNoImage() {
        assertThat(ImageTypes.sniff("<html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageTypes.sniff("GIF8xx".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageTypes.sniff("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(ImageTypes.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).as("truncated signature").isEmpty();
        assertThat(ImageTypes.sniff(new byte[0])).isEmpty();
        assertThat(ImageTypes.sniff(null)).isEmpty();
        assertThat(ImageTypes.contentType(new byte[] {1, 2, 3})).isEqualTo("application/octet-stream");
    }
}
