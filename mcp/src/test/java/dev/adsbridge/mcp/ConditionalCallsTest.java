package dev.adsbridge.mcp;

import static dev.adsbridge.mcp.TestEnv.BIG_ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A caller that keeps a result sends its validator back ({@code _meta["dev.adsbridge/if-none-match"]}); the server
 * revalidates its one Graph read with Meta's ETag and answers "not modified" while Meta does, the rows again once the
 * object changed. A validator never stands for another tool or other arguments.
 */
class ConditionalCallsTest {

    private static final String ETAG = "dev.adsbridge/etag";
    private static final String IF_NONE_MATCH = "dev.adsbridge/if-none-match";
    private static final String NOT_MODIFIED = "dev.adsbridge/not-modified";

    @Test
    void anUnchangedReadIsNotModifiedAndAChangedOneComesBackWhole() {
        String token = TestEnv.token();
        String campaign = TestEnv.ok(TestEnv.callTool(token, "get_campaigns", Map.of("account_id", BIG_ACCOUNT,
                "limit", 1))).path("data").path(0).path("id").asString();
        Map<String, Object> args = Map.of("campaign_id", campaign);
        // A caller that does not keep results gets no validator (nor pays for one)...
        assertThat(TestEnv.callTool(token, "get_campaign_details", args).path("_meta").has(ETAG)).isFalse();
        // ...one that does asks with "*" before it holds a result.
        JsonNode first = conditional(token, "get_campaign_details", args, "*");
        assertThat(first.path("structuredContent").path("id").asString()).isEqualTo(campaign);
        String validator = first.path("_meta").path(ETAG).asString("");
        assertThat(validator).as(first.toString()).startsWith("v1.");

        JsonNode same = conditional(token, "get_campaign_details", args, validator);
        assertThat(same.path("_meta").path(NOT_MODIFIED).asBoolean(false)).as(same.toString()).isTrue();
        assertThat(same.path("_meta").path(ETAG).asString()).isEqualTo(validator);
        assertThat(same.has("structuredContent")).isFalse();
        assertThat(same.path("isError").asBoolean(true)).isFalse();
        // Meta's usage still comes back: the revalidation was a Graph call.
        assertThat(same.path("_meta").path("dev.adsbridge/usage").isObject()).as(same.toString()).isTrue();

        TestEnv.graph(token, "POST", campaign, Map.of("name", "Renamed for revalidation"));
        JsonNode changed = conditional(token, "get_campaign_details", args, validator);
        assertThat(changed.path("_meta").has(NOT_MODIFIED)).as(changed.toString()).isFalse();
        assertThat(changed.path("structuredContent").path("name").asString()).isEqualTo("Renamed for revalidation");
        assertThat(changed.path("_meta").path(ETAG).asString()).startsWith("v1.").isNotEqualTo(validator);
    }

    @Test
    void aValidatorCountsOnlyForItsOwnToolAndArguments() {
        String token = TestEnv.token();
        Map<String, Object> three = Map.of("account_id", BIG_ACCOUNT, "limit", 3);
        // The first compact list of an account also reads the account's currency (a second Graph call: no
        // validator); from then on the list's rows come from one Graph read, so it can be revalidated.
        conditional(token, "get_campaigns", three, "*");
        JsonNode list = conditional(token, "get_campaigns", three, "*");
        String validator = list.path("_meta").path(ETAG).asString("");
        assertThat(validator).as(list.toString()).startsWith("v1.");
        assertThat(conditional(token, "get_campaigns", three, validator).path("_meta").path(NOT_MODIFIED)
                .asBoolean(false)).isTrue();

        JsonNode other = conditional(token, "get_campaigns", Map.of("account_id", BIG_ACCOUNT, "limit", 2),
                validator);
        assertThat(other.path("_meta").has(NOT_MODIFIED)).isFalse();
        assertThat(other.path("structuredContent").path("data").size()).isEqualTo(2);

        JsonNode otherTool = conditional(token, "get_adsets", three, validator);
        assertThat(otherTool.path("_meta").has(NOT_MODIFIED)).isFalse();

        String forged = validator.substring(0, validator.lastIndexOf('.') + 1) + "0".repeat(32);
        JsonNode refused = conditional(token, "get_campaigns", three, forged);
        assertThat(refused.path("_meta").has(NOT_MODIFIED)).isFalse();
        assertThat(refused.path("structuredContent").path("data").size()).isEqualTo(3);

        JsonNode garbage = conditional(token, "get_campaigns", three, "not a validator \u00e9");
        assertThat(garbage.path("structuredContent").path("data").size()).isEqualTo(3);
    }

    @Test
    void aWriteCarriesNoValidator() {
        String token = TestEnv.token();
        String campaign = TestEnv.ok(TestEnv.callTool(token, "get_campaigns", Map.of("account_id", BIG_ACCOUNT,
                "limit", 1))).path("data").path(0).path("id").asString();
        JsonNode update = conditional(token, "update_campaign", Map.of("campaign_id", campaign, "name",
                "No validator for writes"), "*");
        assertThat(update.path("isError").asBoolean(false)).as(update.toString()).isFalse();
        assertThat(update.path("_meta").has(ETAG)).as(update.toString()).isFalse();
    }

    private static JsonNode conditional(String token, String tool, Map<String, ?> arguments, String validator) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", arguments);
        params.put("_meta", Map.of(IF_NONE_MATCH, validator));
        TestEnv.Answer answer = TestEnv.post(TestEnv.SERVER.endpoint(), TestEnv.bearer(token),
                TestEnv.rpc("tools/call", params));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().has("error")).as(answer.body()).isFalse();
        return answer.json().get("result");
    }
}
