package dev.adsbridge.launcher;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code dev}: everything in one JVM for a first look, like {@code vault server -dev}. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Start everything in one JVM for local development (today: the Meta sandbox).")
final class DevCommand implements Callable<Integer> {

    @Option(names = "--sandbox-port", defaultValue = "${env:SANDBOX_PORT:-8090}", description = "Sandbox port. Default: ${DEFAULT-VALUE}")
    int sandboxPort;

    @Override
    public Integer call() throws InterruptedException {
        SandboxServer sandbox = SandboxServer.start(SandboxConfig.defaults().withPort(sandboxPort));
        SandboxCommand.printBanner(sandbox);
        System.out.println();
        System.out.println("Open " + sandbox.baseUrl() + "/_sandbox");
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "dev-shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }
}
