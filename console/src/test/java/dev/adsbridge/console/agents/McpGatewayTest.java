package dev.adsbridge.console.agents;

import static dev.adsbridge.console.agents.AgentFixture.ACCOUNT_A;
import static dev.adsbridge.console.agents.AgentFixture.ACCOUNT_B;
import static dev.adsbridge.console.agents.AgentFixture.UNCHOSEN_A;
import static dev.adsbridge.console.agents.AgentFixture.callTool;
import static dev.adsbridge.console.agents.AgentFixture.harness;
import static dev.adsbridge.console.agents.AgentFixture.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The tenant MCP endpoint over real HTTP: the console on PostgreSQL, the MCP server and the Meta sandbox on ephemeral
 * loopback ports; agent keys made on Settings → AI agents.
 */
class McpGatewayTest {

    private final AgentFixture f = AgentFixture.shared();

    @Test
    void withoutACredentialTheAnswerIs401PointingToTheProtectedResourceMetadata() {
        AgentFixture.Answer none = rpc(null, "tools/list", Map.of(), Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer resource_metadata=\"" + harness.baseUrl
                + "/.well-known/oauth-protected-resource/mcp\"");

        AgentFixture.Answer wrong = rpc("abk_" + "x".repeat(43), "tools/list", Map.of(), Map.of());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

        // A REST API session or key answers as before; agent keys are refused by the REST API.
        assertThat(AgentFixture.http(f.writeKey, "/api/v1/ad-accounts")).isEqualTo(401);
    }

    @Test
    void anAgentKeyListsToolsWithoutAccessTokenAndCallsThemWithTheTenantsToken() {
        AgentFixture.Answer init = rpc(f.writeKey, "initialize", Map.of("protocolVersion", "2025-06-18",
                "capabilities", Map.of(), "clientInfo", Map.of("name", "gateway-test-agent", "version", "1.0")),
                Map.of());
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.result().path("protocolVersion").asString()).isEqualTo("2025-06-18");
        assertThat(AgentFixture.post(f.writeKey, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                Map.of()).status()).isEqualTo(202);

        AgentFixture.Answer list = rpc(f.writeKey, "tools/list", Map.of(), Map.of());
        List<String> names = names(list.result());
        assertThat(names).contains("get_campaigns", "create_campaign", "update_campaign")
                .doesNotContain("get_login_link");
        assertThat(callTool(f.writeKey, "get_login_link", Map.of()).error().path("type").asString())
                .isEqualTo("ToolNotAvailable");
        assertThat(list.body()).doesNotContain("access_token");
        assertThat(schema(list.result(), "create_campaign").path("properties").has("confirm")).isTrue();

