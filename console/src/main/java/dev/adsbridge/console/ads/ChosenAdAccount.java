package dev.adsbridge.console.ads;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An ad account the tenant chose to use, through one of its connections. */
public record ChosenAdAccount(UUID connectionId, String adAccountId, String name, @Nullable String currency,
        Instant chosenAt) {
}
