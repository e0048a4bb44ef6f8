package dev.adsbridge.console.connections;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** How a return from Meta's dialog ended: a stored connection, or a message saying why nothing was stored. */
public record ConnectOutcome(@Nullable UUID connectionId, boolean reconnected, @Nullable String problem) {

    static ConnectOutcome connected(UUID id, boolean reconnected) {
        return new ConnectOutcome(id, reconnected, null);
    }

    static ConnectOutcome failed(String problem) {
        return new ConnectOutcome(null, false, problem);
    }

    public boolean succeeded() {
        return connectionId != null;
    }
}
