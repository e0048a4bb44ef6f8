package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.adsbridge.sandbox.insights.InsightsRows.action;
import static dev.adsbridge.sandbox.insights.InsightsRows.minor;
import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * action_breakdowns beyond action_type: each splits the entries of the action lists, never the rows, and the
 * entries of one action type add up to the type's total — except where Meta's documentation says entries are left
 * out. The rules followed, by Meta's Insights API Breakdowns page unless said otherwise:
 * <ul>
 *   <li>"Restrictions for off-Meta action metrics", Type 2 (action_device, action_destination, action_target_id,
 *       the carousel card): "Off-Meta web metrics will continue to be returned from the API, however will not
 *       contain the breakdown value. The mobile metrics will not be returned anymore".</li>
 *   <li>"Combining breakdowns": only the permutations listed there are valid; the others answer "Current combination
 *       of data breakdown columns (…) is invalid ".</li>
 *   <li>The video ads guide: action_video_type gives "total", "click_to_play" and "auto_play" entries for
 *       video_view.</li>
 * </ul>
 */
class ActionBreakdownsContractTest extends OwnSandbox {

    private static final String ACCOUNT = InsightsContractTest.ACCOUNT;
    private static final Set<String> DEVICES = Set.of("iphone", "android_smartphone", "ipad", "android_tablet",
            "desktop", "other");
    /** On-Meta actions the sandbox reports: split by the Type 2 breakdowns. */
    private static final List<String> ON_META = List.of("link_click", "post_engagement", "page_engagement",
            "post_reaction", "video_view");

