package dev.adsbridge.sandbox.insights;

import java.util.Map;

/**
 * The delivery model prices in US cents and converts to the ad account's minor units with fixed rates, so a JPY
 * account spends yen (whole numbers) and a EUR account euro cents.
 */
final class Exchange {

    /** Minor units of a currency worth one US cent. */
    private static final Map<String, Double> MINOR_PER_US_CENT = Map.ofEntries(
            Map.entry("USD", 1.0), Map.entry("EUR", 0.92), Map.entry("GBP", 0.79), Map.entry("CAD", 1.36),
            Map.entry("AUD", 1.52), Map.entry("CHF", 0.88), Map.entry("SEK", 10.5), Map.entry("NOK", 10.6),
            Map.entry("DKK", 6.9), Map.entry("PLN", 4.0), Map.entry("BRL", 5.0), Map.entry("MXN", 17.0),
            Map.entry("INR", 83.0), Map.entry("JPY", 1.5), Map.entry("KRW", 14.0), Map.entry("CLP", 9.3),
            Map.entry("COP", 40.0), Map.entry("CRC", 5.2), Map.entry("HUF", 3.6), Map.entry("ISK", 1.38),
            Map.entry("IDR", 160.0), Map.entry("PYG", 75.0), Map.entry("TWD", 0.32), Map.entry("VND", 250.0));

    private Exchange() {
    }

    static double minorPerUsCent(String currency) {
        return MINOR_PER_US_CENT.getOrDefault(currency, 1.0);
    }
}
