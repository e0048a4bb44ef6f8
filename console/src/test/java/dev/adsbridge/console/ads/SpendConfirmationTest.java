package dev.adsbridge.console.ads;

import static dev.adsbridge.console.ads.ApiFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Money against the sandbox, through the REST API: every write that can start or raise spend asks for confirmation
 * (amounts in the account currency, EUR here), the tenant's spending limits ask for the amount or refuse, the dry run
 * says so in words, and every text a marketer may see is free of tool names, argument names and epoch times.
 */
class SpendConfirmationTest {

    static ApiFixture f;
    /** Texts a marketer may see, gathered by the tests and checked by {@link #noTextNamesAToolAnArgumentOrAnEpoch}. */
    static final List<String> TEXTS = new ArrayList<>();

    @BeforeAll
    static void fixture() {
        // A tenant of its own: the spending limits set here must not reach the other tests' tenant.
        f = new ApiFixture("Money " + UUID.randomUUID().toString().substring(0, 6));
    }

    static String path() {
        return "/api/v1/ad-accounts/" + ACCOUNT + "/campaigns";
    }

    static String campaign(String budget) {
        AdsApiTest.Answer answer = AdsApiTest.post(f.writeKey, path(), Map.of("name", "Money " + UUID.randomUUID(),
                "objective", "OUTCOME_TRAFFIC", "daily_budget", budget));
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(201);
        return answer.json().path("id").asString();
    }

