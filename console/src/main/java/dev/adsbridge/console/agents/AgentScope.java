package dev.adsbridge.console.agents;

import java.util.Locale;
import java.util.Optional;

/** What an agent credential allows, as OAuth scopes name it: {@code ads:read} and {@code ads:write}. */
public enum AgentScope {
    ADS_READ("ads:read"),
    ADS_WRITE("ads:write");

    private final String wire;

    AgentScope(String wire) {
        this.wire = wire;
    }

    /** The scope's OAuth name, e.g. {@code ads:read}. */
    public String wire() {
        return wire;
    }

    /** The scope an OAuth scope string names, or empty for any other scope. */
    public static Optional<AgentScope> parse(String scope) {
        String value = scope == null ? "" : scope.strip().toLowerCase(Locale.ROOT);
        for (AgentScope s : values()) {
            if (s.wire.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
