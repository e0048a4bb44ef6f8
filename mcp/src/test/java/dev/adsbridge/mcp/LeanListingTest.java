package dev.adsbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an agent gets: a small default {@code tools/list}, every toolset reachable by header or URL, an outputSchema
 * on every JSON tool that the real answers validate against, compact lists, and tools hidden from a token that lacks
 * their permission.
 */
class LeanListingTest {

    private static final String TOKEN = TestEnv.token();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static JsonNode list(String path, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(TestEnv.bearer(null));
        headers.putAll(extraHeaders);
        TestEnv.Answer answer = TestEnv.post(TestEnv.SERVER.baseUrl() + path, headers, TestEnv.rpc("tools/list",
                Map.of()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().at("/result/tools");
    }

    @Test
    void theDefaultListIsTheFiveCoreToolsets() {
        TestEnv.Answer answer = TestEnv.post(TestEnv.SERVER.endpoint(), TestEnv.bearer(TOKEN),
                TestEnv.rpc("tools/list", Map.of()));
        JsonNode tools = answer.json().at("/result/tools");
        int bytes = Json.write(answer.json().get("result")).getBytes(StandardCharsets.UTF_8).length;
        // The goal: at most 25 KB with the default toolsets (every toolset listed: about 90 KB before; search and
        // fetch are in the opt-in toolset retrieval, argument descriptions are short, long enumerations left out).
        assertThat(bytes).as("tools/list bytes").isLessThanOrEqualTo(25 * 1024);
        List<String> names = TestEnv.names(tools);
        assertThat(names).contains("get_ad_accounts", "get_campaigns", "create_adset", "get_ads", "get_insights")
                .doesNotContain("upload_ad_image", "search_interests", "create_custom_audience",
                        "search_ads_archive", "duplicate_campaign");
        for (JsonNode tool : tools) {
            assertThat(tool.path("outputSchema").path("type").asString()).as(tool.path("name").asString())
                    .isEqualTo("object");
        }
    }

    @Test
    void everyToolsetIsReachableByHeaderOrPath() {
        int all = TestEnv.SERVER.inventory().all().size();
        assertThat(list("/mcp/x/all", Map.of()).size()).isEqualTo(all);
        assertThat(list("/mcp", Map.of("X-MCP-Toolsets", "all")).size()).isEqualTo(all);
        assertThat(TestEnv.names(list("/mcp/x/creatives,audiences", Map.of())))
                .contains("upload_ad_image", "create_custom_audience").doesNotContain("get_campaigns");
        JsonNode readOnly = list("/mcp/x/all/readonly", Map.of());
        assertThat(readOnly.size()).isLessThan(all).isGreaterThan(20);
        readOnly.forEach(tool -> assertThat(tool.at("/annotations/readOnlyHint").asBoolean())
                .as(tool.path("name").asString()).isTrue());
        // The path chooses, the header narrows it further.
        assertThat(TestEnv.names(list("/mcp/x/all", Map.of("X-MCP-Toolsets", "library"))))
                .containsExactly("search_ads_archive");
        TestEnv.Answer unknown = TestEnv.post(TestEnv.SERVER.baseUrl() + "/mcp/x/billing", TestEnv.bearer(null),
                TestEnv.rpc("tools/list", Map.of()));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown toolset");
    }

    @Test
    void toolCallsOnAToolsetPathKeepToItsToolsetsAndReadOnly() {
        String campaigns = TestEnv.SERVER.baseUrl() + "/mcp/x/campaigns";
        JsonNode listed = TestEnv.callToolAt(campaigns, TestEnv.bearer(TOKEN), "get_campaigns",
                Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1));
        assertThat(TestEnv.ok(listed).get("data").size()).isEqualTo(1);
        String campaignId = TestEnv.ok(listed).at("/data/0/id").asString();
        JsonNode outside = TestEnv.error(TestEnv.callToolAt(campaigns, TestEnv.bearer(TOKEN), "get_ads",
                Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(outside.get("type").asString()).isEqualTo("ToolNotAvailable");

        JsonNode write = TestEnv.error(TestEnv.callToolAt(TestEnv.SERVER.baseUrl() + "/mcp/x/all/readonly",
                TestEnv.bearer(TOKEN), "update_campaign", Map.of("campaign_id", campaignId, "name", "renamed")));
        assertThat(write.get("type").asString()).isEqualTo("ToolNotAvailable");
        assertThat(write.get("message").asString()).contains("read-only");
        assertThat(TestEnv.graph(TOKEN, "GET", campaignId, Map.of("fields", "name")).path("name").asString())
                .isNotEqualTo("renamed");
    }

    @Test
    void aToolOutsideTheDefaultListStillRunsByName() {
        JsonNode result = TestEnv.ok(TestEnv.callTool(TOKEN, "list_custom_audiences", Map.of("account_id",
                TestEnv.BIG_ACCOUNT, "limit", 2)));
        assertThat(result.get("data").size()).isEqualTo(2);
    }

    @Test
    void aTokenWithoutAdsManagementIsNotOfferedTheWrites() {
        String readOnly = TestEnv.token(TestEnv.DEMO_USER, List.of("ads_read"), null);
        List<String> names = TestEnv.names(list("/mcp", TestEnv.bearer(readOnly)));
        assertThat(names).contains("get_campaigns", "get_insights").doesNotContain("create_campaign",
                "update_adset", "create_ad");
        assertThat(TestEnv.names(list("/mcp", TestEnv.bearer(TOKEN)))).contains("create_campaign");
    }

    @Test
    void answersValidateAgainstTheirOutputSchemas() {
        String campaign = TestEnv.ids(TestEnv.ok(TestEnv.callTool(TOKEN, "get_campaigns",
                Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1))).get("data")).get(0);
        String adset = TestEnv.ids(TestEnv.ok(TestEnv.callTool(TOKEN, "get_adsets",
                Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1))).get("data")).get(0);
        String ad = TestEnv.ids(TestEnv.ok(TestEnv.callTool(TOKEN, "get_ads",
                Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1))).get("data")).get(0);
        Map<String, Map<String, Object>> calls = new LinkedHashMap<>();
        String account = TestEnv.BIG_ACCOUNT;
        calls.put("get_ad_accounts", Map.of());
        calls.put("get_account_info", Map.of("account_id", account));
        calls.put("get_account_pages", Map.of("account_id", account));
        calls.put("get_ad_pixels", Map.of("account_id", account));
        calls.put("get_instagram_accounts", Map.of("account_id", account));
        calls.put("search_pages_by_name", Map.of("account_id", account, "search_term", "Whitfield"));
        calls.put("get_campaigns", Map.of("account_id", account, "limit", 25));
        calls.put("get_campaign_details", Map.of("campaign_id", campaign));
        calls.put("get_objects", Map.of("ids", List.of(campaign, adset)));
        calls.put("get_adsets", Map.of("account_id", account, "campaign_id", campaign));
        calls.put("get_adset_details", Map.of("adset_id", adset));
        calls.put("get_ads", Map.of("account_id", account, "limit", 5));
        calls.put("get_ad_details", Map.of("ad_id", ad));
        calls.put("get_insights", Map.of("object_id", account, "level", "campaign", "time_range", "last_7d"));
        calls.put("get_ad_creatives", Map.of("ad_id", ad));
        calls.put("list_custom_audiences", Map.of("account_id", account));
        calls.put("search_interests", Map.of("query", "hiking"));
        calls.put("search_geo_locations", Map.of("query", "Berlin"));
        calls.put("get_activity_log", Map.of("account_id", account));
        calls.put("create_campaign", Map.of("account_id", account, "name", "Schema check", "objective",
                "OUTCOME_TRAFFIC", "validate_only", true));
        calls.put("update_campaign", Map.of("campaign_id", campaign, "name", "Schema check", "validate_only",
                true));
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> call : calls.entrySet()) {
            ToolDefinition tool = TestEnv.SERVER.inventory().find(call.getKey()).orElseThrow();
            JsonNode result = TestEnv.callTool(TOKEN, call.getKey(), call.getValue());
            if (result.path("isError").asBoolean(false)) {
                problems.add(call.getKey() + " failed: " + result.get("structuredContent"));
                continue;
            }
            Schema schema = SCHEMAS.getSchema(Json.write(tool.tool().outputSchema()), InputFormat.JSON);
            List<com.networknt.schema.Error> errors = schema.validate(result.get("structuredContent"));
            if (!errors.isEmpty()) {
                problems.add(call.getKey() + ": " + errors);
            }
            String text = result.at("/content/0/text").asString();
            assertThat(text).as("one compact text copy").doesNotContain("\n  ");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void compactCampaignsGiveMoneyWithItsCurrencyAndNoPagingUrls() {
        JsonNode result = TestEnv.ok(TestEnv.callTool(TOKEN, "get_campaigns", Map.of("account_id",
                TestEnv.EUR_ACCOUNT, "limit", 25)));
        assertThat(result.has("paging")).isFalse();
        List<String> budgets = new ArrayList<>();
        for (JsonNode row : result.get("data")) {
            row.properties().forEach(member -> assertThat(member.getValue().isNull()).as(member.getKey()).isFalse());
            if (row.has("daily_budget")) {
                budgets.add(row.get("daily_budget").asString());
            }
        }
        assertThat(budgets).isNotEmpty().allSatisfy(b -> assertThat(b).matches("[0-9]+\\.[0-9]{2} EUR"));
        // effective_status only where it says more than status; Meta's rows (compact=false) keep both.
        JsonNode ads = TestEnv.ok(TestEnv.callTool(TOKEN, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 100)));
        JsonNode raw = TestEnv.ok(TestEnv.callTool(TOKEN, "get_ads", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 100, "compact", false)));
        int differing = 0;
        for (int i = 0; i < raw.get("data").size(); i++) {
            JsonNode metaRow = raw.get("data").get(i);
            JsonNode row = ads.get("data").get(i);
            assertThat(row.get("id")).isEqualTo(metaRow.get("id"));
            boolean same = metaRow.get("effective_status").equals(metaRow.get("status"));
            assertThat(row.has("effective_status")).as(row.get("id").asString()).isEqualTo(!same);
            assertThat(TestEnv.effectiveStatus(row)).isEqualTo(metaRow.get("effective_status").asString());
            differing += same ? 0 : 1;
        }
        assertThat(differing).as("the seed has ads paused through their campaign or ad set").isPositive();
        JsonNode projected = TestEnv.ok(TestEnv.callTool(TOKEN, "get_ad_accounts", Map.of("fields",
                List.of("id", "currency"))));
        projected.get("data").forEach(row -> assertThat(List.copyOf(row.propertyNames()))
                .containsExactlyInAnyOrder("id", "currency"));
    }
}
