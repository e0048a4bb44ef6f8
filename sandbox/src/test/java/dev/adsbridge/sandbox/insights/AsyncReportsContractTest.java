package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.adsbridge.sandbox.insights.InsightsRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Async insights: {@code POST …/insights} starts an AdReportRun, {@code GET /{report_run_id}} reports its progress,
 * {@code GET /{report_run_id}/insights} pages its rows once it completed.
 */
class AsyncReportsContractTest extends OwnSandbox {

    private static final String ACCOUNT = InsightsContractTest.ACCOUNT;
    private static final List<String> STATUSES = List.of("Job Not Started", "Job Started", "Job Running",
            "Job Completed");

    @Test
    void a_report_run_progresses_to_completed_and_then_serves_the_same_rows_as_a_synchronous_call() {
        Map<String, String> params = Map.of("fields", "campaign_id,impressions,spend,actions", "level", "campaign",
                "date_preset", "last_30d", "limit", "500");
        SandboxHttp.Answer started = sandbox.post(token, ACCOUNT + "/insights", params);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(fieldNames(started.json())).containsExactly("report_run_id");
        String run = started.json().get("report_run_id").asString();
        assertThat(run).matches("\\d+");

        SandboxHttp.Answer early = sandbox.get(token, run + "/insights");
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.error().get("code").asInt()).isEqualTo(100);
        assertThat(early.error().get("message").asString()).contains("not complete");

        List<String> seen = new ArrayList<>();
        JsonNode status = null;
        for (int poll = 0; poll < 3; poll++) {
            status = sandbox.get(token, run).json();
            seen.add(status.get("async_status").asString());
        }
        assertThat(seen.get(0)).isNotEqualTo("Job Completed");
        assertThat(seen).isSortedAccordingTo((a, b) -> Integer.compare(STATUSES.indexOf(a), STATUSES.indexOf(b)));
        assertThat(seen.get(2)).isEqualTo("Job Completed");
        assertThat(status.get("id").asString()).isEqualTo(run);
        assertThat(status.get("account_id").asString()).isEqualTo("1000000001");
        assertThat(status.get("async_percent_completion").asInt()).isEqualTo(100);
        assertThat(status.get("date_start").asString()).isEqualTo("2026-10-19");
        assertThat(status.get("date_stop").asString()).isEqualTo("2026-11-17");
        assertThat(status.get("time_ref").asLong()).isEqualTo(InsightsContractTest.NOW.getEpochSecond());
        assertThat(status.has("time_completed")).isTrue();

        SandboxHttp.Answer report = sandbox.get(token, run + "/insights", Map.of("limit", "500"));
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        assertThat(report.json().get("data")).isEqualTo(sandbox.get(token, ACCOUNT + "/insights", params).json()
                .get("data"));

