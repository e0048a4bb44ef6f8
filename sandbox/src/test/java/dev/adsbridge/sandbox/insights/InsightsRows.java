package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxHttp;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reading insights answers the way a Graph caller would: rows, string numbers, action lists, paging. */
final class InsightsRows {

    private InsightsRows() {
    }

    /** GET an insights edge and return its rows, asserting HTTP 200. */
    static List<JsonNode> rows(SandboxHttp sandbox, String token, String path, Map<String, String> params) {
        SandboxHttp.Answer answer = sandbox.get(token, path, params);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return list(answer.json().get("data"));
    }

    /** Every row of every page, following paging.next. */
    static List<JsonNode> allPages(SandboxHttp sandbox, String token, String path, Map<String, String> params) {
        List<JsonNode> rows = new ArrayList<>();
        SandboxHttp.Answer answer = sandbox.get(token, path, params);
        while (true) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            rows.addAll(list(answer.json().get("data")));
            JsonNode next = answer.json().path("paging").path("next");
            if (next.isMissingNode()) {
                return rows;
            }
            answer = sandbox.getUrl(token, next.asString());
        }
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** An integer field, which must be sent as a JSON string. */
    static long count(JsonNode row, String field) {
        JsonNode value = row.get(field);
        assertThat(value).as(field + " in " + row).isNotNull();
        assertThat(value.isString()).as(field + " is a string in " + row).isTrue();
        return Long.parseLong(value.asString());
    }

    /** A decimal field (money, ratio), which must be sent as a JSON string. */
    static BigDecimal decimal(JsonNode row, String field) {
        JsonNode value = row.get(field);
        assertThat(value).as(field + " in " + row).isNotNull();
        assertThat(value.isString()).as(field + " is a string in " + row).isTrue();
        return new BigDecimal(value.asString());
    }

    /** Money in minor units (cents), from a major-unit string with {@code decimals} decimals. */
    static long minor(JsonNode row, String field, int decimals) {
        return decimal(row, field).movePointRight(decimals).longValueExact();
    }

    static long sum(List<JsonNode> rows, String field) {
        return rows.stream().mapToLong(r -> r.has(field) ? count(r, field) : 0).sum();
    }

    static long sumMinor(List<JsonNode> rows, String field, int decimals) {
        return rows.stream().mapToLong(r -> r.has(field) ? minor(r, field, decimals) : 0).sum();
    }

    /** The value of one action type in an action list field (0 when absent). */
    static long action(JsonNode row, String field, String type) {
        for (JsonNode entry : row.path(field)) {
            if (type.equals(entry.get("action_type").asString())) {
                assertThat(entry.get("value").isString()).isTrue();
                return Long.parseLong(entry.get("value").asString());
            }
        }
        return 0;
    }

    static long sumAction(List<JsonNode> rows, String field, String type) {
        return rows.stream().mapToLong(r -> action(r, field, type)).sum();
    }

    /**
     * The internal consistency every row keeps: bounds between counts, and ratios computed from the row's own values
     * (to the six decimals Meta shows).
     */
    static void assertConsistent(JsonNode row) {
        long impressions = count(row, "impressions");
        long reach = count(row, "reach");
        long clicks = count(row, "clicks");
        long linkClicks = count(row, "inline_link_clicks");
        long uniqueClicks = count(row, "unique_clicks");
        BigDecimal spend = decimal(row, "spend");
        assertThat(impressions).as("rows without impressions are left out").isPositive();
        assertThat(reach).isBetween(1L, impressions);
        assertThat(clicks).isLessThanOrEqualTo(impressions);
        assertThat(linkClicks).isLessThanOrEqualTo(clicks);
        assertThat(uniqueClicks).isLessThanOrEqualTo(clicks).isLessThanOrEqualTo(reach);
        double tolerance = 0.0000011;
        assertThat(decimal(row, "ctr").doubleValue()).isCloseTo(clicks * 100.0 / impressions, within(tolerance));
        assertThat(decimal(row, "cpm").doubleValue())
                .isCloseTo(spend.doubleValue() * 1000 / impressions, within(tolerance));
        assertThat(decimal(row, "cpp").doubleValue()).isCloseTo(spend.doubleValue() * 1000 / reach, within(tolerance));
        assertThat(decimal(row, "frequency").doubleValue()).isCloseTo((double) impressions / reach, within(tolerance));
        if (clicks > 0) {
            assertThat(decimal(row, "cpc").doubleValue()).isCloseTo(spend.doubleValue() / clicks, within(tolerance));
        } else {
            assertThat(row.has("cpc")).as("a ratio over zero is left out").isFalse();
        }
        for (JsonNode entry : row.path("actions")) {
            assertThat(entry.get("value").isString()).isTrue();
        }
    }
}
