package dev.adsbridge.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The README's recommended heap (-Xmx128m) under many parallel upload_ad_image calls, each with a body just under the
 * 8 MiB request limit: no call may die of OutOfMemoryError (the server runs with -XX:+ExitOnOutOfMemoryError, so one
 * would kill it); calls beyond the memory budget wait or get 503 with Retry-After, and the server keeps serving.
 */
class LargeBodiesOnASmallHeapTest {

    private static final int PARALLEL = 12;

    @Test
    void parallelMaximumBodiesDoNotExhaustA128MbHeap() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(javaBin, "-Xmx128m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), SmallHeapServerMain.class.getName(),
                TestEnv.SANDBOX.graphUrl()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            int port = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("port=")) {
                    port = Integer.parseInt(line.substring(5));
                    break;
                }
            }
            assertThat(port).as("the server started").isPositive();
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            Thread drain = new Thread(() -> out.lines().forEach(log::add), "drain");
            drain.setDaemon(true);
            drain.start();

            String endpoint = "http://127.0.0.1:" + port + "/mcp";
            String token = TestEnv.token();
            String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"upload_ad_image\","
                    + "\"arguments\":{\"account_id\":\"" + TestEnv.BIG_ACCOUNT + "\",\"name\":\"noise.png\",\"file\":"
                    + "\"data:image/png;base64," + Base64.getEncoder().encodeToString(noisePng(1390)) + "\"}}}";
            assertThat(body.length()).isBetween(7_000_000, 8 * 1024 * 1024);

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(90))
                        .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            int uploaded = 0;
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> answer;
                try {
                    answer = call.get(120, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw new AssertionError("a call failed (" + e.getCause() + "); server alive: " + server.isAlive()
                            + "; its output:\n" + String.join("\n", log), e);
                }
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 503);
                if (answer.statusCode() == 503) {
                    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                } else {
                    assertThat(answer.body()).contains("image_hash");
                    uploaded++;
                }
            }
            assertThat(uploaded).as("uploads that went through").isPositive();
            assertThat(server.isAlive()).as("the server survived").isTrue();
            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A PNG of random pixels (incompressible, so the file is about side² × 3 bytes). */
    private static byte[] noisePng(int side) throws Exception {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
