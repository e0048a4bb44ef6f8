package dev.adsbridge.mcp.tools;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta's money fields are strings in the currency's minor units ("1050" = 10.50 USD; "1050" = 1050 JPY). Tools pass
 * them on unchanged and may add a readable major-unit twin, e.g. {@code amount_spent_formatted: "10.50 USD"}.
 */
final class Money {

    /** Currencies Meta counts in whole units (offset 1 in Meta's currency table). */
    private static final Set<String> ZERO_DECIMAL = Set.of("CLP", "COP", "CRC", "HUF", "ISK", "IDR", "JPY", "KRW",
            "PYG", "TWD", "VND");

    private Money() {
    }

    /** Minor units per major unit: 1 for JPY, 100 for USD. */
    static int minorPerMajor(String currency) {
        return currency != null && ZERO_DECIMAL.contains(currency.toUpperCase(Locale.ROOT)) ? 1 : 100;
    }

    /** "12.34 USD" for ("1234", "USD"); null when the amount is not a number. */
    static String format(String minorUnits, String currency) {
        if (minorUnits == null || currency == null) {
            return null;
        }
        BigDecimal minor;
        try {
            minor = new BigDecimal(minorUnits.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        int per = minorPerMajor(currency);
        BigDecimal major = per == 1 ? minor : minor.movePointLeft(2);
        return major.toPlainString() + " " + currency.toUpperCase(Locale.ROOT);
    }

    /**
     * Adds {@code <field>_formatted} next to each money field present in {@code node}. A {@code spend_cap} of "0"
     * means no cap, and says so.
     */
    static void addFormatted(ObjectNode node, String currency, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                String raw = node.get(field).asString();
                if (field.equals("spend_cap") && raw.strip().equals("0")) {
                    node.put(field + "_formatted", "no spend cap");
                    continue;
                }
                String formatted = format(raw, currency);
                if (formatted != null) {
                    node.put(field + "_formatted", formatted);
                }
            }
        }
    }
}
