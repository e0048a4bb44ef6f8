package dev.adsbridge.console.ads;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An ad account as the MCP server lists it ({@code id} is {@code act_…}). {@code unusableReason} is null when ads can
 * run in it (Meta's account_status 1 ACTIVE, or 9 IN_GRACE_PERIOD: still delivering while a payment is retried), and
 * otherwise says in words why it cannot be picked.
 */
public record AdAccount(String id, String name, @Nullable String currency, @Nullable String status,
        @Nullable String amountSpent, @Nullable String unusableReason) {

    private static final Map<Integer, String> STATUS_WORDS = Map.of(2, "Facebook disabled this ad account",
            3, "This ad account has an unpaid balance", 7, "Facebook is reviewing this ad account",
            8, "A payment of this ad account is being settled", 100, "This ad account is being closed",
            101, "This ad account is closed");
    private static final Map<Integer, String> DISABLE_REASONS = Map.of(1, "ads integrity policy",
            2, "intellectual property review", 3, "payment risk", 4, "the account was shut down",
            5, "ads review", 6, "business integrity review", 7, "the account was closed permanently",
            8, "unused reseller account", 9, "unused account");

    /** Whether ads can run in the account, by Meta's account_status code (null: Meta did not say; allowed). */
    public boolean usable() {
        return unusableReason == null;
    }

    /** Why an account with this status and disable reason cannot be used; null when it can. */
    static @Nullable String unusableReason(@Nullable Integer accountStatus, @Nullable Integer disableReason) {
        if (accountStatus == null || accountStatus == 1 || accountStatus == 9) {
            return null;
        }
        String words = STATUS_WORDS.getOrDefault(accountStatus, "This ad account cannot run ads (status "
                + accountStatus + ")");
        String why = disableReason == null ? null : DISABLE_REASONS.get(disableReason);
        return why == null ? words + "." : words + " (" + why + ").";
    }
}
