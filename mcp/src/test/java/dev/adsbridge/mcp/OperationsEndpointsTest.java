package dev.adsbridge.mcp;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz and /metrics. */
class OperationsEndpointsTest {

    @Test
    void healthAndReadinessAnswerJson() {
        try (MetaAdsMcpServer server = TestEnv.startServer(TestEnv.config().build())) {
            Answer health = TestEnv.get(server.baseUrl() + "/healthz", Map.of());
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asString()).isEqualTo("ok");

            Answer ready = TestEnv.get(server.baseUrl() + "/readyz", Map.of());
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asString()).isEqualTo("ready");
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    void metricsCountToolCallsByToolAndErrorCategoryWithoutTokens() {
        try (MetaAdsMcpServer server = TestEnv.startServer(TestEnv.config().build())) {
            String token = TestEnv.token();
            callTool(server, TestEnv.bearer(token), "get_ad_accounts", Map.of("limit", 1));
            callTool(server, TestEnv.bearer(token), "get_account_info", Map.of("account_id", "not-an-id"));
            // Rejected before any tool runs, and counted as such.
            TestEnv.post(server.endpoint(), TestEnv.bearer(null), TestEnv.rpc("tools/call",
                    Map.of("name", "get_ad_accounts", "arguments", Map.of())));
            // A tool name nobody knows must not become a label.
            TestEnv.post(server.endpoint(), TestEnv.bearer(token), TestEnv.rpc("tools/call",
                    Map.of("name", "made_up_" + System.nanoTime(), "arguments", Map.of())));

            Answer metrics = TestEnv.get(server.baseUrl() + "/metrics", Map.of());
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            String text = metrics.body();
            assertThat(text).contains("mcp_tool_calls_total{outcome=\"ok\",tool=\"get_ad_accounts\"} 1.0");
            assertThat(text).contains("mcp_tool_calls_total{outcome=\"error\",tool=\"get_account_info\"} 1.0");
            assertThat(text).contains("mcp_tool_errors_total{category=\"invalid_request\",tool=\"get_account_info\"}");
            assertThat(text).contains("mcp_tool_call_duration_seconds_bucket{tool=\"get_ad_accounts\"");
            assertThat(text).contains("mcp_http_rejections_total{reason=\"unauthorized\"} 1.0");
            assertThat(text).doesNotContain("made_up_").doesNotContain(token);
        }
    }

    @Test
    void readinessTurnsOffWhenTheServerCloses() {
        MetaAdsMcpServer server = TestEnv.startServer(TestEnv.config().build());
        server.close();
        assertThat(server.isRunning()).isFalse();
    }
}
