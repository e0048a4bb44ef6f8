package dev.adsbridge.mcp.tools;

import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.ToolException;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A campaign or ad set budget from the {@code daily_budget} / {@code lifetime_budget} arguments: daily or lifetime,
 * never both, in the account currency's minor units.
 *
 * @param name   the argument that was given ({@code daily_budget} or {@code lifetime_budget}), or null for none
 * @param amount the amount in minor units, or empty for none
 */
record Budget(String name, OptionalLong amount) {

    static Budget of(Args args) {
        OptionalLong daily = args.minorUnits("daily_budget");
        OptionalLong lifetime = args.minorUnits("lifetime_budget");
        if (daily.isPresent() && lifetime.isPresent()) {
            throw ToolException.invalid("Give daily_budget or lifetime_budget, not both: a budget is either per "
                    + "day or for the whole run.");
        }
        return daily.isPresent() ? new Budget("daily_budget", daily)
                : lifetime.isPresent() ? new Budget("lifetime_budget", lifetime)
                : new Budget(null, OptionalLong.empty());
    }

    boolean isSet() {
        return amount.isPresent();
    }

    void putInto(Map<String, String> params) {
        amount.ifPresent(value -> params.put(name, Long.toString(value)));
    }
}
