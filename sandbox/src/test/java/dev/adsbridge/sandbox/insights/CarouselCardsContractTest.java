package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.adsbridge.sandbox.insights.ActionBreakdownsContractTest.entries;
import static dev.adsbridge.sandbox.insights.ActionBreakdownsContractTest.value;
import static dev.adsbridge.sandbox.insights.InsightsRows.action;
import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * action_carousel_card_id / action_carousel_card_name, as Meta's carousel ads guide describes them ("Per-product ad
 * statistics"): each child_attachment of a carousel creative is a card with its own id ("1", "2", … in Meta's
 * example), named by its headline; link clicks are available per card, "other actions are not available with a card
 * breakdown", and the card breakdowns are "only for Carousel ads". Off-Meta conversions keep no card value (Insights
 * API Breakdowns, Type 2 restrictions).
 */
class CarouselCardsContractTest {

    private static final String ACCOUNT = "act_1000000001";
    private static final List<String> HEADLINES = List.of("Trail Tent", "Camp Stove", "Head Torch");

    private static MovableClock clock;
    private static SandboxHttp sandbox;
    private static String token;
    private static String adSet;
    private static String carouselAd;

    @BeforeAll
    static void start() {
        clock = new MovableClock(Instant.parse("2026-11-18T20:30:00Z"));
        sandbox = SandboxHttp.start(SandboxConfig.defaults().withClock(clock));
        token = sandbox.token();
        adSet = sandbox.get(token, ACCOUNT + "/adsets", Map.of("fields", "id", "effective_status", "[\"ACTIVE\"]",
                "limit", "1")).json().get("data").get(0).get("id").asString();
        String hash = sandbox.get(token, ACCOUNT + "/adimages", Map.of("limit", "1")).json().get("data").get(0)
                .get("hash").asString();
        StringBuilder cards = new StringBuilder();
        for (String headline : HEADLINES) {
            cards.append(cards.isEmpty() ? "" : ",").append("{\"link\":\"https://whitfield-outdoor.example/")
                    .append(headline.toLowerCase().replace(' ', '-')).append("\",\"name\":\"").append(headline)
                    .append("\",\"image_hash\":\"").append(hash).append("\"}");
        }
        SandboxHttp.Answer creative = sandbox.post(token, ACCOUNT + "/adcreatives", Map.of("name", "Kit carousel",
                "object_story_spec", "{\"page_id\":\"200000000000001\",\"link_data\":{\"link\":"
                        + "\"https://whitfield-outdoor.example/kit\",\"message\":\"Pack for the weekend.\","
                        + "\"image_hash\":\"" + hash + "\",\"child_attachments\":[" + cards + "]}}"));
        assertThat(creative.status()).as(creative.body()).isEqualTo(200);
        SandboxHttp.Answer ad = sandbox.post(token, ACCOUNT + "/ads", Map.of("name", "Kit carousel ad",
                "adset_id", adSet, "creative", "{\"creative_id\":\"" + creative.json().get("id").asString() + "\"}",
                "status", "ACTIVE"));
        assertThat(ad.status()).as(ad.body()).isEqualTo(200);
        carouselAd = ad.json().get("id").asString();
        clock.advance(Duration.ofDays(3));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void a_carousel_ads_link_clicks_divide_among_its_cards() {
        Map<String, String> params = new HashMap<>(Map.of("fields", "actions,cost_per_action_type,spend",
                "date_preset", "last_3d"));
        JsonNode plain = rows(sandbox, token, carouselAd + "/insights", params).get(0);
        long clicks = action(plain, "actions", "link_click");
        assertThat(clicks).isPositive();
        params.put("action_breakdowns", "[\"action_type\",\"action_carousel_card_id\",\"action_carousel_card_name\"]");
        JsonNode split = rows(sandbox, token, carouselAd + "/insights", params).get(0);
        List<JsonNode> cards = entries(split, "actions", "link_click");
        assertThat(cards.stream().map(e -> e.get("action_carousel_card_id").asString()).toList())
                .containsExactly("1", "2", "3");
        assertThat(cards.stream().map(e -> e.get("action_carousel_card_name").asString()).toList())
                .containsExactlyElementsOf(HEADLINES);
        assertThat(cards.stream().mapToLong(ActionBreakdownsContractTest::value).sum()).isEqualTo(clicks);
        assertThat(value(cards.get(0))).as("the first card is seen by everyone").isGreaterThan(value(cards.get(2)));
        // Only link clicks by card; engagement actions are not available with a card breakdown.
        for (String type : List.of("post_engagement", "page_engagement", "video_view", "post_reaction")) {
            assertThat(entries(split, "actions", type)).as(type).isEmpty();
        }
        // Cost per link click on a card: the ad's spend over that card's clicks.
        for (JsonNode cost : entries(split, "cost_per_action_type", "link_click")) {
            String card = cost.get("action_carousel_card_id").asString();
            long cardClicks = value(cards.get(Integer.parseInt(card) - 1));
            assertThat(Double.parseDouble(cost.get("value").asString())).as(card)
                    .isCloseTo(Double.parseDouble(plain.get("spend").asString()) / cardClicks,
                            org.assertj.core.api.Assertions.within(0.000001));
        }
    }

    @Test
    void ads_that_are_no_carousel_have_no_card_to_credit() {
        Map<String, String> params = new HashMap<>(Map.of("fields", "actions", "date_preset", "last_3d",
                "action_breakdowns", "action_carousel_card_name"));
        JsonNode carousel = rows(sandbox, token, carouselAd + "/insights", Map.of("fields", "actions",
                "date_preset", "last_3d")).get(0);
        JsonNode adSetRow = rows(sandbox, token, adSet + "/insights", params).get(0);
        JsonNode adSetPlain = rows(sandbox, token, adSet + "/insights", Map.of("fields", "actions",
                "date_preset", "last_3d")).get(0);
        assertThat(action(adSetPlain, "actions", "link_click")).isGreaterThan(action(carousel, "actions",
                "link_click"));
        assertThat(entries(adSetRow, "actions", "link_click").stream()
                .mapToLong(ActionBreakdownsContractTest::value).sum())
                .isEqualTo(action(carousel, "actions", "link_click"));
        // Off-Meta conversions of every ad stay, whole and without a card.
        for (JsonNode entry : adSetRow.path("actions")) {
            if (entry.get("action_type").asString().startsWith("offsite_conversion.")) {
                assertThat(entry.has("action_carousel_card_name")).isFalse();
                assertThat(value(entry)).isEqualTo(action(adSetPlain, "actions",
                        entry.get("action_type").asString()));
            }
        }
    }

    @Test
    void cards_combine_with_age_and_gender_rows() {
        List<JsonNode> rows = rows(sandbox, token, carouselAd + "/insights", Map.of("fields", "actions",
                "date_preset", "last_3d", "breakdowns", "age,gender", "action_breakdowns",
                "action_carousel_card_id", "limit", "100"));
        List<JsonNode> plain = rows(sandbox, token, carouselAd + "/insights", Map.of("fields", "actions",
                "date_preset", "last_3d", "breakdowns", "age,gender", "limit", "100"));
        assertThat(rows).hasSameSizeAs(plain).hasSizeGreaterThan(3);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(entries(rows.get(i), "actions", "link_click").stream()
                    .mapToLong(ActionBreakdownsContractTest::value).sum()).as(plain.get(i).toString())
                    .isEqualTo(action(plain.get(i), "actions", "link_click"));
        }
    }
}
