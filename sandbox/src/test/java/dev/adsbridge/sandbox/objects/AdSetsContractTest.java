package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.adSet;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.campaign;
import static dev.adsbridge.sandbox.objects.Objects.createdId;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static dev.adsbridge.sandbox.objects.Objects.values;
import static org.assertj.core.api.Assertions.assertThat;

class AdSetsContractTest {

    private static SandboxHttp sandbox;
    private static String token;
    private static String aboCampaign;
    private static String cboCampaign;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
        token = sandbox.token();
        aboCampaign = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Ad sets – ABO")));
        cboCampaign = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Ad sets – CBO",
                "daily_budget", "20000", "bid_strategy", "COST_CAP")));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static SandboxHttp.Answer create(Map<String, String> form) {
        return sandbox.post(token, BIG + "/adsets", form);
    }

    @Test
    void aValidAdSetIsCreatedUnderItsCampaign() {
        String id = createdId(create(adSet(aboCampaign, "Broad – 25-54")));
        JsonNode read = sandbox.get(token, id, form("fields",
                "name,campaign_id,daily_budget,targeting,billing_event,optimization_goal,bid_strategy,"
                        + "effective_status,campaign{name}")).json();
        assertThat(read.path("campaign_id").asString()).isEqualTo(aboCampaign);
        assertThat(read.path("campaign").path("name").asString()).isEqualTo("Ad sets – ABO");
        assertThat(read.path("daily_budget").asString()).isEqualTo("2500");
        assertThat(read.path("targeting").path("targeting_automation").path("advantage_audience").asInt()).isZero();
        assertThat(read.path("bid_strategy").asString()).isEqualTo("LOWEST_COST_WITHOUT_CAP");
        assertThat(read.path("effective_status").asString()).isEqualTo("PAUSED");
        assertThat(ids(sandbox.get(token, aboCampaign + "/adsets").json())).contains(id);
    }

    @Test
    void targetingWithoutTheAdvantageAudienceFlagIsRejected() {
        JsonNode error = assertError(create(adSet(aboCampaign, "No flag", "targeting",
                "{\"geo_locations\":{\"countries\":[\"US\"]}}")), 100, 1870227);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Advantage Audience Flag Required");
        assertThat(error.path("error_user_msg").asString()).contains("advantage_audience");
    }

    @Test
    void targetingNeedsALocationAndSaneAges() {
        JsonNode error = assertError(create(adSet(aboCampaign, "Nowhere", "targeting",
                "{\"age_min\":20,\"targeting_automation\":{\"advantage_audience\":0}}")), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Location Required");
        assertError(create(adSet(aboCampaign, "Ages", "targeting", "{\"geo_locations\":{\"countries\":[\"US\"]},"
                + "\"age_min\":50,\"age_max\":30,\"targeting_automation\":{\"advantage_audience\":0}}")), 100, null);
        assertError(create(adSet(aboCampaign, "Advantage", "targeting", "{\"geo_locations\":{\"countries\":[\"US\"]},"
                + "\"age_max\":40,\"targeting_automation\":{\"advantage_audience\":1}}")), 100, 1870189);
        assertError(create(adSet(aboCampaign, "No targeting", "targeting", "")), 100, null);
    }

    @Test
    void aBudgetOnBothCampaignAndAdSetIsRejected() {
        JsonNode error = assertError(create(adSet(cboCampaign, "Both budgets", "bid_amount", "300")), 100, 1885621);
        assertThat(error.path("error_user_title").asString()).isNotEmpty();
        Map<String, String> noBudget = adSet(cboCampaign, "CBO child", "bid_amount", "300");
        noBudget.remove("daily_budget");
        createdId(create(noBudget));
    }

    @Test
    void anAdSetNeedsABudgetSomewhere() {
        Map<String, String> form = adSet(aboCampaign, "No budget");
        form.remove("daily_budget");
        JsonNode error = assertError(create(form), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Budget Required");
    }

    @Test
    void aBudgetUnderTheMinimumIsTooLow() {
        JsonNode error = assertError(create(adSet(aboCampaign, "Cheap", "daily_budget", "99")), 100, 1885272);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Budget Is Too Low");
        assertThat(error.path("error_user_msg").asString()).contains("$1.00", "ad set");
    }

    @Test
    void aLifetimeBudgetNeedsAnEndTime() {
        Map<String, String> form = adSet(aboCampaign, "Lifetime", "lifetime_budget", "50000");
        form.remove("daily_budget");
        JsonNode error = assertError(create(form), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("End Date Required");
        form.put("end_time", Long.toString(java.time.Instant.now().getEpochSecond() + 14 * 86400));
        createdId(create(form));
    }

    @Test
    void cappedBidStrategiesNeedABidAmount() {
        JsonNode error = assertError(create(adSet(aboCampaign, "Cap", "bid_strategy", "COST_CAP")), 100, 1815857);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Bid Amount Required");
        assertThat(error.path("error_user_msg").asString()).contains("bid_amount");
        assertError(create(adSet(aboCampaign, "Cap", "bid_strategy", "LOWEST_COST_WITH_BID_CAP")), 100, 1815857);
        createdId(create(adSet(aboCampaign, "Cap ok", "bid_strategy", "COST_CAP", "bid_amount", "450")));
        // the campaign's capped strategy applies to its ad sets
        Map<String, String> inherited = adSet(cboCampaign, "Inherited cap");
        inherited.remove("daily_budget");
        assertError(create(inherited), 100, 1815857);
    }

    @Test
    void minimumRoasNeedsBidConstraints() {
        String sales = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Ad sets – ROAS",
                "objective", "OUTCOME_SALES")));
        Map<String, String> form = adSet(sales, "ROAS", "bid_strategy", "LOWEST_COST_WITH_MIN_ROAS",
                "optimization_goal", "VALUE",
                "promoted_object", "{\"pixel_id\":\"1234567890123456\",\"custom_event_type\":\"PURCHASE\"}");
        JsonNode error = assertError(create(form), 100, null);
        assertThat(error.path("error_user_msg").asString()).contains("roas_average_floor");
        form.put("bid_constraints", "{\"roas_average_floor\":15000}");
        createdId(create(form));
    }

    @Test
    void goalsAndBillingEventsMustFitTheObjective() {
        JsonNode goal = assertError(create(adSet(aboCampaign, "Goal", "optimization_goal", "APP_INSTALLS")), 100,
                null);
        assertThat(goal.path("error_user_title").asString()).isEqualTo("Performance Goal Not Available");
        JsonNode billing = assertError(create(adSet(aboCampaign, "Billing", "optimization_goal",
                "LANDING_PAGE_VIEWS", "billing_event", "THRUPLAY")), 100, null);
        assertThat(billing.path("error_user_title").asString()).isEqualTo("Billing Event Not Available");
        assertError(create(adSet(aboCampaign, "Unknown goal", "optimization_goal", "MAGIC")), 100, null);
        Map<String, String> noBilling = adSet(aboCampaign, "No billing");
        noBilling.remove("billing_event");
        assertThat(assertError(create(noBilling), 100, null).path("message").asString())
                .isEqualTo("(#100) The parameter billing_event is required");
    }

    @Test
    void adSetsCannotGoIntoDeletedArchivedOrLegacyCampaigns() {
        String doomed = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Ad sets – doomed")));
        sandbox.delete(token, doomed, Map.of());
        JsonNode deleted = assertError(create(adSet(doomed, "Into the void")), 100, null);
        assertThat(deleted.path("error_user_title").asString()).isEqualTo("Campaign Is Deleted");
        String archived = ids(sandbox.get(token, BIG + "/campaigns", form("effective_status", "[\"ARCHIVED\"]",
                "filtering", "[{\"field\":\"objective\",\"operator\":\"CONTAIN\",\"value\":\"OUTCOME\"}]")).json())
                .get(0);
        assertThat(assertError(create(adSet(archived, "Archived")), 100, null).path("error_user_title").asString())
                .isEqualTo("Campaign Is Archived");
        JsonNode legacyCampaigns = sandbox.get(token, BIG + "/campaigns", form("filtering",
                "[{\"field\":\"objective\",\"operator\":\"EQUAL\",\"value\":\"LINK_CLICKS\"}]")).json();
        String legacy = ids(legacyCampaigns).get(0);
        JsonNode error = assertError(create(adSet(legacy, "Legacy")), 100, null);
        assertThat(error.path("error_user_title").asString()).isEqualTo("Legacy Objective Not Supported");
        assertThat(error.path("error_user_msg").asString()).contains("LINK_CLICKS");
        assertError(create(adSet("120299999999999999", "Missing campaign")), 100, null);
    }

    @Test
    void pausingAnAdSetMakesItsAdsAdsetPaused() {
        JsonNode adSets = sandbox.get(token, BIG + "/adsets", form("effective_status", "[\"ACTIVE\"]",
                "limit", "30")).json();
        String adSetId = null;
        for (String id : ids(adSets)) {
            if (sandbox.get(token, id + "/ads", form("effective_status", "[\"ACTIVE\"]")).json().path("data")
                    .size() > 0) {
                adSetId = id;
                break;
            }
        }
        assertThat(adSetId).isNotNull();
        sandbox.post(token, adSetId, form("status", "PAUSED"));
        JsonNode ads = sandbox.get(token, adSetId + "/ads", form("fields", "effective_status")).json();
        assertThat(values(ads, "effective_status")).contains("ADSET_PAUSED").doesNotContain("ACTIVE");
        assertThat(sandbox.get(token, adSetId, form("fields", "effective_status")).json()
                .path("effective_status").asString()).isEqualTo("PAUSED");
    }

    @Test
    void budgetUpdatesFollowTheCreateRules() {
        String id = createdId(create(adSet(aboCampaign, "Budget updates")));
        assertThat(sandbox.post(token, id, form("daily_budget", "3300")).json().path("success").asBoolean()).isTrue();
        assertThat(sandbox.get(token, id, form("fields", "daily_budget")).json().path("daily_budget").asString())
                .isEqualTo("3300");
        assertError(sandbox.post(token, id, form("daily_budget", "10")), 100, 1885272);
        assertError(sandbox.post(token, id, form("lifetime_budget", "90000")), 100, null);
        JsonNode activities = sandbox.get(token, BIG + "/activities", form("limit", "5")).json();
        assertThat(values(activities, "event_type")).contains("update_ad_set_budget");
        assertThat(values(activities, "object_id")).contains(id);
    }

    @Test
    void frequencyCapsAndDsaDetailsAreStoredAndReadable() {
        String caps = "[{\"event\":\"IMPRESSIONS\",\"interval_days\":7,\"max_frequency\":3}]";
        String id = createdId(create(adSet(aboCampaign, "Capped – EU", "frequency_control_specs", caps,
                "dsa_beneficiary", "Whitfield Outdoor GmbH", "dsa_payor", "Whitfield Holding AG")));
        JsonNode read = sandbox.get(token, id, form("fields", "frequency_control_specs,dsa_beneficiary,dsa_payor"))
                .json();
        JsonNode cap = read.path("frequency_control_specs").get(0);
        assertThat(cap.path("event").asString()).isEqualTo("IMPRESSIONS");
        assertThat(cap.path("interval_days").asInt()).isEqualTo(7);
        assertThat(cap.path("max_frequency").asInt()).isEqualTo(3);
        assertThat(read.path("dsa_beneficiary").asString()).isEqualTo("Whitfield Outdoor GmbH");
        assertThat(read.path("dsa_payor").asString()).isEqualTo("Whitfield Holding AG");

        assertThat(sandbox.post(token, id, form("frequency_control_specs",
                "[{\"event\":\"IMPRESSIONS\",\"interval_days\":14,\"max_frequency\":2}]",
                "dsa_payor", "Whitfield Outdoor GmbH")).json().path("success").asBoolean()).isTrue();
        JsonNode updated = sandbox.get(token, id, form("fields", "frequency_control_specs,dsa_payor")).json();
        assertThat(updated.path("frequency_control_specs").get(0).path("interval_days").asInt()).isEqualTo(14);
        assertThat(updated.path("dsa_payor").asString()).isEqualTo("Whitfield Outdoor GmbH");

        String uncapped = createdId(create(adSet(aboCampaign, "Uncapped")));
        JsonNode none = sandbox.get(token, uncapped, form("fields", "frequency_control_specs,dsa_beneficiary"))
                .json();
        assertThat(none.has("frequency_control_specs")).isFalse();
        assertThat(none.has("dsa_beneficiary")).isFalse();
        assertError(create(adSet(aboCampaign, "Bad cap", "frequency_control_specs", "{\"event\":\"IMPRESSIONS\"}")),
                100, null);
        assertError(create(adSet(aboCampaign, "Bad cap", "frequency_control_specs",
                "[{\"event\":\"IMPRESSIONS\",\"interval_days\":0,\"max_frequency\":3}]")), 100, null);
    }

    @Test
    void adSetListsFilterByCampaignId() {
        String campaignId = ids(sandbox.get(token, BIG + "/campaigns", form("limit", "1")).json()).get(0);
        JsonNode filtered = sandbox.get(token, BIG + "/adsets", form("filtering", "[{\"field\":\"campaign.id\","
                + "\"operator\":\"EQUAL\",\"value\":\"" + campaignId + "\"}]", "fields", "campaign_id")).json();
        assertThat(values(filtered, "campaign_id")).containsOnly(campaignId);
        assertThat(ids(filtered)).containsExactlyInAnyOrderElementsOf(ids(sandbox.get(token,
                campaignId + "/adsets").json()));
    }

    @Test
    void adSetSettingsAreStoredAsSentAndUpdatable() {
        String campaignId = createdId(sandbox.post(token, BIG + "/campaigns", campaign("Ad sets – settings")));
        Map<String, String> adSet = new java.util.LinkedHashMap<>(adSet(campaignId, "Settings"));
        adSet.put("attribution_spec", "[{\"event_type\":\"CLICK_THROUGH\",\"window_days\":7}]");
        adSet.put("regional_regulated_categories", "[\"TAIWAN_UNIVERSAL\"]");
        adSet.put("regional_regulation_identities", "{\"taiwan_universal_beneficiary\":\"1\"}");
        String id = createdId(sandbox.post(token, BIG + "/adsets", adSet));
        String fields = "attribution_spec,regional_regulated_categories,"
                + "regional_regulation_identities";
        JsonNode read = sandbox.get(token, id, form("fields", fields)).json();
        assertThat(read.path("attribution_spec").path(0).path("window_days").asInt()).isEqualTo(7);
        assertThat(read.path("regional_regulated_categories").path(0).asString()).isEqualTo("TAIWAN_UNIVERSAL");
        assertThat(read.path("regional_regulation_identities").path("taiwan_universal_beneficiary").asString())
                .isEqualTo("1");

        // Not an ad set parameter of Meta's (CreateAdSet/UpdateAdSet take no such parameter): refused as unknown.
        assertError(sandbox.post(token, id, form("multi_advertiser_ads", "1")), 100, null);
        assertError(sandbox.post(token, id, form("attribution_spec", "[{\"event_type\":\"CLICK_THROUGH\","
                + "\"window_days\":3}]")), 100, null);
    }
}
