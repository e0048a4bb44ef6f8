package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.adsbridge.sandbox.objects.Objects.BIG;
import static dev.adsbridge.sandbox.objects.Objects.MARCO;
import static dev.adsbridge.sandbox.objects.Objects.PRIYA;
import static dev.adsbridge.sandbox.objects.Objects.assertError;
import static dev.adsbridge.sandbox.objects.Objects.form;
import static dev.adsbridge.sandbox.objects.Objects.ids;
import static dev.adsbridge.sandbox.objects.Objects.values;
import static org.assertj.core.api.Assertions.assertThat;

class CampaignReadsContractTest {

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

    private static JsonNode campaigns(String... params) {
        SandboxHttp.Answer answer = sandbox.get(token, BIG + "/campaigns", form(params));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void campaignsComeNewestFirstWithoutArchivedOrDeletedOnes() {
        JsonNode page = campaigns("fields", "name,effective_status,created_time", "limit", "200", "summary", "true");
        List<String> created = values(page, "created_time");
        List<String> sorted = new ArrayList<>(created);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(created).isEqualTo(sorted);
        assertThat(values(page, "effective_status")).doesNotContain("ARCHIVED", "DELETED")
                .contains("ACTIVE", "PAUSED");
        assertThat(page.path("summary").path("total_count").asInt()).isBetween(120, 129);
    }

    @Test
    void archivedAndDeletedCampaignsAreFilteredInOnRequestAndReadableById() {
        JsonNode archived = campaigns("effective_status", "[\"ARCHIVED\"]", "fields", "name,status,effective_status");
        assertThat(archived.path("data").size()).isGreaterThanOrEqualTo(3);
        assertThat(values(archived, "effective_status")).containsOnly("ARCHIVED");
        JsonNode deleted = campaigns("effective_status", "[\"DELETED\"]", "fields", "status");
        assertThat(deleted.path("data").size()).isGreaterThanOrEqualTo(1);

        String archivedId = ids(archived).get(0);
        JsonNode byId = sandbox.get(token, archivedId, form("fields", "name,status,effective_status")).json();
        assertThat(byId.path("status").asString()).isEqualTo("ARCHIVED");
        assertThat(byId.path("id").asString()).isEqualTo(archivedId);
        String deletedId = ids(deleted).get(0);
        assertThat(sandbox.get(token, deletedId, form("fields", "effective_status")).json()
                .path("effective_status").asString()).isEqualTo("DELETED");
        assertThat(ids(campaigns("limit", "500"))).doesNotContain(archivedId, deletedId);
    }

    @Test
    void effectiveStatusFilterKeepsOnlyThoseStatuses() {
        JsonNode paused = campaigns("effective_status", "[\"PAUSED\"]", "fields", "effective_status", "limit", "500");
        assertThat(paused.path("data").size()).isGreaterThan(10);
        assertThat(values(paused, "effective_status")).containsOnly("PAUSED");
    }

    @Test
    void anUnknownEffectiveStatusIsRejectedWithTheValidValues() {
        SandboxHttp.Answer answer = sandbox.get(token, BIG + "/campaigns", form("effective_status", "[\"RUNNING\"]"));
        JsonNode error = assertError(answer, 100, null);
        assertThat(error.path("message").asString()).startsWith("(#100) Param effective_status[0] must be one of {")
                .contains("ACTIVE", "PAUSED", "ARCHIVED", "WITH_ISSUES");
        assertThat(error.path("error_user_title").asString()).isNotEmpty();
    }

    @Test
    void filteringByNameObjectiveStatusAndCreatedTime() {
        JsonNode winter = campaigns("filtering", "[{\"field\":\"name\",\"operator\":\"CONTAIN\",\"value\":\"sale\"}]",
                "fields", "name", "limit", "500");
        assertThat(winter.path("data").size()).isGreaterThan(0);
        assertThat(values(winter, "name")).allMatch(name -> name.toLowerCase().contains("sale"));

        JsonNode sales = campaigns("filtering", "[{\"field\":\"objective\",\"operator\":\"IN\","
                + "\"value\":[\"OUTCOME_SALES\",\"OUTCOME_LEADS\"]}]", "fields", "objective", "limit", "500");
        assertThat(Set.copyOf(values(sales, "objective"))).containsExactlyInAnyOrder("OUTCOME_SALES",
                "OUTCOME_LEADS");

        JsonNode notSales = campaigns("filtering", "[{\"field\":\"campaign.objective\",\"operator\":\"NOT_IN\","
                + "\"value\":[\"OUTCOME_SALES\"]}]", "fields", "objective", "limit", "500");
        assertThat(values(notSales, "objective")).doesNotContain("OUTCOME_SALES").isNotEmpty();

        JsonNode active = campaigns("filtering", "[{\"field\":\"status\",\"operator\":\"EQUAL\","
                + "\"value\":\"ACTIVE\"}]", "fields", "status", "limit", "500");
        assertThat(values(active, "status")).containsOnly("ACTIVE");

        JsonNode all = campaigns("fields", "created_time", "limit", "500");
        String middle = values(all, "created_time").get(all.path("data").size() / 2);
        long cut = java.time.OffsetDateTime.parse(middle,
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ")).toEpochSecond();
        JsonNode recent = campaigns("filtering", "[{\"field\":\"created_time\",\"operator\":\"GREATER_THAN\","
                + "\"value\":" + cut + "}]", "fields", "created_time", "limit", "500");
        assertThat(recent.path("data").size()).isEqualTo(all.path("data").size() / 2);
    }

    @Test
    void filteringOnStatusShowsArchivedCampaignsToo() {
        JsonNode archived = campaigns("filtering", "[{\"field\":\"effective_status\",\"operator\":\"IN\","
                + "\"value\":[\"ARCHIVED\"]}]", "fields", "effective_status");
        assertThat(archived.path("data").size()).isGreaterThan(0);
        assertThat(values(archived, "effective_status")).containsOnly("ARCHIVED");
    }

    @Test
    void anUnsupportedFilterFieldOrOperatorIsAnInvalidParameter() {
        assertError(sandbox.get(token, BIG + "/campaigns", form("filtering",
                "[{\"field\":\"colour\",\"operator\":\"EQUAL\",\"value\":\"red\"}]")), 100, null);
        JsonNode error = assertError(sandbox.get(token, BIG + "/campaigns", form("filtering",
                "[{\"field\":\"name\",\"operator\":\"LIKE\",\"value\":\"x\"}]")), 100, null);
        assertThat(error.path("message").asString()).contains("CONTAIN", "NOT_IN");
        assertError(sandbox.get(token, BIG + "/campaigns", form("filtering", "{not json")), 100, null);
    }

    @Test
    void fieldsSelectExactlyTheAskedFieldsPlusId() {
        JsonNode page = campaigns("fields", "name,objective", "limit", "3");
        for (JsonNode campaign : page.path("data")) {
            assertThat(iterable(campaign.propertyNames())).containsExactlyInAnyOrder("id", "name", "objective");
        }
        JsonNode one = sandbox.get(token, ids(page).get(0), form("fields",
                "name,account_id,effective_status,configured_status,budget_remaining,special_ad_categories")).json();
        assertThat(one.path("account_id").asString()).isEqualTo("1000000001");
        assertThat(one.path("configured_status").asString()).isIn("ACTIVE", "PAUSED");
        assertThat(one.path("special_ad_categories").isArray()).isTrue();
        assertThat(one.path("budget_remaining").asString()).matches("\\d+");
    }

    @Test
    void anUnknownFieldIsANonexistingFieldError() {
        String id = ids(campaigns("limit", "1")).get(0);
        JsonNode error = assertError(sandbox.get(token, id, form("fields", "name,colour")), 100, null);
        assertThat(error.path("message").asString())
                .isEqualTo("(#100) Tried accessing nonexisting field (colour) on node type (Campaign)");
        assertError(sandbox.get(token, BIG + "/ads", form("fields", "name,flavour")), 100, null);
    }

    @Test
    void fieldExpansionReturnsNestedEdgesWithTheirOwnPaging() {
        JsonNode page = campaigns("fields", "name,adsets.limit(2){name,effective_status}", "limit", "5");
        for (JsonNode campaign : page.path("data")) {
            JsonNode adSets = campaign.path("adsets");
            assertThat(adSets.path("data").size()).isBetween(1, 2);
            assertThat(adSets.path("data").get(0).has("name")).isTrue();
            assertThat(adSets.path("data").get(0).has("effective_status")).isTrue();
            assertThat(adSets.has("paging")).isTrue();
        }
        String id = ids(page).get(0);
        JsonNode campaign = sandbox.get(token, id, form("fields", "name,ads{name,adset_id,creative{id,name}}")).json();
        JsonNode ads = campaign.path("ads").path("data");
        assertThat(ads.size()).isGreaterThan(0);
        assertThat(ads.get(0).path("creative").path("name").asString()).isNotEmpty();
    }

    @Test
    void subObjectsOfAdSetsAndAdsExpandOnRequest() {
        String adId = ids(sandbox.get(token, BIG + "/ads", form("limit", "1")).json()).get(0);
        JsonNode ad = sandbox.get(token, adId, form("fields",
                "name,creative,campaign{name,objective},adset{name,optimization_goal},campaign_id")).json();
        assertThat(iterable(ad.path("creative").propertyNames())).containsExactly("id");
        assertThat(ad.path("campaign").path("id").asString()).isEqualTo(ad.path("campaign_id").asString());
        assertThat(ad.path("campaign").path("objective").asString()).startsWith("OUTCOME_");
        assertThat(ad.path("adset").path("optimization_goal").asString()).isNotEmpty();
    }

    @Test
    void anotherUsersCampaignLooksNonexistent() {
        String id = ids(campaigns("limit", "1")).get(0);
        String marco = sandbox.token(MARCO, null);
        JsonNode error = assertError(sandbox.get(marco, id), 100, 33);
        assertThat(error.path("message").asString()).contains("'" + id + "'", "does not exist");
        assertError(sandbox.get(sandbox.token(PRIYA, null), BIG + "/campaigns"), 100, 33);
        assertError(sandbox.get(token, "120299999999999999"), 100, 33);
    }

    @Test
    void pagesLinkedToAnAccountAreListedAndReadable() {
        JsonNode pages = sandbox.get(token, BIG + "/promote_pages", form("fields", "name,category")).json();
        assertThat(values(pages, "name")).containsExactly("Whitfield Outdoor", "Whitfield Coffee Roasters");
        JsonNode page = sandbox.get(token, "200000000000001", form("fields", "name,fan_count")).json();
        assertThat(page.path("fan_count").asInt()).isEqualTo(48210);
    }

    @Test
    void theActivityLogListsSeededHistoryNewestFirst() {
        JsonNode activities = sandbox.get(token, BIG + "/activities", form("limit", "200")).json();
        assertThat(activities.path("data").size()).isGreaterThan(130);
        java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter
                .ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
        long previous = Long.MAX_VALUE;
        for (String time : values(activities, "event_time")) {
            long epoch = java.time.OffsetDateTime.parse(time, format).toEpochSecond();
            assertThat(epoch).isLessThanOrEqualTo(previous);
            previous = epoch;
        }
        assertThat(values(activities, "event_type")).contains("create_campaign_group", "update_campaign_run_status");
        JsonNode selected = sandbox.get(token, BIG + "/activities", form("limit", "1",
                "fields", "event_type,object_id")).json().path("data").get(0);
        assertThat(iterable(selected.propertyNames())).containsExactlyInAnyOrder("event_type", "object_id");
        assertError(sandbox.get(token, BIG + "/activities", form("fields", "mood")), 100, null);
    }

    @Test
    void zeroDecimalAccountsBudgetInWholeUnits() {
        for (String account : List.of(Objects.JPY, Objects.KRW)) {
            String userToken = account.equals(Objects.KRW) ? sandbox.token(MARCO, null) : token;
            JsonNode page = sandbox.get(userToken, account + "/campaigns", form("fields", "daily_budget,lifetime_budget",
                    "effective_status", "[\"ACTIVE\",\"PAUSED\",\"ARCHIVED\"]")).json();
            assertThat(page.path("data").size()).isGreaterThan(2);
            JsonNode adSets = sandbox.get(userToken, account + "/adsets", form("fields", "daily_budget",
                    "limit", "100")).json();
            List<String> budgets = new ArrayList<>(values(page, "daily_budget"));
            budgets.addAll(values(adSets, "daily_budget"));
            budgets.removeIf(String::isEmpty);
            assertThat(budgets).isNotEmpty().allMatch(budget -> Long.parseLong(budget) >= 1_500);
        }
    }

    private static List<String> iterable(java.util.Collection<String> names) {
        return List.copyOf(names);
    }
}
