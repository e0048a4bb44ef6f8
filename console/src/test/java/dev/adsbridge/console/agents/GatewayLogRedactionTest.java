package dev.adsbridge.console.agents;

import static dev.adsbridge.console.agents.AgentFixture.ACCOUNT_A;
import static dev.adsbridge.console.agents.AgentFixture.callTool;
import static dev.adsbridge.console.agents.AgentFixture.harness;
import static dev.adsbridge.console.agents.AgentFixture.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Nothing secret reaches the logs at DEBUG through the tenant MCP endpoint and the other ways in: not the workspace's
 * Meta token, not agent keys (valid, mistyped or revoked), not a token an agent tries to send, not a pasted system-user
 * token (accepted or refused), not a hosted MCP server's credential, not the Meta app secret.
 */
class GatewayLogRedactionTest {

    @Test
    void aDebugLogOfAgentTrafficAndOtherWaysInHoldsNoSecret() throws Exception {
        AgentFixture f = AgentFixture.shared();
        String mistyped = f.writeKey.substring(0, f.writeKey.length() - 4) + "zzzz";
        String agentToken = "EAAagentsown" + UUID.randomUUID().toString().replace("-", "");
        JsonNode agency = harness.controlPost("/_sandbox/system-users", Map.of("ad_accounts", List.of(ACCOUNT_A)));
        String pasted = agency.path("access_token").asString();
        String refused = harness.controlPost("/_sandbox/system-users", Map.of("scopes", List.of("business_management")))
                .path("access_token").asString();
        String credential = "logged_" + UUID.randomUUID().toString().replace("-", "");
        List<String> secrets = new ArrayList<>(List.of(f.metaTokenA(), f.writeKey, f.readKey, mistyped, agentToken,
                pasted, refused, credential, harness.sandbox.config().appSecret()));

        LogCapture capture = new LogCapture();
        try (HostedMcpServer hosted = new HostedMcpServer(harness.sandbox.baseUrl(), pasted, credential)) {
            rpc(f.writeKey, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                    "clientInfo", Map.of("name", "log-test-agent", "version", "1")), Map.of());
            assertThat(rpc(f.writeKey, "tools/list", Map.of(), Map.of()).status()).isEqualTo(200);
            assertThat(callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A, "limit", 2)).isError())
                    .isFalse();
            assertThat(callTool(f.writeKey, "create_campaign", Map.of("account_id", ACCOUNT_A, "name", "Logged agent",
                    "objective", "OUTCOME_TRAFFIC", "special_ad_categories", List.of())).isError()).isFalse();
            assertThat(callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A, "access_token",
                    agentToken)).isError()).isTrue();
            assertThat(rpc(f.writeKey, "tools/list", Map.of(), Map.of("X-Meta-Token", agentToken)).status())
                    .isEqualTo(400);
            assertThat(rpc(mistyped, "tools/list", Map.of(), Map.of()).status()).isEqualTo(401);
            assertThat(callTool(f.readKey, "update_campaign", Map.of("campaign_id", f.campaignA, "status",
                    "ACTIVE")).isError()).isTrue();

            ConsoleHarness.Signed agencyOwner = harness.owner("Logged " + UUID.randomUUID().toString().substring(0, 6));
            assertThat(agencyOwner.browser().post("/settings/connect/token", Map.of("access_token", refused))
                    .status()).isEqualTo(400);
            assertThat(agencyOwner.browser().post("/settings/connect/token", Map.of("access_token", pasted)).path())
                    .contains("/ad-accounts");
            ConsoleHarness.Signed hostedOwner = harness.owner("Logged h " + UUID.randomUUID().toString()
                    .substring(0, 6));
            assertThat(hostedOwner.browser().post("/settings/connect/mcp", Map.of("mcp_url", hosted.url(),
                    "credential", credential + "x")).status()).isEqualTo(400);
            assertThat(hostedOwner.browser().post("/settings/connect/mcp", Map.of("mcp_url", hosted.url(),
                    "credential", credential)).path()).contains("/ad-accounts");
            secrets.add(credential + "x");
        } finally {
            capture.close();
        }

        capture.assertNoLeaks(secrets);
    }
}