    static JsonNode error(AdsApiTest.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.response().body()).isEqualTo(status);
        JsonNode error = answer.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo(code);
        collect(error);
        return error;
    }

    static void collect(JsonNode error) {
        TEXTS.add(error.path("message").asString(""));
        TEXTS.add(error.path("details").path("title").asString(""));
        TEXTS.add(error.path("details").path("next_step").asString(""));
    }

    @Test
    void creatingSomethingActiveNeedsConfirmationAndPausedDoesNot() {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "Active " + UUID.randomUUID(),
                "objective", "OUTCOME_TRAFFIC", "status", "ACTIVE", "daily_budget", "4000"));
        JsonNode error = error(AdsApiTest.post(f.writeKey, path(), body), 409, "confirmation_required");
        assertThat(error.path("message").asString()).contains("as soon as it is created");
        assertThat(error.path("details").path("requested").path("daily_budget_formatted").asString())
                .isEqualTo("€40.00");
        assertThat(error.path("details").path("confirm_with").path("confirm").asBoolean()).isTrue();

        body.put("confirm", true);
        AdsApiTest.Answer created = AdsApiTest.post(f.writeKey, path(), body);
        assertThat(created.status()).as(created.response().body()).isEqualTo(201);
        assertThat(f.graph("/" + created.json().path("id").asString() + "?fields=status").path("status").asString())
                .isEqualTo("ACTIVE");
    }

    @Test
    void raisingABudgetNeedsConfirmationWithBothAmountsInTheAccountCurrencyAndLoweringNeverDoes() {
        String id = campaign("2500");
        JsonNode error = error(AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                Map.of("daily_budget", "4000")), 409, "confirmation_required");
        assertThat(error.path("message").asString()).contains("€25.00").contains("€40.00");
        assertThat(error.path("details").path("current").path("daily_budget_formatted").asString())
                .isEqualTo("€25.00");
        assertThat(error.path("details").path("requested").path("daily_budget_formatted").asString())
                .isEqualTo("€40.00");
        assertThat(f.graph("/" + id + "?fields=daily_budget").path("daily_budget").asString()).isEqualTo("2500");

        AdsApiTest.Answer lowered = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                Map.of("daily_budget", 2000)); // a number is accepted as well as a string
        assertThat(lowered.status()).as(lowered.response().body()).isEqualTo(200);
        assertThat(f.graph("/" + id + "?fields=daily_budget").path("daily_budget").asString()).isEqualTo("2000");

        // Switching to a lifetime budget without an end date: what it spends per day is unknown → raising.
        error(AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                Map.of("lifetime_budget", "10000")), 409, "confirmation_required");
        // Removing the campaign's spending limit, or a field the change does not know.
        AdsApiTest.Answer unknown = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                Map.of("daily_budget", "1000", "dayly_budget", "9"));
        assertThat(unknown.status()).as(unknown.response().body()).isEqualTo(400);
        assertThat(unknown.json().path("error").path("fields").has("dayly_budget")).isTrue();
        AdsApiTest.Answer bid = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                Map.of("bid_amount", "100"));
        assertThat(bid.status()).as("a campaign has no bid of its own").isEqualTo(400);
    }

    @Test
    void raisingABidOrRemovingASpendingLimitOrExtendingTheScheduleNeedsConfirmation() {
        AdsApiTest.Answer capped = AdsApiTest.post(f.writeKey, path(), Map.of("name", "Cap " + UUID.randomUUID(),
                "objective", "OUTCOME_TRAFFIC", "daily_budget", "2500", "spend_cap", "100000"));
        assertThat(capped.status()).as(capped.response().body()).isEqualTo(201);
        String id = capped.json().path("id").asString();
        JsonNode removed = error(AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                Map.of("spend_cap", "0")), 409, "confirmation_required");
        assertThat(removed.path("message").asString()).contains("€1,000.00");

        JsonNode raisedBid = error(AdsApiTest.post(f.writeKey, "/api/v1/adsets/" + f.adSetId + "/budget",
                Map.of("bid_amount", "999")), 409, "confirmation_required");
        assertThat(raisedBid.path("message").asString()).containsIgnoringCase("bid");

        String later = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode adSet = f.graph("/" + f.adSetId + "?fields=end_time");
        if (adSet.path("end_time").isString()) {
            error(AdsApiTest.post(f.writeKey, "/api/v1/adsets/" + f.adSetId + "/budget", Map.of("end_time", later)),
                    409, "confirmation_required");
        }
    }

    @Test
    void spendingLimitsAskForTheAmountAboveConfirmAndRefuseAboveTheHardCap() {
        // The default hard cap (10 × max(€1,000, 2 × the largest daily budget)) refuses an absurd budget.
        JsonNode absurd = error(AdsApiTest.post(f.writeKey, path(), Map.of("name", "Absurd", "objective",
                "OUTCOME_TRAFFIC", "daily_budget", "99999999999", "confirm", true)), 422, "refused_by_guard");
        assertThat(absurd.path("details").path("hard_cap").asString()).endsWith(" EUR");

        // Only owners set limits.
        String adminBody = AdsApiTest.JSON.writeValueAsString(Map.of("ad_account_id", ACCOUNT,
                "confirm_above", "100.00", "hard_cap", "1000.00"));
        var adminPut = f.admin.api("PUT", "/api/v1/spend-guards", adminBody);
        assertThat(adminPut.status()).as(adminPut.body()).isEqualTo(403);
        var ownerPut = f.owner.browser().api("PUT", "/api/v1/spend-guards", adminBody);
        assertThat(ownerPut.status()).as(ownerPut.body()).isEqualTo(200);
        assertThat(ownerPut.body()).contains("\"hard_cap\":\"1000.00 EUR\"");
        assertThat(f.owner.browser().get("/api/v1/spend-guards").body()).contains("\"confirm_above\":\"100.00 EUR\"");
        ConsoleHarness.eventually("the limit change is audited", () -> f.owner.browser()
                .get("/api/v1/audit?action=spend_guard.update").body().contains(ACCOUNT));
        try {
            // €200 a day: above the confirmation limit → the amount must be named.
            Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "Guarded " + UUID.randomUUID(),
                    "objective", "OUTCOME_TRAFFIC", "daily_budget", "20000", "confirm", true));
            JsonNode ask = error(AdsApiTest.post(f.writeKey, path(), body), 409, "confirmation_required");
            assertThat(ask.path("details").path("confirm_amount").asString()).isEqualTo("200.00 EUR");
            assertThat(ask.path("message").asString()).contains("€200.00").contains("€100.00");
            body.put("confirm_amount", "150.00 EUR");
            error(AdsApiTest.post(f.writeKey, path(), body), 409, "confirmation_required");
            body.put("confirm_amount", "200.00 EUR");
            AdsApiTest.Answer created = AdsApiTest.post(f.writeKey, path(), body);
            assertThat(created.status()).as(created.response().body()).isEqualTo(201);
            String id = created.json().path("id").asString();

            // €2,000 a day: above the hard cap, refused whatever the confirmation; the dry run says so in words.
            JsonNode refused = error(AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                    Map.of("daily_budget", "200000", "confirm", true, "confirm_amount", "2000.00 EUR")), 422,
                    "refused_by_guard");
            assertThat(refused.path("message").asString()).contains("€2,000.00").contains("€1,000.00");
            AdsApiTest.Answer dry = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                    Map.of("daily_budget", "200000", "validate_only", true));
            assertThat(dry.status()).as(dry.response().body()).isEqualTo(200);
            assertThat(dry.json().path("guard").path("outcome").asString()).isEqualTo("refused");
            assertThat(dry.json().path("summary").toString()).contains("from €200.00 to €2,000.00")
                    .contains("hard limit of €1,000.00");
            dry.json().path("summary").forEach(s -> TEXTS.add(s.asString()));

            // A lifetime budget counts by its average per day: €5,000 over 10 days = €500 a day → name the amount.
            String stop = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
            JsonNode lifetime = error(AdsApiTest.post(f.writeKey, path(), Map.of("name", "Lifetime", "objective",
                    "OUTCOME_TRAFFIC", "lifetime_budget", "500000", "stop_time", stop, "confirm", true)), 409,
                    "confirmation_required");
            assertThat(lifetime.path("details").path("confirm_amount").asString()).isEqualTo("5000.00 EUR");
            assertThat(lifetime.path("details").path("guard").path("per_day_formatted").asString())
                    .isEqualTo("€500.00");

            // Lowering is never held back by a limit, even from above it.
            AdsApiTest.Answer lower = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + id + "/budget",
                    Map.of("daily_budget", "15000"));
            assertThat(lower.status()).as(lower.response().body()).isEqualTo(200);
        } finally {
            f.owner.browser().api("PUT", "/api/v1/spend-guards",
                    AdsApiTest.JSON.writeValueAsString(Map.of("ad_account_id", ACCOUNT)));
        }
    }

    @Test
    void aDryRunSaysInWordsAndMoneyWhatWouldHappen() {
        String name = "Spring sale " + UUID.randomUUID().toString().substring(0, 4);
        AdsApiTest.Answer dry = AdsApiTest.post(f.writeKey, path(), Map.of("name", name, "objective",
                "OUTCOME_TRAFFIC", "daily_budget", "4000", "validate_only", true));
        assertThat(dry.status()).as(dry.response().body()).isEqualTo(200);
        List<String> summary = new ArrayList<>();
        dry.json().path("summary").forEach(s -> summary.add(s.asString()));
        assertThat(summary).contains("Creates campaign “" + name + "” (Traffic), paused, daily budget €40.00.",
                "Facebook would accept this.");
        assertThat(dry.json().path("would_send").path("daily_budget").asLong()).as("kept for programs")
                .isEqualTo(4000);
        TEXTS.addAll(summary);

        AdsApiTest.Answer pause = AdsApiTest.post(f.writeKey, "/api/v1/campaigns/" + f.campaignId + "/status",
                Map.of("status", "PAUSED", "validate_only", true));
        assertThat(pause.json().path("summary").get(0).asString()).startsWith("Pauses campaign “");
    }

    @Test
    void metaRefusalsAndReadFailuresReadAsOneMessageInAMarketersWords() {
        // Meta refuses a budget under the minimum: the catalogue's title and next step, Meta's codes kept apart.
        JsonNode low = error(AdsApiTest.post(f.writeKey, path(), Map.of("name", "Too low", "objective",
                "OUTCOME_TRAFFIC", "daily_budget", "1")), 400, "meta_invalid_request");
        assertThat(low.path("details").path("title").asString()).isEqualTo("Budget is too low");
        assertThat(low.path("meta").path("subcode").asInt()).isEqualTo(1885272);

        // A failed read never speaks of a refused change.
        harness().controlPost("/_sandbox/faults", Map.of("kind", "server_error", "path", "insights", "count", -1));
        try {
            AdsApiTest.Answer read = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT + "/summary");
            assertThat(read.status()).as(read.response().body()).isGreaterThanOrEqualTo(500);
            collect(read.json().path("error"));
            assertThat(read.response().body()).doesNotContainIgnoringCase("refused");
        } finally {
            harness().control("DELETE", "/_sandbox/faults", null);
        }

        collect(error(AdsApiTest.post(f.writeKey, "/api/v1/ad-accounts/" + ACCOUNT + "/ads", Map.of("name", "x")),
                400, "validation_failed"));
        collect(error(AdsApiTest.get(f.readKey, "/api/v1/campaigns/999999999"), 404, "not_found"));
    }

    @Test
    void ownersSetLimitsInSettingsAndAdminsCannot() {
        assertThat(f.admin.get("/settings/spend-guards").status()).isEqualTo(403);
        var page = f.owner.browser().get("/settings/spend-guards");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Spending limits").contains(ACCOUNT);
        var wrong = f.owner.browser().post("/settings/spend-guards", Map.of("ad_account_id", "*", "currency", "USD",
                "confirm_above", "lots", "hard_cap", ""));
        assertThat(wrong.body()).contains("An amount above zero in USD");
        // Every account in USD (this tenant's account spends EUR, so the other tests are not affected).
        var saved = f.owner.browser().post("/settings/spend-guards", Map.of("ad_account_id", "*", "currency", "USD",
                "confirm_above", "300", "hard_cap", "3,000.00"));
        assertThat(saved.body()).contains("Every ad account in USD").contains("$300.00").contains("$3,000.00");
        assertThat(f.owner.browser().get("/settings").body()).contains("/settings/spend-guards");
    }

    static ConsoleHarness harness() {
        return ApiFixture.harness;
    }

    @org.junit.jupiter.api.AfterAll
    static void noTextNamesAToolAnArgumentOrAnEpoch() throws IOException {
        List<String> tools;
        try (Stream<Path> files = Files.list(Path.of("..", "mcp", "src", "test", "resources", "toolsnaps"))) {
            tools = files.map(p -> p.getFileName().toString().replace(".json", "")).toList();
        }
        assertThat(tools).contains("create_insights_report", "update_campaign");
        Pattern epoch = Pattern.compile("\\b[0-9]{9,}\\b");
        assertThat(TEXTS).isNotEmpty();
        for (String text : TEXTS) {
            for (String tool : tools) {
                assertThat(text).as("tool name in %s", text).doesNotContain(tool);
            }
            assertThat(text).as(text).doesNotContain("_id").doesNotContain("_budget");
            assertThat(epoch.matcher(text).find()).as("a long number in %s", text).isFalse();
        }
    }
}
