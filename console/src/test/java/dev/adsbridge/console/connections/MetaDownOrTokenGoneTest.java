package dev.adsbridge.console.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ad-account picker tells "Meta is down" (the connection stays Active: nothing to reconnect) from "the token is
 * gone on Meta's side" (the connection needs a reconnect, and the page says so where it shows the connection).
 */
class MetaDownOrTokenGoneTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();

    @AfterEach
    void reset() {
        harness.control("DELETE", "/_sandbox/faults", null);
    }

    @Test
    void metaBeingDownLeavesTheConnectionActiveWhileARefusedTokenAsksForAReconnect() {
        ConsoleHarness.Signed owner = harness.owner("Down Or Gone Co");
        ConsoleHarness.connect(owner.browser());
        UUID id = harness.connectionIds(owner.tenant()).get(0);

        harness.control("POST", "/_sandbox/faults", Map.of("kind", "transient", "path", "me/adaccounts",
                "count", -1));
        Page down = owner.browser().get("/connections/" + id + "/ad-accounts");
        assertThat(down.contains("could not be reached just now")).as(down.body()).isTrue();
        assertThat(down.contains("Reconnect needed")).isFalse();
        assertThat(harness.connectionStatus(id)).contains("ACTIVE");
        harness.control("DELETE", "/_sandbox/faults", null);

        harness.control("POST", "/_sandbox/faults", Map.of("kind", "revoke_token", "path", "me/adaccounts",
                "count", 1));
        Page gone = owner.browser().get("/connections/" + id + "/ad-accounts");
        assertThat(gone.contains("Reconnect needed")).as(gone.body()).isTrue();
        assertThat(harness.connectionStatus(id)).contains("NEEDS_RECONNECT");
        Page dashboard = owner.browser().get("/");
        assertThat(dashboard.contains("data-connection-status=\"needs-reconnect\"")).as(dashboard.body()).isTrue();
        assertThat(dashboard.contains("data-connection-status=\"active\"")).isFalse();
    }

    @Test
    void theLoginDialogReasksDeclinedPermissions() {
        ConsoleHarness.Signed owner = harness.owner("Rerequest Co");
        Page consent = ConsoleHarness.openConsent(owner.browser());
        assertThat(consent.uri().getQuery()).contains("auth_type=rerequest");
    }
}