        AgentFixture.Answer campaigns = callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A,
                "limit", 3));
        assertThat(campaigns.isError()).as(campaigns.body()).isFalse();
        assertThat(campaigns.result().path("structuredContent").path("data").size()).isEqualTo(3);
        assertThat(campaigns.body()).doesNotContain(f.metaTokenA()).doesNotContain("access_token=EAA");
        // Agents get the tool's own default, compact rows: money with its currency, no paging URL (the console's own
        // reads ask for Meta's minor units); compact=false still gives Meta's rows.
        // (A page of 200: past the campaigns without a campaign budget that other tests create.)
        JsonNode compactRows = callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A, "limit", 200))
                .result().path("structuredContent");
        assertThat(compactRows.toString()).matches(".*\"(daily|lifetime)_budget\":\"[0-9]+\\.[0-9]{2} EUR\".*")
                .doesNotContain("\"paging\"");
        JsonNode metaRows = callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A, "limit", 200,
                "compact", false)).result().path("structuredContent");
        assertThat(metaRows.toString()).matches(".*\"(daily|lifetime)_budget\":\"[0-9]+\".*").doesNotContain(" EUR");

        // The id read just now is checked from what was read (no look-up), an object of the account is reachable.
        AgentFixture.Answer details = callTool(f.writeKey, "get_campaign_details", Map.of("campaign_id",
                f.campaignA));
        assertThat(details.isError()).as(details.body()).isFalse();
        assertThat(details.body()).doesNotContain(f.metaTokenA());
    }

    @Test
    void readKeysAndAnalystsSeeOnlyReadToolsAndCannotWrite() {
        AgentFixture.Answer list = rpc(f.readKey, "tools/list", Map.of(), Map.of());
        List<String> names = names(list.result());
        assertThat(names).contains("get_campaigns", "get_insights").doesNotContain("create_campaign",
                "update_campaign", "upload_ad_image");
        for (JsonNode tool : list.result().path("tools")) {
            assertThat(tool.path("annotations").path("readOnlyHint").asBoolean()).as(tool.path("name").asString())
                    .isTrue();
        }
        AgentFixture.Answer write = callTool(f.readKey, "create_campaign", Map.of("account_id", ACCOUNT_A,
                "name", "should not exist", "objective", "OUTCOME_TRAFFIC"));
        assertThat(write.isError()).isTrue();
        assertThat(write.error().path("category").asString()).isEqualTo("permission");
        assertThat(write.error().path("message").asString()).contains("can only read");

        // An admin's read_write key, narrowed the moment the admin becomes an analyst.
        Browser admin = f.invite("ADMIN");
        String adminKey = AgentFixture.createKey(admin, "admin agent", "read_write", List.of(), "0");
        assertThat(names(rpc(adminKey, "tools/list", Map.of(), Map.of()).result())).contains("create_campaign");
        UUID adminId = harness.db().sql("select created_by from api_keys where prefix = ?")
                .param(adminKey.substring(0, 12)).query(UUID.class).single();
        f.ownerA.browser().post("/team/members/" + adminId + "/role", Map.of("role", "ANALYST"));
        List<String> analystTools = names(rpc(adminKey, "tools/list", Map.of(), Map.of()).result());
        assertThat(analystTools).contains("get_campaigns").doesNotContain("create_campaign", "update_campaign");
        AgentFixture.Answer refused = callTool(adminKey, "update_campaign", Map.of("campaign_id", f.campaignA,
                "status", "PAUSED"));
        assertThat(refused.isError()).isTrue();
        assertThat(refused.error().path("message").asString()).contains("analyst");
    }

    @Test
    void otherAccountsAndTheirObjectsAreRefusedWithAPermissionResult() {
        // Dana's token reaches act_1000000001, but workspace A did not choose it.
        AgentFixture.Answer unchosen = callTool(f.writeKey, "get_campaigns", Map.of("account_id", UNCHOSEN_A));
        assertThat(unchosen.status()).isEqualTo(200);
        assertThat(unchosen.isError()).isTrue();
        assertThat(unchosen.error().path("category").asString()).isEqualTo("permission");
        assertThat(unchosen.error().path("message").asString()).contains(UNCHOSEN_A);

        AgentFixture.Answer otherTenant = callTool(f.writeKey, "get_insights", Map.of("object_id", ACCOUNT_B));
        assertThat(otherTenant.isError()).isTrue();
        assertThat(otherTenant.error().path("message").asString()).contains(ACCOUNT_B);

        AgentFixture.Answer otherObject = callTool(f.writeKey, "get_campaign_details", Map.of("campaign_id",
                f.campaignB));
        assertThat(otherObject.isError()).isTrue();
        assertThat(otherObject.error().path("message").asString()).contains(f.campaignB)
                .contains("not in an ad account this agent may reach");
        AgentFixture.Answer otherWrite = callTool(f.writeKey, "update_campaign", Map.of("campaign_id", f.campaignB,
                "name", "hijacked"));
        assertThat(otherWrite.isError()).isTrue();
        AgentFixture.Answer objects = callTool(f.writeKey, "get_objects", Map.of("ids", List.of(f.campaignA,
                f.campaignB)));
        assertThat(objects.isError()).isTrue();

        // The account list shows only what the agent may reach.
        AgentFixture.Answer accounts = callTool(f.writeKey, "get_ad_accounts", Map.of());
        assertThat(accounts.isError()).as(accounts.body()).isFalse();
        List<String> ids = new ArrayList<>();
        accounts.result().path("structuredContent").path("data").forEach(a -> ids.add(a.path("id").asString()));
        assertThat(ids).containsExactly(ACCOUNT_A);
        assertThat(accounts.body()).doesNotContain(UNCHOSEN_A);
    }

    @Test
    void adSetsInsideArgumentsStayInsideTheChosenAccounts() {
        String adsetB = callTool(f.keyB, "get_adsets", Map.of("account_id", ACCOUNT_B, "limit", 1)).result()
                .path("structuredContent").path("data").path(0).path("id").asString();
        assertThat(adsetB).isNotEmpty();
        // A campaign's per-ad-set budgets, as a list and as its JSON text.
        for (Object budgets : List.of(List.of(Map.of("adset_id", adsetB, "daily_budget", 1000)),
                "[{\"adset_id\":\"" + adsetB + "\",\"daily_budget\":1000}]")) {
            AgentFixture.Answer nested = callTool(f.writeKey, "update_campaign", Map.of("campaign_id", f.campaignA,
                    "adset_budgets", budgets, "confirm", true));
            assertThat(nested.isError()).as(nested.body()).isTrue();
            assertThat(nested.error().path("category").asString()).isEqualTo("permission");
            assertThat(nested.error().path("message").asString()).contains(adsetB);
        }
    }

    @Test
    void aKeyLimitedToAccountsReachesOnlyThose() {
        String limited = AgentFixture.createKey(f.ownerA.browser(), "limited", "read", List.of(ACCOUNT_A), "30");
        assertThat(callTool(limited, "get_campaigns", Map.of("account_id", ACCOUNT_A, "limit", 1)).isError())
                .isFalse();
        // The page refuses an account the workspace did not choose.
        String page = f.ownerA.browser().post("/settings/agents/keys", Map.of("name", "bad", "scope", "read",
                "expires_days", "0", "account", UNCHOSEN_A)).body();
        assertThat(page).contains("Choose among the ad accounts this workspace uses").doesNotContain("new-agent-key");
    }

    @Test
    void tokensFromTheAgentAreRefused() {
        AgentFixture.Answer argument = callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A,
                "access_token", "EAAsomeoneelsestoken1234567890"));
        assertThat(argument.isError()).isTrue();
        assertThat(argument.error().path("type").asString()).isEqualTo("TokenNotAccepted");

        for (String header : List.of("X-Meta-Token", "X-Access-Token", "X-META-ACCESS-TOKEN", "X-MCP-Server-Key")) {
            AgentFixture.Answer refused = rpc(f.writeKey, "tools/list", Map.of(), Map.of(header, "EAAabc123"));
            assertThat(refused.status()).as(header).isEqualTo(400);
            assertThat(refused.json().path("error").path("message").asString()).contains("Token headers");
        }
    }

    @Test
    void agentWritesFollowTheSpendRuleAndAreAuditedWithTheAgentsName() {
        rpc(f.writeKey, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "gateway-test-agent", "version", "1.0")), Map.of());
        String name = "Agent campaign " + UUID.randomUUID().toString().substring(0, 8);
        AgentFixture.Answer active = callTool(f.writeKey, "create_campaign", Map.of("account_id", ACCOUNT_A,
                "name", name + " active", "objective", "OUTCOME_TRAFFIC", "status", "ACTIVE",
                "special_ad_categories", List.of()));
        assertThat(active.isError()).isTrue();
        assertThat(active.error().path("type").asString()).isEqualTo("confirmation_required");
        assertThat(campaignNamed(name + " active")).as("nothing was created").isNull();

        AgentFixture.Answer paused = callTool(f.writeKey, "create_campaign", Map.of("account_id", ACCOUNT_A,
                "name", name, "objective", "OUTCOME_TRAFFIC", "special_ad_categories", List.of()));
        assertThat(paused.isError()).as(paused.body()).isFalse();
        JsonNode created = campaignNamed(name);
        assertThat(created).isNotNull();
        assertThat(created.path("status").asString()).isEqualTo("PAUSED");
        String id = created.path("id").asString();

        AgentFixture.Answer activate = callTool(f.writeKey, "update_campaign", Map.of("campaign_id", id,
                "status", "ACTIVE"));
        assertThat(activate.isError()).isTrue();
        assertThat(activate.error().path("message").asString()).contains("Confirm");
        AgentFixture.Answer confirmed = callTool(f.writeKey, "update_campaign", Map.of("campaign_id", id,
                "status", "ACTIVE", "confirm", true));
        assertThat(confirmed.isError()).as(confirmed.body()).isFalse();
        assertThat(campaignNamed(name).path("status").asString()).isEqualTo("ACTIVE");
        // Pausing never needs a confirmation.
        assertThat(callTool(f.writeKey, "update_campaign", Map.of("campaign_id", id, "status", "PAUSED"))
                .isError()).isFalse();

        ConsoleHarness.eventually("the agent's create is in the audit log", () -> !audit("agent.create_campaign",
                "success").isEmpty());
        Map<String, Object> row = audit("agent.create_campaign", "success").get(0);
        assertThat(row.get("actor").toString()).contains("gateway-test-agent").contains(f.ownerA.email());
        assertThat(row.get("actor").toString()).startsWith("agent:writer via gateway-test-agent 1.0 (");
        assertThat(row.get("after_json").toString()).contains("\"agent\":\"writer\"")
                .contains("\"client\":\"gateway-test-agent 1.0\"")
                .contains("\"member\":\"" + f.ownerA.email() + "\"").contains(name);
        ConsoleHarness.eventually("the refused activation is audited as denied", () -> !audit(
                "agent.update_campaign", "denied").isEmpty());
        ConsoleHarness.eventually("the refused ACTIVE create is audited as denied", () -> !audit(
                "agent.create_campaign", "denied").isEmpty());
        String allAudit = harness.db().sql("select coalesce(after_json, '') from audit_log where tenant_id = ?")
                .param(f.ownerA.tenant().value()).query(String.class).list().toString();
        assertThat(allAudit).doesNotContain(f.metaTokenA());
    }

    @Test
    void revokingAKeyRefusesTheNextCall() {
        String key = AgentFixture.createKey(f.ownerA.browser(), "short-lived", "read", List.of(), "0");
        assertThat(callTool(key, "get_campaigns", Map.of("account_id", ACCOUNT_A, "limit", 1)).isError()).isFalse();
        String page = f.ownerA.browser().get("/settings/agents").body();
        Matcher row = Pattern.compile("/settings/agents/keys/([0-9a-f-]{36})/revoke").matcher(page);
        String id = null;
        while (row.find()) {
            String candidate = row.group(1);
            String prefix = harness.db().sql("select prefix from api_keys where id = ?").param(UUID.fromString(
                    candidate)).query(String.class).single();
            if (key.startsWith(prefix)) {
                id = candidate;
            }
        }
        assertThat(id).as("the key's revoke button").isNotNull();
        assertThat(page).contains(key.substring(0, 12)).doesNotContain(key);
        f.ownerA.browser().post("/settings/agents/keys/" + id + "/revoke", Map.of());
        AgentFixture.Answer after = callTool(key, "get_campaigns", Map.of("account_id", ACCOUNT_A, "limit", 1));
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void corsForConfiguredOriginsAndDnsRebindingProtection() throws IOException {
        AgentFixture.Answer preflight = AgentFixture.send("OPTIONS", null, null, Map.of("Origin",
                ConsoleHarness.AGENT_ORIGIN, "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type"));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ConsoleHarness.AGENT_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");

        AgentFixture.Answer allowed = rpc(f.readKey, "tools/list", Map.of(), Map.of("Origin",
                ConsoleHarness.AGENT_ORIGIN));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ConsoleHarness.AGENT_ORIGIN);
        AgentFixture.Answer challenge = rpc(null, "tools/list", Map.of(), Map.of("Origin",
                ConsoleHarness.AGENT_ORIGIN));
        assertThat(challenge.header("Access-Control-Expose-Headers")).contains("WWW-Authenticate");

        AgentFixture.Answer evil = rpc(f.readKey, "tools/list", Map.of(), Map.of("Origin", "https://evil.example"));
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.header("Access-Control-Allow-Origin")).isNull();
        AgentFixture.Answer evilPreflight = AgentFixture.send("OPTIONS", null, null, Map.of("Origin",
                "https://evil.example", "Access-Control-Request-Method", "POST"));
        assertThat(evilPreflight.status()).isEqualTo(403);

        // A rebinding attack names the attacker's host: refused before any credential is looked at.
        assertThat(rawStatus("evil.example", f.readKey)).isEqualTo(421);
        assertThat(rawStatus(URI.create(harness.baseUrl).getRawAuthority(), f.readKey)).isEqualTo(200);
    }

    @Test
    void onlyPostIsServed() {
        assertThat(AgentFixture.send("GET", f.readKey, null, Map.of()).status()).isEqualTo(405);
        assertThat(AgentFixture.send("DELETE", f.readKey, null, Map.of()).status()).isEqualTo(405);
        AgentFixture.Answer batch = AgentFixture.post(f.readKey, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"ping\"}]", Map.of());
        assertThat(batch.status()).isEqualTo(400);
        AgentFixture.Answer notJson = AgentFixture.post(f.readKey, "{not json", Map.of());
        assertThat(notJson.json().path("error").path("code").asInt()).isEqualTo(-32700);
    }

    private static int rawStatus(String host, String key) throws IOException {
        URI base = URI.create(harness.baseUrl);
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private JsonNode campaignNamed(String name) {
        AgentFixture.Answer list = callTool(f.writeKey, "get_campaigns", Map.of("account_id", ACCOUNT_A, "limit",
                100));
        for (JsonNode campaign : list.result().path("structuredContent").path("data")) {
            if (name.equals(campaign.path("name").asString())) {
                return campaign;
            }
        }
        return null;
    }

    private List<Map<String, Object>> audit(String action, String outcome) {
        return harness.db().sql("select actor, after_json from audit_log where tenant_id = ? and action = ? and "
                + "outcome = ? order by seq desc").params(f.ownerA.tenant().value(), action, outcome)
                .query().listOfRows();
    }

    static List<String> names(JsonNode listResult) {
        List<String> names = new ArrayList<>();
        listResult.path("tools").forEach(t -> names.add(t.path("name").asString()));
        return names;
    }

    private static JsonNode schema(JsonNode listResult, String tool) {
        for (JsonNode t : listResult.path("tools")) {
            if (tool.equals(t.path("name").asString())) {
                return t.path("inputSchema");
            }
        }
        return AgentFixture.JSON.createObjectNode();
    }
}
