package dev.adsbridge.mcp.tools;

import dev.adsbridge.meta.Currencies;
import tools.jackson.databind.node.ObjectNode;

/**
 * Meta's money fields are strings in the currency's minor units ("1050" = 10.50 USD; "1050" = 1050 JPY). Tools pass
 * them on unchanged and may add a readable major-unit twin, e.g. {@code amount_spent_formatted: "10.50 USD"}
 * ({@link Currencies#plain(String, String)}).
 */
final class Money {

    private Money() {
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
                String formatted = Currencies.plain(raw, currency);
                if (formatted != null) {
                    node.put(field + "_formatted", formatted);
                }
            }
        }
    }
}
