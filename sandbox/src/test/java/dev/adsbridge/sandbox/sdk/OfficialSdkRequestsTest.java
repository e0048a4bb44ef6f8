package dev.adsbridge.sandbox.sdk;

import dev.adsbridge.sandbox.SandboxHttp;
import dev.adsbridge.sandbox.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the exact requests the official business SDKs make, byte for byte where it matters: the Python SDK
 * (facebook-python-business-sdk v25: token and proof in the query, list and dict parameters JSON-encoded with sorted
 * keys and no spaces, {@code summary=true} on every edge read, form bodies on POST) and the Java SDK
 * (facebook-java-business-sdk v26: {@code requestAllFields()} lists, multipart/form-data POST bodies carrying the
 * token, batches posted to the host root with the version inside each {@code relative_url}, {@code name:null},
 * {@code omit_response_on_success:false} and {@code include_headers=false}).
 */
class OfficialSdkRequestsTest {

    private static final String ACCOUNT = "act_1000000001";
    private static final String PYTHON_AGENT = "fbbizsdk-python-v25.0.2";
    private static final String JAVA_AGENT = "fbbizsdk-java-v26.0.0";

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

    // ---- the Python SDK ----

    /** {@code FacebookAdsApi.call}: GET with the session's access_token in the query and the params encoded. */
    private static SandboxHttp.Answer pythonGet(String path, Map<String, String> params) {
        Map<String, String> query = new LinkedHashMap<>(params);
        query.put("access_token", token);
        return sandbox.send(null, "GET", sandbox.baseUrl() + "/v25.0/" + path + SandboxHttp.query(query), null,
                null, Map.of("User-Agent", PYTHON_AGENT));
    }

    /** POST: access_token in the query (session params), the params as a form body. */
    private static SandboxHttp.Answer pythonPost(String path, Map<String, String> params) {
        return sandbox.send(null, "POST", sandbox.baseUrl() + "/v25.0/" + path
                        + SandboxHttp.query(Map.of("access_token", token)), "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString(SandboxHttp.query(params).substring(1)),
                Map.of("User-Agent", PYTHON_AGENT));
    }

