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

    /** Digits after the decimal point Meta uses for the currency: 0 for whole-unit currencies, else 2. */
    static int digits(@Nullable String currencyCode) {
        return currencyCode != null && WHOLE_UNITS.contains(currencyCode.strip().toUpperCase(Locale.ROOT)) ? 0 : 2;
    }

    /** An amount in currency units with its code, as programs send it back to confirm: {@code "5000.00 USD"}. */
    static String units(long minorUnits, String currencyCode) {
        String code = currencyCode.strip().toUpperCase(Locale.ROOT);
        return BigDecimal.valueOf(minorUnits).movePointLeft(digits(code)).setScale(digits(code)).toPlainString()
                + " " + code;
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
        if (value == null) {
            return null;
        }
        String text = value.toString().strip().replace(",", "");
        String code = currencyCode.strip().toUpperCase(Locale.ROOT);
        if (text.toUpperCase(Locale.ROOT).endsWith(" " + code)) {
            text = text.substring(0, text.length() - code.length() - 1).strip();
        }
        if (!text.matches("[0-9]{1,15}(\\.[0-9]{1,2})?")) {
            return null;
        }
        BigDecimal amount = new BigDecimal(text);
        if (amount.scale() > digits(code)) {
            return null;
        }
        return amount.movePointRight(digits(code)).longValueExact();
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
