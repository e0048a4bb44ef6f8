package dev.adsbridge.sandbox.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a {@code fields=} list, with Graph field-expansion syntax:
 * {@code insights.date_preset(last_7d).time_increment(1){spend,impressions}} → name "insights",
 * modifiers {date_preset=last_7d, time_increment=1}, children [spend, impressions].
 */
public record FieldSpec(String name, Map<String, String> modifiers, List<FieldSpec> children) {

    public FieldSpec {
        modifiers = Map.copyOf(modifiers);
        children = List.copyOf(children);
    }

    public static FieldSpec simple(String name) {
        return new FieldSpec(name, Map.of(), List.of());
    }

    /** The children as a {@code fields=} value again (for a nested edge request). */
    public String childrenAsFieldsParam() {
        return format(children);
    }

    public static String format(List<FieldSpec> specs) {
        StringBuilder out = new StringBuilder();
        for (FieldSpec spec : specs) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(spec.name());
            spec.modifiers().forEach((k, v) -> out.append('.').append(k).append('(').append(v).append(')'));
            if (!spec.children().isEmpty()) {
                out.append('{').append(format(spec.children())).append('}');
            }
        }
        return out.toString();
    }

    /**
     * Parses a {@code fields=} value; blank → empty list. Throws (#100) on unbalanced brackets. A JSON array of
     * names ({@code ["spend","impressions"]}, what the official SDKs send for a list put in the parameters) means the
     * same as the comma list of its elements.
     */
    public static List<FieldSpec> parse(String fields) {
        if (fields == null || fields.isBlank()) {
            return List.of();
        }
        if (fields.trim().startsWith("[")) {
            fields = String.join(",", ListParams.parse("fields", fields));
            if (fields.isBlank()) {
                return List.of();
            }
        }
        Parser parser = new Parser(fields);
        List<FieldSpec> specs = parser.list();
        if (parser.pos != fields.length()) {
            throw GraphErrors.invalidParameter("Syntax error \"Expected end of string instead of \"" 
                    + fields.charAt(parser.pos) + "\".\" at character " + parser.pos + ": " + fields);
        }
        return specs;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<FieldSpec> list() {
            List<FieldSpec> specs = new ArrayList<>();
            while (pos < text.length()) {
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == '}') {
                    break;
                }
                FieldSpec spec = item();
                if (!spec.name().isEmpty()) {
                    specs.add(spec);
                }
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else {
                    break;
                }
            }
            return specs;
        }

        FieldSpec item() {
            String name = identifier();
            Map<String, String> modifiers = new LinkedHashMap<>();
            List<FieldSpec> children = List.of();
            while (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                String key = identifier();
                if (pos >= text.length() || text.charAt(pos) != '(') {
                    throw error("Expected \"(\" after modifier " + key);
                }
                int start = ++pos;
                int depth = 1;
                while (pos < text.length() && depth > 0) {
                    char c = text.charAt(pos);
                    if (c == '(') {
                        depth++;
                    } else if (c == ')') {
                        depth--;
                    }
                    pos++;
                }
                if (depth != 0) {
                    throw error("Unbalanced parentheses");
                }
                modifiers.put(key, text.substring(start, pos - 1));
            }
            if (pos < text.length() && text.charAt(pos) == '{') {
                pos++;
                children = list();
                if (pos >= text.length() || text.charAt(pos) != '}') {
                    throw error("Expected \"}\"");
                }
                pos++;
            }
            return new FieldSpec(name, modifiers, children);
        }

        String identifier() {
            skipSpaces();
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '_') {
                    pos++;
                } else {
                    break;
                }
            }
            return text.substring(start, pos);
        }

        void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        GraphException error(String what) {
            return GraphErrors.invalidParameter("Syntax error \"" + what + "\" at character " + pos + ": " + text);
        }
    }
}