        JsonNode selected = sandbox.get(token, run, Map.of("fields", "async_status,async_percent_completion,time_completed")).json();
        assertThat(selected.get("time_completed").asLong()).isPositive();
        assertThat(selected.get("async_status").asString()).isEqualTo("Job Completed");
    }

    @Test
    void an_async_report_needs_only_ads_read_but_other_writes_need_ads_management() {
        String readOnly = sandbox.token("100000000000001", List.of("ads_read"));

        SandboxHttp.Answer report = sandbox.post(readOnly, ACCOUNT + "/insights", Map.of("date_preset", "last_7d"));
        SandboxHttp.Answer write = sandbox.post(readOnly, ACCOUNT + "/campaigns", Map.of("name", "x",
                "objective", "OUTCOME_TRAFFIC", "special_ad_categories", "[]", "status", "PAUSED",
                "is_adset_budget_sharing_enabled", "false"));

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("report_run_id").asString()).matches("\\d+");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.error().get("code").asInt()).isEqualTo(200);
    }

    @Test
    void a_report_too_big_for_a_synchronous_call_runs_async_and_pages() {
        Map<String, String> params = Map.of("fields", "ad_id,impressions,spend", "level", "ad",
                "time_increment", "1", "date_preset", "last_90d");
        SandboxHttp.Answer sync = sandbox.get(token, ACCOUNT + "/insights", params);
        assertThat(sync.status()).isEqualTo(500);
        assertThat(sync.error().get("code").asInt()).isEqualTo(1);

        String run = sandbox.post(token, ACCOUNT + "/insights", params).json().get("report_run_id").asString();
        String status = pollUntilDone(run);
        assertThat(status).isEqualTo("Job Completed");
        SandboxHttp.Answer page = sandbox.get(token, run + "/insights", Map.of("limit", "1000"));
        assertThat(page.json().get("data")).hasSize(1000);
        assertThat(page.json().get("data").get(0).get("date_start").asString()).isEqualTo("2026-08-20");
        SandboxHttp.Answer next = sandbox.getUrl(token, page.json().at("/paging/next").asString());
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().get("data")).hasSize(1000);
        assertThat(next.json().get("data").get(0)).isNotEqualTo(page.json().get("data").get(0));
    }

    @Test
    void a_report_beyond_what_even_async_can_compute_fails() {
        String run = sandbox.post(token, ACCOUNT + "/insights", Map.of("level", "ad", "time_increment", "1",
                "date_preset", "maximum", "breakdowns", "publisher_platform,platform_position,impression_device"))
                .json().get("report_run_id").asString();
        assertThat(pollUntilDone(run)).isEqualTo("Job Failed");
        // Since v25.0 a failed AdReportRun carries the error: error_code, error_message, error_user_title and
        // error_user_msg (AdReportRun reference, v25.0 changelog), in the default read and by name.
        JsonNode failed = sandbox.get(token, run).json();
        assertThat(failed.path("error_code").asInt()).isEqualTo(1);
        assertThat(failed.path("error_message").asString()).contains("reduce the amount of data");
        assertThat(failed.path("error_user_title").asString()).isNotBlank();
        JsonNode named = sandbox.get(token, run, Map.of("fields", "async_status,error_code,error_user_msg")).json();
        assertThat(named.path("error_user_msg").asString()).isNotBlank();
        SandboxHttp.Answer rows = sandbox.get(token, run + "/insights");
        assertThat(rows.status()).isEqualTo(400);
        assertThat(rows.error().get("message").asString()).contains("failed");
    }

    @Test
    void report_runs_validate_their_parameters_up_front_and_stay_private() {
        SandboxHttp.Answer bad = sandbox.post(token, ACCOUNT + "/insights", Map.of("date_preset", "last_2_weeks"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().get("message").asString()).contains("date_preset must be one of");

        String run = sandbox.post(token, "act_1000000002/insights", Map.of()).json().get("report_run_id").asString();
        String marco = sandbox.token("100000000000002", List.of("ads_read"));
        SandboxHttp.Answer foreign = sandbox.get(marco, run);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.error().get("error_subcode").asInt()).isEqualTo(33);
        assertThat(sandbox.get(marco, run + "/insights").error().get("error_subcode").asInt()).isEqualTo(33);
    }

    @Test
    void campaigns_ad_sets_and_ads_start_report_runs_too() {
        String campaign = rows(sandbox, token, ACCOUNT + "/insights", Map.of("fields", "campaign_id",
                "level", "campaign")).get(0).get("campaign_id").asString();
        String run = sandbox.post(token, campaign + "/insights", Map.of("fields", "impressions", "level", "ad"))
                .json().get("report_run_id").asString();
        assertThat(pollUntilDone(run)).isEqualTo("Job Completed");
        List<JsonNode> ads = rows(sandbox, token, run + "/insights", Map.of("limit", "500"));
        assertThat(ads).isEqualTo(rows(sandbox, token, campaign + "/insights", Map.of("fields", "impressions",
                "level", "ad", "limit", "500")));
    }

    /** Polls like a client should: with a pause between polls, up to a deadline. */
    private static String pollUntilDone(String run) {
        String status = "";
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!status.equals("Job Completed") && !status.equals("Job Failed") && System.nanoTime() < deadline) {
            SandboxHttp.Answer answer = sandbox.get(token, run);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            status = answer.json().get("async_status").asString();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return status;
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
