package dev.adsbridge.launcher;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code sandbox}: the local Meta stand-in alone (Graph API, login dialog, control API). */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Start the Meta sandbox: a local Graph API and login dialog with seeded fake users and ad accounts.")
final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:SANDBOX_PORT:-8090}", description = "HTTP port (0 = any free port). Env SANDBOX_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "${env:SANDBOX_HOST:-127.0.0.1}", description = "Interface to bind. Env SANDBOX_HOST. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--seed", defaultValue = "${env:SANDBOX_SEED:-42}", description = "Seed for generated objects and metrics. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--redirect-uri", split = ",", description = "Redirect URI(s) registered for the sandbox app (exact match). Env SANDBOX_REDIRECT_URIS. Default: http://localhost:8080/connect/callback,http://127.0.0.1:8080/connect/callback")
    List<String> redirectUris;

    @Option(names = "--require-appsecret-proof", description = "Reject Graph calls without appsecret_proof, like Meta's \"Require App Secret\" switch.")
    boolean requireProof;

    @Option(names = "--access-tier", defaultValue = "standard_access", description = "ads_api_access_tier: development_access (tight limits) or standard_access. Default: ${DEFAULT-VALUE}")
    String accessTier;

    @Override
    public Integer call() throws InterruptedException {
        SandboxServer sandbox = SandboxServer.start(config());
        printBanner(sandbox);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        new CountDownLatch(1).await();
        return 0;
    }

    SandboxConfig config() {
        SandboxConfig config = SandboxConfig.defaults().withHost(host).withPort(port).withSeed(seed)
                .withRequireAppsecretProof(requireProof).withAccessTier(accessTier);
        List<String> uris = Main.listOrEnv(redirectUris, "SANDBOX_REDIRECT_URIS");
        return uris.isEmpty() ? config : config.withRedirectUris(uris);
    }

    static void printBanner(SandboxServer sandbox) {
        SandboxConfig config = sandbox.config();
        System.out.println("Meta sandbox running");
        System.out.println("  Graph API      " + sandbox.graphUrl());
        System.out.println("  Login dialog   " + sandbox.baseUrl() + "/" + config.defaultVersion() + "/dialog/oauth");
        System.out.println("  Status page    " + sandbox.baseUrl() + "/_sandbox");
        System.out.println("  App id         " + config.appId());
        System.out.println("  App secret     " + config.appSecret() + "   (sandbox only, not a real secret)");
        System.out.println("  Redirect URIs  " + String.join(", ", config.redirectUris()));
    }
}
