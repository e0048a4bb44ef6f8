package dev.adsbridge.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Proves that a tool did not call Meta: a sandbox fault armed on the Graph path a call would use fires on the first
 * such call, so a fault still armed afterwards means no call was made.
 */
final class Tripwire {

    private Tripwire() {
    }

    /** Runs the calls with a tripwire on {@code method path} and asserts none of them reached Meta there. */
    static void assertMetaNotCalled(String path, String method, String description, Runnable calls) {
        String id = arm(path, method);
        try {
            calls.run();
            assertThat(untouched(id)).as(description).isTrue();
        } finally {
            disarm(id);
        }
    }

    /** Arms a one-shot server error on Graph calls whose path contains {@code path}; returns the fault id. */
    private static String arm(String path, String method) {
        TestEnv.Answer answer = TestEnv.control("POST", "/_sandbox/faults", Map.of("kind", "server_error",
                "path", path, "method", method, "count", 1));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("id").asString();
    }

    /** Whether the fault is still armed, i.e. no matching Graph call happened. */
    private static boolean untouched(String id) {
        JsonNode faults = TestEnv.control("GET", "/_sandbox/faults", null).json();
        for (JsonNode fault : faults.path("data")) {
            if (id.equals(fault.path("id").asString()) && fault.path("remaining").asInt() == 1) {
                return true;
            }
        }
        return false;
    }

    private static void disarm(String id) {
        TestEnv.control("DELETE", "/_sandbox/faults/" + id, null);
    }
}
