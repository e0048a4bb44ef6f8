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
        assertThat(ErrorCatalogue.forMarketer("The campaign 1 (\"A\") has a campaign budget (Advantage+ campaign "
                + "budget), so its ad sets cannot have their own: drop daily_budget, or change the budget with "
                + "update_campaign."))
                .doesNotContain("update_campaign").doesNotContain("daily_budget")
                .contains("drop the daily budget, or change the budget with the campaign's budget setting.");
        assertThat(ErrorCatalogue.forMarketer("Nothing to translate.")).isEqualTo("Nothing to translate.");
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
        assertThat(validation.get("title")).isEqualTo("Budget is too low"); // the catalogue's, by subcode
        assertThat(validation.get("next_step")).isEqualTo("Raise the budget and try again.");
        assertThat(validation.get("message")).isEqualTo("The budget must be at least $1.00.");
        assertThat(validation.get("user_message")).isEqualTo("The budget must be at least $1.00.");
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) validation.get("meta");
        assertThat(meta.get("code")).isEqualTo(100);
        assertThat(meta.get("subcode")).isEqualTo(1885272);
        assertThat(meta.get("fbtrace_id")).isEqualTo("Axyz");
    }

    @Test
    void amountsInCurrencyUnitsRoundTripWithZeroDecimalCurrencies() {
        assertThat(MoneyFormat.units(500_000, "USD")).isEqualTo("5000.00 USD");
        assertThat(MoneyFormat.units(5_000, "JPY")).isEqualTo("5000 JPY");
        assertThat(MoneyFormat.parseUnits("5000.00 USD", "USD")).isEqualTo(500_000L);
        assertThat(MoneyFormat.parseUnits("5,000", "USD")).isEqualTo(500_000L);
        assertThat(MoneyFormat.parseUnits("5000.5", "EUR")).isEqualTo(500_050L);
        assertThat(MoneyFormat.parseUnits("5000 JPY", "JPY")).isEqualTo(5_000L);
        assertThat(MoneyFormat.parseUnits("5000.50", "JPY")).as("JPY has no cents").isNull();
        assertThat(MoneyFormat.parseUnits("5000.00 EUR", "USD")).as("another currency").isNull();
        assertThat(MoneyFormat.parseUnits("lots", "USD")).isNull();
        assertThat(MoneyFormat.text(4_000, "USD")).isEqualTo("$40.00");
    }

    @Test
    void aLifetimeBudgetCountsByItsAveragePerDay() {
        java.time.Instant start = java.time.Instant.parse("2026-10-01T00:00:00Z");
        assertThat(AdsWriting.perDay(100_000, start, start.plus(java.time.Duration.ofDays(10)))).isEqualTo(10_000);
        assertThat(AdsWriting.perDay(100_000, start, start.plus(java.time.Duration.ofHours(36))))
                .as("a day and a half is two days").isEqualTo(50_000);
        assertThat(AdsWriting.perDay(100_000, start, null)).as("no end: all of it on one day").isEqualTo(100_000);
        assertThat(AdsWriting.time("2026-10-01T12:00:00-0700")).isEqualTo(java.time.Instant.parse("2026-10-01T19:00:00Z"));
        assertThat(AdsWriting.time("2026-10-01T12:00:00+02:00")).isEqualTo(java.time.Instant.parse("2026-10-01T10:00:00Z"));
        assertThat(AdsWriting.time("1796409982")).isEqualTo(java.time.Instant.ofEpochSecond(1796409982));
        assertThat(AdsWriting.time("soon")).isNull();
    }

    @Test
    void theCatalogueWordsMetaErrorsWithATitleASentenceAndANextStep() {
        ErrorCatalogue.Wording budgetTooOften = ErrorCatalogue.forMeta(613, 1487632, null, null,
                "(#613) Calls to this api have exceeded the rate limit.", "meta_rate_limited", true);
        assertThat(budgetTooOften.title()).isEqualTo("Budget changed too often");
        assertThat(budgetTooOften.nextStep()).contains("hour");
        ErrorCatalogue.Wording expired = ErrorCatalogue.forMeta(190, 463, null, null,
                "Error validating access token: Session has expired on Tuesday.", "connection_needs_reconnect", false);
        assertThat(expired.sentence()).isEqualTo("The Facebook sign-in behind this connection expired.");
        assertThat(ErrorCatalogue.forMeta(294, 0, null, null, "x", "meta_permission_denied", true).title())
                .isEqualTo("Ads access not approved");
        assertThat(ErrorCatalogue.forMeta(230, 0, null, null, "x", "meta_permission_denied", true).title())
                .as("200-299 read as permission").isEqualTo("Permission missing");
        assertThat(ErrorCatalogue.forMeta(80004, 2446079, null, null, "x", "meta_rate_limited", false).title())
                .isEqualTo("Facebook needs a short break");
        assertThat(ErrorCatalogue.forMeta(2635, 0, null, null, "(#2635) You are calling a deprecated version",
                "meta_invalid_request", true).title()).isEqualTo("Outdated connection");
        assertThat(ErrorCatalogue.forMeta(100, 1815857, null, null, "x", "meta_invalid_request",
                true).nextStep()).contains("bid");

        // A failed read never says a change was refused.
        ErrorCatalogue.Wording read = ErrorCatalogue.forMeta(1, 99, null, null, "An unknown error occurred",
                "meta_error", false);
        assertThat(read.title() + read.sentence() + read.nextStep()).doesNotContainIgnoringCase("refused")
                .doesNotContainIgnoringCase("change");
    }

    @Test
    void textsForProgramsLoseToolNamesArgumentNamesAndEpochTimes() {
        String text = ErrorCatalogue.forMarketer("The range is too long for one call. Call create_insights_report "
                + "with the same arguments. The current time is 1796409982. Send campaign_id and daily_budget.");
        assertThat(text).doesNotContain("create_insights_report").doesNotContain("1796409982")
                .doesNotContain("_id").doesNotContain("_budget")
                .startsWith("The range is too long for one call.")
                .contains("the campaign and the daily budget");
        assertThat(ErrorCatalogue.forMarketer("Use frobnicate_widget_id.")).isEqualTo("Use frobnicate widget.");
        assertThat(ErrorCatalogue.forMarketer("The campaign 120210000000000123 has a budget."))
                .isEqualTo("The campaign has a budget.");
    }
}
