package dev.adsbridge.mcp.inventory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A tool call's arguments with lenient, validating readers. Language models send numbers as strings, lists as
 * comma-separated text and empty strings for "not given"; these readers accept all of that and reject anything else
 * with a {@link ToolException} whose message names the argument and says how to fix it.
 *
 * <p>An empty or blank string counts as absent, as in the reference server whose optional arguments default to "".
 */
public final class Args {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("(?:act_)?([0-9]{1,30})");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    // Offsets like -0700 (Meta's own format) besides the ISO forms.
    private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    /** Wraps the arguments of a call; null means none. */
    public static Args of(Map<String, Object> arguments) {
        return new Args(arguments == null ? Map.of() : new LinkedHashMap<>(arguments));
    }

    /** The names of the arguments given (never their values: those may hold a token). */
    public Set<String> names() {
        return Set.copyOf(values.keySet());
    }

    /** Whether the argument was given with a non-empty value. */
    public boolean has(String name) {
        Object value = values.get(name);
        return value != null && !(value instanceof String s && s.isBlank());
    }

    // ---------------------------------------------------------------- strings

    /** A text argument; numbers are accepted and turned into text. */
    public Optional<String> string(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String s) {
            return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(scalarText(value));
        }
        throw invalid(name, "must be a string, got " + describe(value));
    }

    public String string(String name, String defaultValue) {
        return string(name).orElse(defaultValue);
    }

    /** A required text argument; {@code hint} says what to pass. */
    public String requireString(String name, String hint) {
        return string(name).orElseThrow(() -> missing(name, hint));
    }

    /**
     * A text argument exactly as given, surrounding spaces kept (a name suffix such as {@code " - Copy"}); a blank
     * text still counts as absent.
     */
    public Optional<String> rawString(String name) {
        Object value = values.get(name);
        if (value instanceof String s) {
            return s.isBlank() ? Optional.empty() : Optional.of(s);
        }
        return string(name);
    }

    /**
     * Either a text or a JSON object (given as an object or as a string holding one), e.g. a date preset or
     * {@code {"since","until"}}: a string node (stripped) or an object node. {@code expected} completes "must be …"
     * for anything else.
     */
    public Optional<JsonNode> textOrObject(String name, String expected) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?>) {
            return Optional.of(Json.tree(value));
        }
        if (value instanceof String s) {
            String text = s.strip();
            JsonNode parsed = text.startsWith("{") || text.startsWith("[") ? Json.parseOrNull(text) : null;
            if (parsed != null && parsed.isArray()) {
                throw invalid(name, "must be " + expected);
            }
            return Optional.of(parsed != null && parsed.isObject() ? parsed : Json.tree(text));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(Json.tree(scalarText(value)));
        }
        throw invalid(name, "must be " + expected);
    }

    /** How an enum reader compares and returns values: folded to upper or lower case. */
    public enum Case {
        /** {@code shop_now} → {@code SHOP_NOW}: Meta's constants. */
        UPPER,
        /** {@code 100X100} → {@code 100x100}: crop keys, breakdowns, levels. */
        LOWER;

        String fold(String value) {
            return this == UPPER ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
        }
    }

    /** One of the allowed values (case-insensitive, returned in upper case). */
    public Optional<String> enumValue(String name, Collection<String> allowed) {
        return enumValue(name, allowed, Case.UPPER);
    }

    /** One of the allowed values, compared and returned folded to {@code letterCase}. */
    public Optional<String> enumValue(String name, Collection<String> allowed, Case letterCase) {
        Optional<String> value = string(name).map(letterCase::fold);
        value.ifPresent(v -> {
            if (!allowed.contains(v)) {
                throw invalid(name, "must be one of " + String.join(", ", allowed) + "; got '" + shorten(v) + "'");
            }
        });
        return value;
    }

    // ---------------------------------------------------------------- ids

    /**
     * A required ad account id, normalised to {@code act_<digits>}; accepts {@code act_123} and {@code 123}.
     */
    public String accountId(String name) {
        return optionalAccountId(name).orElseThrow(() -> missing(name,
                "pass the ad account id, e.g. act_1234567890 (get_ad_accounts lists them)"));
    }

    public Optional<String> optionalAccountId(String name) {
        return string(name).map(raw -> {
            var matcher = ACCOUNT_ID.matcher(raw.strip().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw invalid(name, "must be an ad account id like act_1234567890 or 1234567890; got '"
                        + shorten(raw) + "'");
            }
            return "act_" + matcher.group(1);
        });
    }

    /** A required numeric object id (campaign, ad set, ad, page…); {@code what} names the object in messages. */
    public String objectId(String name, String what) {
        return optionalObjectId(name, what).orElseThrow(() -> missing(name, "pass the " + what + " id (digits)"));
    }

    public Optional<String> optionalObjectId(String name, String what) {
        return string(name).map(raw -> {
            if (!DIGITS.matcher(raw).matches()) {
                throw invalid(name, "must be a numeric " + what + " id like 120210000000000001; got '"
                        + shorten(raw) + "'");
            }
            return raw;
        });
    }

    // ---------------------------------------------------------------- numbers

    /** A whole number in {@code [min, max]}, or the default when absent. */
    public int integer(String name, int defaultValue, int min, int max) {
        OptionalLong value = wholeNumber(name, "a whole number");
        if (value.isEmpty()) {
            return defaultValue;
        }
        long number = value.getAsLong();
        if (number < min || number > max) {
            throw invalid(name, "must be between " + min + " and " + max + "; got " + number);
        }
        return (int) number;
    }

    /**
     * An amount of money in the account currency's minor units (cents for USD, yen for JPY), which must be a positive
     * whole number. A decimal such as 10.50 is refused with the conversion spelled out.
     */
    public OptionalLong minorUnits(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return OptionalLong.empty();
        }
        BigDecimal amount = decimal(name, value, "a whole number of minor currency units");
        if (amount.stripTrailingZeros().scale() > 0) {
            throw invalid(name, "is in minor currency units (cents), so it must be a whole number; got " + amount
                    .toPlainString() + ". For 10.50 USD send 1050; zero-decimal currencies such as JPY use whole yen.");
        }
        if (amount.signum() <= 0) {
            throw invalid(name, "must be a positive amount in minor currency units (e.g. 5000 = 50.00 USD); got "
                    + amount.toPlainString());
        }
        if (amount.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw invalid(name, "is too large; it is in minor currency units (e.g. 5000 = 50.00 USD)");
        }
        return OptionalLong.of(amount.longValueExact());
    }

    /** A positive whole number (no unit conversion). */
    public OptionalLong positiveInteger(String name) {
        OptionalLong value = wholeNumber(name, "a positive whole number");
        if (value.isPresent() && value.getAsLong() <= 0) {
            throw invalid(name, "must be a positive whole number; got " + value.getAsLong());
        }
        return value;
    }

    /**
     * A decimal number, given as a JSON number or as text ({@code 0.05}, {@code .05}, {@code 5e-2}); {@code expected}
     * completes "must be …" when it is not one.
     */
    public Optional<BigDecimal> decimal(String name, String expected) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return Optional.of(new BigDecimal(n.toString()));
        }
        if (value instanceof String s) {
            try {
                return Optional.of(new BigDecimal(s.strip()));
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        throw invalid(name, "must be " + expected + "; got " + describe(value));
    }

    /**
     * A point in time as Unix seconds; accepts a number of seconds, an ISO-8601 date-time with offset
     * ({@code 2026-11-20T00:00:00Z}, {@code 2026-11-20T00:00:00-0700}) or a date (midnight UTC).
     */
    public OptionalLong epochSeconds(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return OptionalLong.empty();
        }
        if (value instanceof Number || value instanceof String s && DIGITS.matcher(s.strip()).matches()) {
            return wholeNumber(name, "Unix seconds or an ISO-8601 date-time");
        }
        if (value instanceof String s) {
            String text = s.strip();
            try {
                return OptionalLong.of(OffsetDateTime.parse(text).toEpochSecond());
            } catch (DateTimeParseException notIso) {
                try {
                    return OptionalLong.of(OffsetDateTime.parse(text, META_TIME).toEpochSecond());
                } catch (DateTimeParseException notMeta) {
                    try {
                        return OptionalLong.of(LocalDate.parse(text).atStartOfDay().toEpochSecond(ZoneOffset.UTC));
                    } catch (DateTimeParseException notDate) {
                        // fall through to the error below
                    }
                }
            }
        }
        throw invalid(name, "must be Unix seconds (e.g. " + Instant.now().getEpochSecond()
                + ") or an ISO-8601 date-time with offset (e.g. 2026-11-27T00:00:00-0800); got " + describe(value));
    }

    // ---------------------------------------------------------------- booleans, lists, JSON

    /** true/false, also given as the strings "true"/"false". */
    public Optional<Boolean> bool(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if (value instanceof String s) {
            String text = s.strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Optional.of(Boolean.parseBoolean(text));
            }
        }
        throw invalid(name, "must be true or false; got " + describe(value));
    }

    public boolean bool(String name, boolean defaultValue) {
        return bool(name).orElse(defaultValue);
    }

    /**
     * A list of strings: a JSON array, a string holding a JSON array, or comma-separated text. Blank entries are
     * dropped. Returns empty when the argument is absent.
     */
    public Optional<List<String>> stringList(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String || item instanceof Number) {
                    String text = scalarText(item).strip();
                    if (!text.isEmpty()) {
                        items.add(text);
                    }
                } else if (item != null) {
                    throw invalid(name, "must be a list of strings; an item was " + describe(item));
                }
            }
            return Optional.of(items);
        }
        if (value instanceof String s) {
            String text = s.strip();
            if (text.startsWith("[")) {
                JsonNode parsed = Json.parseOrNull(text);
                if (parsed == null || !parsed.isArray()) {
                    throw invalid(name, "looks like a JSON array but is not valid JSON: " + shorten(text));
                }
                parsed.forEach(item -> {
                    if (!item.isValueNode() || item.isNull()) {
                        throw invalid(name, "must be a list of strings");
                    }
                    if (!item.asString().isBlank()) {
                        items.add(item.asString().strip());
                    }
                });
                return Optional.of(items);
            }
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
            return Optional.of(items);
        }
        throw invalid(name, "must be a list of strings; got " + describe(value));
    }

    /**
     * A list of texts written for people (ad copy, headlines): a JSON array of strings, a string holding one, or a
     * single text, whose commas are part of it and never split it. Blank entries are dropped.
     */
    public Optional<List<String>> textList(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return Optional.empty();
        }
        List<Object> items;
        if (value instanceof List<?> list) {
            items = new ArrayList<>(list);
        } else if (value instanceof String s) {
            JsonNode parsed = s.strip().startsWith("[") ? Json.parseOrNull(s) : null;
            if (parsed == null || !parsed.isArray()) {
                return Optional.of(List.of(s.strip()));
            }
            items = new ArrayList<>();
            parsed.forEach(item -> items.add(item.isString() ? item.asString() : item));
        } else {
            throw invalid(name, "must be a list of texts; got " + describe(value));
        }
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw invalid(name, "must be a list of texts, e.g. [\"First version\",\"Second version\"]");
            }
            if (!text.isBlank()) {
                texts.add(text.strip());
            }
        }
        return Optional.of(texts);
    }

    /**
     * Ad copy variants whose items are texts or objects such as {@code {"text":"Buy now","adlabels":[{"name":"a"}]}}
     * (labels let placement rules pick a variant): a JSON array, a string holding one, or a single text. Text items
     * come back as string nodes (stripped; blank ones dropped), object items as given after checking that they hold a
     * non-blank {@code text}.
     */
    public Optional<List<JsonNode>> textOrObjectList(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return Optional.empty();
        }
        JsonNode items;
        if (value instanceof List<?> list) {
            items = Json.tree(list);
        } else if (value instanceof String s) {
            JsonNode parsed = s.strip().startsWith("[") ? Json.parseOrNull(s) : null;
            items = parsed != null && parsed.isArray() ? parsed : Json.tree(List.of(s.strip()));
        } else {
            throw invalid(name, "must be a list of texts or {\"text\",\"adlabels\"} objects; got " + describe(value));
        }
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.isString()) {
                if (!item.asString().isBlank()) {
                    result.add(Json.tree(item.asString().strip()));
                }
            } else if (item.isObject() && item.path("text").isString() && !item.path("text").asString().isBlank()) {
                result.add(item);
            } else {
                throw invalid(name, "must hold texts or objects with a non-blank text, e.g. [\"First\","
                        + "{\"text\":\"Second\",\"adlabels\":[{\"name\":\"story\"}]}]");
            }
        }
        return Optional.of(result);
    }

    /** A list whose items must each be one of the allowed values (upper-cased). */
    public Optional<List<String>> enumList(String name, Collection<String> allowed) {
        return enumList(name, allowed, Case.UPPER);
    }

    /** A list whose items must each be one of the allowed values, compared and returned folded to letterCase. */
    public Optional<List<String>> enumList(String name, Collection<String> allowed, Case letterCase) {
        return stringList(name).map(list -> {
            List<String> folded = list.stream().map(letterCase::fold).toList();
            List<String> unknown = folded.stream().filter(v -> !allowed.contains(v)).toList();
            if (!unknown.isEmpty()) {
                throw invalid(name, "has unknown value(s) " + unknown.stream().map(Args::shorten)
                        .collect(Collectors.joining(", ")) + "; allowed: " + String.join(", ", allowed));
            }
            return folded;
        });
    }

    /** A JSON object or array, given as JSON or as a string holding JSON. */
    public Optional<JsonNode> json(String name) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return Optional.of(Json.tree(value));
        }
        if (value instanceof String s) {
            JsonNode parsed = Json.parseOrNull(s);
            if (parsed != null && parsed.isContainer()) {
                return Optional.of(parsed);
            }
        }
        throw invalid(name, "must be a JSON object or array; got " + describe(value));
    }

    // ---------------------------------------------------------------- helpers

    /** A validation failure for the argument, with a fix-it message. */
    public static ToolException invalid(String name, String problem) {
        return ToolException.invalid("Invalid argument '" + name + "': " + name + " " + problem + ".");
    }

    private static ToolException missing(String name, String hint) {
        return ToolException.invalid("Missing required argument '" + name + "': " + hint + ".");
    }

    private OptionalLong wholeNumber(String name, String expected) {
        Object value = values.get(name);
        if (value == null || value instanceof String s && s.isBlank()) {
            return OptionalLong.empty();
        }
        BigDecimal number = decimal(name, value, expected);
        if (number.stripTrailingZeros().scale() > 0) {
            throw invalid(name, "must be a whole number; got " + number.toPlainString());
        }
        try {
            return OptionalLong.of(number.longValueExact());
        } catch (ArithmeticException e) {
            throw invalid(name, "is out of range");
        }
    }

    private static BigDecimal decimal(String name, Object value, String expected) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s && NUMBER.matcher(s.strip()).matches()) {
            return new BigDecimal(s.strip());
        }
        throw invalid(name, "must be " + expected + "; got " + describe(value));
    }

    private static String scalarText(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal decimal = new BigDecimal(value.toString()).stripTrailingZeros();
            return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        return value.toString();
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "'" + shorten(s) + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        return shorten(String.valueOf(value));
    }

    /** An argument value to echo in a message: printable and at most 60 characters. */
    public static String shorten(String value) {
        return shorten(value, 60);
    }

    /** An argument value to echo in a message: printable and at most {@code maxLength} characters. */
    public static String shorten(String value, int maxLength) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > maxLength ? printable.substring(0, maxLength) + "…" : printable;
    }
}
