package dev.adsbridge.console.audit.web;

import dev.adsbridge.console.audit.AuditEntry;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit entry as the page shows it: the target with its name, and the change as readable lines
 * ("Daily budget: $40.00 → $60.00", "Status: Paused → Active"), long values cut short with the full text kept.
 *
 * @param target how the target reads: its kind and name (or id)
 * @param targetId the target's id, shown small beside the name (empty when none)
 * @param changes one line per field that changed (or was set, or was asked for)
 */
public record AuditView(AuditEntry entry, String target, String targetId, List<Change> changes) {

    /** Values longer than this are cut in the table; the full value is one click away. */
    static final int SHORT = 80;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> MONEY = Set.of("daily_budget", "lifetime_budget", "bid_amount", "spend_cap",
            "amount", "budget", "spend_limit", "daily_limit");
    private static final Set<String> WORDS = Set.of("status", "effective_status", "role", "scope", "objective",
            "optimization_goal", "billing_event", "bid_strategy", "call_to_action", "special_ad_categories");
    private static final Set<String> WHOLE_UNITS = Set.of("CLP", "COP", "CRC", "HUF", "ISK", "IDR", "JPY", "KRW",
            "PYG", "TWD", "VND");
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("email", "E-mail"),
            Map.entry("facebook_user_id", "Facebook user"), Map.entry("scopes", "Permissions"),
            Map.entry("ad_account_ids", "Ad accounts"), Map.entry("prefix", "Key prefix"),
            Map.entry("adset_id", "Ad set"), Map.entry("campaign_id", "Campaign"), Map.entry("ad_id", "Ad"),
            Map.entry("adset", "Ad set"), Map.entry("image_hash", "Image"), Map.entry("url", "URL"));

    /**
     * One changed field.
     *
     * @param before the value before, readable (null when there was none)
     * @param after the value after or asked for, readable (null when there is none)
     */
    public record Change(String label, @Nullable Value before, @Nullable Value after) {
    }

    /** A readable value: {@code shortText} for the table, {@code full} when it had to be cut. */
    public record Value(String shortText, @Nullable String full) {

        static Value of(String text) {
            if (text.length() <= SHORT) {
                return new Value(text, null);
            }
            return new Value(text.substring(0, SHORT - 1) + "…", text);
        }

        public boolean cut() {
            return full != null;
        }
    }

    static AuditView of(AuditEntry entry) {
        JsonNode before = tree(entry.before());
        JsonNode after = tree(entry.after());
        String currency = text(after, "currency");
        if (currency == null) {
            currency = text(before, "currency");
        }
        String name = entry.targetName();
        if (name == null) {
            name = text(after, "name");
        }
        if (name == null) {
            name = text(before, "name");
        }
        String kind = words(entry.targetType());
        String target = name == null ? kind : kind + " “" + name + "”";
        Set<String> fields = new LinkedHashSet<>();
        before.propertyNames().forEach(fields::add);
        after.propertyNames().forEach(fields::add);
        fields.remove("currency");
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            JsonNode was = before.get(field);
            JsonNode now = after.get(field);
            if (was != null && now != null && was.equals(now) && fields.size() > 1) {
                continue;
            }
            if ("name".equals(field) && now == null) {
                continue; // the name recorded beside a change (it is the target's name, shown above)
            }
            changes.add(new Change(label(field), value(field, was, currency), value(field, now, currency)));
        }
        return new AuditView(entry, shortened(target), entry.targetId(), changes);
    }

    /** The target line, cut short like any value (a rejected 10,000-character name must not stretch the page). */
    private static String shortened(String target) {
        return target.length() <= SHORT ? target : target.substring(0, SHORT - 1) + "…";
    }

    private static JsonNode tree(@Nullable String json) {
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : JSON.createObjectNode().put("value", json);
        } catch (RuntimeException e) {
            return JSON.createObjectNode().put("value", json);
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() || value.asString().isBlank() ? null
                : value.asString();
    }

    static String label(String field) {
        String known = LABELS.get(field);
        return known != null ? known : words(field);
    }

    /** {@code daily_budget} → "Daily budget", {@code PAUSED} → "Paused", {@code read_write} → "Read write". */
    static String words(String code) {
        String spaced = code.replace('_', ' ').strip().toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? code : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static @Nullable Value value(String field, @Nullable JsonNode node, @Nullable String currency) {
        if (node == null || node.isNull()) {
            return null;
        }
        return Value.of(readable(field, node, currency));
    }

    private static String readable(String field, JsonNode node, @Nullable String currency) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(readable(field, item, currency)));
            return items.isEmpty() ? "none" : String.join(", ", items);
        }
        if (node.isObject()) {
            return JSON.writeValueAsString(node);
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "Yes" : "No";
        }
        String text = node.asString();
        if (MONEY.contains(field)) {
            String money = money(text, currency);
            if (money != null) {
                return money;
            }
        }
        if (WORDS.contains(field) && text.matches("[A-Za-z_ ]{1,60}")) {
            return words(text);
        }
        return text;
    }

    /** Minor units in the account currency: {@code "4000"} USD → "$40.00"; without a currency, "40.00". */
    static @Nullable String money(String minorUnits, @Nullable String currency) {
        BigDecimal minor;
        try {
            minor = new BigDecimal(minorUnits.strip());
        } catch (NumberFormatException e) {
            return null;
        }
        String code = currency == null ? null : currency.strip().toUpperCase(Locale.ROOT);
        int digits = code != null && WHOLE_UNITS.contains(code) ? 0 : 2;
        BigDecimal amount = minor.movePointLeft(digits);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        String suffix = code == null ? "" : " " + code;
        if (code != null) {
            try {
                Currency known = Currency.getInstance(code);
                format = NumberFormat.getCurrencyInstance(Locale.US);
                format.setCurrency(known);
                suffix = "";
            } catch (IllegalArgumentException unknown) {
                // Not an ISO currency: the number with the code after it.
            }
        }
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(amount) + suffix;
    }
}