    @Test
    void action_device_splits_on_meta_actions_by_device_exactly_as_the_impression_device_rows_do() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("fields", "spend,actions,cost_per_action_type",
                "date_preset", "last_30d"));
        JsonNode plain = rows(sandbox, token, ACCOUNT + "/insights", params).get(0);
        params.put("action_breakdowns", "action_device");
        JsonNode split = rows(sandbox, token, ACCOUNT + "/insights", params).get(0);
        Map<String, JsonNode> byDevice = new HashMap<>();
        rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "spend,actions", "date_preset", "last_30d",
                "breakdowns", "impression_device", "limit", "50"))
                .forEach(row -> byDevice.put(row.get("impression_device").asString(), row));

        for (String type : ON_META) {
            List<JsonNode> entries = entries(split, "actions", type);
            assertThat(action(plain, "actions", type)).as(type).isPositive();
            assertThat(entries.stream().mapToLong(ActionBreakdownsContractTest::value).sum()).as(type)
                    .isEqualTo(action(plain, "actions", type));
            for (JsonNode entry : entries) {
                String device = entry.get("action_device").asString();
                assertThat(device).isIn(DEVICES);
                // The device of an on-Meta action is the device the ad was seen on.
                assertThat(value(entry)).as(type + " on " + device)
                        .isEqualTo(action(byDevice.get(device), "actions", type));
            }
            assertThat(entries.stream().map(e -> e.get("action_device").asString()).distinct().count())
                    .as(type).isGreaterThan(2);
        }
        // Cost per action on a device: that device's spend over its actions.
        for (JsonNode cost : entries(split, "cost_per_action_type", "link_click")) {
            String device = cost.get("action_device").asString();
            JsonNode row = byDevice.get(device);
            BigDecimal expected = BigDecimal.valueOf(minor(row, "spend", 2), 2)
                    .divide(BigDecimal.valueOf(action(row, "actions", "link_click")), 6, RoundingMode.HALF_UP);
            assertThat(new BigDecimal(cost.get("value").asString())).as(device).isEqualByComparingTo(expected);
        }
        // Off-Meta web conversions come whole, without a device; mobile app installs not at all.
        assertThat(action(plain, "actions", "offsite_conversion.fb_pixel_purchase")).isPositive();
        for (String type : List.of("offsite_conversion.fb_pixel_purchase", "purchase", "landing_page_view")) {
            List<JsonNode> entries = entries(split, "actions", type);
            assertThat(entries).as(type).hasSize(1);
            assertThat(entries.get(0).has("action_device")).isFalse();
            assertThat(value(entries.get(0))).isEqualTo(action(plain, "actions", type));
        }
        assertThat(entries(split, "actions", "mobile_app_install")).isEmpty();
    }

    @Test
    void mobile_app_installs_are_left_out_under_action_device_and_kept_otherwise() {
        String appAccount = null;
        for (int i = 1; i <= 6 && appAccount == null; i++) {
            String account = "act_100000000" + i;
            SandboxHttp.Answer answer = sandbox.get(token, account + "/insights", Map.of("fields", "actions",
                    "date_preset", "last_30d"));
            if (answer.status() == 200 && !answer.json().get("data").isEmpty()
                    && action(answer.json().get("data").get(0), "actions", "mobile_app_install") > 0) {
                appAccount = account;
            }
        }
        assertThat(appAccount).as("an account with app installs").isNotNull();
        JsonNode split = rows(sandbox, token, appAccount + "/insights", Map.of("fields", "actions,conversions",
                "date_preset", "last_30d", "action_breakdowns", "action_type,action_device")).get(0);
        assertThat(entries(split, "actions", "link_click")).hasSizeGreaterThan(1);
        assertThat(entries(split, "actions", "mobile_app_install")).isEmpty();
        assertThat(entries(split, "actions", "omni_app_install")).isEmpty();
        assertThat(entries(split, "conversions", "mobile_app_install")).isEmpty();
    }

    @Test
    void action_device_within_placement_rows_adds_up_to_each_row() {
        List<JsonNode> rows = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions",
                "date_preset", "last_7d", "breakdowns", "publisher_platform,platform_position", "action_breakdowns",
                "[\"action_type\",\"action_device\"]", "limit", "100"));
        List<JsonNode> plain = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions",
                "date_preset", "last_7d", "breakdowns", "publisher_platform,platform_position", "limit", "100"));
        assertThat(rows).hasSameSizeAs(plain).hasSizeGreaterThan(4);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).get("platform_position")).isEqualTo(plain.get(i).get("platform_position"));
            for (String type : ON_META) {
                assertThat(entries(rows.get(i), "actions", type).stream()
                        .mapToLong(ActionBreakdownsContractTest::value).sum())
                        .as(type + " in " + plain.get(i)).isEqualTo(action(plain.get(i), "actions", type));
            }
        }
    }

    @Test
    void action_target_id_and_destination_name_the_page_the_actions_were_taken_on() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("fields", "campaign_id,actions", "level",
                "campaign", "date_preset", "last_30d", "limit", "500"));
        Map<String, JsonNode> plain = new HashMap<>();
        rows(sandbox, token, ACCOUNT + "/insights", params).forEach(r -> plain.put(r.get("campaign_id").asString(), r));
        params.put("action_breakdowns", "action_type,action_target_id,action_destination");
        List<JsonNode> split = rows(sandbox, token, ACCOUNT + "/insights", params);
        assertThat(split).hasSameSizeAs(plain.values());
        Map<String, String> pageNames = new HashMap<>();
        for (JsonNode row : split) {
            JsonNode total = plain.get(row.get("campaign_id").asString());
            for (String type : ON_META) {
                List<JsonNode> entries = entries(row, "actions", type);
                assertThat(entries.stream().mapToLong(ActionBreakdownsContractTest::value).sum()).as(type)
                        .isEqualTo(action(total, "actions", type));
                for (JsonNode entry : entries) {
                    String page = entry.get("action_target_id").asString();
                    String name = pageNames.computeIfAbsent(page, id -> sandbox.get(token, id,
                            Map.of("fields", "name")).json().get("name").asString());
                    assertThat(entry.get("action_destination").asString()).isEqualTo(name);
                }
            }
            for (JsonNode entry : row.path("actions")) {
                if (!ON_META.contains(entry.get("action_type").asString())) {
                    assertThat(entry.has("action_target_id")).as(entry.toString()).isFalse();
                }
            }
        }
        assertThat(pageNames).containsKey("200000000000001");
        assertThat(pageNames.get("200000000000001")).isEqualTo("Whitfield Outdoor");
    }

    @Test
    void action_reaction_splits_post_reactions_by_reaction() {
        JsonNode plain = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions",
                "date_preset", "last_30d")).get(0);
        JsonNode split = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions",
                "date_preset", "last_30d", "action_breakdowns", "action_type,action_reaction")).get(0);
        List<JsonNode> reactions = entries(split, "actions", "post_reaction");
        assertThat(reactions.stream().map(e -> e.get("action_reaction").asString()).toList())
                .containsSubsequence("like", "love").isSubsetOf("like", "love", "haha", "wow", "sad", "angry");
        assertThat(reactions.stream().mapToLong(ActionBreakdownsContractTest::value).sum())
                .isEqualTo(action(plain, "actions", "post_reaction"));
        assertThat(value(reactions.get(0))).isGreaterThan(value(reactions.get(1)));
        // Other actions are as without the breakdown.
        assertThat(entries(split, "actions", "link_click")).singleElement()
                .satisfies(e -> assertThat(e.has("action_reaction")).isFalse());
        assertThat(action(split, "actions", "link_click")).isEqualTo(action(plain, "actions", "link_click"));
    }

    @Test
    void action_video_type_gives_total_auto_play_and_click_to_play_and_action_video_sound_on_and_off() {
        JsonNode plain = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions,video_play_actions",
                "date_preset", "last_30d")).get(0);
        long views = action(plain, "actions", "video_view");
        assertThat(views).isPositive();
        JsonNode byType = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions,video_play_actions",
                "date_preset", "last_30d", "action_breakdowns", "action_video_type")).get(0);
        for (String field : List.of("actions", "video_play_actions")) {
            Map<String, Long> types = new LinkedHashMap<>();
            entries(byType, field, "video_view").forEach(e -> types.put(e.get("action_video_type").asString(),
                    value(e)));
            assertThat(types.keySet()).containsExactly("total", "auto_play", "click_to_play");
            assertThat(types.get("total")).isEqualTo(views).isEqualTo(types.get("auto_play")
                    + types.get("click_to_play"));
            assertThat(types.get("auto_play")).isGreaterThan(types.get("click_to_play"));
        }
        JsonNode bySound = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "actions",
                "date_preset", "last_30d", "action_breakdowns", "[\"action_video_sound\"]")).get(0);
        List<JsonNode> sounds = entries(bySound, "actions", "video_view");
        assertThat(sounds.stream().map(e -> e.get("action_video_sound").asString()).toList())
                .containsExactly("sound_on", "sound_off");
        assertThat(sounds.stream().mapToLong(ActionBreakdownsContractTest::value).sum()).isEqualTo(views);
    }

    @Test
    void results_and_action_values_stay_as_without_the_split() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("fields", "results,cost_per_result,action_values,"
                + "purchase_roas", "level", "campaign", "date_preset", "last_30d", "limit", "500"));
        JsonNode plain = sandbox.get(token, ACCOUNT + "/insights", params).json().get("data");
        for (String split : List.of("action_device", "action_type,action_target_id", "action_reaction",
                "action_video_type")) {
            params.put("action_breakdowns", split);
            assertThat(sandbox.get(token, ACCOUNT + "/insights", params).json().get("data")).as(split)
                    .isEqualTo(plain);
        }
    }

    @Test
    void both_list_forms_work_on_get_and_on_async_report_runs() {
        Map<String, String> comma = Map.of("fields", "actions,cost_per_action_type", "level", "campaign",
                "date_preset", "last_7d", "breakdowns", "publisher_platform", "action_breakdowns",
                "action_type,action_device", "limit", "500");
        Map<String, String> json = new LinkedHashMap<>(comma);
        json.put("breakdowns", "[\"publisher_platform\"]");
        json.put("action_breakdowns", "[\"action_type\",\"action_device\"]");
        JsonNode expected = sandbox.get(token, ACCOUNT + "/insights", comma).json().get("data");
        assertThat(entries(expected.get(0), "actions", "link_click")).allSatisfy(e -> assertThat(
                e.get("action_device").asString()).isIn(DEVICES)).hasSizeGreaterThan(1);
        assertThat(sandbox.get(token, ACCOUNT + "/insights", json).json().get("data")).isEqualTo(expected);
        for (Map<String, String> params : List.of(comma, json)) {
            SandboxHttp.Answer started = sandbox.post(token, ACCOUNT + "/insights", params);
            assertThat(started.status()).as(started.body()).isEqualTo(200);
            String run = started.json().get("report_run_id").asString();
            String status = "";
            for (int poll = 0; poll < 5 && !status.equals("Job Completed"); poll++) {
                status = sandbox.get(token, run).json().get("async_status").asString();
            }
            assertThat(status).isEqualTo("Job Completed");
            assertThat(sandbox.get(token, run + "/insights", Map.of("limit", "500")).json().get("data"))
                    .isEqualTo(expected);
        }
    }

    @Test
    void combinations_outside_metas_list_of_permutations_are_refused_with_metas_error() {
        for (Map<String, String> params : List.of(
                // action_device goes with the placement breakdowns only.
                Map.of("action_breakdowns", "action_device", "breakdowns", "age"),
                Map.of("action_breakdowns", "action_device", "breakdowns", "device_platform"),
                // action_reaction only alone (with action_type).
                Map.of("action_breakdowns", "action_type,action_reaction", "breakdowns", "country"),
                Map.of("action_breakdowns", "action_reaction,action_target_id"),
                // The carousel card goes with impression_device, country, age, gender only.
                Map.of("action_breakdowns", "action_carousel_card_id", "breakdowns", "region"),
                Map.of("action_breakdowns", "action_carousel_card_name", "breakdowns", "publisher_platform"),
                // action_target_id joins the permutations marked with an asterisk; dma is not among them.
                Map.of("action_breakdowns", "action_type,action_target_id", "breakdowns", "dma"),
                // Two splits of different kinds.
                Map.of("action_breakdowns", "action_device,action_video_type"),
                Map.of("action_breakdowns", "action_video_sound", "breakdowns", "age"),
                // Action breakdowns no permutation of Meta's list names.
                Map.of("action_breakdowns", "action_canvas_component_name"),
                Map.of("action_breakdowns", "[\"action_type\",\"conversion_destination\"]"))) {
            SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/insights", params);
            assertThat(answer.status()).as(params.toString()).isEqualTo(400);
            assertThat(answer.error().get("code").asInt()).isEqualTo(100);
            List<String> columns = new ArrayList<>(List.of(params.get("action_breakdowns")
                    .replaceAll("[\\[\\]\"]", "").split(",")));
            if (params.containsKey("breakdowns")) {
                columns.add(params.get("breakdowns"));
            }
            assertThat(answer.error().get("message").asString()).as(params.toString())
                    .isEqualTo("(#100) Current combination of data breakdown columns (" + String.join(",", columns)
                            + ") is invalid ");
        }
        for (Map<String, String> params : List.of(
                Map.of("action_breakdowns", "action_device", "breakdowns", "publisher_platform,impression_device"),
                Map.of("action_breakdowns", "action_type,action_target_id", "breakdowns", "age,gender"),
                Map.of("action_breakdowns", "action_carousel_card_id,action_carousel_card_name", "breakdowns",
                        "age,gender"),
                Map.of("action_breakdowns", "action_type,action_destination", "breakdowns",
                        "hourly_stats_aggregated_by_advertiser_time_zone"))) {
            SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/insights", params);
            assertThat(answer.status()).as(params + " " + answer.body()).isEqualTo(200);
        }
    }

    /** The entries of one action type in an action list field. */
    static List<JsonNode> entries(JsonNode row, String field, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode entry : row.path(field)) {
            if (type.equals(entry.get("action_type").asString())) {
                out.add(entry);
            }
        }
        return out;
    }

    static long value(JsonNode entry) {
        assertThat(entry.get("value").isString()).as(entry.toString()).isTrue();
        return Long.parseLong(entry.get("value").asString());
    }
}
