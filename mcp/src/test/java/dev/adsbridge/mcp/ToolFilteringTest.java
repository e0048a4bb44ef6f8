package dev.adsbridge.mcp;

import static dev.adsbridge.mcp.TestEnv.SERVER;
import static dev.adsbridge.mcp.TestEnv.bearer;
import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static dev.adsbridge.mcp.TestEnv.post;
import static dev.adsbridge.mcp.TestEnv.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv.Answer;
import dev.adsbridge.mcp.inventory.Toolset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Read-only mode and toolsets, on the server and per request; a header narrows, never widens. */
class ToolFilteringTest {

    private static final List<String> ACCOUNT_TOOLS = List.of("get_account_info", "get_ad_accounts", "get_ad_pixels",
            "get_login_link");
    private static final List<String> WRITES = List.of("create_adset", "create_campaign",
            "update_campaign");

    private static MetaAdsMcpServer readOnlyServer;
    private static MetaAdsMcpServer accountsOnlyServer;

    @BeforeAll
    static void startServers() {
        readOnlyServer = TestEnv.startServer(TestEnv.config().readOnly(true).build());
        accountsOnlyServer = TestEnv.startServer(TestEnv.config().toolsets(Set.of(Toolset.ACCOUNTS)).build());
    }

    @AfterAll
    static void stopServers() {
        readOnlyServer.close();
        accountsOnlyServer.close();
    }

    @Test
    void byDefaultTheDefaultToolsetsAreListedSortedByName() {
        List<String> names = toolNames(SERVER, Map.of());
        assertThat(names).containsAll(ACCOUNT_TOOLS).containsAll(WRITES).isSorted();
    }

    @Test
    void aReadOnlyServerListsNoWriteToolsAndRefusesToRunOne() {
        List<String> names = toolNames(readOnlyServer, Map.of());
        assertThat(names).containsAll(ACCOUNT_TOOLS).contains("get_campaigns", "get_campaign_details")
                .doesNotContainAnyElementsOf(WRITES);

        JsonNode result = callTool(readOnlyServer, bearer(TestEnv.token()), "create_campaign", Map.of(
                "account_id", TestEnv.EUR_ACCOUNT, "name", "should not exist", "objective", "OUTCOME_TRAFFIC"));
        JsonNode error = error(result);
        assertThat(error.get("type").asString()).isEqualTo("ToolNotAvailable");
        assertThat(error.get("category").asString()).isEqualTo("invalid_request");
        assertThat(error.get("message").asString()).contains("create_campaign").contains("read-only");
    }

    @Test
    void aServerWithOneToolsetOffersOnlyIt() {
        assertThat(toolNames(accountsOnlyServer, Map.of())).containsExactlyElementsOf(ACCOUNT_TOOLS);
        JsonNode error = error(callTool(accountsOnlyServer, bearer(TestEnv.token()), "get_campaigns",
                Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(error.get("message").asString()).contains("campaigns").contains("not enabled");
    }

    @Test
    void theReadonlyHeaderHidesWritesForThatRequestOnly() {
        assertThat(toolNames(SERVER, Map.of("X-MCP-Readonly", "true"))).doesNotContainAnyElementsOf(WRITES)
                .containsAll(ACCOUNT_TOOLS);
        Map<String, String> headers = bearer(TestEnv.token());
        headers.put("X-MCP-Readonly", "true");
        JsonNode error = error(callTool(SERVER, headers, "update_campaign",
                Map.of("campaign_id", "120210000000000001", "name", "x")));
        assertThat(error.get("message").asString()).contains("X-MCP-Readonly");
        // The next request without the header sees the writes again: nothing is remembered.
        assertThat(toolNames(SERVER, Map.of())).containsAll(WRITES);
    }

    @Test
    void theToolsetsHeaderNarrows() {
        assertThat(toolNames(SERVER, Map.of("X-MCP-Toolsets", "accounts"))).containsExactlyElementsOf(ACCOUNT_TOOLS);
        // Chat clients' retrieval pair is a toolset of its own, opt-in.
        assertThat(toolNames(SERVER, Map.of("X-MCP-Toolsets", "retrieval"))).containsExactly("fetch", "search");
        assertThat(toolNames(SERVER, Map.of())).doesNotContain("fetch", "search");
        assertThat(toolNames(SERVER, Map.of("X-MCP-Toolsets", " Campaigns , accounts ")))
                .containsAll(ACCOUNT_TOOLS).contains("get_campaigns");
        Map<String, String> headers = bearer(TestEnv.token());
        headers.put("X-MCP-Toolsets", "accounts");
        JsonNode error = error(callTool(SERVER, headers, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(error.get("message").asString()).contains("X-MCP-Toolsets");
    }

    @Test
    void headersCannotWidenWhatTheServerAllows() {
        assertThat(toolNames(accountsOnlyServer, Map.of("X-MCP-Toolsets", "accounts,campaigns")))
                .containsExactlyElementsOf(ACCOUNT_TOOLS);
        assertThat(toolNames(accountsOnlyServer, Map.of("X-MCP-Toolsets", "all")))
                .containsExactlyElementsOf(ACCOUNT_TOOLS);
        assertThat(toolNames(readOnlyServer, Map.of("X-MCP-Readonly", "false")))
                .doesNotContainAnyElementsOf(WRITES);
        Map<String, String> headers = bearer(TestEnv.token());
        headers.put("X-MCP-Toolsets", "campaigns");
        headers.put("X-MCP-Readonly", "false");
        JsonNode error = error(callTool(readOnlyServer, headers, "create_campaign", Map.of(
                "account_id", TestEnv.EUR_ACCOUNT, "name", "x", "objective", "OUTCOME_TRAFFIC")));
        assertThat(error.get("type").asString()).isEqualTo("ToolNotAvailable");
    }

    @Test
    void anUnknownToolsetInTheHeaderIs400() {
        Map<String, String> headers = bearer(null);
        headers.put("X-MCP-Toolsets", "accounts,billing");
        Answer answer = post(SERVER.endpoint(), headers, rpc("tools/list", null));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().at("/error/message").asString()).contains("billing").contains("accounts");
    }

    @Test
    void unknownToolsetsInServerConfigurationFailLoudly() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> McpServerConfig.builder().toolsets("campaigns,bogus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bogus");
    }

    @Test
    void aVisibleToolStillRunsUnderNarrowingHeaders() {
        Map<String, String> headers = bearer(TestEnv.token());
        headers.put("X-MCP-Toolsets", "accounts");
        headers.put("X-MCP-Readonly", "true");
        assertThat(ok(callTool(SERVER, headers, "get_ad_accounts", Map.of("limit", 1))).get("data").size())
                .isEqualTo(1);
    }

    private static List<String> toolNames(MetaAdsMcpServer server, Map<String, String> extraHeaders) {
        Map<String, String> headers = bearer(null);
        headers.putAll(extraHeaders);
        Answer answer = post(server.endpoint(), headers, rpc("tools/list", null));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return TestEnv.names(answer.json().at("/result/tools"));
    }
}