    private static JsonNode ok(SandboxHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void python_cursor_reads_campaigns_with_summary_and_follows_the_after_cursor() {
        // AdAccount.get_campaigns(fields=[…]) → Cursor: fields comma-joined, summary=True JSON-encoded as "true".
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", String.join(",", List.of("id", "name", "objective", "effective_status")));
        params.put("summary", "true");
        params.put("limit", "25");
        JsonNode first = ok(pythonGet(ACCOUNT + "/campaigns", params));
        int total = first.path("summary").path("total_count").asInt();
        assertThat(total).isGreaterThan(25);
        params.put("after", first.path("paging").path("cursors").path("after").asString());
        JsonNode second = ok(pythonGet(ACCOUNT + "/campaigns", params));
        assertThat(second.path("data").get(0).path("id").asString())
                .isNotEqualTo(first.path("data").get(0).path("id").asString());
    }

    @Test
    void python_fields_put_in_params_arrive_as_a_json_array_on_every_edge() {
        // get_campaigns(params={'fields': ['id','name']}) → _top_level_param_json_encode → fields=["id","name"]
        JsonNode campaigns = ok(pythonGet(ACCOUNT + "/campaigns", Map.of("fields", "[\"id\",\"name\"]",
                "effective_status", "[\"ACTIVE\",\"PAUSED\"]", "summary", "true")));
        assertThat(campaigns.path("data").get(0).has("name")).isTrue();
        JsonNode insights = ok(pythonGet(ACCOUNT + "/insights", Map.of("fields", "[\"impressions\",\"spend\"]",
                "breakdowns", "[\"age\"]", "action_breakdowns", "[\"action_type\"]", "summary", "true")));
        JsonNode row = insights.path("data").get(0);
        assertThat(row.has("impressions") && row.has("spend") && row.has("age")).as(row.toString()).isTrue();
        JsonNode node = ok(pythonGet(ACCOUNT, Map.of("fields", "[\"name\",\"currency\"]")));
        assertThat(node.path("currency").asString()).isEqualTo("USD");
    }

    @Test
    void python_async_insights_posts_json_encoded_lists_polls_and_reads_the_rows() {
        // AdAccount.get_insights(fields=[…], params={…}, is_async=True) → get_insights_async: params['fields'] is a
        // list, so the form body carries fields=["campaign_id","impressions","spend"]; dicts are JSON with sorted keys.
        LocalDate today = LocalDate.now();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("level", "campaign");
        body.put("time_range", "{\"since\":\"" + today.minusDays(14) + "\",\"until\":\"" + today.minusDays(1)
                + "\"}");
        body.put("breakdowns", "[\"publisher_platform\"]");
        body.put("action_attribution_windows", "[\"7d_click\",\"1d_view\"]");
        body.put("default_summary", "true");
        body.put("use_unified_attribution_setting", "true");
        body.put("fields", "[\"campaign_id\",\"impressions\",\"spend\",\"actions\"]");
        JsonNode started = ok(pythonPost(ACCOUNT + "/insights", body));
        String run = started.path("report_run_id").asString();
        assertThat(run).matches("\\d+");

        // AdReportRun.api_get() until async_status is "Job Completed" (the SDK polls the node without fields).
        String status = "";
        for (int poll = 0; poll < 20 && !"Job Completed".equals(status); poll++) {
            status = ok(pythonGet(run, Map.of())).path("async_status").asString();
        }
        assertThat(status).isEqualTo("Job Completed");
        // AdReportRun.get_insights() → a Cursor: summary=true.
        JsonNode rows = ok(pythonGet(run + "/insights", Map.of("summary", "true")));
        assertThat(rows.path("data").size()).isPositive();
        JsonNode row = rows.path("data").get(0);
        assertThat(row.has("campaign_id") && row.has("spend") && row.has("publisher_platform")).as(row.toString())
                .isTrue();
    }

    @Test
    void python_batch_posts_the_encoded_calls_to_the_version_root() {
        // FacebookAdsApiBatch.execute: POST graph/v25.0/ with batch=[{method, relative_url[, body]}] as JSON
        // (sort_keys, compact), each item's params urlencoded into relative_url (GET) or body (POST).
        String batch = "[{\"method\":\"GET\",\"relative_url\":\"" + ACCOUNT + "/campaigns?fields=id%2Cname&summary=true"
                + "\"},{\"body\":\"name=SDK%20batch%20campaign&objective=OUTCOME_TRAFFIC&special_ad_categories=%5B%5D"
                + "&status=PAUSED&is_adset_budget_sharing_enabled=false\",\"method\":\"POST\",\"relative_url\":\""
                + ACCOUNT + "/campaigns\"}]";
        JsonNode answers = ok(pythonPost("", Map.of("batch", batch)));
        assertThat(answers.size()).isEqualTo(2);
        assertThat(answers.get(0).path("code").asInt()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(answers.get(0).path("body").asString()).path("data").size()).isPositive();
        assertThat(answers.get(1).path("code").asInt()).as(answers.get(1).toString()).isEqualTo(200);
        String id = Json.MAPPER.readTree(answers.get(1).path("body").asString()).path("id").asString();
        assertThat(ok(pythonGet(id, Map.of("fields", "name"))).path("name").asString())
                .isEqualTo("SDK batch campaign");
    }

    // ---- the Java SDK ----

    /** {@code DefaultRequestExecutor.sendPost}: multipart/form-data, every parameter (the token too) a part. */
    private static SandboxHttp.Answer javaPost(String url, Map<String, String> params) {
        String boundary = "--------------------------" + 4242424242L;
        StringBuilder body = new StringBuilder();
        params.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return sandbox.send(null, "POST", url, "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofString(body.toString()), Map.of("User-Agent", JAVA_AGENT));
    }

    /** {@code sendGet}: the params in the query, and a form content type even on GET. */
    private static SandboxHttp.Answer javaGet(String path, Map<String, String> params) {
        Map<String, String> query = new LinkedHashMap<>(params);
        query.put("access_token", token);
        return sandbox.send(null, "GET", sandbox.baseUrl() + "/v26.0/" + path + SandboxHttp.query(query),
                "application/x-www-form-urlencoded", null, Map.of("User-Agent", JAVA_AGENT));
    }

    @Test
    void java_request_all_fields_reads_every_object_type() {
        for (Map.Entry<String, String> type : Map.of("Campaign", "campaigns", "AdSet", "adsets", "Ad", "ads",
                "AdCreative", "adcreatives").entrySet()) {
            String id = ok(javaGet(ACCOUNT + "/" + type.getValue(), Map.of("fields", "id", "limit", "1")))
                    .path("data").get(0).path("id").asString();
            JsonNode node = ok(javaGet(id, Map.of("fields", MetaSdkLists.joined(type.getKey()))));
            assertThat(node.path("id").asString()).as(type.getKey()).isEqualTo(id);
        }
        assertThat(ok(javaGet(ACCOUNT, Map.of("fields", MetaSdkLists.joined("AdAccount")))).path("account_id")
                .asString()).isEqualTo("1000000001");
    }

    @Test
    void java_batch_goes_to_the_host_root_with_versioned_relative_urls() {
        String campaignBody = form(Map.of("name", "Java batch campaign", "objective", "OUTCOME_TRAFFIC",
                "special_ad_categories", "[]", "status", "PAUSED", "is_adset_budget_sharing_enabled", "false"));
        String batch = "[{\"method\":\"GET\",\"relative_url\":\"v26.0/" + ACCOUNT + "/campaigns?fields=name&limit=2"
                + "\",\"name\":null,\"omit_response_on_success\":false},{\"method\":\"POST\",\"relative_url\":\"v26.0/"
                + ACCOUNT + "/campaigns\",\"name\":null,\"omit_response_on_success\":false,\"body\":\""
                + campaignBody + "\"}]";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("access_token", token);
        params.put("include_headers", "false");
        params.put("batch", batch);
        JsonNode answers = ok(javaPost(sandbox.baseUrl() + "/", params));
        assertThat(answers.size()).isEqualTo(2);
        for (JsonNode answer : answers) {
            assertThat(answer.path("code").asInt()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.has("headers")).isFalse();
        }
        assertThat(Json.MAPPER.readTree(answers.get(0).path("body").asString()).path("data").size()).isEqualTo(2);
    }

    @Test
    void java_async_insights_posts_multipart_with_comma_joined_fields() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("level", "adset");
        params.put("date_preset", "last_7d");
        params.put("breakdowns", "[\"age\",\"gender\"]");
        params.put("access_token", token);
        params.put("fields", "adset_id,impressions,reach,spend");
        JsonNode started = ok(javaPost(sandbox.baseUrl() + "/v26.0/" + ACCOUNT + "/insights", params));
        String run = started.path("report_run_id").asString();
        String status = "";
        for (int poll = 0; poll < 20 && !"Job Completed".equals(status); poll++) {
            status = ok(javaGet(run, Map.of())).path("async_status").asString();
        }
        assertThat(status).isEqualTo("Job Completed");
        JsonNode row = ok(javaGet(run + "/insights", Map.of("fields", "adset_id,impressions,reach,spend")))
                .path("data").get(0);
        assertThat(row.has("age") && row.has("gender") && row.has("reach")).as(row.toString()).isTrue();
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
