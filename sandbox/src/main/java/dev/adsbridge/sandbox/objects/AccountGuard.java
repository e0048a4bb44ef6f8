package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.SandboxStore;

/**
 * Writes need an ad account that can run ads. On a disabled, closed or otherwise inactive account
 * (account_status ≠ 1 ACTIVE and ≠ 9 IN_GRACE_PERIOD) every create, update and delete answers
 * code 100 / subcode {@value AdErrors#ACCOUNT_NOT_ACTIVE} "Ad Account Disabled" (a sandbox choice: Meta's exact
 * subcode for this is unverified). Reads keep working.
 */
final class AccountGuard {

    private AccountGuard() {
    }

    static void requireWritable(Node account) {
        if (!EffectiveStatus.isAccountActive(account)) {
            throw AdErrors.invalid(AdErrors.ACCOUNT_NOT_ACTIVE, "Ad Account Disabled", "The ad account "
                    + account.getString("name") + " (" + account.id() + ") is disabled, so its campaigns, ad sets "
                    + "and ads can't be created or edited. Resolve the account's status in Account Quality first.");
        }
    }

    static void requireWritable(SandboxStore store, String accountId) {
        store.node(accountId).ifPresent(AccountGuard::requireWritable);
    }
}
