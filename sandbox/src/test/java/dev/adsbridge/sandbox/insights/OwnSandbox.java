package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * An insights contract test with a sandbox of its own per test class, in the insights contract's world
 * ({@link InsightsContractTest#config()}: a fixed clock), and a token of its seeded user.
 */
abstract class OwnSandbox {

    static SandboxHttp sandbox;
    static String token;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxHttp.start(InsightsContractTest.config());
        token = sandbox.token();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }
}
