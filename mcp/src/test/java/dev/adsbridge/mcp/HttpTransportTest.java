package dev.adsbridge.mcp;

import static dev.adsbridge.mcp.TestEnv.SERVER;
import static dev.adsbridge.mcp.TestEnv.args;
import static dev.adsbridge.mcp.TestEnv.bearer;
import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static dev.adsbridge.mcp.TestEnv.post;
import static dev.adsbridge.mcp.TestEnv.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv.Answer;
import dev.adsbridge.mcp.inventory.Hints;
import dev.adsbridge.mcp.inventory.Json;
import dev.adsbridge.mcp.inventory.Schema;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.ToolResults;
import dev.adsbridge.mcp.inventory.Toolset;
import dev.adsbridge.mcp.tools.AllTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The /mcp endpoint as backends and spec-following clients use it. */
class HttpTransportTest {

    @Test
    void backendToolCallWithTrailingSlashAndNoAcceptGetsAJsonRpcAnswerWithoutInitialize() {
        String token = TestEnv.token();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + token);
        String body = """
                {"jsonrpc":"2.0","method":"tools/call","id":42,"params":{"name":"get_campaigns",\
                "arguments":{"account_id":"act_123","limit":20}}}""";

        Answer answer = post(SERVER.baseUrl() + "/mcp/", headers, body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().get("jsonrpc").asString()).isEqualTo("2.0");
        assertThat(answer.json().get("id").asInt()).isEqualTo(42);
        JsonNode result = answer.json().get("result");
        assertThat(result).as(answer.body()).isNotNull();
        // act_123 is not an account of this user: Meta's answer, as a tool error the backend can branch on.
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.at("/structuredContent/error/category").asString())
                .isIn("permission", "invalid_request");
    }

    @Test
    void backendToolCallWithoutSlashAndAcceptAnyGetsTheData() {
        String token = TestEnv.token();
        Map<String, String> headers = bearer(token);
        headers.put("Accept", "*/*");

        Answer answer = post(SERVER.baseUrl() + "/mcp", headers, rpc("tools/call",
                Map.of("name", "get_ad_accounts", "arguments", Map.of("limit", 3))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode accounts = answer.json().at("/result/structuredContent/data");
        assertThat(accounts.size()).isEqualTo(3);
    }

    @Test
    void aSpecFollowingClientInitializesListsPingsAndCalls() {
        String token = TestEnv.token();
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(SERVER.baseUrl())
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.serverInfo().name()).isEqualTo("meta-ads");
            assertThat(init.capabilities().tools()).isNotNull();

            List<McpSchema.Tool> tools = client.listTools().tools();
            List<String> names = tools.stream().map(McpSchema.Tool::name).toList();
            assertThat(names).contains("get_ad_accounts", "get_campaigns", "create_campaign");
            assertThat(names).isSorted();

            client.ping();

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("get_ad_accounts",
                    Map.of("limit", 2)));
            assertThat(result.isError()).isFalse();
            assertThat(((Map<?, ?>) result.structuredContent()).get("data")).asList().hasSize(2);
        }
    }

    @Test
    void initializeNotificationsPingAndToolsListNeedNoToken() {
        Map<String, String> noToken = bearer(null);
        Answer init = post(SERVER.endpoint(), noToken, rpc("initialize", Map.of(
                "protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "conformance", "version", "1"))));
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        assertThat(init.json().at("/result/serverInfo/name").asString()).isEqualTo("meta-ads");

        Answer initialized = post(SERVER.endpoint(), noToken,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(initialized.status()).isEqualTo(202);

        Answer ping = post(SERVER.endpoint(), noToken, rpc("ping", null));
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json().get("result").isObject()).isTrue();

        Answer list = post(SERVER.endpoint(), noToken, rpc("tools/list", null));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().at("/result/tools").size()).isEqualTo(SERVER.inventory().offered().size());
    }

    @Test
    void aToolCallWithoutAnyTokenIs401WithWwwAuthenticateBearer() {
        Answer answer = post(SERVER.endpoint(), bearer(null), "{\"jsonrpc\":\"2.0\",\"id\":\"call-7\","
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"get_ad_accounts\",\"arguments\":{}}}");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().get("id").asString()).isEqualTo("call-7");
        assertThat(answer.json().at("/error/code").asInt()).isEqualTo(-32001);
        assertThat(answer.json().at("/error/message").asString()).contains("Authorization: Bearer");
    }

    @Test
    void aBlankBearerCountsAsNoToken() {
        Map<String, String> headers = bearer(null);
        headers.put("Authorization", "Bearer   ");
        Answer answer = post(SERVER.endpoint(), headers, rpc("tools/call",
                Map.of("name", "get_ad_accounts", "arguments", Map.of())));
        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void theTokenMayComeAsXMetaAccessToken() {
        Map<String, String> headers = bearer(null);
        headers.put("X-META-ACCESS-TOKEN", TestEnv.token());
        JsonNode result = callTool(SERVER, headers, "get_ad_accounts", Map.of("limit", 1));
        assertThat(ok(result).get("data").size()).isEqualTo(1);
    }

    @Test
    void theTokenMayComeAsAnAccessTokenArgument() {
        JsonNode result = callTool(SERVER, bearer(null), "get_ad_accounts",
                args("limit", 1, "access_token", TestEnv.token()));
        assertThat(ok(result).get("data").size()).isEqualTo(1);
    }

    @Test
    void theAccessTokenArgumentWinsOverTheHeader() {
        String expired = TestEnv.token();
        TestEnv.expire(expired);
        String valid = TestEnv.token();

        JsonNode argumentValid = callTool(SERVER, bearer(expired), "get_ad_accounts",
                args("limit", 1, "access_token", valid));
        assertThat(ok(argumentValid).get("data").size()).isEqualTo(1);

        JsonNode argumentExpired = callTool(SERVER, bearer(valid), "get_ad_accounts",
                args("limit", 1, "access_token", expired));
        assertThat(error(argumentExpired).get("category").asString()).isEqualTo("auth");
    }

    @Test
    void aLocalToolWorksWithoutAToken() {
        List<ToolDefinition> tools = new ArrayList<>(AllTools.all());
        tools.add(ToolDefinition.builder("local_sum", Toolset.CREATIVES)
                .title("Add two numbers")
                .hints(Hints.LOCAL)
                .description("Adds a and b; a stand-in for local tools such as compute_image_crops.")
                .input(Schema.object().integer("a", "first").required().integer("b", "second").required())
                .handler(call -> ToolResults.success(Json.object().put("sum",
                        call.args().integer("a", 0, -1000, 1000) + call.args().integer("b", 0, -1000, 1000))))
                .build());
        try (MetaAdsMcpServer server = MetaAdsMcpServer.create(TestEnv.config().build(), tools)) {
            server.start();
            JsonNode result = callTool(server, bearer(null), "local_sum", Map.of("a", 2, "b", 3));
            assertThat(ok(result).get("sum").asInt()).isEqualTo(5);
            assertThat(result.at("/structuredContent").has("error")).isFalse();
        }
    }

    @Test
    void eachRequestSeesOnlyWhatItsOwnTokenReaches() {
        String dana = TestEnv.token();
        String marco = TestEnv.token(TestEnv.SECOND_USER, null, null);
        assertThat(ok(callTool(dana, "get_ad_accounts", Map.of())).get("data").size()).isEqualTo(5);
        assertThat(ok(callTool(marco, "get_ad_accounts", Map.of())).get("data").size()).isEqualTo(2);
        error(callTool(marco, "get_account_info", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(ok(callTool(dana, "get_account_info", Map.of("account_id", TestEnv.BIG_ACCOUNT)))
                .get("id").asString()).isEqualTo(TestEnv.BIG_ACCOUNT);
        error(callTool(marco, "get_account_info", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
    }

    @Test
    void theServerNeverFallsBackToAnOperatorTokenOverHttp() {
        // Even with META_ACCESS_TOKEN in the environment, the HTTP path reads headers only; this request has none.
        Answer answer = post(SERVER.endpoint(), bearer(null), rpc("tools/call",
                Map.of("name", "get_campaigns", "arguments", Map.of("account_id", TestEnv.BIG_ACCOUNT))));
        assertThat(answer.status()).isEqualTo(401);
    }
}
