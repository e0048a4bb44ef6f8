package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.store.NodeType;

import java.util.Optional;

/** The {@code level} of insights rows: which object each row aggregates. Ordered from coarse to fine. */
enum Level {
    ACCOUNT("account"), CAMPAIGN("campaign"), ADSET("adset"), AD("ad");

    final String graphName;

    Level(String graphName) {
        this.graphName = graphName;
    }

    static Optional<Level> byName(String name) {
        for (Level level : values()) {
            if (level.graphName.equals(name)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The level of the object an insights edge hangs from. */
    static Level of(NodeType type) {
        return switch (type) {
            case CAMPAIGN -> CAMPAIGN;
            case AD_SET -> ADSET;
            case AD -> AD;
            default -> ACCOUNT;
        };
    }

    /** Whether rows at this level carry the ids of {@code other} (an ad row knows its campaign). */
    boolean includes(Level other) {
        return ordinal() >= other.ordinal();
    }
}
