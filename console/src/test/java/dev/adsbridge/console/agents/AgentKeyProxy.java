package dev.adsbridge.console.agents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What an MCP client configured with a header does, for a client that cannot take one (the conformance suite): a
 * loopback HTTP forwarder that adds {@code Authorization: Bearer <agent key>} to each request for the console's /mcp,
 * passing every other header through untouched, except that its own address in {@code Host} and {@code Origin} becomes
 * the console's (as a reverse proxy in front of the console would); any other Host or Origin reaches the console as
 * sent, so its DNS-rebinding checks are what answers. One request per connection.
 */
final class AgentKeyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI console;
    private final String key;
    private final Thread acceptor;

    AgentKeyProxy(String consoleBaseUrl, String key) throws IOException {
        this.console = URI.create(consoleBaseUrl);
        this.key = key;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = daemon(this::accept);
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "agent-key-proxy");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/mcp";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                daemon(() -> forward(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void forward(Socket client) {
        String own = "127.0.0.1:" + server.getLocalPort();
        try (client; Socket upstream = new Socket(console.getHost(), console.getPort())) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            StringBuilder out = new StringBuilder(lines[0]).append("\r\n");
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                int colon = line.indexOf(':');
                String name = colon < 0 ? line : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : line.substring(colon + 1).strip();
                switch (name) {
                    case "host" -> line = "Host: " + (value.equals(own) ? console.getRawAuthority() : value);
                    case "origin" -> line = "Origin: " + (value.equals("http://" + own)
                            ? console.getScheme() + "://" + console.getRawAuthority() : value);
                    case "content-length" -> length = Integer.parseInt(value);
                    case "connection", "keep-alive", "authorization" -> line = null;
                    default -> { }
                }
                if (line != null) {
                    out.append(line).append("\r\n");
                }
            }
            out.append("Authorization: Bearer ").append(key).append("\r\nConnection: close\r\n\r\n");
            OutputStream up = upstream.getOutputStream();
            up.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(in.readNBytes(length));
            up.flush();
            upstream.getInputStream().transferTo(client.getOutputStream());
        } catch (IOException | RuntimeException e) {
            // the client sees a closed connection
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
