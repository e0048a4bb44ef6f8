package dev.adsbridge.sandbox.seed;

import java.util.Set;

/** Minor-unit facts per currency: zero-decimal currencies have no cents. */
public final class Currencies {

    private static final Set<String> ZERO_DECIMAL = Set.of("JPY", "KRW", "CLP", "COP", "CRC", "HUF", "ISK", "IDR",
            "PYG", "TWD", "VND");

    private Currencies() {
    }

    public static boolean isZeroDecimal(String currency) {
        return ZERO_DECIMAL.contains(currency);
    }

    /** Minor units per major unit: 1 for JPY, 100 for USD. */
    public static int minorPerMajor(String currency) {
        return isZeroDecimal(currency) ? 1 : 100;
    }

    /** Smallest daily budget Meta accepts, in minor units (about one US dollar). */
    public static int minDailyBudget(String currency) {
        return switch (currency) {
            case "JPY" -> 150;
            case "KRW" -> 1400;
            case "EUR", "GBP" -> 100;
            default -> isZeroDecimal(currency) ? 100 : 100;
        };
    }
}
