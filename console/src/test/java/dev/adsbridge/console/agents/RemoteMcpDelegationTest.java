package dev.adsbridge.console.agents;

import static dev.adsbridge.console.agents.AgentFixture.callTool;
import static dev.adsbridge.console.agents.AgentFixture.harness;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.console.connections.ConnectionUnavailableException;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A workspace whose connection is "a hosted Meta Ads MCP server + its credential" (Settings → Other ways to connect):
 * the console's pages, REST API and agents reach the ads through that server ({@link HostedMcpServer}: our own MCP
 * server behind a hoster's credential check, holding an agency's system-user token that reaches act_1000000002 and
 * act_1000000003), and the workspace's rules still hold: only the chosen account, roles and read-only keys,
 * confirmations before spend, the audit log. The console never holds a Meta token for it.
 */
class RemoteMcpDelegationTest {

    static final String CHOSEN = "act_1000000002";
    static final String NOT_CHOSEN = "act_1000000003";
    static HostedMcpServer hosted;
    static String credential;

    /** A workspace connected to the hosted server, with act_1000000002 chosen and a read-write agent key. */
    record Workspace(ConsoleHarness.Signed owner, UUID connection, String agentKey) {
    }

    @BeforeAll
    static void startTheHostedServer() throws Exception {
        JsonNode agency = harness.controlPost("/_sandbox/system-users", Map.of("name", "Agency hosted",
                "ad_accounts", List.of(CHOSEN, NOT_CHOSEN)));
        credential = "hosted_" + UUID.randomUUID().toString().replace("-", "");
        hosted = new HostedMcpServer(harness.sandbox.baseUrl(), agency.path("access_token").asString(), credential);
    }

    @AfterAll
    static void stop() {
        hosted.close();
    }

    static Workspace connect(String company, HostedMcpServer server, String secret) {
        ConsoleHarness.Signed owner = harness.owner(company + " " + UUID.randomUUID().toString().substring(0, 6));
        assertThat(owner.browser().get("/settings/connect").body()).contains("Use a hosted Meta Ads MCP server");
        Page picker = owner.browser().post("/settings/connect/mcp", Map.of("mcp_url", server.url(),
                "credential", secret));
        assertThat(picker.path()).as(picker.body()).contains("/ad-accounts");
        assertThat(picker.body()).contains("Connected through the").contains(CHOSEN).doesNotContain(secret);
        UUID connection = harness.connectionIds(owner.tenant()).get(0);
        owner.browser().post("/connections/" + connection + "/ad-accounts", Map.of("account", CHOSEN));
        String key = AgentFixture.createKey(owner.browser(), "hosted agent", "read_write", List.of(), "0");
        return new Workspace(owner, connection, key);
    }

