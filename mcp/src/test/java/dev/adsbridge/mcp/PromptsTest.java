package dev.adsbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.inventory.AnalysisPrompts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The analysis prompts and the completion of their account ids over HTTP, against the sandbox: the ids come from the
 * caller's own token, never from another caller's.
 */
class PromptsTest {

    private static final String TOKEN = TestEnv.token();

    @Test
    void thePromptsAreListedAndNameTheToolsToCallForTheAccount() {
        JsonNode init = rpc(TOKEN, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "t", "version", "1")));
        assertThat(init.at("/result/capabilities/prompts").isObject()).isTrue();
        assertThat(init.at("/result/capabilities/completions").isObject()).isTrue();

        JsonNode list = rpc(TOKEN, "prompts/list", Map.of());
        assertThat(TestEnv.names(list.at("/result/prompts"))).containsExactlyInAnyOrder(
                AnalysisPrompts.WEEKLY_REVIEW, AnalysisPrompts.WASTED_SPEND, AnalysisPrompts.CREATIVE_FATIGUE);
        list.at("/result/prompts").forEach(prompt -> assertThat(prompt.at("/arguments/0/name").asString())
                .isEqualTo("account_id"));

        JsonNode review = rpc(TOKEN, "prompts/get", Map.of("name", AnalysisPrompts.WEEKLY_REVIEW,
                "arguments", Map.of("account_id", "1000000001")));
        String text = review.at("/result/messages/0/content/text").asString();
        assertThat(review.at("/result/messages/0/role").asString()).isEqualTo("user");
        assertThat(text).contains("act_1000000001").contains("get_insights").contains("time_ranges");

        JsonNode fatigue = rpc(TOKEN, "prompts/get", Map.of("name", AnalysisPrompts.CREATIVE_FATIGUE,
                "arguments", Map.of("account_id", "act_1000000001")));
        assertThat(fatigue.at("/result/messages/0/content/text").asString()).contains("frequency")
                .contains("time_increment=7");
    }

    @Test
    void aPromptWithoutAGoodAccountIdIsRefused() {
        for (Map<String, Object> arguments : List.<Map<String, Object>>of(Map.of(), Map.of("account_id", "act_x"),
                Map.of("account_id", "1; drop"))) {
            JsonNode answer = rpc(TOKEN, "prompts/get", Map.of("name", AnalysisPrompts.WASTED_SPEND,
                    "arguments", arguments));
            assertThat(answer.at("/error/code").asInt()).as(arguments.toString()).isEqualTo(-32602);
            assertThat(answer.at("/error/message").asString()).contains("account_id");
        }
        JsonNode unknown = rpc(TOKEN, "prompts/get", Map.of("name", "no_such_prompt", "arguments",
                Map.of("account_id", "1")));
        assertThat(unknown.has("error")).isTrue();
    }

    @Test
    void accountIdsCompleteFromTheCallersOwnAccounts() {
        JsonNode all = complete(TOKEN, "");
        List<String> values = strings(all.at("/result/completion/values"));
        assertThat(values).contains(TestEnv.BIG_ACCOUNT).allSatisfy(id -> assertThat(id).startsWith("act_"));

        JsonNode narrowed = complete(TOKEN, "1000000001");
        assertThat(strings(narrowed.at("/result/completion/values"))).containsExactly(TestEnv.BIG_ACCOUNT);
        assertThat(strings(complete(TOKEN, "act_99999999999").at("/result/completion/values"))).isEmpty();

        // Without a token nothing is looked up, and nothing is offered.
        assertThat(strings(complete(null, "").at("/result/completion/values"))).isEmpty();
    }

    private static JsonNode complete(String token, String typed) {
        return rpc(token, "completion/complete", Map.of("ref", Map.of("type", "ref/prompt", "name",
                AnalysisPrompts.WEEKLY_REVIEW), "argument", Map.of("name", "account_id", "value", typed)));
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }

    private static JsonNode rpc(String token, String method, Object params) {
        TestEnv.Answer answer = TestEnv.post(TestEnv.SERVER.endpoint(), TestEnv.bearer(token),
                TestEnv.rpc(method, params));
        assertThat(answer.json()).as(answer.body()).isNotNull();
        return answer.json();
    }
}
