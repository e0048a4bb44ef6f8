package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.adsbridge.sandbox.insights.InsightsRows.count;
import static dev.adsbridge.sandbox.insights.InsightsRows.decimal;
import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static dev.adsbridge.sandbox.insights.InsightsRows.sum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * breakdowns=frequency_value (Insights API Breakdowns: "frequency_value is used with reach only. For example, how
 * frequently a unique user saw an ad."): each row's reach divided by how many times its people saw the ads.
 */
class FrequencyValueContractTest extends OwnSandbox {

    private static final String ACCOUNT = InsightsContractTest.ACCOUNT;
    private static final List<String> BUCKETS = List.of("1", "2", "3", "4", "5", "6-10", "11+");

    @Test
    void buckets_add_up_to_each_rows_reach_and_impressions_and_keep_their_frequency_within_the_bucket() {
        for (String preset : List.of("last_7d", "last_30d", "last_90d")) {
            Map<String, String> params = new LinkedHashMap<>(Map.of("fields", "campaign_id,impressions,reach,"
                    + "frequency", "level", "campaign", "date_preset", preset, "limit", "1000"));
            Map<String, JsonNode> totals = rows(sandbox, token, ACCOUNT + "/insights", params).stream()
                    .collect(Collectors.toMap(r -> r.get("campaign_id").asString(), r -> r));
            params.put("breakdowns", "frequency_value");
            Map<String, List<JsonNode>> buckets = rows(sandbox, token, ACCOUNT + "/insights", params).stream()
                    .collect(Collectors.groupingBy(r -> r.get("campaign_id").asString(), LinkedHashMap::new,
                            Collectors.toList()));
            assertThat(buckets.keySet()).as(preset).containsExactlyInAnyOrderElementsOf(totals.keySet());
            boolean spread = false;
            for (Map.Entry<String, List<JsonNode>> campaign : buckets.entrySet()) {
                JsonNode total = totals.get(campaign.getKey());
                List<JsonNode> rows = campaign.getValue();
                String what = preset + " campaign " + campaign.getKey();
                assertThat(sum(rows, "reach")).as(what + " reach").isEqualTo(count(total, "reach"));
                assertThat(sum(rows, "impressions")).as(what + " impressions").isEqualTo(count(total, "impressions"));
                List<String> labels = rows.stream().map(r -> r.get("frequency_value").asString()).toList();
                assertThat(labels).as(what).isSubsetOf(BUCKETS).doesNotHaveDuplicates()
                        .isSortedAccordingTo((a, b) -> Integer.compare(BUCKETS.indexOf(a), BUCKETS.indexOf(b)));
                spread |= labels.size() >= 3;
                for (JsonNode row : rows) {
                    assertWithinBucket(row);
                    assertThat(row.get("date_start")).isEqualTo(total.get("date_start"));
                }
            }
            assertThat(spread).as(preset + ": some campaign's people saw its ads different numbers of times").isTrue();
        }
    }

    @Test
    void rows_starting_more_than_13_months_back_carry_no_reach_as_every_breakdown() {
        // Meta stopped returning reach for breakdowns of data older than 13 months (June 2025); the buckets still
        // divide the impressions.
        Map<String, String> params = new LinkedHashMap<>(Map.of("fields", "impressions,reach,frequency",
                "time_range", "{\"since\":\"2025-06-01\",\"until\":\"2025-06-30\"}"));
        JsonNode total = rows(sandbox, token, ACCOUNT + "/insights", params).get(0);
        params.put("breakdowns", "frequency_value");
        List<JsonNode> rows = rows(sandbox, token, ACCOUNT + "/insights", params);
        assertThat(rows).isNotEmpty().noneMatch(r -> r.has("reach") || r.has("frequency"));
        assertThat(sum(rows, "impressions")).isEqualTo(count(total, "impressions"));
    }

    @Test
    void daily_rows_divide_each_days_reach() {
        Map<String, String> params = new LinkedHashMap<>(Map.of("fields", "impressions,reach", "date_preset",
                "last_7d", "time_increment", "1", "limit", "100"));
        Map<String, JsonNode> days = rows(sandbox, token, ACCOUNT + "/insights", params).stream()
                .collect(Collectors.toMap(r -> r.get("date_start").asString(), r -> r));
        params.put("breakdowns", "[\"frequency_value\"]");
        Map<String, List<JsonNode>> buckets = rows(sandbox, token, ACCOUNT + "/insights", params).stream()
                .collect(Collectors.groupingBy(r -> r.get("date_start").asString()));
        assertThat(buckets.keySet()).containsExactlyInAnyOrderElementsOf(days.keySet()).hasSize(7);
        buckets.forEach((day, rows) -> {
            assertThat(sum(rows, "reach")).as(day).isEqualTo(count(days.get(day), "reach"));
            assertThat(sum(rows, "impressions")).as(day).isEqualTo(count(days.get(day), "impressions"));
        });
    }

    @Test
    void bucket_rows_carry_reach_impressions_and_frequency_only() {
        // "frequency_value is used with reach only": other metrics are left out, as Meta leaves out a field
        // without a value; what the row is about (ids, names, currency) stays.
        List<JsonNode> rows = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "campaign_name,"
                + "account_currency,impressions,reach,frequency,spend,clicks,ctr,cpm,actions,cost_per_action_type,"
                + "results", "level", "campaign", "breakdowns", "frequency_value", "limit", "20"));
        assertThat(rows).isNotEmpty();
        for (JsonNode row : rows) {
            assertThat(InsightsContractTest.fieldNames(row)).containsExactly("campaign_name", "account_currency", "impressions", "reach",
                    "frequency", "date_start", "date_stop", "frequency_value");
        }
    }

    @Test
    void the_same_seed_gives_the_same_buckets() {
        Map<String, String> params = Map.of("fields", "ad_id,impressions,reach", "level", "ad", "date_preset",
                "last_14d", "breakdowns", "frequency_value", "limit", "200");
        JsonNode first = sandbox.get(token, ACCOUNT + "/insights", params).json().get("data");
        try (SandboxHttp again = SandboxHttp.start(InsightsContractTest.config())) {
            JsonNode second = again.get(again.token(), ACCOUNT + "/insights", params).json().get("data");
            assertThat(second).isEqualTo(first);
        }
        assertThat(first.size()).isGreaterThan(10);
    }

    @Test
    void frequency_value_combines_with_no_other_breakdown() {
        // Meta's list of valid permutations (Insights API Breakdowns, "Combining breakdowns") has no permutation
        // with frequency_value; the sandbox takes it alone, with the implicit action_type.
        for (Map<String, String> params : List.of(Map.of("breakdowns", "frequency_value,age"),
                Map.of("breakdowns", "[\"publisher_platform\",\"frequency_value\"]"),
                Map.of("breakdowns", "frequency_value", "action_breakdowns", "action_device"),
                Map.of("breakdowns", "frequency_value", "action_breakdowns", "[\"action_type\",\"action_target_id\"]"))) {
            SandboxHttp.Answer answer = sandbox.get(token, ACCOUNT + "/insights", params);
            assertThat(answer.status()).as(params.toString()).isEqualTo(400);
            List<String> columns = new ArrayList<>(List.of(params.getOrDefault("action_breakdowns", "action_type")
                    .replaceAll("[\\[\\]\"]", "").split(",")));
            columns.addAll(List.of(params.get("breakdowns").replaceAll("[\\[\\]\"]", "").split(",")));
            assertThat(answer.error().get("message").asString()).as(params.toString())
                    .isEqualTo("(#100) Current combination of data breakdown columns (" + String.join(",", columns)
                            + ") is invalid ");
        }
        SandboxHttp.Answer explicit = sandbox.get(token, ACCOUNT + "/insights", Map.of("breakdowns",
                "frequency_value", "action_breakdowns", "[\"action_type\"]"));
        assertThat(explicit.status()).as(explicit.body()).isEqualTo(200);
    }

    /** reach ≥ 1, frequency = impressions / reach, and the bucket's bounds hold for it. */
    private static void assertWithinBucket(JsonNode row) {
        String label = row.get("frequency_value").asString();
        long reach = count(row, "reach");
        long impressions = count(row, "impressions");
        assertThat(reach).as(row.toString()).isPositive();
        BigDecimal frequency = decimal(row, "frequency");
        assertThat(frequency).isEqualByComparingTo(BigDecimal.valueOf(impressions)
                .divide(BigDecimal.valueOf(reach), 6, RoundingMode.HALF_UP));
        long low = label.equals("6-10") ? 6 : label.equals("11+") ? 11 : Long.parseLong(label);
        long high = label.equals("6-10") ? 10 : label.equals("11+") ? Long.MAX_VALUE / reach : low;
        assertThat(impressions).as(row.toString()).isBetween(low * reach, high * reach);
    }
}