    @Test
    void pagesAndTheRestApiReadAndWriteThroughTheHostedServerAndTheConsoleHoldsNoMetaToken() {
        Workspace w = connect("Hosted pages", hosted, credential);
        // The picker lists what the hosted server's Meta access reaches.
        assertThat(w.owner().browser().get("/connections/" + w.connection() + "/ad-accounts").body())
                .contains(CHOSEN).contains(NOT_CHOSEN);
        assertThat(harness.db().sql("select kind from connections where id = ?").param(w.connection())
                .query(String.class).single()).isEqualTo("remote_mcp");
        byte[] sealed = harness.db().sql("select sealed_token from connections where id = ?").param(w.connection())
                .query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(credential);
        assertThatThrownBy(() -> harness.tokenOf(w.owner().tenant(), w.connection()))
                .isInstanceOf(ConnectionUnavailableException.class);

        long reads = hosted.toolCalls("get_campaigns");
        Page campaigns = w.owner().browser().api("GET", "/api/v1/ad-accounts/" + CHOSEN + "/campaigns?limit=3", null);
        assertThat(campaigns.status()).as(campaigns.body()).isEqualTo(200);
        assertThat(hosted.toolCalls("get_campaigns")).isGreaterThan(reads);
        assertThat(hosted.seen.stream().filter(s -> "get_campaigns".equals(s.tool())).allMatch(
                HostedMcpServer.Seen::readOnlyHeader)).as("reads go out narrowed to read tools").isTrue();
        // Meta's rows as sent are asked for by header, which a server that does not know it ignores, never by an
        // argument the server's tools might not declare; the pages' reads (which name their fields) send it, an
        // agent's call (no fields here) does not: the agent gets the server's own defaults.
        assertThat(hosted.seen.stream().filter(s -> "get_campaigns".equals(s.tool()))).allSatisfy(s -> {
            assertThat(s.compactHeader()).as(s.toString()).isEqualTo(s.arguments().has("fields") ? "false" : null);
            assertThat(s.arguments().has("compact")).isFalse();
        });
        // An account the agency's token reaches but this workspace did not choose: 404, never asked of the server.
        long before = hosted.seen.size();
        assertThat(w.owner().browser().api("GET", "/api/v1/ad-accounts/" + NOT_CHOSEN + "/campaigns", null).status())
                .isEqualTo(404);
        assertThat(hosted.seen.size()).isEqualTo(before);

        String name = "Hosted " + UUID.randomUUID().toString().substring(0, 8);
        long creates = hosted.toolCalls("create_campaign");
        Page active = w.owner().browser().api("POST", "/api/v1/ad-accounts/" + CHOSEN + "/campaigns",
                "{\"name\":\"" + name + " active\",\"objective\":\"OUTCOME_TRAFFIC\",\"status\":\"ACTIVE\"}");
        assertThat(active.status()).as(active.body()).isEqualTo(409);
        assertThat(active.body()).contains("confirmation_required");
        assertThat(hosted.toolCalls("create_campaign")).as("refused before it left the console").isEqualTo(creates);
        Page created = w.owner().browser().api("POST", "/api/v1/ad-accounts/" + CHOSEN + "/campaigns",
                "{\"name\":\"" + name + "\",\"objective\":\"OUTCOME_TRAFFIC\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(hosted.toolCalls("create_campaign")).isEqualTo(creates + 1);
        ConsoleHarness.eventually("the create is audited", () -> !harness.db().sql("select id from audit_log where "
                + "tenant_id = ? and action = 'campaign.create' and outcome = 'success'").param(w.owner().tenant()
                .value()).query(Long.class).list().isEmpty());

        Page settings = w.owner().browser().get("/settings");
        assertThat(settings.body()).contains("Hosted MCP server").contains(hosted.url()).doesNotContain(credential);
    }

    @Test
    void agentsReachOnlyTheChosenAccountThroughTheHostedServerWithConfirmationsAndAudit() {
        Workspace w = connect("Hosted agents", hosted, credential);
        AgentFixture.rpc(w.agentKey(), "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "hosted-test-agent", "version", "1.0")), Map.of());
        AgentFixture.Answer read = callTool(w.agentKey(), "get_campaigns", Map.of("account_id", CHOSEN, "limit", 2));
        assertThat(read.isError()).as(read.body()).isFalse();
        assertThat(read.result().path("structuredContent").path("data").size()).isEqualTo(2);
        assertThat(read.body()).doesNotContain(credential);

        long before = hosted.seen.size();
        AgentFixture.Answer other = callTool(w.agentKey(), "get_campaigns", Map.of("account_id", NOT_CHOSEN));
        assertThat(other.isError()).isTrue();
        assertThat(other.error().path("category").asString()).isEqualTo("permission");
        AgentFixture.Answer token = callTool(w.agentKey(), "get_campaigns", Map.of("account_id", CHOSEN,
                "access_token", "EAAnotyours1234567890"));
        assertThat(token.error().path("type").asString()).isEqualTo("TokenNotAccepted");
        String name = "Hosted agent " + UUID.randomUUID().toString().substring(0, 8);
        AgentFixture.Answer activeCreate = callTool(w.agentKey(), "create_campaign", Map.of("account_id", CHOSEN,
                "name", name, "objective", "OUTCOME_TRAFFIC", "status", "ACTIVE", "special_ad_categories", List.of()));
        assertThat(activeCreate.error().path("type").asString()).isEqualTo("confirmation_required");
        assertThat(hosted.seen.size()).as("none of these reached the hosted server").isEqualTo(before);

        AgentFixture.Answer paused = callTool(w.agentKey(), "create_campaign", Map.of("account_id", CHOSEN,
                "name", name, "objective", "OUTCOME_TRAFFIC", "special_ad_categories", List.of()));
        assertThat(paused.isError()).as(paused.body()).isFalse();
        assertThat(hosted.seen.stream().anyMatch(s -> "create_campaign".equals(s.tool())
                && name.equals(s.arguments().path("name").asString()) && !s.readOnlyHeader())).isTrue();
        ConsoleHarness.eventually("the agent's create is audited with its name and member", () -> harness.db()
                .sql("select actor from audit_log where tenant_id = ? and action = 'agent.create_campaign' and "
                        + "outcome = 'success'").param(w.owner().tenant().value()).query(String.class).list()
                .stream().anyMatch(a -> a.contains("hosted-test-agent") && a.contains(w.owner().email())));

        String readKey = AgentFixture.createKey(w.owner().browser(), "hosted reader", "read", List.of(), "0");
        AgentFixture.Answer refused = callTool(readKey, "update_campaign", Map.of("campaign_id",
                read.result().path("structuredContent").path("data").get(0).path("id").asString(),
                "status", "PAUSED"));
        assertThat(refused.isError()).isTrue();
        assertThat(refused.error().path("category").asString()).isEqualTo("permission");
    }

    @Test
    void aHostedServerThatKeepsItsCompactDefaultStillGivesThePagesMetasMinorUnits() throws Exception {
        JsonNode agency = harness.controlPost("/_sandbox/system-users", Map.of("ad_accounts", List.of(CHOSEN)));
        String secret = "compacting_" + UUID.randomUUID().toString().replace("-", "");
        try (HostedMcpServer compacting = HostedMcpServer.droppingCompactHeader(harness.sandbox.baseUrl(),
                agency.path("access_token").asString(), secret)) {
            Workspace plain = connect("Hosted plain rows", hosted, credential);
            Workspace compact = connect("Hosted compact rows", compacting, secret);
            String path = "/api/v1/ad-accounts/" + CHOSEN + "/campaigns?limit=25";
            Map<String, JsonNode> expected = campaignsById(plain.owner().browser().api("GET", path, null));
            Page answer = compact.owner().browser().api("GET", path, null);
            Map<String, JsonNode> got = campaignsById(answer);
            assertThat(compacting.toolCalls("get_campaigns")).isPositive();
            int budgets = 0;
            for (Map.Entry<String, JsonNode> row : got.entrySet()) {
                JsonNode meta = expected.get(row.getKey());
                if (meta == null) {
                    continue;
                }
                for (String field : List.of("daily_budget", "lifetime_budget", "budget_formatted")) {
                    assertThat(row.getValue().path(field)).as(row.getKey() + " " + field).isEqualTo(meta.path(field));
                }
                budgets += meta.path("daily_budget").isString() ? 1 : 0;
            }
            assertThat(budgets).as("campaigns with a daily budget compared: " + answer.body()).isPositive();
        }
    }

    private static Map<String, JsonNode> campaignsById(Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        Map<String, JsonNode> rows = new java.util.LinkedHashMap<>();
        AgentFixture.JSON.readTree(page.body()).path("data").forEach(row -> rows.put(row.path("id").asString(), row));
        assertThat(rows).isNotEmpty();
        return rows;
    }

    @Test
    void aLostSessionIsRenewedAndARotatedCredentialAsksForANewOne() throws Exception {
        JsonNode agency = harness.controlPost("/_sandbox/system-users", Map.of("ad_accounts", List.of(CHOSEN)));
        String first = "rotating_" + UUID.randomUUID().toString().replace("-", "");
        try (HostedMcpServer server = new HostedMcpServer(harness.sandbox.baseUrl(),
                agency.path("access_token").asString(), first)) {
            Workspace w = connect("Hosted rotation", server, first);
            assertThat(callTool(w.agentKey(), "get_campaigns", Map.of("account_id", CHOSEN, "limit", 1)).isError())
                    .isFalse();
            server.dropSessions();
            AgentFixture.Answer renewed = callTool(w.agentKey(), "get_campaigns", Map.of("account_id", CHOSEN,
                    "limit", 1));
            assertThat(renewed.isError()).as("a new session after the server's 404: " + renewed.body()).isFalse();

            String second = "rotated_" + UUID.randomUUID().toString().replace("-", "");
            server.rotateCredential(second);
            AgentFixture.Answer refused = callTool(w.agentKey(), "get_campaigns", Map.of("account_id", CHOSEN,
                    "limit", 1));
            assertThat(refused.isError()).isTrue();
            assertThat(refused.error().path("category").asString()).isEqualTo("auth");
            assertThat(harness.connectionStatus(w.connection())).contains("NEEDS_RECONNECT");
            Page settings = w.owner().browser().get("/settings");
            assertThat(settings.body()).contains("Enter a new credential").doesNotContain(first);

            Page again = w.owner().browser().post("/settings/connect/mcp", Map.of("mcp_url", server.url(),
                    "credential", second));
            assertThat(again.path()).contains("/connections/" + w.connection() + "/ad-accounts");
            assertThat(harness.connectionStatus(w.connection())).contains("ACTIVE");
            assertThat(callTool(w.agentKey(), "get_campaigns", Map.of("account_id", CHOSEN, "limit", 1)).isError())
                    .isFalse();

            Page confirm = w.owner().browser().get("/connections/" + w.connection() + "/disconnect");
            assertThat(confirm.body()).contains("erases-mcp-credential").doesNotContain("revokes-on-facebook");
            Page done = w.owner().browser().post("/connections/" + w.connection() + "/disconnect",
                    Map.of("confirm", "yes"));
            assertThat(done.body()).contains("credential was erased");
            assertThat(harness.db().sql("select count(*) from connections where id = ? and sealed_token is null and "
                    + "status = 'REVOKED'").param(w.connection()).query(Long.class).single()).isOne();
            ConsoleHarness.eventually("the disconnect is audited", () -> harness.db().sql("select after_json from "
                    + "audit_log where tenant_id = ? and action = 'connection.disconnect'").param(w.owner().tenant()
                    .value()).query(String.class).list().stream().anyMatch(a -> a.contains("no_facebook_token")));
        }
    }

    @Test
    void badAddressesAndCredentialsStoreNothingAndAreNeverEchoed() {
        ConsoleHarness.Signed owner = harness.owner("Hosted refusals " + UUID.randomUUID().toString().substring(0, 6));
        String secret = "never_echo_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> cases = Map.of(
                hosted.url() + "?token=" + secret, "without a user name, query",
                "http://10.1.2.3/mcp", "must start with https://",
                "not a url at all", "not a web address",
                hosted.url(), "refused the credential (HTTP 401)",
                harness.sandbox.baseUrl() + "/mcp", "answered HTTP");
        cases.forEach((url, problem) -> {
            Page page = owner.browser().post("/settings/connect/mcp", Map.of("mcp_url", url, "credential", secret));
            assertThat(page.status()).as(url).isEqualTo(400);
            assertThat(page.body()).as(url).contains(problem).doesNotContain(secret);
        });
        Page empty = owner.browser().post("/settings/connect/mcp", Map.of("mcp_url", hosted.url(), "credential", ""));
        assertThat(empty.body()).contains("Paste the server");
        assertThat(harness.connectionIds(owner.tenant())).isEmpty();
        ConsoleHarness.eventually("the refusals are audited", () -> harness.db().sql("select count(*) from audit_log "
                + "where tenant_id = ? and action = 'connection.connect' and outcome = 'failure'")
                .param(owner.tenant().value()).query(Long.class).single() == cases.size() + 1);
        assertThat(harness.db().sql("select coalesce(after_json, '') from audit_log where tenant_id = ?")
                .param(owner.tenant().value()).query(String.class).list().toString()).doesNotContain(secret);

        // Admins and analysts do not connect this way.
        for (String role : List.of("ADMIN", "ANALYST")) {
            var member = harness.invite(owner, role);
            assertThat(member.get("/settings/connect").status()).as(role).isEqualTo(403);
            assertThat(member.post("/settings/connect/mcp", Map.of("mcp_url", hosted.url(), "credential",
                    credential)).status()).as(role).isEqualTo(403);
        }
        assertThat(harness.connectionIds(owner.tenant())).isEmpty();
    }
}
