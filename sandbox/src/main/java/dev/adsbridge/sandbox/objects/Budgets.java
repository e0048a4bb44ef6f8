package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.seed.Currencies;
import dev.adsbridge.sandbox.store.Node;

import java.text.NumberFormat;
import java.util.Locale;

/** Budget rules shared by campaigns and ad sets: the account minimum and how amounts read in its currency. */
final class Budgets {

    private Budgets() {
    }

    /** Daily (or lifetime) budget under the account's min_daily_budget → 100/1885272 "Budget Is Too Low". */
    static void checkMinimum(Node account, long amount, String level) {
        long minimum = minimum(account);
        if (amount < minimum) {
            throw AdErrors.invalid(AdErrors.BUDGET_TOO_LOW, "Budget Is Too Low", "The budget for this " + level
                    + " must be at least " + format(minimum, currency(account)) + ". Please edit your budget in your "
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

    /** Minor units as an advertiser reads them: $1.00, €12.50, ¥150, ₩1,400. */
    static String format(long minorUnits, String currency) {
        String symbol = switch (currency) {
            case "USD" -> "$";
            case "EUR" -> "€";
            case "GBP" -> "£";
            case "JPY" -> "¥";
            case "KRW" -> "₩";
            default -> currency + " ";
        };
        NumberFormat number = NumberFormat.getNumberInstance(Locale.US);
        if (Currencies.isZeroDecimal(currency)) {
            number.setMaximumFractionDigits(0);
            return symbol + number.format(minorUnits);
        }
        number.setMinimumFractionDigits(2);
        number.setMaximumFractionDigits(2);
        return symbol + number.format(minorUnits / (double) Currencies.minorPerMajor(currency));
    }

    static boolean hasBudget(Node node) {
        return node.get("daily_budget") != null || node.get("lifetime_budget") != null;
    }
}
