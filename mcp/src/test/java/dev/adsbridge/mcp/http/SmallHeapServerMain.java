package dev.adsbridge.mcp.http;

import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.mcp.MetaAdsMcpServer;
import dev.adsbridge.graph.RetryPolicy;
import java.time.Duration;

/** Runs an MCP server in its own JVM (args: the sandbox's Graph URL) and prints "port=N"; for heap tests. */
public final class SmallHeapServerMain {

    private SmallHeapServerMain() {
    }

    public static void main(String[] args) throws Exception {
        MetaAdsMcpServer server = MetaAdsMcpServer.create(McpServerConfig.builder().host("127.0.0.1").port(0)
                .graphUrl(args[0]).retryPolicy(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(30)).build());
        int port = server.start();
        System.out.println("port=" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
