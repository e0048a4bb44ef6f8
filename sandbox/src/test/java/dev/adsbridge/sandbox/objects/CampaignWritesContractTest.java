package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.DISABLED;
import static dev.adsbridge.sandbox.objects.Objects.JPY;
import static dev.adsbridge.sandbox.objects.Objects.KRW;
import static dev.adsbridge.sandbox.objects.Objects.MARCO;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.campaign;
import static dev.adsbridge.sandbox.objects.Objects.createdId;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static dev.adsbridge.sandbox.objects.Objects.values;
import static org.assertj.core.api.Assertions.assertThat;

class CampaignWritesContractTest {

    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static SandboxHttp.Answer create(Map<String, String> form) {
        return sandbox.post(token, BIG + "/campaigns", form);
    }

    private static int visibleCampaigns() {
        return sandbox.get(token, BIG + "/campaigns", form("summary", "true", "limit", "1")).json()
                .path("summary").path("total_count").asInt();
    }

    @Test
    void aCreatedCampaignIsReadableAndListedFirst() {
        String id = createdId(create(campaign("Contract – Created – US")));
        JsonNode read = sandbox.get(token, id, form("fields",
                "name,objective,status,effective_status,special_ad_categories,is_adset_budget_sharing_enabled,"
                        + "account_id,created_time")).json();
        assertThat(read.path("name").asString()).isEqualTo("Contract – Created – US");
        assertThat(read.path("objective").asString()).isEqualTo("OUTCOME_TRAFFIC");
        assertThat(read.path("status").asString()).isEqualTo("PAUSED");
        assertThat(read.path("effective_status").asString()).isEqualTo("PAUSED");
        assertThat(read.path("special_ad_categories").size()).isZero();
        assertThat(read.path("is_adset_budget_sharing_enabled").asBoolean()).isFalse();
        assertThat(read.path("created_time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d{4}");
        assertThat(ids(sandbox.get(token, BIG + "/campaigns", form("limit", "1")).json())).containsExactly(id);
    }

    @Test
    void createWithFieldsAnswersTheRenderedCampaign() {
        SandboxHttp.Answer answer = create(campaign("Contract – Read after write", "daily_budget", "5000",
                "fields", "name,daily_budget,bid_strategy,effective_status"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("id").asString()).matches("\\d+");
        assertThat(answer.json().path("daily_budget").asString()).isEqualTo("5000");
        assertThat(answer.json().path("bid_strategy").asString()).isEqualTo("LOWEST_COST_WITHOUT_CAP");
        assertThat(answer.json().path("effective_status").asString()).isEqualTo("PAUSED");
    }

    @Test
    void validateOnlyAnswersSuccessAndCreatesNothing() {
        int before = visibleCampaigns();
        SandboxHttp.Answer answer = create(campaign("Contract – Dry run", "execution_options", "[\"validate_only\"]"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("success").asBoolean()).isTrue();
        assertThat(answer.json().has("id")).isFalse();
        assertThat(visibleCampaigns()).isEqualTo(before);
        // a dry run still validates
        assertError(create(campaign("Contract – Dry run", "execution_options", "[\"validate_only\"]",
                "objective", "NOPE")), 100, null);
    }

    @Test
    void specialAdCategoriesAreRequired() {
        Map<String, String> form = campaign("Contract – No SAC");
        form.remove("special_ad_categories");
        JsonNode error = assertError(create(form), 100, null);
        assertThat(error.path("message").asString())
                .isEqualTo("(#100) The parameter special_ad_categories is required");
        assertThat(error.path("error_user_title").asString()).isNotEmpty();
        assertThat(error.path("error_user_msg").asString()).isNotEmpty();
    }

    @Test
    void nameIsRequired() {
        Map<String, String> form = campaign("x");
        form.remove("name");
        JsonNode error = assertError(create(form), 100, null);
        assertThat(error.path("message").asString()).isEqualTo("(#100) The parameter name is required");
        assertThat(error.path("error_user_msg").asString()).contains("name");
    }

    @Test
    void objectivesMustBeOutcomeBased() {
        JsonNode unknown = assertError(create(campaign("Contract", "objective", "MORE_SALES")), 100, null);
        assertThat(unknown.path("message").asString()).startsWith("(#100) Param objective must be one of {")
                .contains("OUTCOME_SALES", "OUTCOME_AWARENESS");
        JsonNode legacy = assertError(create(campaign("Contract", "objective", "LINK_CLICKS")), 100, null);
        assertThat(legacy.path("error_user_title").asString()).isEqualTo("Objective Not Available");
        assertThat(legacy.path("error_user_msg").asString()).contains("LINK_CLICKS", "OUTCOME_TRAFFIC");
    }

    @Test
    void onlyActiveOrPausedOnCreate() {
        JsonNode error = assertError(create(campaign("Contract", "status", "ARCHIVED")), 100, null);
        assertThat(error.path("message").asString()).isEqualTo("(#100) Param status must be one of {ACTIVE, PAUSED}");
    }

    @Test
    void aNonNumericBudgetIsRejected() {
        JsonNode error = assertError(create(campaign("Contract", "daily_budget", "ten dollars")), 100, null);
        assertThat(error.path("message").asString()).contains("daily_budget");
    }

    @Test
    void withoutACampaignBudgetTheBudgetSharingFlagIsRequired() {
        Map<String, String> form = campaign("Contract – no flag");
        form.remove("is_adset_budget_sharing_enabled");
        JsonNode error = assertError(create(form), 100, 4834011);
        assertThat(error.path("message").asString()).isEqualTo("Invalid parameter");
        assertThat(error.path("error_user_title").asString())
                .isEqualTo("Must specify True or False in is_adset_budget_sharing_enabled field");
        form.put("daily_budget", "3000");
        createdId(create(form));
    }

    @Test
    void aBudgetUnderTheAccountMinimumIsTooLow() {
        JsonNode error = assertError(create(campaign("Contract", "daily_budget", "50")), 100, 1885272);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Budget Is Too Low");
        assertThat(error.path("error_user_msg").asString()).contains("$1.00");
        JsonNode yen = assertError(sandbox.post(token, JPY + "/campaigns", campaign("JP", "daily_budget", "100")),
                100, 1885272);
        assertThat(yen.path("error_user_msg").asString()).contains("¥150");
        createdId(sandbox.post(token, JPY + "/campaigns", campaign("JP ok", "daily_budget", "3000")));
        JsonNode won = assertError(sandbox.post(sandbox.token(MARCO, null), KRW + "/campaigns",
                campaign("KR", "daily_budget", "1000")), 100, 1885272);
        assertThat(won.path("error_user_msg").asString()).contains("₩1,400");
    }

    @Test
    void aLifetimeBudgetNeedsAnEndAndOnlyOneBudgetKind() {
        JsonNode error = assertError(create(campaign("Contract", "lifetime_budget", "100000")), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("End Date Required");
        assertError(create(campaign("Contract", "lifetime_budget", "100000", "daily_budget", "2000")), 100, null);
        long stop = java.time.Instant.now().getEpochSecond() + 30 * 86400;
        createdId(create(campaign("Contract – Lifetime", "lifetime_budget", "100000", "stop_time",
                Long.toString(stop))));
    }

    @Test
    void writesNeedAdsManagement() {
        String readOnly = sandbox.token("100000000000001", List.of("ads_read"));
        JsonNode error = assertError(sandbox.post(readOnly, BIG + "/campaigns", campaign("Contract")), 200, null);
        assertThat(error.path("message").asString()).contains("ads_management");
        String id = ids(sandbox.get(readOnly, BIG + "/campaigns", form("limit", "1")).json()).get(0);
        assertError(sandbox.post(readOnly, id, form("name", "renamed")), 200, null);
        assertError(sandbox.delete(readOnly, id, Map.of()), 200, null);
    }

    @Test
    void writesOnADisabledAccountAreRefused() {
        JsonNode error = assertError(sandbox.post(token, DISABLED + "/campaigns", campaign("Contract")), 100,
                1487188);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Ad Account Disabled");
        String id = ids(sandbox.get(token, DISABLED + "/campaigns", form("limit", "1")).json()).get(0);
        assertError(sandbox.post(token, id, form("status", "ACTIVE")), 100, 1487188);
    }

    @Test
    void writesOnAnotherUsersCampaignLookNonexistent() {
        String id = ids(sandbox.get(token, BIG + "/campaigns", form("limit", "1")).json()).get(0);
        assertError(sandbox.post(sandbox.token(MARCO, null), id, form("name", "mine now")), 100, 33);
    }

    @Test
    void updatesAnswerSuccessAndAreRecordedAsActivities() {
        String id = createdId(create(campaign("Contract – To update", "daily_budget", "4000")));
        SandboxHttp.Answer renamed = sandbox.post(token, id, form("name", "Contract – Updated", "daily_budget", "6000"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("success").asBoolean()).isTrue();
        JsonNode read = sandbox.get(token, id, form("fields", "name,daily_budget")).json();
        assertThat(read.path("name").asString()).isEqualTo("Contract – Updated");
        assertThat(read.path("daily_budget").asString()).isEqualTo("6000");

        JsonNode activities = sandbox.get(token, BIG + "/activities", form("limit", "10")).json();
        List<String> events = values(activities, "event_type");
        assertThat(events).contains("update_campaign_name", "update_campaign_budget", "create_campaign_group");
        JsonNode latest = activities.path("data").get(0);
        assertThat(latest.path("object_id").asString()).isEqualTo(id);
        assertThat(latest.path("actor_name").asString()).isEqualTo("Dana Whitfield");
        assertThat(latest.path("event_time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*[-+]\\d{4}");
        JsonNode budget = null;
        for (JsonNode activity : activities.path("data")) {
            if (activity.path("event_type").asString().equals("update_campaign_budget")) {
                budget = activity;
                break;
            }
        }
        assertThat(budget).isNotNull();
        JsonNode extra = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(budget.path("extra_data").asString());
        assertThat(extra.path("old_value").asString()).isEqualTo("4000");
        assertThat(extra.path("new_value").asString()).isEqualTo("6000");

        long future = java.time.Instant.now().getEpochSecond() + 86400;
        assertThat(sandbox.get(token, BIG + "/activities", form("since", Long.toString(future))).json()
                .path("data").size()).isZero();
        assertThat(sandbox.get(token, BIG + "/activities", form("until", "2020-01-01")).json()
                .path("data").size()).isZero();
    }

    @Test
    void pausingACampaignPausesItsAdSetsAndAdsEffectively() {
        JsonNode active = sandbox.get(token, BIG + "/campaigns", form("effective_status", "[\"ACTIVE\"]",
                "fields", "id", "limit", "50")).json();
        String campaignId = null;
        for (String id : ids(active)) {
            JsonNode ads = sandbox.get(token, id + "/ads", form("effective_status", "[\"ACTIVE\"]")).json();
            if (ads.path("data").size() > 0) {
                campaignId = id;
                break;
            }
        }
        assertThat(campaignId).isNotNull();
        assertThat(sandbox.post(token, campaignId, form("status", "PAUSED")).json().path("success").asBoolean())
                .isTrue();
        JsonNode adSets = sandbox.get(token, campaignId + "/adsets", form("fields", "status,effective_status")).json();
        for (JsonNode adSet : adSets.path("data")) {
            String expected = adSet.path("status").asString().equals("ACTIVE") ? "CAMPAIGN_PAUSED"
                    : adSet.path("status").asString();
            assertThat(adSet.path("effective_status").asString()).isEqualTo(expected);
        }
        JsonNode ads = sandbox.get(token, campaignId + "/ads", form("fields", "status,effective_status",
                "limit", "100")).json();
        assertThat(ads.path("data").size()).isGreaterThan(0);
        for (JsonNode ad : ads.path("data")) {
            if (ad.path("status").asString().equals("ACTIVE")) {
                assertThat(ad.path("effective_status").asString()).isIn("CAMPAIGN_PAUSED", "ARCHIVED", "DELETED");
            }
        }
        assertThat(values(ads, "effective_status")).contains("CAMPAIGN_PAUSED").doesNotContain("ACTIVE");
        sandbox.post(token, campaignId, form("status", "ACTIVE"));
        assertThat(values(sandbox.get(token, campaignId + "/ads", form("fields", "effective_status",
                "limit", "100")).json(), "effective_status")).contains("ACTIVE");
    }

    @Test
    void deletingACampaignHidesItFromEdgesButKeepsItReadable() {
        String id = createdId(create(campaign("Contract – To delete")));
        SandboxHttp.Answer deleted = sandbox.delete(token, id, Map.of());
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
        assertThat(sandbox.get(token, id, form("fields", "status,effective_status")).json()
                .path("effective_status").asString()).isEqualTo("DELETED");
        assertThat(ids(sandbox.get(token, BIG + "/campaigns", form("limit", "5")).json())).doesNotContain(id);
        JsonNode error = assertError(sandbox.post(token, id, form("name", "zombie")), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Object Deleted");
    }

    @Test
    void archivingIsAStatusUpdate() {
        String id = createdId(create(campaign("Contract – To archive")));
        sandbox.post(token, id, form("status", "ARCHIVED"));
        assertThat(ids(sandbox.get(token, BIG + "/campaigns", form("limit", "5")).json())).doesNotContain(id);
        assertThat(ids(sandbox.get(token, BIG + "/campaigns", form("effective_status", "[\"ARCHIVED\"]",
                "limit", "5")).json())).contains(id);
    }

    @Test
    void theObjectiveCannotChange() {
        String id = createdId(create(campaign("Contract – Objective")));
        JsonNode error = assertError(sandbox.post(token, id, form("objective", "OUTCOME_SALES")), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Objective Can't Be Changed");
    }

    @Test
    void budgetSchedulesNeedADailyBudgetAndAreListed() {
        String id = createdId(create(campaign("Contract – Scheduled", "daily_budget", "10000")));
        long start = java.time.Instant.now().getEpochSecond() + 86400;
        SandboxHttp.Answer created = sandbox.post(token, id + "/budget_schedules", form("budget_value", "150",
                "budget_value_type", "MULTIPLIER", "time_start", Long.toString(start),
                "time_end", Long.toString(start + 86400)));
        String scheduleId = createdId(created);
        JsonNode listed = sandbox.get(token, id + "/budget_schedules", form("fields",
                "budget_value,budget_value_type,time_start,time_end")).json();
        assertThat(ids(listed)).containsExactly(scheduleId);
        assertThat(listed.path("data").get(0).path("budget_value_type").asString()).isEqualTo("MULTIPLIER");
        assertError(sandbox.post(token, id + "/budget_schedules", form("budget_value", "150",
                "budget_value_type", "PERCENT", "time_start", Long.toString(start),
                "time_end", Long.toString(start + 86400))), 100, null);
        assertError(sandbox.post(token, id + "/budget_schedules", form("budget_value", "150",
                "budget_value_type", "ABSOLUTE", "time_start", Long.toString(start),
                "time_end", Long.toString(start - 10))), 100, null);
        String noBudget = createdId(create(campaign("Contract – Unscheduled")));
        assertError(sandbox.post(token, noBudget + "/budget_schedules", form("budget_value", "150",
                "budget_value_type", "ABSOLUTE", "time_start", Long.toString(start),
                "time_end", Long.toString(start + 86400))), 100, null);
    }
}
