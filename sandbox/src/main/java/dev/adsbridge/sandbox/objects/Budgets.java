package dev.adsbridge.sandbox.objects;

import dev.adsbridge.meta.Currencies;
import dev.adsbridge.sandbox.store.Node;

/** Budget rules shared by campaigns and ad sets: the account minimum and how amounts read in its currency. */
final class Budgets {

    private Budgets() {
    }

    /** Daily (or lifetime) budget under the account's min_daily_budget → 100/1885272 "Budget Is Too Low". */
    static void checkMinimum(Node account, String field, long amount, String level) {
        long minimum = minimum(account);
        if (amount < minimum) {
            throw AdErrors.invalid(field, AdErrors.BUDGET_TOO_LOW, "Budget Is Too Low", "The budget for this " + level
                    + " must be at least " + Currencies.format(minimum, currency(account)) + ". Please edit your budget in your "
                    + level + " to enable delivery of your ads.");
        }
    }

    static long minimum(Node account) {
        String min = account.getString("min_daily_budget");
        try {
            return min == null ? 100 : Long.parseLong(min);
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    static String currency(Node account) {
        String currency = account.getString("currency");
        return currency == null ? "USD" : currency;
    }

    static boolean hasBudget(Node node) {
        return node.get("daily_budget") != null || node.get("lifetime_budget") != null;
    }
}
