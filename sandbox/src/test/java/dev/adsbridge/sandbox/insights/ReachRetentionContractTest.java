package dev.adsbridge.sandbox.insights;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Since June 2025 Meta no longer returns reach (nor frequency and cpp, computed from it) for insights with breakdowns
 * on data older than 13 months (Ads Insights reference, "Reach with breakdowns"); without breakdowns reach stays.
 */
class ReachRetentionContractTest extends OwnSandbox {

    private static final String ACCOUNT = InsightsContractTest.ACCOUNT;

    private static Map<String, String> range(LocalDate since, LocalDate until, String breakdowns) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("fields", "impressions,reach,frequency,cpp,spend");
        params.put("time_range", "{\"since\":\"" + since + "\",\"until\":\"" + until + "\"}");
        if (breakdowns != null) {
            params.put("breakdowns", breakdowns);
        }
        return params;
    }

    @Test
    void breakdown_rows_older_than_13_months_have_no_reach_but_recent_ones_do() {
        LocalDate today = LocalDate.ofInstant(InsightsContractTest.NOW, ZoneOffset.UTC);
        LocalDate old = today.minusMonths(15);
        List<JsonNode> oldRows = rows(sandbox, token, ACCOUNT + "/insights", range(old, old.plusDays(20), "age"));
        assertThat(oldRows).isNotEmpty();
        for (JsonNode row : oldRows) {
            assertThat(row.has("impressions")).isTrue();
            assertThat(row.has("reach") || row.has("frequency") || row.has("cpp")).as(row.toString()).isFalse();
        }
        List<JsonNode> unbroken = rows(sandbox, token, ACCOUNT + "/insights", range(old, old.plusDays(20), null));
        assertThat(unbroken.get(0).has("reach")).isTrue();

        LocalDate recent = today.minusMonths(2);
        List<JsonNode> recentRows = rows(sandbox, token, ACCOUNT + "/insights",
                range(recent, recent.plusDays(20), "age"));
        assertThat(recentRows).isNotEmpty().allSatisfy(row -> assertThat(row.has("reach")).isTrue());
    }
}
