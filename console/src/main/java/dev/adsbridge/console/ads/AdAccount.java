package dev.adsbridge.console.ads;

import org.jspecify.annotations.Nullable;

/** An ad account as the MCP server lists it ({@code id} is {@code act_…}). */
public record AdAccount(String id, String name, @Nullable String currency, @Nullable String status,
        @Nullable String amountSpent) {
}
