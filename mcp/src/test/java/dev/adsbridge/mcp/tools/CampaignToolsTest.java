package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Toolset campaigns against the sandbox: reads, writes, validation before Meta, and Meta's errors. */
class CampaignToolsTest {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static String token;

    @BeforeAll
    static void token() {
        token = TestEnv.token();
    }

    // ------------------------------------------------------------------ reads

    @Test
    void getCampaignsReturnsAPageWithPagingAndNextCursor() {
        JsonNode first = ok(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(first.get("data").size()).isEqualTo(10);
        JsonNode campaign = first.get("data").get(0);
        assertThat(campaign.get("id").asString()).matches("[0-9]+");
        assertThat(campaign.has("objective")).isTrue();
        assertThat(TestEnv.effectiveStatus(campaign)).isNotBlank();
        String cursor = first.get("next_cursor").asString();
        assertThat(first.has("paging")).as("compact answers keep next_cursor, not Meta's paging URLs").isFalse();
        JsonNode raw = ok(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "compact", false)));
        assertThat(raw.at("/paging/cursors/after").isString()).isTrue();
        assertThat(raw.at("/paging/next").asString()).doesNotContain("access_token");

        JsonNode second = ok(callTool(token, "get_campaigns", Map.of("account_id", "1000000001", "limit", 5,
                "after", cursor)));
        assertThat(second.get("data").size()).isEqualTo(5);
        assertThat(TestEnv.ids(second.get("data"))).doesNotContainAnyElementsOf(
                TestEnv.ids(first.get("data")));
    }

    @Test
    void theBackendRequestForARealAccountGetsCampaigns() {
        JsonNode result = ok(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 20)));
        assertThat(result.get("data").size()).isEqualTo(20);
    }

    @Test
    void getCampaignsFiltersByStatusAndObjective() {
        JsonNode paused = ok(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 50, "status_filter", "PAUSED")));
        assertThat(paused.get("data").size()).isPositive();
        paused.get("data").forEach(c -> assertThat(TestEnv.effectiveStatus(c)).isEqualTo("PAUSED"));

        JsonNode sales = ok(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 50, "objective_filter", "OUTCOME_SALES")));
        assertThat(sales.get("data").size()).isPositive();
        sales.get("data").forEach(c -> assertThat(c.get("objective").asString()).isEqualTo("OUTCOME_SALES"));

        JsonNode either = ok(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 50, "objective_filter", List.of("OUTCOME_SALES", "OUTCOME_LEADS"), "status_filter", "")));
        assertThat(either.get("data").size()).isPositive();
        either.get("data").forEach(c -> assertThat(c.get("objective").asString())
                .isIn("OUTCOME_SALES", "OUTCOME_LEADS"));
    }

    @Test
    void getCampaignsRejectsBadFiltersBeforeCallingMeta() {
        JsonNode error = error(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "status_filter", "RUNNING")));
        assertThat(error.get("category").asString()).isEqualTo("invalid_request");
        assertThat(error.get("message").asString()).contains("status_filter").contains("ACTIVE");
        JsonNode limit = error(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 0)));
        assertThat(limit.get("message").asString()).contains("limit");
    }

    @Test
    void getCampaignDetailsReadsOneCampaign() {
        String id = ok(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1)))
                .at("/data/0/id").asString();
        JsonNode details = ok(callTool(token, "get_campaign_details", Map.of("campaign_id", id)));
        assertThat(details.get("id").asString()).isEqualTo(id);
        assertThat(details.get("account_id").asString()).isEqualTo("1000000001");
        assertThat(details.has("configured_status")).isTrue();

        JsonNode notNumeric = error(callTool(token, "get_campaign_details", Map.of("campaign_id", "my campaign")));
        assertThat(notNumeric.get("type").asString()).isEqualTo("InvalidArgument");
        JsonNode unknown = error(callTool(token, "get_campaign_details", Map.of("campaign_id", "999999999")));
        assertThat(unknown.get("code").asInt()).isEqualTo(100);
        assertThat(unknown.get("fbtrace_id").isString()).isTrue();
    }

    // ------------------------------------------------------------------ create

    @Test
    void createCampaignCreatesAPausedCampaignWithACampaignBudget() {
        String name = "Spring sale " + RUN;
        JsonNode created = ok(callTool(token, "create_campaign", Map.of("account_id", "1000000002", "name", name,
                "objective", "OUTCOME_SALES", "daily_budget", 5000, "special_ad_categories", List.of())));
        String id = created.get("id").asString();
        assertThat(created.get("status").asString()).isEqualTo("PAUSED");
        assertThat(created.get("budget_level").asString()).isEqualTo("campaign");

        JsonNode details = ok(callTool(token, "get_campaign_details", Map.of("campaign_id", id)));
        assertThat(details.get("name").asString()).isEqualTo(name);
        assertThat(details.get("status").asString()).isEqualTo("PAUSED");
        assertThat(details.get("objective").asString()).isEqualTo("OUTCOME_SALES");
        assertThat(details.get("daily_budget").asString()).isEqualTo("5000");
        assertThat(details.get("bid_strategy").asString()).isEqualTo("LOWEST_COST_WITHOUT_CAP");
    }

    @Test
    void createCampaignWithoutABudgetLeavesBudgetsToTheAdSets() {
        String name = "Ad set budgets " + RUN;
        JsonNode created = ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", name, "objective", "OUTCOME_TRAFFIC", "use_adset_level_budgets", true)));
        assertThat(created.get("budget_level").asString()).isEqualTo("ad_set");
        assertThat(created.get("note").asString()).contains("create_adset");
        JsonNode details = ok(callTool(token, "get_campaign_details", Map.of("campaign_id",
                created.get("id").asString())));
        assertThat(details.has("daily_budget")).isFalse();
        assertThat(details.get("is_adset_budget_sharing_enabled").asBoolean()).isFalse();

        JsonNode implicit = ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", "Implicit " + name, "objective", "OUTCOME_AWARENESS")));
        assertThat(implicit.get("budget_level").asString()).isEqualTo("ad_set");
    }

    @Test
    void createCampaignWithACappedStrategyAndAZeroDecimalCurrency() {
        JsonNode created = ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.JPY_ACCOUNT,
                "name", "Tokyo " + RUN, "objective", "OUTCOME_TRAFFIC", "daily_budget", "3000",
                "bid_strategy", "LOWEST_COST_WITH_BID_CAP", "status", "active")));
        JsonNode details = ok(callTool(token, "get_campaign_details", Map.of("campaign_id",
                created.get("id").asString())));
        assertThat(details.get("daily_budget").asString()).isEqualTo("3000");
        assertThat(details.get("bid_strategy").asString()).isEqualTo("LOWEST_COST_WITH_BID_CAP");
        assertThat(details.get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void validateOnlyChecksWithMetaAndCreatesNothing() {
        String name = "Dry run " + RUN;
        JsonNode dry = ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT, "name", name,
                "objective", "OUTCOME_LEADS", "daily_budget", 2500, "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(dry.has("id")).isFalse();
        assertThat(campaignNames(TestEnv.EUR_ACCOUNT)).doesNotContain(name);

        // Meta's own validation still runs in a dry run: a budget below the account minimum is refused.
        JsonNode tooLow = error(callTool(token, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", name, "objective", "OUTCOME_LEADS", "daily_budget", 1, "validate_only", true)));
        assertThat(tooLow.get("code").asInt()).isEqualTo(100);
        assertThat(tooLow.get("category").asString()).isEqualTo("invalid_request");
    }

    @Test
    void invalidCreatesAreRefusedBeforeMetaIsCalledAndNothingIsCreated() {
        String name = "Never created " + RUN;
        List<String> before = campaignNames(TestEnv.EUR_ACCOUNT);
        Map<String, List<Object>> cases = new LinkedHashMap<>();
        cases.put("objective", List.of(base(name, "objective", "CONVERSIONS"), "OUTCOME_SALES"));
        cases.put("unknown objective", List.of(base(name, "objective", "MORE_SALES"), "OUTCOME_AWARENESS"));
        cases.put("special ad category", List.of(base(name, "special_ad_categories", List.of("DATING")),
                "special_ad_categories"));
        cases.put("decimal budget", List.of(base(name, "daily_budget", 10.5), "1050"));
        cases.put("decimal budget text", List.of(base(name, "daily_budget", "12.50"), "minor"));
        cases.put("negative budget", List.of(base(name, "lifetime_budget", -100), "positive"));
        cases.put("both budgets", List.of(base(name, "daily_budget", 5000, "lifetime_budget", 90000), "not both"));
        cases.put("adset budgets and campaign budget", List.of(base(name, "daily_budget", 5000,
                "use_adset_level_budgets", true), "use_adset_level_budgets"));
        cases.put("campaign bid cap", List.of(base(name, "daily_budget", 5000, "bid_strategy", "COST_CAP",
                "bid_cap", 300), "bid_amount=300"));
        cases.put("bid strategy without campaign budget", List.of(base(name, "bid_strategy",
                "LOWEST_COST_WITH_BID_CAP", "bid_cap", 300), "ad set"));
        cases.put("cbo without budget", List.of(base(name, "campaign_budget_optimization", true), "daily_budget"));
        cases.put("cbo off with budget", List.of(base(name, "campaign_budget_optimization", false,
                "daily_budget", 5000), "contradicts"));
        cases.put("deleted on create", List.of(base(name, "status", "DELETED"), "ACTIVE, PAUSED"));
        cases.put("past stop time", List.of(base(name, "stop_time", "2020-01-01T00:00:00Z"), "future"));
        cases.put("missing name", List.of(Map.of("account_id", TestEnv.EUR_ACCOUNT, "objective", "OUTCOME_SALES"),
                "name"));
        cases.put("bad account", List.of(base(name, "account_id", "euro account"), "account_id"));

        cases.forEach((label, testCase) -> TestEnv.assertRefusedBeforeMeta(token, "create_campaign",
                (Map<?, ?>) testCase.get(0), (String) testCase.get(1), label));
        assertThat(campaignNames(TestEnv.EUR_ACCOUNT)).isEqualTo(before).doesNotContain(name);
    }

    @Test
    void aTokenWithoutAdsManagementGetsAPermissionErrorAndNothingIsCreated() {
        String readOnlyToken = TestEnv.token(TestEnv.DEMO_USER, List.of("ads_read"), null);
        String name = "Read only " + RUN;
        JsonNode error = error(callTool(readOnlyToken, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", name, "objective", "OUTCOME_SALES", "daily_budget", 5000)));
        assertThat(error.get("category").asString()).isEqualTo("permission");
        assertThat(error.get("message").asString()).contains("ads_management");
        assertThat(campaignNames(TestEnv.EUR_ACCOUNT)).doesNotContain(name);
        // Reading still works with ads_read.
        assertThat(ok(callTool(readOnlyToken, "get_campaigns", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "limit", 1))).get("data").size()).isEqualTo(1);
    }

    @Test
    void aDisabledAccountRefusesNewCampaigns() {
        JsonNode error = error(callTool(token, "create_campaign", Map.of("account_id", TestEnv.DISABLED_ACCOUNT,
                "name", "Disabled " + RUN, "objective", "OUTCOME_SALES")));
        assertThat(error.get("code").isNull()).isFalse();
    }

    // ------------------------------------------------------------------ update

    @Test
    void updateCampaignChangesOnlyWhatIsPassed() {
        String id = newCampaign("To update " + RUN, 4000);
        JsonNode updated = ok(callTool(token, "update_campaign", Map.of("campaign_id", id,
                "name", "Updated " + RUN, "daily_budget", 6000, "status", "ACTIVE", "spend_cap", "900000")));
        assertThat(updated.get("success").asBoolean()).isTrue();
        assertThat(updated.get("updated_fields").toString()).contains("name", "daily_budget", "status", "spend_cap");

        JsonNode details = ok(callTool(token, "get_campaign_details", Map.of("campaign_id", id)));
        assertThat(details.get("name").asString()).isEqualTo("Updated " + RUN);
        assertThat(details.get("daily_budget").asString()).isEqualTo("6000");
        assertThat(details.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(details.get("spend_cap").asString()).isEqualTo("900000");
        assertThat(details.get("objective").asString()).isEqualTo("OUTCOME_TRAFFIC");
    }

    @Test
    void updateCampaignDryRunChangesNothing() {
        String id = newCampaign("Dry update " + RUN, 4000);
        JsonNode dry = ok(callTool(token, "update_campaign", Map.of("campaign_id", id, "daily_budget", 8000,
                "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        JsonNode details = ok(callTool(token, "get_campaign_details", Map.of("campaign_id", id)));
        assertThat(details.get("daily_budget").asString()).isEqualTo("4000");
    }

    @Test
    void updateCampaignCanArchiveAndDelete() {
        String id = newCampaign("To delete " + RUN, 4000);
        ok(callTool(token, "update_campaign", Map.of("campaign_id", id, "status", "deleted")));
        JsonNode details = ok(callTool(token, "get_campaign_details", Map.of("campaign_id", id)));
        assertThat(details.get("status").asString()).isEqualTo("DELETED");
        // Meta refuses to edit a deleted campaign; the tool passes Meta's answer on.
        JsonNode error = error(callTool(token, "update_campaign", Map.of("campaign_id", id, "name", "again")));
        assertThat(error.get("code").asInt()).isEqualTo(100);
    }

    @Test
    void invalidUpdatesAreRefusedBeforeMeta() {
        String id = newCampaign("Invalid updates " + RUN, 4000);
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("Nothing to update", Map.of("campaign_id", id));
        cases.put("not both", Map.of("campaign_id", id, "daily_budget", 5000, "lifetime_budget", 50000));
        cases.put("must be one of", Map.of("campaign_id", id, "status", "RUNNING"));
        cases.put("minor currency units", Map.of("campaign_id", id, "daily_budget", "49.99"));
        cases.put("not a campaign setting", Map.of("campaign_id", id, "bid_strategy", "COST_CAP",
                "bid_cap", 100));
        cases.put("adset_id", Map.of("campaign_id", id, "adset_budgets", List.of(Map.of("daily_budget", 100))));
        cases.put("cannot come with", Map.of("campaign_id", id, "daily_budget", 5000,
                "adset_budgets", List.of(Map.of("adset_id", "123", "daily_budget", 100))));
        cases.put("campaign id", Map.of("campaign_id", "act_1"));
        cases.forEach((expected, arguments) -> TestEnv.assertRefusedBeforeMeta(token, "update_campaign", arguments,
                expected, expected));
        JsonNode details = ok(callTool(token, "get_campaign_details", Map.of("campaign_id", id)));
        assertThat(details.get("daily_budget").asString()).isEqualTo("4000");
        assertThat(details.get("status").asString()).isEqualTo("PAUSED");
    }

    // ------------------------------------------------------------------ budget schedules

    @Test
    void createBudgetScheduleSchedulesAnIncrease() {
        String id = newCampaign("Scheduled " + RUN, 5000);
        Instant start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode schedule = ok(callTool(token, "create_budget_schedule", Map.of("campaign_id", id,
                "budget_value", 2000, "budget_value_type", "ABSOLUTE", "time_start", start.getEpochSecond(),
                "time_end", start.plus(2, ChronoUnit.DAYS).toString())));
        assertThat(schedule.get("id").asString()).matches("[0-9]+");
        assertThat(schedule.get("time_start").asLong()).isEqualTo(start.getEpochSecond());
        assertThat(schedule.get("time_end").asLong()).isEqualTo(start.plus(2, ChronoUnit.DAYS).getEpochSecond());

        JsonNode dry = ok(callTool(token, "create_budget_schedule", Map.of("campaign_id", id,
                "budget_value", 50, "budget_value_type", "multiplier", "time_start", start.getEpochSecond(),
                "time_end", start.getEpochSecond() + 3600, "validate_only", true)));
        assertThat(dry.has("id")).isFalse();
    }

    @Test
    void createBudgetScheduleValidatesThePeriodBeforeMeta() {
        String id = newCampaign("Bad schedule " + RUN, 5000);
        long now = Instant.now().getEpochSecond();
        JsonNode backwards = error(callTool(token, "create_budget_schedule", Map.of("campaign_id", id,
                "budget_value", 100, "budget_value_type", "ABSOLUTE", "time_start", now + 7200,
                "time_end", now + 3600)));
        assertThat(backwards.get("message").asString()).contains("after time_start");
        JsonNode past = error(callTool(token, "create_budget_schedule", Map.of("campaign_id", id,
                "budget_value", 100, "budget_value_type", "ABSOLUTE", "time_start", now - 7200,
                "time_end", now - 3600)));
        assertThat(past.get("message").asString()).contains("past");
        JsonNode type = error(callTool(token, "create_budget_schedule", Map.of("campaign_id", id,
                "budget_value", 100, "budget_value_type", "PERCENT", "time_start", now + 3600,
                "time_end", now + 7200)));
        assertThat(type.get("message").asString()).contains("ABSOLUTE, MULTIPLIER");
        JsonNode time = error(callTool(token, "create_budget_schedule", Map.of("campaign_id", id,
                "budget_value", 100, "budget_value_type", "ABSOLUTE", "time_start", "next tuesday",
                "time_end", now + 7200)));
        assertThat(time.get("message").asString()).contains("time_start").contains("ISO-8601");
    }

    @Test
    void aCampaignWithoutADailyBudgetCannotHaveASchedule() {
        String id = ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", "No budget schedule " + RUN, "objective", "OUTCOME_TRAFFIC"))).get("id").asString();
        long start = Instant.now().getEpochSecond() + 86400;
        JsonNode error = error(callTool(token, "create_budget_schedule", Map.of("campaign_id", id,
                "budget_value", 100, "budget_value_type", "ABSOLUTE", "time_start", start, "time_end", start + 3600)));
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("error_user_title").asString()).isNotBlank();
    }

    // ------------------------------------------------------------------ Meta's failures

    @Test
    void anExpiredTokenIsAnAuthErrorOnReadsAndWrites() {
        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.fault("expire_token", TestEnv.BIG_ACCOUNT + "/campaigns", "GET", 1);
        JsonNode read = error(callTool(expiring, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(read.get("category").asString()).isEqualTo("auth");
        assertThat(read.get("error_subcode").asInt()).isEqualTo(463);
        JsonNode write = error(callTool(expiring, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "name", "Expired " + RUN, "objective", "OUTCOME_SALES")));
        assertThat(write.get("category").asString()).isEqualTo("auth");
    }

    @Test
    void aRateLimitIsReportedWithRetryAfter() {
        TestEnv.fault("rate_limit", TestEnv.BIG_ACCOUNT + "/campaigns", "GET", 1);
        JsonNode error = error(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(error.get("category").asString()).isEqualTo("rate_limit");
        assertThat(error.get("retry_after_seconds").asLong()).isPositive();
        assertThat(error.get("code").asInt()).isIn(4, 17, 613, 80000, 80004);
    }

    @Test
    void aTransientServerErrorIsMarkedTransient() {
        TestEnv.fault("transient", TestEnv.BIG_ACCOUNT + "/campaigns", "GET", 1);
        JsonNode error = error(callTool(token, "get_campaigns", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(error.get("category").asString()).isEqualTo("transient");
        assertThat(error.get("is_transient").asBoolean()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private String newCampaign(String name, long dailyBudget) {
        return ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT, "name", name,
                "objective", "OUTCOME_TRAFFIC", "daily_budget", dailyBudget))).get("id").asString();
    }

    private static Map<String, Object> base(String name, Object... overrides) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("account_id", TestEnv.EUR_ACCOUNT);
        arguments.put("name", name);
        arguments.put("objective", "OUTCOME_SALES");
        for (int i = 0; i < overrides.length; i += 2) {
            arguments.put((String) overrides[i], overrides[i + 1]);
        }
        return arguments;
    }

    /** Every campaign name of the account in every status, following the pages. */
    private static List<String> campaignNames(String account) {
        List<String> names = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> arguments = new LinkedHashMap<>();
            arguments.put("account_id", account);
            arguments.put("limit", 500);
            arguments.put("status_filter", String.join(",", Set.of("ACTIVE", "PAUSED", "ARCHIVED", "DELETED",
                    "IN_PROCESS", "WITH_ISSUES")));
            if (after != null) {
                arguments.put("after", after);
            }
            JsonNode page = ok(callTool(token, "get_campaigns", arguments));
            page.get("data").forEach(c -> names.add(c.get("name").asString()));
            after = page.has("next_cursor") ? page.get("next_cursor").asString() : null;
        } while (after != null);
        names.sort(null);
        return names;
    }
}
