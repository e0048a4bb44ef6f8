package dev.adsbridge.console.ads;

import dev.adsbridge.meta.Currencies;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Meta's money fields (strings in the account currency's minor units) as display text: {@code "2500"} USD →
 * {@code "$25.00"}. Currencies Meta counts in whole units (offset 1: JPY, KRW, …) have no cents. The currency facts
 * and formats are {@link Currencies}'; here the console's budget wording and fallbacks.
 */
final class MoneyFormat {

    private MoneyFormat() {
    }

    /** {@code "$25.00"}, or null when the amount or the currency is missing or not a number. */
    static @Nullable String format(@Nullable String minorUnits, @Nullable String currencyCode) {
        return Currencies.format(minorUnits, currencyCode);
    }

    /** A campaign's or ad set's budget: {@code "$25.00/day"} or {@code "$1,000.00 lifetime"}, or null without one. */
    static @Nullable String budget(@Nullable String dailyBudget, @Nullable String lifetimeBudget,
            @Nullable String currencyCode) {
        if (positive(dailyBudget)) {
            String amount = format(dailyBudget, currencyCode);
            return amount == null ? null : amount + "/day";
        }
        if (positive(lifetimeBudget)) {
            String amount = format(lifetimeBudget, currencyCode);
            return amount == null ? null : amount + " lifetime";
        }
        return null;
    }

    /** Digits after the decimal point Meta uses for the currency: 0 for whole-unit currencies, else 2. */
    static int digits(@Nullable String currencyCode) {
        return Currencies.decimals(currencyCode);
    }

    /** An amount in currency units with its code, as programs send it back to confirm: {@code "5000.00 USD"}. */
    static String units(long minorUnits, String currencyCode) {
        return Currencies.plain(BigDecimal.valueOf(minorUnits), currencyCode);
    }

    /** {@code "$25.00"}, or the units text when the currency is not known to Java. */
    static String text(long minorUnits, @Nullable String currencyCode) {
        String formatted = currencyCode == null ? null : format(Long.toString(minorUnits), currencyCode);
        return formatted != null ? formatted : BigDecimal.valueOf(minorUnits).movePointLeft(2).toPlainString();
    }

    /**
     * Currency units ({@code "5000"}, {@code "5,000.00"}, {@code "5000.00 USD"}; a code, when given, must be the
     * account's) → minor units; null when it is not an amount with at most the currency's decimals.
     */
    static @Nullable Long parseUnits(@Nullable Object value, String currencyCode) {
        return Currencies.parseMajor(value, currencyCode);
    }

    private static boolean positive(@Nullable String amount) {
        if (amount == null || amount.isBlank()) {
            return false;
        }
        try {
            return new BigDecimal(amount.strip()).signum() > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
