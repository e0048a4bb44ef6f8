package dev.adsbridge.mcp.tools;

import dev.adsbridge.mcp.inventory.Args;
import dev.adsbridge.mcp.inventory.Schema;
import java.util.List;
import java.util.Optional;

/**
 * The {@code fields} argument of the list tools: Graph's own {@code fields=} value, field expansion included, so a
 * caller gets a list with its numbers in one Graph call, e.g.
 * {@code name,insights.date_preset(last_7d){spend,results,cost_per_result},adsets.limit(5){optimization_goal}}.
 * Checked before Meta is called: names are snake_case, modifiers are {@code .name(value)} with balanced brackets and
 * no URL syntax in the value, braces balance, nesting stays shallow.
 */
final class GraphFields {

    /** Longest fields value accepted (Meta's URLs are limited; a long list is a mistake). */
    static final int MAX_LENGTH = 4000;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_NAME = 80;

    private GraphFields() {
    }

    /** Adds the {@code fields} argument of a list tool whose default field list is {@code defaults}. */
    static Schema argument(Schema schema, String defaults, String example) {
        return schema.stringOrStringArray("fields", "Graph fields to return instead of the default set ("
                + defaults.replace(",", ", ") + "). Graph field expansion works: edges and object fields with "
                + "{sub,fields} and modifiers such as .date_preset(last_7d), .time_range({\"since\":\"2026-11-01\","
                + "\"until\":\"2026-11-07\"}), .time_increment(1) or .limit(5), e.g. '" + example + "'. One string "
                + "(commas inside braces stay) or a list of entries. Empty for the default set.");
    }

    /** The caller's {@code fields} as one Graph value, or {@code defaults} when absent. */
    static String read(Args args, String defaults) {
        Optional<List<String>> entries = args.textList("fields");
        if (entries.isEmpty() || entries.get().isEmpty()) {
            return defaults;
        }
        String value = String.join(",", entries.get().stream().map(String::strip).toList());
        if (value.length() > MAX_LENGTH) {
            throw Args.invalid("fields", "is " + value.length() + " characters long; keep it under " + MAX_LENGTH);
        }
        new Parser(value).all();
        return value;
    }

    /** A recursive-descent check of Graph's field list grammar. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        void all() {
            list(0);
            if (pos != text.length()) {
                throw fail("unexpected '" + text.charAt(pos) + "'");
            }
        }

        private void list(int depth) {
            if (depth > MAX_DEPTH) {
                throw fail("nests deeper than " + MAX_DEPTH + " levels");
            }
            entry(depth);
            while (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                entry(depth);
            }
        }

        private void entry(int depth) {
            skipSpaces();
            name();
            while (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                name();
                expect('(');
                modifierValue();
                expect(')');
            }
            if (pos < text.length() && text.charAt(pos) == '{') {
                pos++;
                list(depth + 1);
                expect('}');
            }
            skipSpaces();
        }

        private void name() {
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
                pos++;
            }
            if (pos == start) {
                throw fail(pos < text.length() ? "expected a field name at '" + text.charAt(pos) + "'"
                        : "expected a field name at the end");
            }
            if (pos - start > MAX_NAME) {
                throw fail("has a field name longer than " + MAX_NAME + " characters");
            }
        }

        /** A modifier's value: text with balanced {}, [] and quotes, no parentheses and no URL syntax. */
        private void modifierValue() {
            int braces = 0;
            boolean quoted = false;
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c < 0x20 || c == '&' || c == '#' || c == '?' || c == '=' || c == '\\') {
                    throw fail("has '" + (c < 0x20 ? "control character" : String.valueOf(c))
                            + "' in a modifier value");
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '{' || c == '[')) {
                    braces++;
                } else if (!quoted && (c == '}' || c == ']')) {
                    if (--braces < 0) {
                        throw fail("has an unbalanced '" + c + "' in a modifier value");
                    }
                } else if (!quoted && c == '(') {
                    throw fail("has '(' inside a modifier value");
                } else if (!quoted && c == ')' && braces == 0) {
                    break;
                }
                pos++;
            }
            if (quoted || braces != 0) {
                throw fail("has an unclosed quote or bracket in a modifier value");
            }
            if (pos == start) {
                throw fail("has an empty modifier value");
            }
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw fail("expected '" + c + "' at " + (pos >= text.length() ? "the end" : "'" + text.charAt(pos)
                        + "'"));
            }
            pos++;
        }

        private void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        private static boolean isNameChar(char c, boolean first) {
            return c >= 'a' && c <= 'z' || c == '_' || !first && c >= '0' && c <= '9';
        }

        private RuntimeException fail(String problem) {
            return Args.invalid("fields", problem + " (character " + pos + " of '" + Args.shorten(text)
                    + "'); use Graph syntax such as 'name,insights.date_preset(last_7d){spend,results}'");
        }
    }
}
