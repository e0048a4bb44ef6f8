package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.graph.ScriptedGraphServer.Answer;
import dev.adsbridge.graph.ScriptedGraphServer.Received;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Request shape and response handling, against a scripted loopback server. */
class GraphClientTest {

    private static final String TOKEN = "EAAB-user-token-1234567890";
    private static final String SECRET = "app-secret-abcdef";

    private ScriptedGraphServer server;
    private GraphClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedGraphServer();
        client = GraphClient.builder(GraphConfig.builder()
                        .graphUrl(server.baseUrl())
                        .appId("123")
                        .appSecret(SECRET)
                        .retryPolicy(RetryPolicy.none())
                        .build())
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void get_sends_the_token_only_as_bearer_header_with_the_appsecret_proof() {
        server.thenJson(200, "{\"id\":\"1\",\"name\":\"Demo\"}");

        GraphResponse<JsonNode> response = client.get(TOKEN, "me", Map.of("fields", "id,name"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("name").asString()).isEqualTo("Demo");
        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v25.0/me");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).startsWith("adsbridge-graph");
        assertThat(request.queryParams())
                .containsEntry("fields", "id,name")
                .containsEntry("appsecret_proof", AppSecretProof.compute(SECRET, TOKEN))
                .doesNotContainKey("access_token");
        assertThat(request.rawQuery()).doesNotContain(TOKEN);
    }

    @Test
    void post_sends_params_as_a_form_body_without_the_token() {
        server.thenJson(200, "{\"id\":\"120210000000000001\"}");

        GraphResponse<JsonNode> response = client.post(TOKEN, "act_1/campaigns",
                Map.of("name", "Spring sale & more", "special_ad_categories", "[]"));

        assertThat(response.body().path("id").asString()).isEqualTo("120210000000000001");
        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v25.0/act_1/campaigns");
        assertThat(request.rawQuery()).isNull();
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.formParams())
                .containsEntry("name", "Spring sale & more")
                .containsEntry("special_ad_categories", "[]")
                .containsEntry("appsecret_proof", AppSecretProof.compute(SECRET, TOKEN))
                .doesNotContainKey("access_token");
        assertThat(request.body()).doesNotContain(TOKEN);
    }

    @Test
    void multipart_upload_carries_fields_proof_and_files_but_not_the_token() {
        server.thenJson(200, "{\"images\":{\"x.jpg\":{\"hash\":\"abc\"}}}");
        byte[] image = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};

        client.postMultipart(TOKEN, "act_1/adimages", Map.of("name", "banner"),
                List.of(new FilePart("filename", "x.jpg", "image/jpeg", image)));

        Received request = server.received().get(0);
        assertThat(request.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(request.body())
                .contains("name=\"name\"", "banner")
                .contains("name=\"appsecret_proof\"", AppSecretProof.compute(SECRET, TOKEN))
                .contains("name=\"filename\"; filename=\"x.jpg\"", "Content-Type: image/jpeg")
                .doesNotContain(TOKEN);
    }

