package dev.adsbridge.console.ads;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Meta's money fields (strings in the account currency's minor units) as display text: {@code "2500"} USD →
 * {@code "$25.00"}. Currencies Meta counts in whole units (offset 1: JPY, KRW, …) have no cents.
 */
final class MoneyFormat {

    /** Meta's currencies whose amounts are whole units, not cents. */
    private static final Set<String> WHOLE_UNITS = Set.of("CLP", "COP", "CRC", "HUF", "ISK", "IDR", "JPY", "KRW",
            "PYG", "TWD", "VND");

    private MoneyFormat() {
    }

    /** {@code "$25.00"}, or null when the amount or the currency is missing or not a number. */
    static @Nullable String format(@Nullable String minorUnits, @Nullable String currencyCode) {
        if (minorUnits == null || minorUnits.isBlank() || currencyCode == null || currencyCode.isBlank()) {
            return null;
        }
        String code = currencyCode.strip().toUpperCase(Locale.ROOT);
        BigDecimal minor;
        try {
            minor = new BigDecimal(minorUnits.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        int digits = WHOLE_UNITS.contains(code) ? 0 : 2;
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        try {
            format.setCurrency(Currency.getInstance(code));
        } catch (IllegalArgumentException e) {
            format = NumberFormat.getNumberInstance(Locale.US);
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(digits);
            return format.format(minor.movePointLeft(digits)) + " " + code;
        }
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(minor.movePointLeft(digits));
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
