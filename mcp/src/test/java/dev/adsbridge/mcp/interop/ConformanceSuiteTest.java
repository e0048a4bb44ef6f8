package dev.adsbridge.mcp.interop;

import dev.adsbridge.mcp.TestEnv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applicable server scenarios of the MCP conformance suite (npm @modelcontextprotocol/conformance). The suite
 * sends no Authorization header, so these also prove initialize, ping and tools/list need no token.
 */
class ConformanceSuiteTest {

    @ParameterizedTest
    @ValueSource(strings = {"server-initialize", "ping", "tools-list", "dns-rebinding-protection"})
    void passesConformanceScenario(String scenario) {
        NodeTools tools = NodeTools.require();
        NodeTools.Run run = tools.run(120, "node_modules/@modelcontextprotocol/conformance/dist/index.js", "server",
                "--url", TestEnv.SERVER.endpoint(), "--scenario", scenario);
        assertThat(run.exitCode())
                .as("conformance %s failed:%n%s%n%s", scenario, run.stdout(), run.stderr())
                .isZero();
        // The suite prints e.g. "Passed: 2/2, 0 failed, 0 warnings": every check passed, and at least one ran.
        assertThat(run.stdout()).containsPattern("Passed: ([1-9]\\d*)/\\1, 0 failed");
    }
}
