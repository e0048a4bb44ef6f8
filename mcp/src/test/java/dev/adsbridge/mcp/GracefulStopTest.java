package dev.adsbridge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv.Answer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A replica taken out finishes the requests it is serving: /readyz turns 503 first, then the port closes. */
class GracefulStopTest {

    @AfterEach
    void clear() {
        TestEnv.clearFaults();
    }

    @Test
    void aToolCallInFlightFinishesWhileTheServerStops() throws Exception {
        MetaAdsMcpServer server = TestEnv.startServer(TestEnv.config().build()).stopTimeout(Duration.ofSeconds(20));
        String token = TestEnv.token();
        // Meta answers the next accounts call after 2 s.
        Map<String, Object> fault = new java.util.LinkedHashMap<>();
        fault.put("kind", "latency");
        fault.put("path", "adaccounts");
        fault.put("count", 1);
        fault.put("latency_ms", 2000);
        assertThat(TestEnv.control("POST", "/_sandbox/faults", fault).status()).isEqualTo(200);

        CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> TestEnv.post(server.endpoint(),
                TestEnv.bearer(token), TestEnv.rpc("tools/call",
                        Map.of("name", "get_ad_accounts", "arguments", Map.of("limit", 1)))));
        Thread.sleep(700); // the call is waiting on Meta
        String baseUrl = server.baseUrl();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.shutdown(Duration.ofMillis(500)));
        Thread.sleep(200);
        Answer ready = TestEnv.get(baseUrl + "/readyz", Map.of());
        assertThat(ready.status()).as("not ready while draining").isEqualTo(503);

        Answer answer = inFlight.get();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("act_").doesNotContain("\"isError\":true");
        stopping.get();
        assertThat(server.isRunning()).isFalse();
        assertThat(CompletableFuture.supplyAsync(() -> {
            try {
                TestEnv.get(baseUrl + "/healthz", Map.of());
                return "answered";
            } catch (RuntimeException e) {
                return "refused";
            }
        }).get()).as("the port is closed once stopped").isEqualTo("refused");
    }
}
