package dev.adsbridge.launcher;

import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.mcp.MetaAdsMcpServer;
import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code dev}: everything in one JVM for a first look, like {@code vault server -dev}. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Start everything in one JVM for local development: the Meta sandbox and the MCP server.")
final class DevCommand implements Callable<Integer> {

    @Option(names = "--sandbox-port", defaultValue = "${env:SANDBOX_PORT:-8090}", description = "Sandbox port. Default: ${DEFAULT-VALUE}")
    int sandboxPort;

    @Option(names = "--mcp-port", defaultValue = "${env:MCP_PORT:-8081}", description = "MCP server port. Default: ${DEFAULT-VALUE}")
    int mcpPort;

    @Override
    public Integer call() throws InterruptedException {
        SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(sandboxPort));
        MetaAdsMcpServer mcp = MetaAdsMcpServer.create(McpServerConfig.builder().port(mcpPort)
                .graphUrl(sandbox.baseUrl()).apiVersion(sandbox.config().defaultVersion()).build());
        mcp.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mcp.close();
            sandbox.close();
        }, "dev-shutdown"));
        SandboxCommand.printBanner(sandbox);
        System.out.println();
        System.out.println("Meta Ads MCP server");
        System.out.println("  MCP endpoint   " + mcp.endpoint() + "   (send a sandbox token as Authorization: Bearer)");
        System.out.println();
        System.out.println("A sandbox token:  curl -s -XPOST " + sandbox.baseUrl() + "/_sandbox/tokens -d '{}'");
        System.out.println();
        System.out.println("Open " + sandbox.baseUrl() + "/_sandbox");
        new CountDownLatch(1).await();
        return 0;
    }
}
