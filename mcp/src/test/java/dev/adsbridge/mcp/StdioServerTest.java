package dev.adsbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.inventory.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The stdio transport, driven in-process through pipes as a desktop agent would drive the subprocess. */
class StdioServerTest {

    @Test
    void initializeListAndCallOverStdioWithTheEnvironmentToken() throws Exception {
        try (StdioClient client = new StdioClient(TestEnv.token())) {
            JsonNode init = client.request("initialize", Map.of("protocolVersion", "2025-06-18",
                    "capabilities", Map.of(), "clientInfo", Map.of("name", "desktop-agent", "version", "1")));
            assertThat(init.at("/result/serverInfo/name").asString()).isEqualTo("meta-ads");
            client.notify("notifications/initialized");

            JsonNode list = client.request("tools/list", Map.of());
            assertThat(TestEnv.names(list.at("/result/tools"))).contains("get_ad_accounts", "create_campaign");

            JsonNode call = client.request("tools/call", Map.of("name", "get_ad_accounts",
                    "arguments", Map.of("limit", 2)));
            assertThat(call.at("/result/isError").asBoolean()).isFalse();
            assertThat(call.at("/result/structuredContent/data").size()).isEqualTo(2);

            assertThat(client.closeAndAwaitShutdown()).as("server stops when stdin closes").isTrue();
            assertThat(client.lines).as("stdout carries only JSON-RPC messages").isNotEmpty().allSatisfy(line -> {
                JsonNode message = Json.parseOrNull(line);
                assertThat(message).as(line).isNotNull();
                assertThat(message.path("jsonrpc").asString()).as(line).isEqualTo("2.0");
            });
        }
    }

    @Test
    void withoutAnEnvironmentTokenAToolNeedsTheArgument() throws Exception {
        try (StdioClient client = new StdioClient(null)) {
            client.request("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "desktop-agent", "version", "1")));
            client.notify("notifications/initialized");

            JsonNode missing = client.request("tools/call", Map.of("name", "get_ad_accounts", "arguments", Map.of()));
            assertThat(missing.at("/result/isError").asBoolean()).isTrue();
            assertThat(missing.at("/result/structuredContent/error/category").asString()).isEqualTo("auth");

            JsonNode withArgument = client.request("tools/call", Map.of("name", "get_ad_accounts",
                    "arguments", Map.of("limit", 1, "access_token", TestEnv.token())));
            assertThat(withArgument.at("/result/structuredContent/data").size()).isEqualTo(1);
        }
    }

    @Test
    void promptsAndAccountCompletionOverStdio() throws Exception {
        try (StdioClient client = new StdioClient(TestEnv.token())) {
            JsonNode init = client.request("initialize", Map.of("protocolVersion", "2025-06-18",
                    "capabilities", Map.of(), "clientInfo", Map.of("name", "desktop-agent", "version", "1")));
            assertThat(init.at("/result/capabilities/prompts").isObject()).isTrue();
            client.notify("notifications/initialized");
            assertThat(client.request("prompts/list", Map.of()).at("/result/prompts").size()).isEqualTo(3);
            JsonNode prompt = client.request("prompts/get", Map.of("name", "wasted_spend",
                    "arguments", Map.of("account_id", "act_1000000001")));
            assertThat(prompt.at("/result/messages/0/content/text").asString()).contains("act_1000000001");
            JsonNode refused = client.request("prompts/get", Map.of("name", "wasted_spend", "arguments", Map.of()));
            assertThat(refused.at("/error/code").asInt()).isEqualTo(-32602);
            JsonNode completion = client.request("completion/complete", Map.of("ref", Map.of("type", "ref/prompt",
                    "name", "creative_fatigue"), "argument", Map.of("name", "account_id", "value", "1000000001")));
            assertThat(completion.at("/result/completion/values/0").asString()).isEqualTo(TestEnv.BIG_ACCOUNT);
        }
    }

    /** Talks JSON lines to an in-process stdio server through two pipes. */
    private static final class StdioClient implements AutoCloseable {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
        private final OutputStream toServer;
        private final McpStdioServer server;
        private final Thread reader;
        private int nextId = 1;

        StdioClient(String token) throws IOException {
            Pipe clientToServer = Pipe.open();
            Pipe serverToClient = Pipe.open();
            toServer = Channels.newOutputStream(clientToServer.sink());
            server = McpStdioServer.start(TestEnv.config().build(), Channels.newInputStream(clientToServer.source()),
                    Channels.newOutputStream(serverToClient.sink()), token);
            BufferedReader fromServer = new BufferedReader(new InputStreamReader(
                    Channels.newInputStream(serverToClient.source()), StandardCharsets.UTF_8));
            reader = new Thread(() -> {
                try {
                    for (String line = fromServer.readLine(); line != null; line = fromServer.readLine()) {
                        lines.add(line);
                        incoming.add(line);
                    }
                } catch (IOException closed) {
                    // the server side went away
                }
            }, "stdio-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        JsonNode request(String method, Object params) throws InterruptedException {
            int id = nextId++;
            send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
                    + Json.write(params) + "}");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                String line = incoming.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                JsonNode message = Json.parseOrNull(line);
                if (message != null && message.path("id").asInt(-1) == id) {
                    return message;
                }
            }
            throw new AssertionError("no answer to " + method);
        }

        void notify(String method) {
            send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}");
        }

        private void send(String line) {
            try {
                toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toServer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean closeAndAwaitShutdown() throws Exception {
            toServer.close();
            return server.awaitTermination(Duration.ofSeconds(10));
        }

        @Override
        public void close() throws IOException {
            try {
                toServer.close();
            } catch (IOException ignored) {
                // already closed
            }
            server.close();
        }
    }
}
