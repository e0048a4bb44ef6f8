package dev.adsbridge.console.agents;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.mcp.MetaAdsMcpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A hosted Meta Ads MCP server as a third party runs one: our own MCP server (a second instance, on the shared sandbox)
 * behind the hoster's front door, which takes its own credential ({@code Authorization: Bearer <credential>}, else 401)
 * and calls the MCP server with the Meta token it keeps for that customer (here an agency's system-user token). The
 * front door is stateful as many hosted servers are: {@code initialize} opens a session ({@code Mcp-Session-Id}) that
 * later requests must carry (404 once it is gone). It passes on the MCP client's {@code X-MCP-Readonly} and
 * {@code X-MCP-Compact} headers, or, as some proxies do, drops the latter ({@link #droppingCompactHeader}). It
 * records what it was asked, so tests see where calls went.
 */
final class HostedMcpServer implements AutoCloseable {

    /**
     * One request the front door let through: the JSON-RPC method, the tool (for tools/call), its arguments and the
     * {@code X-MCP-Readonly} / {@code X-MCP-Compact} headers it came with.
     */
    record Seen(String method, String tool, JsonNode arguments, boolean readOnlyHeader, String compactHeader) {
    }

    private final MetaAdsMcpServer mcp;
    private final HttpServer front;
    private final String metaToken;
    private volatile String credential;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final boolean passesCompactHeader;

    HostedMcpServer(String graphUrl, String metaToken, String credential) throws IOException {
        this(graphUrl, metaToken, credential, true);
    }

    /** A hosted server whose front door does not pass {@code X-MCP-Compact} on: its MCP server keeps its defaults. */
    static HostedMcpServer droppingCompactHeader(String graphUrl, String metaToken, String credential)
            throws IOException {
        return new HostedMcpServer(graphUrl, metaToken, credential, false);
    }

    private HostedMcpServer(String graphUrl, String metaToken, String credential, boolean passesCompactHeader)
            throws IOException {
        this.passesCompactHeader = passesCompactHeader;
        this.metaToken = metaToken;
        this.credential = credential;
        mcp = MetaAdsMcpServer.create(McpServerConfig.builder().host("127.0.0.1").port(0).graphUrl(graphUrl).build());
        mcp.start();
        front = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        front.setExecutor(Executors.newFixedThreadPool(4));
        front.createContext("/mcp", this::handle);
        front.start();
    }

    /** The address the customer is given. */
    String url() {
        return "http://127.0.0.1:" + front.getAddress().getPort() + "/mcp";
    }

    /** The hoster rotates the customer's credential: the old one stops working. */
    void rotateCredential(String next) {
        credential = next;
    }

    /** The hoster restarts: every session is gone. */
    void dropSessions() {
        sessions.clear();
    }

    long toolCalls(String tool) {
        return seen.stream().filter(s -> tool.equals(s.tool())).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + credential)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode message = AgentFixture.JSON.readTree(body);
            String method = message.path("method").asString("");
            String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
            if (!"initialize".equals(method) && (session == null || !sessions.contains(session))) {
                exchange.sendResponseHeaders(session == null ? 400 : 404, -1);
                return;
            }
            boolean readOnly = "true".equals(exchange.getRequestHeaders().getFirst("X-MCP-Readonly"));
            String compact = exchange.getRequestHeaders().getFirst("X-MCP-Compact");
            seen.add(new Seen(method, message.path("params").path("name").asString(""),
                    message.path("params").path("arguments"), readOnly, compact));
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(mcp.endpoint()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + metaToken)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (readOnly) {
                forward.header("X-MCP-Readonly", "true");
            }
            if (compact != null && passesCompactHeader) {
                forward.header("X-MCP-Compact", compact);
            }
            HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if ("initialize".equals(method) && answer.statusCode() == 200) {
                String id = UUID.randomUUID().toString();
                sessions.add(id);
                exchange.getResponseHeaders().add("Mcp-Session-Id", id);
            }
            answer.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders()
                    .add("Content-Type", t));
            byte[] out = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            byte[] text = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, text.length);
            exchange.getResponseBody().write(text);
        }
    }

    @Override
    public void close() {
        front.stop(0);
        ((java.util.concurrent.ExecutorService) front.getExecutor()).shutdownNow();
        mcp.close();
    }
}
