package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.adsbridge.sandbox.insights.InsightsRows.count;
import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery follows what happens to the objects: a paused ad stops delivering from the moment it was paused, a resumed
 * one starts again (leaving a gap), a new ad delivers from its creation, and history does not move. The sandbox clock
 * starts at 2026-11-18T20:30Z (12:30 in act_1000000001's Los Angeles) and is moved by the tests.
 */
class InsightsDeliveryContractTest {

    private static final String ACCOUNT = "act_1000000001";
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    private static MovableClock clock;
    private static SandboxHttp sandbox;
    private static String token;

    @BeforeAll
    static void start() {
        clock = new MovableClock(Instant.parse("2026-11-18T20:30:00Z"));
        sandbox = SandboxHttp.start(SandboxConfig.defaults().withClock(clock));
        token = sandbox.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_paused_ad_stops_delivering_and_a_resumed_one_starts_again_leaving_a_gap() {
        JsonNode busiest = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "ad_id,impressions",
                "level", "ad", "date_preset", "yesterday", "sort", "impressions_descending", "limit", "1",
                "filtering", "[{\"field\":\"ad.effective_status\",\"operator\":\"IN\",\"value\":[\"ACTIVE\"]}]"))
                .get(0);
        String ad = busiest.get("ad_id").asString();
        LocalDate pausedOn = today();
        Map<String, String> daily = new LinkedHashMap<>(Map.of("fields", "impressions", "time_increment", "1"));
        daily.put("time_range", range(pausedOn.minusDays(3), pausedOn));
        List<JsonNode> before = rows(sandbox, token, ad + "/insights", daily);
        assertThat(dates(before)).containsExactlyElementsOf(days(pausedOn.minusDays(3), pausedOn));

        assertThat(sandbox.post(token, ad, Map.of("status", "PAUSED")).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(3));
        daily.put("time_range", range(pausedOn.minusDays(3), today()));
        List<JsonNode> paused = rows(sandbox, token, ad + "/insights", daily);
        assertThat(dates(paused)).containsExactlyElementsOf(days(pausedOn.minusDays(3), pausedOn));
        assertThat(paused.subList(0, 3)).as("history does not move").isEqualTo(before.subList(0, 3));
        // Paused at 12:30 in Los Angeles: about half of a normal day.
        double share = (double) count(paused.get(3), "impressions") / count(paused.get(2), "impressions");
        assertThat(share).isBetween(0.25, 0.85);

        assertThat(sandbox.post(token, ad, Map.of("status", "ACTIVE")).status()).isEqualTo(200);
        LocalDate resumedOn = today();
        clock.advance(Duration.ofDays(2));
        daily.put("time_range", range(pausedOn.minusDays(3), today()));
        List<JsonNode> resumed = rows(sandbox, token, ad + "/insights", daily);
        List<String> expected = new ArrayList<>(days(pausedOn.minusDays(3), pausedOn));
        expected.addAll(days(resumedOn, resumedOn.plusDays(2)));
        assertThat(dates(resumed)).containsExactlyElementsOf(expected);
        assertThat(resumed.subList(0, 4)).isEqualTo(paused);
    }

    @Test
    void an_ad_created_through_the_api_delivers_from_its_creation_on() {
        JsonNode adSet = sandbox.get(token, ACCOUNT + "/adsets", Map.of("fields", "id,campaign_id",
                "effective_status", "[\"ACTIVE\"]", "limit", "1")).json().get("data").get(0);
        String creative = sandbox.get(token, ACCOUNT + "/adcreatives", Map.of("fields", "id", "limit", "1"))
                .json().get("data").get(0).get("id").asString();
        SandboxHttp.Answer created = sandbox.post(token, ACCOUNT + "/ads", Map.of("name", "Fresh ad",
                "adset_id", adSet.get("id").asString(), "creative", "{\"creative_id\":\"" + creative + "\"}",
                "status", "ACTIVE"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String ad = created.json().get("id").asString();

        assertThat(rows(sandbox, token, ad + "/insights", Map.of("date_preset", "maximum"))).isEmpty();
        clock.advance(Duration.ofDays(1));
        List<JsonNode> days = rows(sandbox, token, ad + "/insights", Map.of("date_preset", "maximum",
                "time_increment", "1", "fields", "impressions,spend"));
        assertThat(days).isNotEmpty();
        assertThat(days.get(0).get("date_start").asString()).isGreaterThanOrEqualTo(isoDay(clock.instant()
                .minus(Duration.ofDays(1))));
        assertThat(days).allSatisfy(day -> assertThat(count(day, "impressions")).isPositive());
    }

    @Test
    void an_archived_campaign_keeps_its_history() {
        JsonNode archived = sandbox.get(token, ACCOUNT + "/campaigns", Map.of("fields", "id,effective_status",
                "effective_status", "[\"ARCHIVED\"]", "limit", "1")).json().get("data").get(0);
        String campaign = archived.get("id").asString();
        List<JsonNode> months = rows(sandbox, token, campaign + "/insights", Map.of("date_preset", "maximum",
                "time_increment", "monthly", "fields", "impressions", "limit", "100"));
        assertThat(months).isNotEmpty();
        assertThat(rows(sandbox, token, campaign + "/insights", Map.of("date_preset", "today"))).isEmpty();
    }

    private static List<String> dates(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("date_start").asString()).toList();
    }

    private static String isoDay(Instant instant) {
        return instant.atZone(LOS_ANGELES).toLocalDate().toString();
    }

    private static LocalDate today() {
        return clock.instant().atZone(LOS_ANGELES).toLocalDate();
    }

    private static String range(LocalDate since, LocalDate until) {
        return "{\"since\":\"" + since + "\",\"until\":\"" + until + "\"}";
    }

    private static List<String> days(LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).map(LocalDate::toString).toList();
    }
}
