package dev.adsbridge.console.ads;

import static dev.adsbridge.console.ads.ApiFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Insights over HTTP: the previous period, CSV export, validation, and the summary agreeing with insights. */
class AdsApiInsightsTest {

    static ApiFixture f;

    @BeforeAll
    static void fixture() {
        f = ApiFixture.shared();
    }

    static JsonNode ok(String path) {
        AdsApiTest.Answer answer = AdsApiTest.get(f.readKey, path);
        assertThat(answer.status()).as(path + " " + answer.response().body()).isEqualTo(200);
        return answer.json();
    }

    static void assertPreviousPeriod(JsonNode insights) {
        LocalDate since = LocalDate.parse(insights.path("since").asString());
        LocalDate until = LocalDate.parse(insights.path("until").asString());
        JsonNode previous = insights.path("previous");
        LocalDate previousSince = LocalDate.parse(previous.path("since").asString());
        LocalDate previousUntil = LocalDate.parse(previous.path("until").asString());
        assertThat(previousUntil).isEqualTo(since.minusDays(1));
        assertThat(ChronoUnit.DAYS.between(previousSince, previousUntil))
                .isEqualTo(ChronoUnit.DAYS.between(since, until));
        assertThat(previous.path("totals").has("spend")).isTrue();
    }

    @Test
    void comparePreviousIsThePeriodOfEqualLengthEndingTheDayBeforeSince() {
        JsonNode preset = ok("/api/v1/insights?object_id=" + ACCOUNT
                + "&date_preset=last_14d&time_increment=1&compare=previous");
        assertPreviousPeriod(preset);
        assertThat(preset.path("rows").size()).isEqualTo(14);
        assertThat(preset.path("previous").path("rows").size()).isEqualTo(14);
        LocalDate firstPreviousRow = LocalDate.parse(preset.path("previous").path("rows").get(0).path("date_start")
                .asString());
        assertThat(firstPreviousRow).isEqualTo(LocalDate.parse(preset.path("previous").path("since").asString()));

        LocalDate until = LocalDate.parse(preset.path("until").asString()).minusDays(3);
        LocalDate since = until.minusDays(9);
        JsonNode range = ok("/api/v1/insights?object_id=" + ACCOUNT + "&since=" + since + "&until=" + until
                + "&time_increment=1&compare=previous");
        assertThat(range.path("since").asString()).isEqualTo(since.toString());
        assertThat(range.path("until").asString()).isEqualTo(until.toString());
        assertPreviousPeriod(range);
        assertThat(range.path("previous").path("since").asString()).isEqualTo(since.minusDays(10).toString());
        assertThat(range.path("previous").path("until").asString()).isEqualTo(since.minusDays(1).toString());
        assertThat(range.path("rows").size()).isEqualTo(10);
        assertThat(range.path("previous").path("rows").size()).isEqualTo(10);

        // Without compare there is no previous period.
        assertThat(ok("/api/v1/insights?object_id=" + ACCOUNT + "&date_preset=last_7d").has("previous")).isFalse();
    }

    @Test
    void aCampaignsInsightsAreAtCampaignLevelUnlessALevelIsAsked() {
        JsonNode byCampaign = ok("/api/v1/insights?object_id=" + ACCOUNT + "&date_preset=last_14d&level=campaign");
        String campaign = null;
        for (JsonNode row : byCampaign.path("rows")) {
            if (row.path("spend").asDouble() > 0) {
                campaign = row.path("campaign_id").asString();
            }
        }
        assertThat(campaign).as(byCampaign.toString()).isNotNull();
        JsonNode daily = ok("/api/v1/insights?object_id=" + campaign + "&date_preset=last_14d&time_increment=1"
                + "&compare=previous");
        assertThat(daily.path("rows").size()).isBetween(1, 14);
        assertThat(daily.path("rows").findValuesAsString("date_start")).doesNotHaveDuplicates();
        for (JsonNode row : daily.path("rows")) {
            assertThat(row.has("ad_id")).as(row.toString()).isFalse();
        }
        assertPreviousPeriod(daily);
        JsonNode ads = ok("/api/v1/insights?object_id=" + campaign + "&date_preset=last_14d&level=ad");
        for (JsonNode row : ads.path("rows")) {
            assertThat(row.path("ad_id").asString()).isNotBlank();
        }
    }

