package dev.adsbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.graph.ScriptedGraphServer.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which failures are retried, how long the client waits, and when it gives up; time is faked. */
class GraphClientRetryTest {

    private static final String TOKEN = "EAAB-user-token-1234567890";
    private static final String SERVICE_UNAVAILABLE =
            "{\"error\":{\"message\":\"(#2) Service temporarily unavailable\",\"type\":\"OAuthException\",\"code\":2,"
                    + "\"is_transient\":true}}";
    private static final String TOO_MANY_CALLS =
            "{\"error\":{\"message\":\"(#80004) There have been too many calls to this ad-account.\","
                    + "\"type\":\"OAuthException\",\"code\":80004,\"error_subcode\":2446079}}";

    private ScriptedGraphServer server;
    private FakeTime time;
    private GraphClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedGraphServer();
        time = new FakeTime();
        client = clientWith(RetryPolicy.defaults());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void transient_failures_of_a_read_are_retried_until_it_succeeds() {
        server.thenJson(500, SERVICE_UNAVAILABLE)
                .then(new Answer(503, Map.of("Content-Type", "text/html"), "<html>busy</html>", 0))
                .thenJson(200, "{\"id\":\"1\"}");

        assertThat(client.get(TOKEN, "me", Map.of()).body().path("id").asString()).isEqualTo("1");
        assertThat(server.received()).hasSize(3);
        assertThat(time.sleeps()).hasSize(2);
        assertThat(time.sleeps().get(0)).isLessThanOrEqualTo(Duration.ofMillis(200));
        assertThat(time.sleeps().get(1)).isLessThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void a_read_gives_up_after_max_attempts_with_the_last_error() {
        for (int i = 0; i < 4; i++) {
            server.thenJson(500, SERVICE_UNAVAILABLE);
        }

        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.TRANSIENT));
        assertThat(server.received()).hasSize(4);
        assertThat(time.sleeps()).hasSize(3);
    }

    @Test
    void writes_are_never_retried() {
        server.thenJson(500, SERVICE_UNAVAILABLE).thenJson(500, SERVICE_UNAVAILABLE).thenJson(500, SERVICE_UNAVAILABLE);

        assertThatThrownBy(() -> client.post(TOKEN, "act_1/campaigns", Map.of("name", "x")))
                .isInstanceOf(GraphException.class);
        assertThatThrownBy(() -> client.delete(TOKEN, "123", Map.of())).isInstanceOf(GraphException.class);
        assertThatThrownBy(() -> client.batch(TOKEN, List.of(BatchRequest.get("me"))))
                .isInstanceOf(GraphException.class);

        assertThat(server.received()).hasSize(3);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void errors_that_would_repeat_are_not_retried() {
        server.thenJson(400, "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100}}")
                .thenJson(400, "{\"error\":{\"message\":\"(#200) Requires ads_read\",\"type\":\"OAuthException\",\"code\":200}}");

        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of())).isInstanceOf(GraphException.class);
        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of())).isInstanceOf(GraphException.class);

        assertThat(server.received()).hasSize(2);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void rate_limited_read_waits_the_time_meta_estimates_and_retries() {
        client = clientWith(new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(5)));
        server.then(Answer.json(400, TOO_MANY_CALLS).withHeader("X-Business-Use-Case-Usage",
                        "{\"act_1\":[{\"type\":\"ads_management\",\"call_count\":100,\"estimated_time_to_regain_access\":2}]}"))
                .thenJson(200, "{\"data\":[]}");

        client.get(TOKEN, "act_1/campaigns", Map.of());

        assertThat(time.sleeps()).containsExactly(Duration.ofMinutes(2));
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void rate_limit_longer_than_the_budget_fails_at_once_and_says_how_long_to_wait() {
        server.then(Answer.json(400, TOO_MANY_CALLS).withHeader("X-Business-Use-Case-Usage",
                "{\"act_1\":[{\"type\":\"ads_management\",\"call_count\":100,\"estimated_time_to_regain_access\":15}]}"));

        assertThatThrownBy(() -> client.get(TOKEN, "act_1/campaigns", Map.of()))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMIT);
                    assertThat(e.error().retryAfter()).contains(Duration.ofMinutes(15));
                    assertThat(e.usage().regainAccessIn()).isEqualTo(Duration.ofMinutes(15));
                });
        assertThat(server.received()).hasSize(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void rate_limit_wait_uses_the_ad_account_reset_time_and_retry_after() {
        server.then(Answer.json(400, "{\"error\":{\"message\":\"(#17) User request limit reached\",\"code\":17}}")
                        .withHeader("X-Ad-Account-Usage", "{\"acc_id_util_pct\":99,\"reset_time_duration\":7}"))
                .then(Answer.json(400, "{\"error\":{\"message\":\"(#4) Application request limit reached\",\"code\":4}}")
                        .withHeader("Retry-After", "3"))
                .thenJson(200, "{}");

        client.get(TOKEN, "me", Map.of());

        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(3));
    }

    @Test
    void the_total_time_budget_bounds_all_retries() {
        client = clientWith(new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(2500)));
        for (int i = 0; i < 10; i++) {
            server.thenJson(500, SERVICE_UNAVAILABLE);
        }

        assertThatThrownBy(() -> client.get(TOKEN, "me", Map.of())).isInstanceOf(GraphException.class);

        assertThat(time.sleeps()).hasSize(2);
        assertThat(server.received()).hasSize(3);
    }

    /**
     * The JDK's HttpURLConnection sends a request again by itself when a connection drops before the answer (a
     * kept-alive connection the server closed). For a write that could create an object twice: the client's transport
     * must send POST and DELETE once and report the network error instead.
     */
    @Test
    void a_write_whose_connection_drops_before_the_answer_is_sent_once() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
            Thread dropper = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (java.net.Socket connection = socket.accept()) {
                        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                                connection.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
                        String line = in.readLine();
                        if (line != null && !line.isEmpty()) {
                            requests.incrementAndGet();
                        }
                        while (line != null && !line.isEmpty()) {
                            line = in.readLine();
                        }
                        // Request read, connection closed without an answer.
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "dropping-server");
            dropper.setDaemon(true);
            dropper.start();
            GraphClient dropping = GraphClient.builder(GraphConfig.builder()
                            .graphUrl("http://127.0.0.1:" + socket.getLocalPort())
                            .retryPolicy(RetryPolicy.defaults())
                            .build())
                    .sleeper(time).clock(time).build();

            assertThatThrownBy(() -> dropping.post(TOKEN, "act_1/campaigns", Map.of("name", "once")))
                    .isInstanceOfSatisfying(GraphException.class,
                            e -> assertThat(e.error().code()).isEqualTo(GraphError.NETWORK_ERROR_CODE));
            assertThat(requests.get()).as("POST requests the server received").isEqualTo(1);
            assertThatThrownBy(() -> dropping.delete(TOKEN, "123", Map.of()))
                    .isInstanceOfSatisfying(GraphException.class,
                            e -> assertThat(e.error().code()).isEqualTo(GraphError.NETWORK_ERROR_CODE));
            assertThat(requests.get()).as("POST and DELETE requests the server received").isEqualTo(2);
        }
    }

    @Test
    void a_refused_connection_is_a_transient_network_error_without_url_secrets() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        GraphClient offline = GraphClient.builder(GraphConfig.builder()
                        .graphUrl("http://127.0.0.1:" + closedPort)
                        .appSecret("app-secret-abcdef")
                        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5)))
                        .build())
                .sleeper(time).clock(time).build();

        assertThatThrownBy(() -> offline.get(TOKEN, "me", Map.of("fields", "id")))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.TRANSIENT);
                    assertThat(e.error().code()).isEqualTo(GraphError.NETWORK_ERROR_CODE);
                    assertThat(e.error().type()).isEqualTo("NetworkError");
                    assertThat(e.error().isTransient()).isTrue();
                    assertThat(e.getMessage()).contains("GET /v25.0/me")
                            .doesNotContain(TOKEN, "appsecret_proof", "fields=", "app-secret-abcdef");
                    assertThat(e.usage()).isEqualTo(Usage.none());
                });
        assertThat(time.sleeps()).hasSize(1);
    }

    @Test
    void a_slow_answer_times_out_as_a_transient_network_error() {
        GraphClient impatient = GraphClient.builder(GraphConfig.builder()
                        .graphUrl(server.baseUrl())
                        .requestTimeout(Duration.ofMillis(200))
                        .retryPolicy(RetryPolicy.none())
                        .build())
                .sleeper(time).clock(time).build();
        server.then(Answer.json(200, "{}").delayedBy(1500));

        assertThatThrownBy(() -> impatient.get(TOKEN, "me", Map.of()))
                .isInstanceOfSatisfying(GraphException.class, e -> {
                    assertThat(e.category()).isEqualTo(ErrorCategory.TRANSIENT);
                    assertThat(e.getMessage()).contains("no complete answer within 200 ms");
                });
    }

    private GraphClient clientWith(RetryPolicy policy) {
        return GraphClient.builder(config(policy)).sleeper(time).clock(time).jitter(() -> 0.999999999).build();
    }

    private GraphConfig config(RetryPolicy policy) {
        return GraphConfig.builder().graphUrl(server.baseUrl()).retryPolicy(policy).build();
    }
}
