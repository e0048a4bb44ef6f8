package dev.adsbridge.console.connections;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How a connect ended: a stored connection (with an optional {@code notice} for the member, e.g. that a pasted token
 * only reads), or a message saying why nothing was stored.
 */
public record ConnectOutcome(@Nullable UUID connectionId, boolean reconnected, @Nullable String problem,
        @Nullable String notice) {

    static ConnectOutcome connected(UUID id, boolean reconnected) {
        return new ConnectOutcome(id, reconnected, null, null);
    }

    static ConnectOutcome connected(UUID id, boolean reconnected, @Nullable String notice) {
        return new ConnectOutcome(id, reconnected, null, notice);
    }

    static ConnectOutcome failed(String problem) {
        return new ConnectOutcome(null, false, problem, null);
    }

    public boolean succeeded() {
        return connectionId != null;
    }
}
