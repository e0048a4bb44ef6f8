package dev.adsbridge.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's run command, as a newcomer runs it: the packaged jar's {@code dev} role started from an empty
 * directory brings up the console, the MCP server and the sandbox, and prints the URL to open. And the {@code console}
 * role alone, switched to dev mode by a Spring property on its command line.
 */
class DevModeJarIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void devRoleStartsEverythingFromAnEmptyDirectoryAndPrintsTheUrlToOpen(@TempDir Path emptyDir) throws Exception {
        int console = freePort();
        int mcp = freePort();
        int sandbox = freePort();
        Path jar = Path.of("target/adsbridge.jar").toAbsolutePath();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "dev", "--port", Integer.toString(console), "--mcp-port",
                Integer.toString(mcp), "--sandbox-port", Integer.toString(sandbox))
                .directory(emptyDir.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            String open = CompletableFuture.supplyAsync(() -> readUntilLine(process, output, "Open "))
                    .get(240, TimeUnit.SECONDS);

            assertThat(open).as(String.join("\n", output)).isEqualTo("Open http://127.0.0.1:" + console);
            HttpResponse<String> home = get("http://127.0.0.1:" + console + "/");
            assertThat(home.statusCode()).isEqualTo(302);
            assertThat(home.headers().firstValue("Location").orElse("")).contains("/signin");
            assertThat(get("http://127.0.0.1:" + console + "/signup").body()).contains("<form");
            assertThat(get("http://127.0.0.1:" + sandbox + "/_sandbox").statusCode()).isEqualTo(200);
            HttpResponse<String> tools = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + mcp + "/mcp"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tools.body()).contains("get_campaigns");
            Path keyset = emptyDir.resolve("adsbridge-data/vault/local-kek.json");
            assertThat(keyset).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
            assertThat(emptyDir.resolve("adsbridge-data")).isDirectoryContaining(p -> p.toString().endsWith(".mv.db"));
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void consoleRoleTakesSpringPropertiesAndModeDevStartsItOnItsOwnH2Database(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("console-data");
        // Dev mode registers the console's callback with the sandbox at login-url: a closed port here, so that a
        // sandbox someone else runs on the default 8090 is left alone.
        Path jar = Path.of("target/adsbridge.jar").toAbsolutePath();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "console", "--server.port=0", "--adsbridge.console.mode=dev",
                "--adsbridge.data-dir=" + data, "--adsbridge.console.meta.login-url=http://127.0.0.1:" + freePort())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try {
            String running = CompletableFuture.supplyAsync(() -> readUntilLine(process, output, "Console running at "))
                    .get(240, TimeUnit.SECONDS);

            assertThat(running).as(String.join("\n", output))
                    .matches("Console running at http://127\\.0\\.0\\.1:\\d+");
            String url = running.substring("Console running at ".length());
            HttpResponse<String> signIn = get(url + "/signin");
            assertThat(signIn.statusCode()).isEqualTo(200);
            assertThat(signIn.body()).contains("<form");
            assertThat(data).isDirectoryContaining(p -> p.toString().endsWith(".mv.db"));
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Reads the process's output until a line that starts with {@code prefix}, then hands the rest to a daemon thread
     * that keeps draining it. The reader is deliberately not closed here: closing it would wait for the draining
     * thread's blocked read.
     */
    private static String readUntilLine(Process process, List<String> output, String prefix) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                if (line.startsWith(prefix)) {
                    Thread drain = new Thread(() -> {
                        try {
                            while (reader.readLine() != null) {
                                // discard: only keeps the process from blocking on a full pipe
                            }
                        } catch (IOException ended) {
                            // the process was stopped
                        }
                    }, "dev-output-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return line;
                }
            }
            return "process ended without printing a line starting with " + prefix;
        } catch (IOException e) {
            return "output unreadable: " + e.getMessage();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
