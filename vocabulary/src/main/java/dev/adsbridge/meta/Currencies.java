package dev.adsbridge.meta;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Meta's money: amounts are strings in the account currency's minor units ({@code "1050"} is 10.50 USD but 1050 JPY).
 * Meta's currency table gives each currency an {@code offset}, the minor units per major unit: 100 for most, 1 for the
 * zero-decimal currencies listed in {@link #ZERO_DECIMAL}. Codes are read case-insensitively and stripped.
 */
public final class Currencies {

    /** Currencies Meta counts in whole units (offset 1 in Meta's currency table). */
    public static final Set<String> ZERO_DECIMAL = Set.of("CLP", "COP", "CRC", "HUF", "ISK", "IDR", "JPY", "KRW",
            "PYG", "TWD", "VND");

    private Currencies() {
    }

    /** Whether Meta counts this currency in whole units (JPY, KRW, …); false for null. */
    public static boolean isZeroDecimal(String currency) {
        return currency != null && ZERO_DECIMAL.contains(code(currency));
    }

    /** Meta's offset: minor units per major unit, 1 for JPY, 100 for USD. */
    public static int offset(String currency) {
        return isZeroDecimal(currency) ? 1 : 100;
    }

    /** Digits after the decimal point: 0 for zero-decimal currencies, else 2. */
    public static int decimals(String currency) {
        return isZeroDecimal(currency) ? 0 : 2;
    }

    /** Minor units → currency units: 1050 USD → 10.50, 1050 JPY → 1050. */
    public static BigDecimal toMajor(BigDecimal minorUnits, String currency) {
        return minorUnits.movePointLeft(decimals(currency));
    }

    /**
     * Currency units → minor units: 10.5 USD → 1050.
     *
     * @throws ArithmeticException when the amount has more decimals than the currency (0.5 JPY, 1.005 USD) or does
     *                             not fit a long
     */
    public static long toMinor(BigDecimal majorUnits, String currency) {
        return majorUnits.movePointRight(decimals(currency)).longValueExact();
    }

    /**
     * Currency units as people and programs write them ({@code "5000"}, {@code "5,000.00"}, {@code "5000.00 USD"}; a
     * code, when given, must be {@code currency}) → minor units; null when it is not such an amount with at most the
     * currency's decimals.
     */
    public static Long parseMajor(Object value, String currency) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip().replace(",", "");
        String code = code(currency);
        if (text.toUpperCase(Locale.ROOT).endsWith(" " + code)) {
            text = text.substring(0, text.length() - code.length() - 1).strip();
        }
        if (!text.matches("[0-9]{1,15}(\\.[0-9]{1,2})?")) {
            return null;
        }
        BigDecimal amount = new BigDecimal(text);
        if (amount.scale() > decimals(code)) {
            return null;
        }
        return toMinor(amount, code);
    }

    /** Minor units as plain currency units with the code: {@code "5000.00 USD"}, {@code "150 JPY"}. */
    public static String plain(BigDecimal minorUnits, String currency) {
        return toMajor(minorUnits, currency).toPlainString() + " " + code(currency);
    }

    /** {@link #plain(BigDecimal, String)} of a Graph money string; null when it is missing or not a number. */
    public static String plain(String minorUnits, String currency) {
        BigDecimal minor = number(minorUnits);
        return minor == null || currency == null || currency.isBlank() ? null : plain(minor, currency);
    }

    /**
     * Minor units as a marketer reads them, with the currency's symbol (US English): {@code "$25.00"},
     * {@code "€12.50"}, {@code "¥150"}, {@code "₩1,400"}; a code Java does not know gets grouped digits and the code
     * ({@code "1,000.00 XYZ"}). Null when the amount or the currency is missing or the amount is not a number.
     */
    public static String format(String minorUnits, String currency) {
        BigDecimal minor = number(minorUnits);
        if (minor == null || currency == null || currency.isBlank()) {
            return null;
        }
        return format(minor, currency);
    }

    /** {@link #format(String, String)} of a number of minor units. */
    public static String format(BigDecimal minorUnits, String currency) {
        String code = code(currency);
        int digits = decimals(code);
        NumberFormat format;
        String suffix = "";
        try {
            Currency known = Currency.getInstance(code);
            format = NumberFormat.getCurrencyInstance(Locale.US);
            format.setCurrency(known);
        } catch (IllegalArgumentException e) {
            format = NumberFormat.getNumberInstance(Locale.US);
            suffix = " " + code;
        }
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(toMajor(minorUnits, code)) + suffix;
    }

    /** {@link #format(String, String)} of a whole number of minor units. */
    public static String format(long minorUnits, String currency) {
        return format(BigDecimal.valueOf(minorUnits), currency);
    }

    private static BigDecimal number(String minorUnits) {
        if (minorUnits == null || minorUnits.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(minorUnits.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String code(String currency) {
        return currency.strip().toUpperCase(Locale.ROOT);
    }
}
