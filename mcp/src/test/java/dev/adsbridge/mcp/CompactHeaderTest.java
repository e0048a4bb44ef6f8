package dev.adsbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code X-MCP-Compact} sets the default of {@code compact} for one request, for every tool that has compact output
 * (a caller that reads Meta's rows as sent, like the console, says so once instead of in every call); an explicit
 * {@code compact} argument still wins; and {@code compact} sent to a tool that does not declare it is refused like any
 * unknown argument.
 */
class CompactHeaderTest {

    private static final String TOKEN = TestEnv.token();

    private static Map<String, String> headers(String compact) {
        Map<String, String> headers = new LinkedHashMap<>(TestEnv.bearer(TOKEN));
        headers.put("X-MCP-Compact", compact);
        return headers;
    }

    private static List<String> budgets(JsonNode answer) {
        List<String> budgets = new ArrayList<>();
        answer.get("data").forEach(row -> {
            if (row.has("daily_budget")) {
                budgets.add(row.get("daily_budget").asString());
            }
        });
        return budgets;
    }

    @Test
    void theHeaderSetsTheDefaultOfEveryToolWithCompactOutput() {
        Map<String, Object> campaigns = Map.of("account_id", TestEnv.EUR_ACCOUNT, "limit", 25);
        // Without the header list tools answer compactly: money with its currency, no paging URLs.
        assertThat(budgets(TestEnv.ok(TestEnv.callTool(TOKEN, "get_campaigns", campaigns))))
                .isNotEmpty().allSatisfy(b -> assertThat(b).matches("[0-9]+\\.[0-9]{2} EUR"));
        // With X-MCP-Compact: false, Meta's rows as sent: minor units, and Meta's paging.
        JsonNode meta = TestEnv.ok(TestEnv.callTool(TestEnv.SERVER, headers("false"), "get_campaigns", campaigns));
        assertThat(budgets(meta)).isNotEmpty().allSatisfy(b -> assertThat(b).matches("[0-9]+"));
        assertThat(meta.has("paging")).isTrue();
        JsonNode ads = TestEnv.ok(TestEnv.callTool(TestEnv.SERVER, headers("false"), "get_ads",
                Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 25)));
        ads.get("data").forEach(row -> assertThat(row.has("effective_status")).as(row.toString()).isTrue());

        // get_insights defaults to compact=false (as the reference server); X-MCP-Compact: true turns it on.
        Map<String, Object> insights = Map.of("object_id", TestEnv.BIG_ACCOUNT, "level", "account",
                "time_range", "last_30d");
        assertThat(TestEnv.ok(TestEnv.callTool(TOKEN, "get_insights", insights)).at("/data/0/spend").isString())
                .isTrue();
        assertThat(TestEnv.ok(TestEnv.callTool(TestEnv.SERVER, headers("true"), "get_insights", insights))
                .at("/data/0/spend").isNumber()).isTrue();
    }

    @Test
    void anExplicitArgumentWinsOverTheHeader() {
        JsonNode compact = TestEnv.ok(TestEnv.callTool(TestEnv.SERVER, headers("false"), "get_campaigns",
                Map.of("account_id", TestEnv.EUR_ACCOUNT, "limit", 25, "compact", true)));
        assertThat(budgets(compact)).isNotEmpty().allSatisfy(b -> assertThat(b).matches("[0-9]+\\.[0-9]{2} EUR"));
        assertThat(compact.has("paging")).isFalse();
        JsonNode raw = TestEnv.ok(TestEnv.callTool(TestEnv.SERVER, headers("true"), "get_insights",
                Map.of("object_id", TestEnv.BIG_ACCOUNT, "level", "account", "time_range", "last_30d",
                        "compact", false)));
        assertThat(raw.at("/data/0/spend").isString()).isTrue();
    }

    @Test
    void compactSentToAToolWithoutCompactOutputIsRefusedAndTheHeaderLeavesItAlone() {
        String campaign = TestEnv.ids(TestEnv.ok(TestEnv.callTool(TOKEN, "get_campaigns",
                Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1))).get("data")).get(0);
        for (Object value : List.of(false, true)) {
            JsonNode error = TestEnv.assertRefusedBeforeMeta(TOKEN, "get_campaign_details",
                    Map.of("campaign_id", campaign, "compact", value), "Unknown argument 'compact'",
                    "compact=" + value);
            assertThat(error.get("message").asString()).contains("get_campaign_details").contains("campaign_id");
        }
        // The header asks nothing of a tool without compact output: it answers as it always does.
        JsonNode details = TestEnv.ok(TestEnv.callTool(TestEnv.SERVER, headers("false"), "get_campaign_details",
                Map.of("campaign_id", campaign)));
        assertThat(details.get("id").asString()).isEqualTo(campaign);
    }

    @Test
    void aHeaderThatIsNeitherTrueNorFalseIsRefused() {
        TestEnv.Answer answer = TestEnv.post(TestEnv.SERVER.endpoint(), headers("meta"), TestEnv.rpc("tools/call",
                Map.of("name", "get_campaigns", "arguments", Map.of("account_id", TestEnv.BIG_ACCOUNT))));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("X-MCP-Compact").contains("not true or false");
    }
}