    @Test
    void csvHasAHeaderAndOneLinePerRow() {
        String query = "object_id=" + ACCOUNT + "&date_preset=last_14d&time_increment=1&level=campaign";
        JsonNode json = ok("/api/v1/insights?" + query);
        AdsApiTest.Answer csv = AdsApiTest.get(f.readKey, "/api/v1/insights.csv?" + query);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
        List<String> lines = csv.response().body().lines().toList();
        assertThat(lines.get(0)).startsWith("date_start,date_stop,").contains("spend").contains("campaign_id");
        assertThat(lines).hasSize(json.path("rows").size() + 1);
        assertThat(json.path("rows").size()).isGreaterThan(14);
        int columns = lines.get(0).split(",", -1).length;
        int spend = List.of(lines.get(0).split(",")).indexOf("spend");
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.matches(".*\"[^\"]*,.*")).as("no quoted commas in " + line).isFalse();
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSize(columns);
            sum += Double.parseDouble(cells[spend]);
        }
        assertThat(sum).isCloseTo(json.path("totals").path("spend").asDouble(), within(0.05));
    }

    @Test
    void badPresetsDatesAndLevelsAreValidationErrors() {
        for (String query : List.of("date_preset=last_9d", "date_preset=yesterday%27--", "since=2026-13-01&until=2026-13-05",
                "since=2026-11-01", "since=2026-11-10&until=2026-11-01", "since=yesterday&until=today",
                "level=campaigns", "date_preset=last_7d&time_increment=0", "date_preset=last_7d&time_increment=weekly")) {
            for (String path : List.of("/api/v1/insights?object_id=" + ACCOUNT + "&", "/api/v1/insights.csv?object_id="
                    + ACCOUNT + "&")) {
                AdsApiTest.Answer answer = AdsApiTest.get(f.readKey, path + query);
                assertThat(answer.status()).as(path + query + " " + answer.response().body()).isEqualTo(400);
                assertThat(answer.json().path("error").path("code").asString()).isEqualTo("validation_failed");
                assertThat(answer.json().path("error").path("request_id").asString()).isNotBlank();
            }
        }
        AdsApiTest.Answer noObject = AdsApiTest.get(f.readKey, "/api/v1/insights?date_preset=last_7d");
        assertThat(noObject.status()).isEqualTo(400);
        assertThat(noObject.json().path("error").path("code").asString()).isEqualTo("validation_failed");

        AdsApiTest.Answer summary = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT
                + "/summary?date_preset=last_9d");
        assertThat(summary.status()).as(summary.response().body()).isEqualTo(400);
        assertThat(summary.json().path("error").path("code").asString()).isEqualTo("validation_failed");
        AdsApiTest.Answer campaigns = AdsApiTest.get(f.readKey, "/api/v1/ad-accounts/" + ACCOUNT
                + "/campaigns?date_preset=forever");
        assertThat(campaigns.status()).as(campaigns.response().body()).isEqualTo(400);
        assertThat(campaigns.json().path("error").path("code").asString()).isEqualTo("validation_failed");
    }

    @Test
    void theSummaryEqualsTheInsightsTotalsForTheSamePreset() {
        for (String preset : List.of("last_7d", "last_30d")) {
            JsonNode summary = ok("/api/v1/ad-accounts/" + ACCOUNT + "/summary?date_preset=" + preset);
            JsonNode insights = ok("/api/v1/insights?object_id=" + ACCOUNT + "&date_preset=" + preset
                    + "&compare=previous");
            JsonNode totals = insights.path("totals");
            for (String field : List.of("spend", "impressions", "clicks", "ctr", "cpc", "results")) {
                assertThat(summary.path(field).asDouble()).as(preset + " " + field)
                        .isEqualTo(totals.path(field).asDouble());
                assertThat(summary.path("previous").path(field).asDouble()).as(preset + " previous " + field)
                        .isEqualTo(insights.path("previous").path("totals").path(field).asDouble());
            }
            assertThat(summary.path("spend").asDouble()).isGreaterThan(0);
            assertThat(summary.path("date_start").asString()).isEqualTo(insights.path("since").asString());
            assertThat(summary.path("date_stop").asString()).isEqualTo(insights.path("until").asString());
            assertThat(summary.path("previous").path("date_start").asString())
                    .isEqualTo(insights.path("previous").path("since").asString());
            assertThat(summary.path("currency").asString()).isNotBlank();
        }
    }
}
