package dev.adsbridge.console.ads;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The ad accounts a connection reaches, or why they could not be listed ({@code problem}); {@code needsReconnect} says
 * the connection must be reconnected first.
 */
public record AdAccountListing(List<AdAccount> accounts, @Nullable String problem, boolean needsReconnect) {

    public AdAccountListing {
        accounts = List.copyOf(accounts);
    }

    static AdAccountListing of(List<AdAccount> accounts) {
        return new AdAccountListing(accounts, null, false);
    }

    static AdAccountListing failed(String problem, boolean needsReconnect) {
        return new AdAccountListing(List.of(), problem, needsReconnect);
    }
}
