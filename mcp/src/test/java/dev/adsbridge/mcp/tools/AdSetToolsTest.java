package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Toolset adsets against the sandbox: reads, writes, checks before Meta is called, and Meta's own errors. */
class AdSetToolsTest {

    static final Map<String, Object> TARGETING = Map.of(
            "geo_locations", Map.of("countries", List.of("US")),
            "age_min", 25, "age_max", 55,
            "targeting_automation", Map.of("advantage_audience", 0));

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static String token;
    /** A campaign without a campaign budget: its ad sets carry the budgets. */
    private static String adsetBudgetCampaign;
    /** A campaign with a daily campaign budget. */
    private static String campaignBudgetCampaign;
    /** A campaign with a campaign budget and a cost cap strategy. */
    private static String costCapCampaign;

    @BeforeAll
    static void campaigns() {
        token = TestEnv.token();
        adsetBudgetCampaign = campaign(Map.of("name", "Ad set budgets " + RUN, "use_adset_level_budgets", true));
        campaignBudgetCampaign = campaign(Map.of("name", "Campaign budget " + RUN, "daily_budget", 20000));
        costCapCampaign = campaign(Map.of("name", "Cost cap " + RUN, "daily_budget", 20000,
                "bid_strategy", "COST_CAP"));
    }

    // ------------------------------------------------------------------ reads

