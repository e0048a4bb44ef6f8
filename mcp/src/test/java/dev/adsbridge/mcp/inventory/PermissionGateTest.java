package dev.adsbridge.mcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.mcp.TestEnv;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The token's permissions are read from Meta once however many ask at the same moment: the stdio server's look-up
 * at start (prefetch) and the client's first tools/list share one {@code GET /me/permissions}.
 */
class PermissionGateTest {

    @AfterEach
    void clearFaults() {
        TestEnv.clearFaults();
    }

    @Test
    void aPrefetchAndTheFirstListShareOneLookUp() {
        String token = TestEnv.token();
        GraphClient graph = GraphClient.create(TestEnv.config().build().graphConfig());
        PermissionGate gate = new PermissionGate(() -> graph);
        // Each GET /me/permissions waits 400 ms, for at most two calls: the second would find the fault spent.
        Map<String, Object> fault = Map.of("kind", "latency", "path", "me/permissions", "method", "GET",
                "count", 2, "latency_ms", 400);
        assertThat(TestEnv.control("POST", "/_sandbox/faults", fault).status()).isEqualTo(200);

        CompletableFuture<Void> prefetch = CompletableFuture.runAsync(() -> gate.prefetch(token));
        Optional<Set<String>> granted = gate.granted(token);
        prefetch.join();

        assertThat(granted).hasValueSatisfying(scopes -> assertThat(scopes).contains("ads_read"));
        assertThat(gate.granted(token)).isEqualTo(granted);
        JsonNode armed = TestEnv.control("GET", "/_sandbox/faults", null).json().path("data");
        List<Integer> remaining = new java.util.ArrayList<>();
        armed.forEach(f -> {
            if ("me/permissions".equals(f.path("path").asString())) {
                remaining.add(f.path("remaining").asInt());
            }
        });
        assertThat(remaining).as("one Graph call for both: " + armed).containsExactly(1);
    }
}
