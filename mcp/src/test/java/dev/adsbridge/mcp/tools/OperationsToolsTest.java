package dev.adsbridge.mcp.tools;

import static dev.adsbridge.mcp.TestEnv.callTool;
import static dev.adsbridge.mcp.TestEnv.error;
import static dev.adsbridge.mcp.TestEnv.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Toolset operations against the sandbox: native copies of campaigns, ad sets and ads, and the activity log. */
class OperationsToolsTest {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static String token;
    /** A seeded ad set in an outcome-objective campaign with one to three ads (a deep copy may copy three). */
    private static JsonNode smallAdSet;
    private static String adOfSmallAdSet;

    @BeforeAll
    static void setUp() {
        token = TestEnv.token();
        JsonNode adSets = graph(TestEnv.EUR_ACCOUNT + "/adsets", Map.of("fields", "id,name,campaign_id,status",
                "effective_status", "[\"ACTIVE\",\"PAUSED\"]", "limit", "100")).get("data");
        for (JsonNode adSet : adSets) {
            JsonNode campaign = graph(adSet.get("campaign_id").asString(), Map.of("fields", "objective,status"));
            if (!campaign.get("objective").asString().startsWith("OUTCOME_")
                    || !List.of("ACTIVE", "PAUSED").contains(campaign.get("status").asString())) {
                continue;
            }
            JsonNode ads = graph(adSet.get("id").asString() + "/ads", Map.of("fields", "id", "limit", "10"))
                    .get("data");
            if (ads.size() >= 1 && ads.size() <= 3) {
                smallAdSet = adSet;
                adOfSmallAdSet = ads.get(0).get("id").asString();
                break;
            }
        }
        assertThat(smallAdSet).as("a seeded ad set with 1-3 ads in an outcome campaign").isNotNull();
    }

    // ------------------------------------------------------------------ duplicate_campaign