    @Test
    void getAdsetsPagesThroughTheAccountsAdSets() {
        JsonNode first = ok(callTool(token, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(first.get("data").size()).isEqualTo(10);
        JsonNode adset = first.at("/data/0");
        assertThat(adset.get("id").asString()).matches("[0-9]+");
        assertThat(adset.get("campaign_id").asString()).matches("[0-9]+");
        assertThat(adset.has("optimization_goal")).isTrue();
        assertThat(adset.has("targeting")).isTrue();
        String cursor = first.get("next_cursor").asString();

        JsonNode second = ok(callTool(token, "get_adsets", Map.of("account_id", "1000000001", "limit", 5,
                "after", cursor)));
        assertThat(second.get("data").size()).isEqualTo(5);
        assertThat(TestEnv.ids(second.get("data"))).doesNotContainAnyElementsOf(
                TestEnv.ids(first.get("data")));
    }

    @Test
    void getAdsetsOfOneCampaignReturnsOnlyThatCampaignsAdSets() {
        String campaignId = ok(callTool(token, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "limit", 1))).at("/data/0/campaign_id").asString();
        JsonNode adsets = ok(callTool(token, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "campaign_id", campaignId, "limit", 50)));
        assertThat(adsets.get("data").size()).isPositive();
        adsets.get("data").forEach(a -> assertThat(a.get("campaign_id").asString()).isEqualTo(campaignId));

        JsonNode paused = ok(callTool(token, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 30,
                "status_filter", "PAUSED")));
        assertThat(paused.get("data").size()).isPositive();
        paused.get("data").forEach(a -> assertThat(TestEnv.effectiveStatus(a)).isEqualTo("PAUSED"));
    }

    @Test
    void getAdsetDetailsReadsTargetingBiddingAndTheCampaign() {
        JsonNode listed = ok(callTool(token, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT, "limit", 1)))
                .at("/data/0");
        JsonNode details = ok(callTool(token, "get_adset_details", Map.of("adset_id", listed.get("id").asString())));
        assertThat(details.get("id").asString()).isEqualTo(listed.get("id").asString());
        assertThat(details.get("account_id").asString()).isEqualTo("1000000001");
        assertThat(details.at("/campaign/id").asString()).isEqualTo(listed.get("campaign_id").asString());
        assertThat(details.at("/campaign/objective").asString()).startsWith("OUTCOME_");
        assertThat(details.at("/targeting/geo_locations").isObject()).isTrue();
        assertThat(details.get("billing_event").asString()).isNotBlank();

        JsonNode unknown = error(callTool(token, "get_adset_details", Map.of("adset_id", "999999999")));
        assertThat(unknown.get("code").asInt()).isEqualTo(100);
        JsonNode notAnId = error(callTool(token, "get_adset_details", Map.of("adset_id", "my ad set")));
        assertThat(notAnId.get("type").asString()).isEqualTo("InvalidArgument");
    }

    // ------------------------------------------------------------------ create

    @Test
    void createAdsetCreatesAPausedAdSetWithItsBudgetAndTargeting() {
        String name = "Hikers 25-55 " + RUN;
        JsonNode created = ok(callTool(token, "create_adset", adset(adsetBudgetCampaign, name,
                "daily_budget", 5000)));
        assertThat(created.get("status").asString()).isEqualTo("PAUSED");
        assertThat(created.get("budget_level").asString()).isEqualTo("ad_set");
        assertThat(created.get("note").asString()).contains("create_ad");

        JsonNode details = ok(callTool(token, "get_adset_details", Map.of("adset_id", created.get("id").asString())));
        assertThat(details.get("name").asString()).isEqualTo(name);
        assertThat(details.get("status").asString()).isEqualTo("PAUSED");
        assertThat(details.get("campaign_id").asString()).isEqualTo(adsetBudgetCampaign);
        assertThat(details.get("daily_budget").asString()).isEqualTo("5000");
        assertThat(details.get("optimization_goal").asString()).isEqualTo("LINK_CLICKS");
        assertThat(details.get("billing_event").asString()).isEqualTo("IMPRESSIONS");
        assertThat(details.at("/targeting/targeting_automation/advantage_audience").asInt()).isZero();
        assertThat(details.at("/targeting/age_max").asInt()).isEqualTo(55);
        assertThat(details.at("/targeting/geo_locations/countries/0").asString()).isEqualTo("US");
    }

    @Test
    void aFrequencyCapAndDsaDetailsAreWrittenAndReadBack() {
        String name = "Capped EU " + RUN;
        JsonNode created = ok(callTool(token, "create_adset", adset(adsetBudgetCampaign, name, "daily_budget", 5000,
                "frequency_control_specs", List.of(Map.of("event", "IMPRESSIONS", "interval_days", 7,
                        "max_frequency", 3)),
                "dsa_beneficiary", "Whitfield Outdoor GmbH", "dsa_payor", "Whitfield Holding AG")));
        String id = created.get("id").asString();
        JsonNode details = ok(callTool(token, "get_adset_details", Map.of("adset_id", id)));
        assertThat(details.at("/frequency_control_specs/0/event").asString()).isEqualTo("IMPRESSIONS");
        assertThat(details.at("/frequency_control_specs/0/interval_days").asInt()).isEqualTo(7);
        assertThat(details.at("/frequency_control_specs/0/max_frequency").asInt()).isEqualTo(3);
        assertThat(details.get("dsa_beneficiary").asString()).isEqualTo("Whitfield Outdoor GmbH");

        JsonNode listed = ok(callTool(token, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "campaign_id", adsetBudgetCampaign, "limit", 100)));
        assertThat(TestEnv.find(listed.get("data"), id).at("/frequency_control_specs/0/max_frequency").asInt())
                .isEqualTo(3);

        ok(callTool(token, "update_adset", Map.of("adset_id", id, "frequency_control_specs",
                List.of(Map.of("event", "IMPRESSIONS", "interval_days", 14, "max_frequency", 2)))));
        assertThat(ok(callTool(token, "get_adset_details", Map.of("adset_id", id)))
                .at("/frequency_control_specs/0/interval_days").asInt()).isEqualTo(14);
    }

    @Test
    void createAdsetWithABidCapALifetimeBudgetAndASchedule() {
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(14, ChronoUnit.DAYS);
        JsonNode created = ok(callTool(token, "create_adset", adset(adsetBudgetCampaign, "Capped " + RUN,
                "lifetime_budget", 70000, "start_time", start.toString(), "end_time", end.getEpochSecond(),
                "bid_strategy", "LOWEST_COST_WITH_BID_CAP", "bid_amount", 250,
                "frequency_control_specs", List.of(Map.of("event", "IMPRESSIONS", "interval_days", 7,
                        "max_frequency", 3)))));
        JsonNode details = ok(callTool(token, "get_adset_details", Map.of("adset_id", created.get("id").asString())));
        assertThat(details.get("lifetime_budget").asString()).isEqualTo("70000");
        assertThat(details.get("bid_strategy").asString()).isEqualTo("LOWEST_COST_WITH_BID_CAP");
        assertThat(details.get("bid_amount").asString()).isEqualTo("250");
        assertThat(Instant.from(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")
                .parse(details.get("end_time").asString()))).isEqualTo(end);
    }

    @Test
    void anAdSetInACampaignWithACampaignBudgetHasNoBudgetOfItsOwn() {
        JsonNode created = ok(callTool(token, "create_adset", adset(campaignBudgetCampaign, "Under CBO " + RUN)));
        assertThat(created.get("budget_level").asString()).isEqualTo("campaign");
        JsonNode details = ok(callTool(token, "get_adset_details", Map.of("adset_id", created.get("id").asString())));
        assertThat(details.has("daily_budget")).isFalse();

        List<String> before = adsetNames(campaignBudgetCampaign);
        JsonNode both = error(callTool(token, "create_adset", adset(campaignBudgetCampaign, "Double " + RUN,
                "daily_budget", 5000)));
        assertThat(both.get("category").asString()).isEqualTo("invalid_request");
        assertThat(both.get("code").isNull()).as("refused by the tool, not by Meta").isTrue();
        assertThat(both.get("message").asString()).contains("campaign budget").contains("drop daily_budget");
        assertThat(adsetNames(campaignBudgetCampaign)).isEqualTo(before);
    }

    @Test
    void theCampaignsCostCapNeedsABidAmountOnTheAdSet() {
        JsonNode missing = error(callTool(token, "create_adset", adset(costCapCampaign, "No bid " + RUN)));
        assertThat(missing.get("message").asString()).contains("COST_CAP").contains("inherited from the campaign")
                .contains("bid_amount");
        JsonNode created = ok(callTool(token, "create_adset", adset(costCapCampaign, "With bid " + RUN,
                "bid_amount", 650)));
        assertThat(created.get("budget_level").asString()).isEqualTo("campaign");
    }

    @Test
    void validateOnlyAsksMetaAndCreatesNothing() {
        String name = "Dry run " + RUN;
        JsonNode dry = ok(callTool(token, "create_adset", adset(adsetBudgetCampaign, name, "daily_budget", 3000,
                "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(dry.has("id")).isFalse();
        assertThat(adsetNames(adsetBudgetCampaign)).doesNotContain(name);

        // Meta's own rules still apply in a dry run: a budget below the account minimum.
        JsonNode tooLow = error(callTool(token, "create_adset", adset(adsetBudgetCampaign, name, "daily_budget", 1,
                "validate_only", true)));
        assertThat(tooLow.get("code").asInt()).isEqualTo(100);
        assertThat(tooLow.get("error_user_title").asString()).isEqualTo("Budget Is Too Low");
    }

    @Test
    void invalidAdSetsAreRefusedBeforeMetaIsCalledAndNothingIsCreated() {
        String name = "Never created " + RUN;
        List<String> before = adsetNames(adsetBudgetCampaign);
        Map<String, Object> noFlag = new LinkedHashMap<>(TARGETING);
        noFlag.remove("targeting_automation");
        Map<String, Object> noPlace = new LinkedHashMap<>(TARGETING);
        noPlace.put("geo_locations", Map.of("countries", List.of()));
        Map<String, Object> advantageAgeCap = new LinkedHashMap<>(TARGETING);
        advantageAgeCap.put("targeting_automation", Map.of("advantage_audience", 1));
        Map<String, Object> tooOld = new LinkedHashMap<>(TARGETING);
        tooOld.put("age_max", 70);
        Map<String, Object> lowerCaseCountry = new LinkedHashMap<>(TARGETING);
        lowerCaseCountry.put("geo_locations", Map.of("countries", List.of("us")));

        Map<String, List<Object>> cases = new LinkedHashMap<>();
        cases.put("no advantage flag", List.of(with(name, "targeting", noFlag),
                "\"targeting_automation\":{\"advantage_audience\":0}"));
        cases.put("no location", List.of(with(name, "targeting", noPlace), "geo_locations"));
        cases.put("no targeting", List.of(with(name, "targeting", ""), "targeting"));
        cases.put("advantage with age cap", List.of(with(name, "targeting", advantageAgeCap), "age_max 55"));
        cases.put("age over 65", List.of(with(name, "targeting", tooOld), "between 13 and 65"));
        cases.put("lower-case country", List.of(with(name, "targeting", lowerCaseCountry), "upper-case"));
        cases.put("targeting not an object", List.of(with(name, "targeting", "US adults"), "targeting"));
        cases.put("bid cap without bid", List.of(with(name, "bid_strategy", "LOWEST_COST_WITH_BID_CAP"),
                "needs bid_amount"));
        cases.put("min roas without floor", List.of(with(name, "bid_strategy", "LOWEST_COST_WITH_MIN_ROAS"),
                "roas_average_floor"));
        cases.put("lowest cost typo", List.of(with(name, "bid_strategy", "LOWEST_COST"), "LOWEST_COST_WITHOUT_CAP"));
        cases.put("bid without cap strategy", List.of(with(name, "bid_strategy", "LOWEST_COST_WITHOUT_CAP",
                "bid_amount", 300), "does not apply"));
        cases.put("both budgets", List.of(with(name, "lifetime_budget", 90000), "not both"));
        cases.put("decimal budget", List.of(with(name, "daily_budget", 49.99), "whole number"));
        cases.put("lifetime without end", List.of(with(name, "daily_budget", "", "lifetime_budget", 90000),
                "end_time"));
        cases.put("end before start", List.of(with(name, "start_time", "2030-02-01T00:00:00Z",
                "end_time", "2030-01-01T00:00:00Z"), "after start_time"));
        cases.put("billing does not fit goal", List.of(with(name, "optimization_goal", "REACH",
                "billing_event", "LINK_CLICKS"), "IMPRESSIONS"));
        cases.put("legacy goal", List.of(with(name, "optimization_goal", "CONVERSIONS"), "OFFSITE_CONVERSIONS"));
        cases.put("conversions without pixel", List.of(with(name, "optimization_goal", "OFFSITE_CONVERSIONS"),
                "pixel_id"));
        cases.put("unknown billing event", List.of(with(name, "billing_event", "VIEWS"), "IMPRESSIONS"));
        cases.put("deleted on create", List.of(with(name, "status", "DELETED"), "ACTIVE, PAUSED"));
        cases.put("frequency cap without days", List.of(with(name, "frequency_control_specs",
                List.of(Map.of("event", "IMPRESSIONS", "max_frequency", 2))), "interval_days"));
        cases.put("campaign id not numeric", List.of(with(name, "campaign_id", "spring sale"), "campaign_id"));

        Tripwire.assertMetaNotCalled("act_1000000001/adsets", "POST", "no ad set create reached Meta", () ->
                cases.forEach((label, testCase) -> TestEnv.assertRefusedBeforeMeta(token, "create_adset",
                        (Map<?, ?>) testCase.get(0), (String) testCase.get(1), label)));
        assertThat(adsetNames(adsetBudgetCampaign)).isEqualTo(before).doesNotContain(name);
    }

    @Test
    void aTokenWithOnlyAdsReadGetsAPermissionErrorAndNothingIsCreated() {
        String readOnly = TestEnv.token(TestEnv.DEMO_USER, List.of("ads_read"), null);
        String name = "Read only " + RUN;
        JsonNode error = error(callTool(readOnly, "create_adset", adset(adsetBudgetCampaign, name,
                "daily_budget", 5000)));
        assertThat(error.get("category").asString()).isEqualTo("permission");
        assertThat(error.get("message").asString()).contains("ads_management");
        assertThat(adsetNames(adsetBudgetCampaign)).doesNotContain(name);
        JsonNode update = error(callTool(readOnly, "update_adset", Map.of("adset_id", newAdset("Perm " + RUN),
                "status", "ACTIVE")));
        assertThat(update.get("category").asString()).isEqualTo("permission");
    }

    // ------------------------------------------------------------------ update

    @Test
    void updateAdsetChangesOnlyWhatIsPassed() {
        String id = newAdset("To update " + RUN);
        Map<String, Object> targeting = new LinkedHashMap<>(TARGETING);
        targeting.put("geo_locations", Map.of("countries", List.of("US", "CA")));
        JsonNode updated = ok(callTool(token, "update_adset", Map.of("adset_id", id, "name", "Renamed " + RUN,
                "daily_budget", 6500, "targeting", targeting)));
        assertThat(updated.get("success").asBoolean()).isTrue();
        assertThat(TestEnv.texts(updated.get("updated_fields"))).containsExactlyInAnyOrder("name", "daily_budget",
                "targeting");
        JsonNode details = ok(callTool(token, "get_adset_details", Map.of("adset_id", id)));
        assertThat(details.get("name").asString()).isEqualTo("Renamed " + RUN);
        assertThat(details.get("daily_budget").asString()).isEqualTo("6500");
        assertThat(details.at("/targeting/geo_locations/countries/1").asString()).isEqualTo("CA");
        assertThat(details.get("status").asString()).isEqualTo("PAUSED");
    }

    @Test
    void updateAdsetDryRunChangesNothingAndStatusChangesWork() {
        String id = newAdset("Dry update " + RUN);
        JsonNode dry = ok(callTool(token, "update_adset", Map.of("adset_id", id, "status", "ACTIVE",
                "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(ok(callTool(token, "get_adset_details", Map.of("adset_id", id))).get("status").asString())
                .isEqualTo("PAUSED");
        ok(callTool(token, "update_adset", Map.of("adset_id", id, "status", "ARCHIVED")));
        assertThat(ok(callTool(token, "get_adset_details", Map.of("adset_id", id))).get("status").asString())
                .isEqualTo("ARCHIVED");
    }

    @Test
    void switchingToACapNeedsABidUnlessTheAdSetHasOne() {
        String id = newAdset("Switch cap " + RUN);
        JsonNode refused = error(callTool(token, "update_adset", Map.of("adset_id", id,
                "bid_strategy", "COST_CAP")));
        assertThat(refused.get("message").asString()).contains("needs bid_amount");
        ok(callTool(token, "update_adset", Map.of("adset_id", id, "bid_strategy", "COST_CAP", "bid_amount", 400)));
        // The ad set now has a bid: switching between capped strategies needs no new one.
        ok(callTool(token, "update_adset", Map.of("adset_id", id, "bid_strategy", "LOWEST_COST_WITH_BID_CAP")));
        JsonNode details = ok(callTool(token, "get_adset_details", Map.of("adset_id", id)));
        assertThat(details.get("bid_strategy").asString()).isEqualTo("LOWEST_COST_WITH_BID_CAP");
        assertThat(details.get("bid_amount").asString()).isEqualTo("400");
    }

    @Test
    void invalidUpdatesAreRefusedBeforeMeta() {
        String id = newAdset("Bad update " + RUN);
        Map<String, Object> noFlag = new LinkedHashMap<>(TARGETING);
        noFlag.remove("targeting_automation");
        assertThat(error(callTool(token, "update_adset", Map.of("adset_id", id))).get("message").asString())
                .contains("Nothing to update");
        assertThat(error(callTool(token, "update_adset", Map.of("adset_id", id, "targeting", noFlag)))
                .get("message").asString()).contains("advantage_audience");
        assertThat(error(callTool(token, "update_adset", Map.of("adset_id", id, "daily_budget", 0)))
                .get("message").asString()).contains("positive");
        assertThat(error(callTool(token, "update_adset", Map.of("adset_id", id, "optimization_goal", "REACH",
                "billing_event", "THRUPLAY"))).get("message").asString()).contains("IMPRESSIONS");
        assertThat(ok(callTool(token, "get_adset_details", Map.of("adset_id", id))).get("name").asString())
                .isEqualTo("Bad update " + RUN);
    }

    @Test
    void theFifthBudgetChangeInAnHourIsARateLimitWithRetryAfter() {
        String id = newAdset("Budget churn " + RUN);
        for (int change = 1; change <= 4; change++) {
            ok(callTool(token, "update_adset", Map.of("adset_id", id, "daily_budget", 5000 + change * 100)));
        }
        JsonNode fifth = error(callTool(token, "update_adset", Map.of("adset_id", id, "daily_budget", 9900)));
        assertThat(fifth.get("category").asString()).isEqualTo("rate_limit");
        assertThat(fifth.get("code").asInt()).isEqualTo(613);
        assertThat(fifth.get("error_subcode").asInt()).isEqualTo(1487632);
        assertThat(fifth.get("retry_after_seconds").asLong()).as("the hour-long window").isEqualTo(3600);
        assertThat(fifth.get("message").asString()).contains("4 budget changes per ad set per hour");
        JsonNode details = ok(callTool(token, "get_adset_details", Map.of("adset_id", id)));
        assertThat(details.get("daily_budget").asString()).isEqualTo("5400");
        // Other changes still go through.
        ok(callTool(token, "update_adset", Map.of("adset_id", id, "name", "Still editable " + RUN)));
    }

    // ------------------------------------------------------------------ Meta's failures

    @Test
    void anExpiredTokenIsAnAuthErrorOnReadsAndWrites() {
        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.fault("expire_token", TestEnv.BIG_ACCOUNT + "/adsets", "GET", 1);
        JsonNode read = error(callTool(expiring, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT)));
        assertThat(read.get("category").asString()).isEqualTo("auth");
        assertThat(read.get("code").asInt()).isEqualTo(190);
        JsonNode write = error(callTool(expiring, "create_adset", adset(adsetBudgetCampaign, "Expired " + RUN,
                "daily_budget", 5000)));
        assertThat(write.get("category").asString()).isEqualTo("auth");
    }

    @Test
    void aRateLimitedWriteIsReportedWithRetryAfter() {
        String id = newAdset("Throttled " + RUN);
        TestEnv.fault("rate_limit", id, "POST", 1);
        JsonNode error = error(callTool(token, "update_adset", Map.of("adset_id", id, "name", "x " + RUN)));
        assertThat(error.get("category").asString()).isEqualTo("rate_limit");
        assertThat(error.get("retry_after_seconds").asLong()).isPositive();
        assertThat(ok(callTool(token, "get_adset_details", Map.of("adset_id", id))).get("name").asString())
                .isEqualTo("Throttled " + RUN);
    }

    // ------------------------------------------------------------------ helpers

    private static String campaign(Map<String, Object> settings) {
        Map<String, Object> arguments = new LinkedHashMap<>(settings);
        arguments.put("account_id", TestEnv.BIG_ACCOUNT);
        arguments.put("objective", "OUTCOME_TRAFFIC");
        return ok(callTool(token, "create_campaign", arguments)).get("id").asString();
    }

    /** A paused ad set with a daily budget in the ad-set-budget campaign; returns its id. */
    static String newAdset(String name) {
        return ok(callTool(token, "create_adset", adset(adsetBudgetCampaign, name, "daily_budget", 5000)))
                .get("id").asString();
    }

    static Map<String, Object> adset(String campaignId, String name, Object... overrides) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("account_id", TestEnv.BIG_ACCOUNT);
        arguments.put("campaign_id", campaignId);
        arguments.put("name", name);
        arguments.put("optimization_goal", "LINK_CLICKS");
        arguments.put("billing_event", "IMPRESSIONS");
        arguments.put("targeting", TARGETING);
        for (int i = 0; i < overrides.length; i += 2) {
            arguments.put((String) overrides[i], overrides[i + 1]);
        }
        return arguments;
    }

    /** Valid arguments for the ad-set-budget campaign with a daily budget, then the overrides. */
    private static Map<String, Object> with(String name, Object... overrides) {
        Map<String, Object> arguments = adset(adsetBudgetCampaign, name, "daily_budget", 5000);
        for (int i = 0; i < overrides.length; i += 2) {
            arguments.put((String) overrides[i], overrides[i + 1]);
        }
        return arguments;
    }

    /** Every ad set name of a campaign in every status. */
    private static List<String> adsetNames(String campaignId) {
        JsonNode page = ok(callTool(token, "get_adsets", Map.of("account_id", TestEnv.BIG_ACCOUNT,
                "campaign_id", campaignId, "limit", 100, "status_filter", AdSetTools.EFFECTIVE_STATUSES)));
        return TestEnv.names(page.get("data"));
    }
}
