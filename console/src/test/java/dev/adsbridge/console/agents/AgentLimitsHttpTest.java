package dev.adsbridge.console.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A console of its own with production rules as shipped (no {@code remote-mcp.allow-local}) and small rate limits
 * (3 requests a minute per caller, 5 per workspace): agents past either limit get HTTP 429 with Retry-After and a
 * JSON-RPC error for their request; and a hosted MCP server must be {@code https://} on a public address.
 */
class AgentLimitsHttpTest {

    static ConsoleHarness console;

    @BeforeAll
    static void start() {
        console = ConsoleHarness.start(Map.of("adsbridge.console.rate-limits.caller-requests", 3,
                "adsbridge.console.rate-limits.tenant-requests", 5));
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static HttpResponse<String> rpc(String key, long id, String method) throws IOException,
            InterruptedException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
                + ("tools/call".equals(method) ? "{\"name\":\"get_ad_accounts\",\"arguments\":{}}" : "{}") + "}";
        return AgentFixture.http.send(HttpRequest.newBuilder(URI.create(console.baseUrl + "/mcp"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertLimited(HttpResponse<String> answer, long id) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
        long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 61L);
        JsonNode json = AgentFixture.JSON.readTree(answer.body());
        assertThat(json.path("id").asLong()).isEqualTo(id);
        assertThat(json.path("error").path("code").asInt()).isEqualTo(-32000);
        assertThat(json.path("error").path("message").asString()).contains("Rate limited");
        assertThat(json.path("error").path("data").path("category").asString()).isEqualTo("rate_limit");
        assertThat(json.path("error").path("data").path("retry_after_seconds").asLong()).isEqualTo(retryAfter);
    }

    @Test
    void eachCredentialAndEachWorkspaceIsLimitedWith429AndRetryAfter() throws Exception {
        ConsoleHarness.Signed owner = console.owner("Limits " + UUID.randomUUID().toString().substring(0, 6));
        ConsoleHarness.connect(owner.browser());
        String first = AgentFixture.createKey(owner.browser(), "first", "read", List.of(), "0");
        String second = AgentFixture.createKey(owner.browser(), "second", "read", List.of(), "0");

        // Per credential: three requests a minute, the fourth is refused, whatever the method.
        assertThat(rpc(first, 1, "initialize").statusCode()).isEqualTo(200);
        assertThat(rpc(first, 2, "tools/list").statusCode()).isEqualTo(200);
        assertThat(rpc(first, 3, "tools/call").statusCode()).isEqualTo(200);
        assertLimited(rpc(first, 4, "tools/call"), 4);
        assertLimited(rpc(first, 5, "tools/list"), 5);
        // A ping is never limited: clients use it to see that the server is there.
        assertThat(rpc(first, 6, "ping").statusCode()).isEqualTo(200);

        // Per workspace: five a minute across its credentials; the second key has used none of its own three.
        assertThat(rpc(second, 7, "tools/list").statusCode()).isEqualTo(200);
        assertThat(rpc(second, 8, "tools/call").statusCode()).isEqualTo(200);
        assertLimited(rpc(second, 9, "tools/call"), 9);

        // Another workspace is not affected.
        ConsoleHarness.Signed other = console.owner("Other " + UUID.randomUUID().toString().substring(0, 6));
        String otherKey = AgentFixture.createKey(other.browser(), "other", "read", List.of(), "0");
        assertThat(rpc(otherKey, 10, "tools/list").statusCode()).isEqualTo(200);
    }

    @Test
    void productionAcceptsOnlyHttpsHostedServersOnPublicAddresses() {
        ConsoleHarness.Signed owner = console.owner("Strict " + UUID.randomUUID().toString().substring(0, 6));
        Map<String, String> cases = Map.of(
                "http://127.0.0.1:" + console.mcpPort + "/mcp", "must start with https://",
                "https://127.0.0.1:" + console.mcpPort + "/mcp", "private or local network",
                "https://10.0.0.7/mcp", "private or local network",
                "https://[::1]/mcp", "private or local network",
                "https://169.254.169.254/latest", "private or local network");
        cases.forEach((url, problem) -> {
            Page page = owner.browser().post("/settings/connect/mcp", Map.of("mcp_url", url,
                    "credential", "some-credential-123"));
            assertThat(page.status()).as(url).isEqualTo(400);
            assertThat(page.body()).as(url).contains(problem);
        });
        assertThat(console.connectionIds(owner.tenant())).isEmpty();
    }
}