    @Test
    void duplicateCampaignMakesAPausedRenamedCopy() {
        String source = newCampaign("Source " + RUN, "ACTIVE");
        JsonNode copy = ok(callTool(token, "duplicate_campaign", Map.of("campaign_id", source,
                "rename_suffix", "- Test B")));
        String copyId = copy.get("copied_campaign_id").asString();
        assertThat(copyId).matches("[0-9]+").isNotEqualTo(source);
        assertThat(copy.get("source_id").asString()).isEqualTo(source);
        assertThat(copy.get("status_option").asString()).isEqualTo("PAUSED");
        assertThat(copy.get("deep_copy").asBoolean()).isTrue();
        assertThat(copy.at("/ad_object_ids/0/source_id").asString()).isEqualTo(source);

        JsonNode stored = graph(copyId, Map.of("fields", "name,status,objective,daily_budget,source_campaign_id"));
        assertThat(stored.get("name").asString()).isEqualTo("Source " + RUN + " - Test B");
        assertThat(stored.get("status").asString()).as("copies start paused").isEqualTo("PAUSED");
        assertThat(stored.get("objective").asString()).isEqualTo("OUTCOME_TRAFFIC");
        assertThat(stored.get("daily_budget").asString()).isEqualTo("4000");
        assertThat(stored.get("source_campaign_id").asString()).isEqualTo(source);

        JsonNode inherited = ok(callTool(token, "duplicate_campaign", Map.of("campaign_id", source,
                "status_option", "INHERITED_FROM_SOURCE", "deep_copy", false)));
        assertThat(graph(inherited.get("copied_campaign_id").asString(), Map.of("fields", "status"))
                .get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void theReferenceServersArgumentNamesStillWork() {
        String source = newCampaign("Reference names " + RUN, "PAUSED");
        JsonNode copy = ok(callTool(token, "duplicate_campaign", Map.of("campaign_id", source,
                "name_suffix", " (copy 2)", "new_status", "ACTIVE", "include_ad_sets", false)));
        assertThat(copy.get("deep_copy").asBoolean()).isFalse();
        JsonNode stored = graph(copy.get("copied_campaign_id").asString(), Map.of("fields", "name,status"));
        assertThat(stored.get("name").asString()).isEqualTo("Reference names " + RUN + " (copy 2)");
        assertThat(stored.get("status").asString()).isEqualTo("ACTIVE");

        // The reference server appends the suffix exactly as given, spaces included.
        JsonNode spaced = ok(callTool(token, "duplicate_campaign", Map.of("campaign_id", source,
                "name_suffix", "  [B] ", "include_ad_sets", false)));
        assertThat(graph(spaced.get("copied_campaign_id").asString(), Map.of("fields", "name")).get("name")
                .asString()).isEqualTo("Reference names " + RUN + "  [B] ");

        JsonNode conflict = error(callTool(token, "duplicate_campaign", Map.of("campaign_id", source,
                "status_option", "PAUSED", "new_status", "ACTIVE")));
        assertThat(conflict.get("message").asString()).contains("contradicts");
    }

    // ------------------------------------------------------------------ duplicate_adset / duplicate_ad

    @Test
    void duplicateAdsetCopiesItsAdsIntoTheSameCampaign() {
        String source = smallAdSet.get("id").asString();
        int ads = graph(source + "/ads", Map.of("fields", "id", "limit", "10")).get("data").size();
        JsonNode copy = ok(callTool(token, "duplicate_adset", Map.of("adset_id", source)));
        String copyId = copy.get("copied_adset_id").asString();
        assertThat(copy.get("ad_object_ids").size()).as("the ad set and each of its ads").isEqualTo(1 + ads);
        JsonNode stored = graph(copyId, Map.of("fields", "name,status,campaign_id"));
        assertThat(stored.get("campaign_id").asString()).isEqualTo(smallAdSet.get("campaign_id").asString());
        assertThat(stored.get("status").asString()).isEqualTo("PAUSED");
        assertThat(graph(copyId + "/ads", Map.of("fields", "id,status")).get("data").size()).isEqualTo(ads);
    }

    @Test
    void duplicateAdsetCanMoveTheCopyToAnotherCampaign() {
        String target = newCampaign("Target " + RUN, "PAUSED");
        JsonNode copy = ok(callTool(token, "duplicate_adset", Map.of("adset_id", smallAdSet.get("id").asString(),
                "target_campaign_id", target, "deep_copy", false)));
        assertThat(copy.get("ad_object_ids").size()).isEqualTo(1);
        assertThat(graph(copy.get("copied_adset_id").asString(), Map.of("fields", "campaign_id"))
                .get("campaign_id").asString()).isEqualTo(target);
    }

    @Test
    void duplicateAdCopiesOneAdWithItsCreative() {
        JsonNode source = graph(adOfSmallAdSet, Map.of("fields", "name,adset_id,creative"));
        JsonNode copy = ok(callTool(token, "duplicate_ad", Map.of("ad_id", adOfSmallAdSet,
                "rename_suffix", "_v2")));
        String copyId = copy.get("copied_ad_id").asString();
        JsonNode stored = graph(copyId, Map.of("fields", "name,status,adset_id,creative"));
        assertThat(stored.get("name").asString()).isEqualTo(source.get("name").asString() + "_v2");
        assertThat(stored.get("status").asString()).isEqualTo("PAUSED");
        assertThat(stored.get("adset_id").asString()).isEqualTo(source.get("adset_id").asString());
        assertThat(stored.at("/creative/id").asString()).isEqualTo(source.at("/creative/id").asString());
        assertThat(copy.has("deep_copy")).isFalse();
    }

    @Test
    void validateOnlyCopiesNothing() {
        String source = newCampaign("Dry copy " + RUN, "PAUSED");
        int before = campaignCount();
        JsonNode dry = ok(callTool(token, "duplicate_campaign", Map.of("campaign_id", source,
                "validate_only", true)));
        assertThat(dry.get("validate_only").asBoolean()).isTrue();
        assertThat(dry.has("copied_campaign_id")).isFalse();
        ok(callTool(token, "duplicate_ad", Map.of("ad_id", adOfSmallAdSet, "validate_only", true)));
        assertThat(campaignCount()).isEqualTo(before);
    }

    @Test
    void invalidCopiesAreRefusedBeforeMeta() {
        String source = newCampaign("Invalid copy " + RUN, "PAUSED");
        int before = campaignCount();
        Map<String, List<Object>> cases = new LinkedHashMap<>();
        cases.put("id", List.of("duplicate_campaign", Map.of("campaign_id", "act_1"), "campaign_id"));
        cases.put("missing id", List.of("duplicate_adset", Map.of(), "adset_id"));
        cases.put("status", List.of("duplicate_campaign", Map.of("campaign_id", source, "status_option", "DELETED"),
                "INHERITED_FROM_SOURCE"));
        cases.put("deep copy conflict", List.of("duplicate_campaign", Map.of("campaign_id", source,
                "deep_copy", true, "include_ad_sets", false), "contradicts"));
        cases.put("suffix conflict", List.of("duplicate_campaign", Map.of("campaign_id", source,
                "rename_suffix", "A", "name_suffix", "B"), "rename_suffix"));
        cases.put("long suffix", List.of("duplicate_campaign", Map.of("campaign_id", source,
                "rename_suffix", "x".repeat(101)), "100"));
        cases.put("target", List.of("duplicate_ad", Map.of("ad_id", adOfSmallAdSet, "target_adset_id", "my ad set"),
                "target_adset_id"));
        cases.forEach((label, testCase) -> TestEnv.assertRefusedBeforeMeta(token, (String) testCase.get(0),
                (Map<?, ?>) testCase.get(1), (String) testCase.get(2), label));
        assertThat(campaignCount()).isEqualTo(before);
    }

    @Test
    void metaRefusesADeepCopyOfABigCampaign() {
        String big = null;
        for (JsonNode campaign : graph(TestEnv.EUR_ACCOUNT + "/campaigns", Map.of("fields", "id,objective",
                "effective_status", "[\"ACTIVE\",\"PAUSED\"]", "limit", "50")).get("data")) {
            if (campaign.get("objective").asString().startsWith("OUTCOME_")
                    && graph(campaign.get("id").asString() + "/ads", Map.of("fields", "id", "limit", "5"))
                    .get("data").size() > 3) {
                big = campaign.get("id").asString();
                break;
            }
        }
        assertThat(big).as("a seeded campaign with more than 3 ads").isNotNull();
        JsonNode error = error(callTool(token, "duplicate_campaign", Map.of("campaign_id", big)));
        assertThat(error.get("code").asInt()).isEqualTo(100);
        assertThat(error.get("error_user_msg").asString()).contains("at most 3");
    }

    @Test
    void writesNeedAdsManagementAndExpiredTokensAreAuthErrors() {
        String source = newCampaign("Permission copy " + RUN, "PAUSED");
        int before = campaignCount();
        String readOnly = TestEnv.token(TestEnv.DEMO_USER, List.of("ads_read"), null);
        JsonNode denied = error(callTool(readOnly, "duplicate_campaign", Map.of("campaign_id", source)));
        assertThat(denied.get("category").asString()).isEqualTo("permission");
        assertThat(campaignCount()).isEqualTo(before);

        String expiring = TestEnv.token(TestEnv.DEMO_USER, null, null);
        TestEnv.fault("expire_token", source + "/copies", "POST", 1);
        JsonNode expired = error(callTool(expiring, "duplicate_campaign", Map.of("campaign_id", source)));
        assertThat(expired.get("category").asString()).isEqualTo("auth");
        assertThat(expired.get("error_subcode").asInt()).isEqualTo(463);
        assertThat(campaignCount()).isEqualTo(before);
    }

    // ------------------------------------------------------------------ get_activity_log

    @Test
    void theActivityLogShowsACopyNewestFirstWithParsedExtraData() {
        String source = newCampaign("Logged " + RUN, "PAUSED");
        String copyId = ok(callTool(token, "duplicate_campaign", Map.of("campaign_id", source, "deep_copy", false)))
                .get("copied_campaign_id").asString();
        // A day either side: the account's own time zone (Berlin) may already be on tomorrow's date.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode log = ok(callTool(token, "get_activity_log", Map.of("account_id", "1000000002",
                "since", today.minusDays(1).toString(), "until", today.plusDays(1).toString(), "limit", 50)));
        JsonNode copyEvent = null;
        List<String> times = new ArrayList<>();
        for (JsonNode event : log.get("data")) {
            times.add(event.get("event_time").asString());
            if (event.get("object_id").asString().equals(copyId)) {
                copyEvent = event;
            }
        }
        assertThat(copyEvent).as("the copy is in the log").isNotNull();
        assertThat(copyEvent.get("event_type").asString()).isEqualTo("create_campaign_group");
        assertThat(copyEvent.get("object_type").asString()).isEqualTo("CAMPAIGN");
        assertThat(copyEvent.get("actor_id").asString()).isEqualTo(TestEnv.DEMO_USER);
        assertThat(copyEvent.get("extra_data").isObject()).as("extra_data parsed").isTrue();
        assertThat(copyEvent.at("/extra_data/copied_from").asString()).isEqualTo(source);
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));

        JsonNode page = ok(callTool(token, "get_activity_log", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "limit", 2)));
        assertThat(page.get("data").size()).isEqualTo(2);
        assertThat(page.get("next_cursor").asString()).isNotBlank();
    }

    @Test
    void theActivityLogPeriodIsValidatedBeforeMeta() {
        JsonNode reversed = error(callTool(token, "get_activity_log", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "since", "2026-11-10", "until", "2026-11-01")));
        assertThat(reversed.get("message").asString()).contains("after until");
        JsonNode words = error(callTool(token, "get_activity_log", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "since", "last tuesday")));
        assertThat(words.get("message").asString()).contains("since").contains("ISO-8601");
        JsonNode impossible = error(callTool(token, "get_activity_log", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "until", "2026-02-30")));
        assertThat(impossible.get("message").asString()).contains("real date");
        for (JsonNode error : List.of(reversed, words, impossible)) {
            assertThat(error.get("code").isNull()).isTrue();
            assertThat(error.get("category").asString()).isEqualTo("invalid_request");
        }
        JsonNode epoch = ok(callTool(token, "get_activity_log", Map.of("account_id", TestEnv.EUR_ACCOUNT,
                "since", 4102444800L)));
        assertThat(epoch.get("data").size()).as("nothing happened after 2100-01-01").isZero();
    }

    @Test
    void theActivityLogReportsRateLimits() {
        TestEnv.fault("rate_limit", TestEnv.SHARED_ACCOUNT + "/activities", "GET", 1);
        JsonNode error = error(callTool(token, "get_activity_log", Map.of("account_id", TestEnv.SHARED_ACCOUNT)));
        assertThat(error.get("category").asString()).isEqualTo("rate_limit");
        assertThat(error.get("retry_after_seconds").asLong()).isPositive();
    }

    // ------------------------------------------------------------------ helpers

    private static String newCampaign(String name, String status) {
        return ok(callTool(token, "create_campaign", Map.of("account_id", TestEnv.EUR_ACCOUNT, "name", name,
                "objective", "OUTCOME_TRAFFIC", "daily_budget", 4000, "status", status))).get("id").asString();
    }

    /** Every campaign of the account in any status (copies included), counted with Meta's summary. */
    private static int campaignCount() {
        return graph(TestEnv.EUR_ACCOUNT + "/campaigns", Map.of("fields", "id", "limit", "1", "summary", "true",
                "effective_status", "[\"ACTIVE\",\"PAUSED\",\"ARCHIVED\",\"DELETED\",\"IN_PROCESS\",\"WITH_ISSUES\"]"))
                .at("/summary/total_count").asInt();
    }

    private static JsonNode graph(String path, Map<String, String> params) {
        return TestEnv.graph(token, "GET", path, params);
    }
}
