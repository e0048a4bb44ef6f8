package dev.adsbridge.console.ads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Money as display text, MCP wording turned into the console's, and a dry run's refusal in one shape. */
class AdsFormattingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void budgetsAndSpendReadInTheAccountCurrency() {
        assertThat(MoneyFormat.budget("2500", null, "USD")).isEqualTo("$25.00/day");
        assertThat(MoneyFormat.budget(null, "100000", "USD")).isEqualTo("$1,000.00 lifetime");
        assertThat(MoneyFormat.budget("0", "100000", "USD")).isEqualTo("$1,000.00 lifetime");
        assertThat(MoneyFormat.budget("2500", null, "JPY")).isEqualTo("¥2,500/day");
        assertThat(MoneyFormat.budget("50000", null, "KRW")).isEqualTo("₩50,000/day");
        assertThat(MoneyFormat.budget("2500", null, "EUR")).isEqualTo("€25.00/day");
        assertThat(MoneyFormat.budget(null, null, "USD")).isNull();
        assertThat(MoneyFormat.budget("2500", null, null)).isNull();
        assertThat(MoneyFormat.format("123456", "USD")).isEqualTo("$1,234.56");
        assertThat(MoneyFormat.format("abc", "USD")).isNull();
    }

    @Test
    void mcpToolNamesReadAsTheConsolesWords() {
        assertThat(McpMessages.forMarketer("The campaign 1 (\"A\") has a campaign budget (Advantage+ campaign "
                + "budget), so its ad sets cannot have their own: drop daily_budget, or change the budget with "
                + "update_campaign."))
                .doesNotContain("update_campaign").doesNotContain("daily_budget")
                .contains("drop the daily budget, or change the budget with the campaign's budget setting.");
        assertThat(McpMessages.forMarketer("Nothing to translate.")).isEqualTo("Nothing to translate.");
    }

    @Test
    void aRefusalBeforeMetaFillsCodeTitleAndMessages() {
        JsonNode error = JSON.readTree("""
                {"code":null,"error_subcode":null,"type":"InvalidArgument","message":"drop daily_budget, or change \
                the budget with update_campaign.","error_user_title":null,"error_user_msg":null,"fbtrace_id":null,\
                "is_transient":false,"category":"invalid_request","retry_after_seconds":null}""");
        Map<String, Object> validation = AdsGateway.validationError(error);
        assertThat(validation.get("code")).isEqualTo("meta_invalid_request");
        assertThat(validation.get("title")).isNotNull();
        assertThat((String) validation.get("message")).contains("the campaign's budget setting")
                .doesNotContain("update_campaign");
        assertThat(validation.get("user_message")).isEqualTo(validation.get("message"));
        assertThat(validation).doesNotContainKey("meta").doesNotContainValue(null);
    }

    @Test
    void aRefusalByMetaKeepsMetasTexts() {
        JsonNode error = JSON.readTree("""
                {"code":100,"error_subcode":1885272,"type":"OAuthException","message":"Invalid parameter",\
                "error_user_title":"Budget too low","error_user_msg":"The budget must be at least $1.00.",\
                "fbtrace_id":"Axyz","category":"invalid_request"}""");
        Map<String, Object> validation = AdsGateway.validationError(error);
        assertThat(validation.get("code")).isEqualTo("meta_invalid_request");
        assertThat(validation.get("title")).isEqualTo("Budget too low");
        assertThat(validation.get("message")).isEqualTo("The budget must be at least $1.00.");
        assertThat(validation.get("user_message")).isEqualTo("The budget must be at least $1.00.");
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) validation.get("meta");
        assertThat(meta.get("code")).isEqualTo(100);
        assertThat(meta.get("subcode")).isEqualTo(1885272);
        assertThat(meta.get("fbtrace_id")).isEqualTo("Axyz");
    }
}