    @Test
    void delete_sends_params_in_the_query() {
        server.thenJson(200, "{\"success\":true}");

        GraphResponse<JsonNode> response = client.delete(TOKEN, "act_1/adimages", Map.of("hash", "abc"));

        assertThat(response.body().path("success").asBoolean()).isTrue();
        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.queryParams()).containsEntry("hash", "abc");
    }

    @Test
    void leading_slash_version_prefix_and_inline_query_are_tolerated() {
        server.thenJson(200, "{}").thenJson(200, "{}");

        client.get(TOKEN, "/act_1/campaigns?fields=name&limit=5", Map.of("limit", "10"));
        client.get(TOKEN, "/v25.0/me", null);

        assertThat(server.received().get(0).path()).isEqualTo("/v25.0/act_1/campaigns");
        assertThat(server.received().get(0).queryParams()).containsEntry("fields", "name").containsEntry("limit", "10");
        assertThat(server.received().get(1).path()).isEqualTo("/v25.0/me");
    }

    @Test
    void refuses_a_token_passed_as_a_parameter_or_missing() {
        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of("access_token", TOKEN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Authorization header")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> client.get(" ", "me", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.get("abc\r\nX-Evil: 1", "me", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("abc");
        assertThatThrownBy(() -> client.get(TOKEN, "https://evil.example/me", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void sends_no_proof_when_no_app_secret_is_configured() {
        server.thenJson(200, "{}");
        GraphClient withoutSecret = GraphClient.create(GraphConfig.builder().graphUrl(server.baseUrl()).build());

        withoutSecret.get(TOKEN, "me", Map.of());

        assertThat(server.received().get(0).queryParams()).doesNotContainKey("appsecret_proof");
    }

    @Test
    void response_exposes_usage_and_selected_headers() {
        server.then(Answer.json(200, "{\"id\":\"1\"}")
                .withHeader("X-App-Usage", "{\"call_count\":28,\"total_cputime\":25,\"total_time\":25}")
                .withHeader("ETag", "\"abc\"")
                .withHeader("x-fb-trace-id", "Trace123")
                .withHeader("x-fb-request-id", "Req456")
                .withHeader("Set-Cookie", "ignored=1"));

        GraphResponse<JsonNode> response = client.get(TOKEN, "me", Map.of());

        assertThat(response.usage().app()).contains(new Usage.AppUsage(28, 25, 25));
        assertThat(response.etag()).contains("\"abc\"");
        assertThat(response.fbTraceId()).contains("Trace123");
        assertThat(response.header("X-FB-Request-Id")).contains("Req456");
        assertThat(response.headers()).doesNotContainKey("set-cookie");
    }

    @Test
    void meta_error_envelope_becomes_a_graph_exception_with_every_field() {
        server.then(Answer.json(400, """
                {"error":{"message":"Error validating access token: Session has expired on Thursday.",
                "type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AqmV8CUdtJHXr2MOUl4l8cS"}}""")
                .withHeader("X-App-Usage", "{\"call_count\":5}"));

        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
                    assertThat(e.getMessage()).isEqualTo("Error validating access token: Session has expired on Thursday.");
                    assertThat(e.error().httpStatus()).isEqualTo(400);
                    assertThat(e.error().subcode()).isEqualTo(463);
                    assertThat(e.error().fbtraceId()).isEqualTo("AqmV8CUdtJHXr2MOUl4l8cS");
                    assertThat(e.usage().app()).isPresent();
                });
    }

    @Test
    void an_echoed_token_is_masked_in_the_error_message() {
        server.thenJson(400, "{\"error\":{\"message\":\"Malformed access token " + TOKEN
                + "\",\"type\":\"OAuthException\",\"code\":190}}");

        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of()))
                .isInstanceOf(GraphException.class)
                .hasMessage("Malformed access token ***");
    }

    @Test
    void non_json_error_bodies_are_classified_by_status() {
        server.then(new Answer(502, Map.of("Content-Type", "text/html"), "<html>Bad gateway</html>", 0))
                .then(new Answer(404, Map.of("Content-Type", "text/html"), "<html>Not found</html>", 0))
                .then(new Answer(429, Map.of(), "", 0));

        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.TRANSIENT);
                    assertThat(e.error().code()).isEqualTo(GraphError.NO_ENVELOPE_CODE);
                    assertThat(e.error().httpStatus()).isEqualTo(502);
                });
        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.UNKNOWN));
        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMIT));
    }

    @Test
    void a_non_json_success_body_is_kept_as_text() {
        server.then(new Answer(200, Map.of("Content-Type", "text/plain"), "true-ish", 0));

        assertThat(client.get(TOKEN, "me", Map.of()).body().asString()).isEqualTo("true-ish");
    }

    @Test
    void page_exposes_next_cursor_only_when_meta_sends_a_next_link() {
        server.thenJson(200, """
                {"data":[{"id":"1"},{"id":"2"}],
                 "paging":{"cursors":{"before":"B1","after":"A1"},
                           "next":"https://graph.facebook.com/v25.0/act_1/campaigns?limit=2&after=A1&access_token=LEAK&appsecret_proof=P"},
                 "summary":{"total_count":3}}""")
                .thenJson(200, """
                {"data":[{"id":"3"}],"paging":{"cursors":{"before":"B2","after":"A2"},
                 "previous":"https://graph.facebook.com/v25.0/act_1/campaigns?limit=2&before=B2"}}""");

        Page<JsonNode> first = client.getPage(TOKEN, "act_1/campaigns", Map.of("limit", "2", "summary", "true"));
        Page<JsonNode> last = client.getPage(TOKEN, "act_1/campaigns", Map.of("limit", "2", "after", "A1"));

        assertThat(first.data()).hasSize(2);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.nextCursor()).contains("A1");
        assertThat(first.previousCursor()).isEmpty();
        assertThat(first.totalCount()).hasValue(3);
        assertThat(first.paging().path("next").asString())
                .isEqualTo("https://graph.facebook.com/v25.0/act_1/campaigns?limit=2&after=A1")
                .doesNotContain("LEAK");
        assertThat(last.hasNext()).isFalse();
        assertThat(last.nextCursor()).isEmpty();
        assertThat(last.previousCursor()).contains("B2");
        assertThat(last.summary()).isEmpty();
    }

    @Test
    void get_page_on_a_node_reports_that_it_is_not_a_list() {
        server.thenJson(200, "{\"id\":\"act_1\"}");

        assertThatThrownBy(() -> client.getPage(TOKEN, "act_1", Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no 'data' array");
    }

    @Test
    void fetch_all_follows_after_cursors_and_stops_at_the_cap() {
        server.thenJson(200, page(List.of("1", "2"), "A1"))
                .thenJson(200, page(List.of("3", "4"), "A2"))
                .thenJson(200, page(List.of("5", "6"), "A3"));

        List<JsonNode> items = client.fetchAll(TOKEN, "act_1/campaigns", Map.of("limit", "2"), 5);

        assertThat(items).extracting(n -> n.path("id").asString()).containsExactly("1", "2", "3", "4", "5");
        assertThat(server.received()).hasSize(3);
        assertThat(server.received().get(0).queryParams()).doesNotContainKey("after");
        assertThat(server.received().get(1).queryParams()).containsEntry("after", "A1");
        assertThat(server.received().get(2).queryParams()).containsEntry("after", "A2");
    }

    @Test
    void fetch_all_stops_when_the_next_link_is_missing() {
        server.thenJson(200, page(List.of("1", "2"), "A1")).thenJson(200, page(List.of("3"), null));

        assertThat(client.fetchAll(TOKEN, "act_1/campaigns", Map.of(), 100)).hasSize(3);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void fetch_all_never_loops_on_a_repeated_cursor() {
        server.thenJson(200, page(List.of("1"), "SAME")).thenJson(200, page(List.of("2"), "SAME"));

        assertThat(client.fetchAll(TOKEN, "act_1/campaigns", Map.of(), 100)).hasSize(2);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void fetch_all_never_loops_on_endless_empty_pages() {
        for (int i = 0; i < 10; i++) {
            server.thenJson(200, page(List.of(), "C" + i));
        }

        assertThat(client.fetchAll(TOKEN, "act_1/campaigns", Map.of(), 100)).isEmpty();
        assertThat(server.received()).hasSizeLessThan(10);
    }

    @Test
    void batch_posts_operations_to_the_version_root_and_reads_every_answer() {
        server.thenJson(200, """
                [{"code":200,"headers":[{"name":"Content-Type","value":"text/javascript"}],"body":"{\\"id\\":\\"1\\"}"},
                 {"code":400,"headers":[],"body":"{\\"error\\":{\\"message\\":\\"(#100) bad\\",\\"type\\":\\"OAuthException\\",\\"code\\":100}}"},
                 null]""");

        List<BatchResult> results = client.batch(TOKEN, List.of(
                BatchRequest.get("me", Map.of("fields", "id")),
                BatchRequest.post("act_1/campaigns", Map.of("name", "x", "status", "PAUSED")).named("create"),
                BatchRequest.delete("/123")));

        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v25.0/");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.body()).doesNotContain(TOKEN);
        JsonNode operations = Json.tryParse(request.formParams().get("batch")).orElseThrow();
        assertThat(operations.toString()).isEqualTo("[{\"method\":\"GET\",\"relative_url\":\"me?fields=id\"},"
                + "{\"method\":\"POST\",\"relative_url\":\"act_1/campaigns\",\"body\":\"name=x&status=PAUSED\","
                + "\"name\":\"create\"},{\"method\":\"DELETE\",\"relative_url\":\"123\"}]");
        assertThat(request.formParams()).containsKey("appsecret_proof");

        assertThat(results).hasSize(3);
        assertThat(results.get(0).isSuccess()).isTrue();
        assertThat(results.get(0).body().path("id").asString()).isEqualTo("1");
        assertThat(results.get(0).headers()).containsEntry("content-type", "text/javascript");
        assertThat(results.get(1).isSuccess()).isFalse();
        assertThat(results.get(1).error()).hasValueSatisfying(
                e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_REQUEST));
        assertThat(results.get(2).ran()).isFalse();
        assertThat(results.get(2).index()).isEqualTo(2);
    }

    @Test
    void batch_takes_between_one_and_fifty_requests() {
        List<BatchRequest> fiftyOne = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            fiftyOne.add(BatchRequest.get(String.valueOf(i)));
        }

        assertThatThrownBy(() -> client.batch(TOKEN, fiftyOne))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 50");
        assertThatThrownBy(() -> client.batch(TOKEN, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchRequest.get("me?access_token=" + TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(TOKEN);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void utf8_params_survive_the_round_trip() {
        server.thenJson(200, "{}");

        client.post(TOKEN, "act_1/campaigns", Map.of("name", "Été 🌞"));

        assertThat(server.received().get(0).formParams().get("name")).isEqualTo("Été 🌞");
    }

    private static String page(List<String> ids, String nextCursor) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            data.append(data.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\"}");
        }
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("cursors", Map.of("before", "B", "after", nextCursor == null ? "LAST" : nextCursor));
        if (nextCursor != null) {
            paging.put("next", "https://graph.facebook.com/v25.0/act_1/campaigns?after=" + nextCursor);
        }
        return "{\"data\":[" + data + "],\"paging\":" + Json.write(paging) + "}";
    }
}
