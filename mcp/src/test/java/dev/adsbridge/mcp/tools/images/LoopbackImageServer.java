package dev.adsbridge.mcp.tools.images;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A web server on 127.0.0.1 only, for tests of image downloads: an image, a chunked image, redirects (to the image,
 * to the cloud metadata address, to a private address, in a loop), a web page, a fake image and oversized answers.
 * It counts the requests it gets, so a test can show that a refused URL was never fetched.
 */
public final class LoopbackImageServer implements AutoCloseable {

    public final byte[] png;
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    public LoopbackImageServer() {
        png = png(64, 48, new Color(0x2e7d32));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            switch (exchange.getRequestURI().getPath()) {
                case "/img.png" -> send(exchange, 200, "image/png", png, false);
                case "/chunked.png" -> send(exchange, 200, "image/png", png, true);
                case "/redirect" -> redirect(exchange, "/img.png");
                case "/to-metadata" -> redirect(exchange, "http://169.254.169.254/latest/meta-data/");
                case "/to-private" -> redirect(exchange, "http://10.0.0.1/image.png");
                case "/loop" -> redirect(exchange, "/loop");
                case "/page.html" -> send(exchange, 200, "text/html; charset=utf-8",
                        "<html><body>not an image</body></html>".getBytes(StandardCharsets.UTF_8), false);
                case "/fake.png" -> send(exchange, 200, "image/png",
                        "this is text pretending to be a png".getBytes(StandardCharsets.UTF_8), false);
                case "/big.png" -> send(exchange, 200, "image/png", big(), false);
                case "/big-chunked.png" -> send(exchange, 200, "image/png", big(), true);
                default -> send(exchange, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8), false);
            }
        }
    }

    /** A PNG header followed by 64 KB: larger than the small caps the tests set. */
    private byte[] big() {
        byte[] bytes = new byte[64 * 1024];
        System.arraycopy(png, 0, bytes, 0, png.length);
        return bytes;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean chunked)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A real PNG of the given size and colour. */
    public static byte[] png(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x + y) % 7 == 0 ? 0xffffff : colour.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
