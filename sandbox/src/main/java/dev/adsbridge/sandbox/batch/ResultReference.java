package dev.adsbridge.sandbox.batch;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {result=name:$.data.*.id}} references between batch items: the simple JSONPath Meta documents
 * ({@code $.id}, {@code $.data.0.id}, {@code $.data[0].id}, {@code $.data.*.id}); several values are joined with commas.
 */
final class ResultReference {

    private static final Pattern REFERENCE = Pattern.compile("\\{result=([^:}]+):(\\$[^}]*)}");

    private ResultReference() {
    }

    /** Names of the items that {@code text} refers to. */
    static Set<String> namesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** Replaces every reference in {@code text} by the values it selects from the named result. */
    static String substitute(String text, Function<String, JsonNode> results) {
        if (text == null || text.indexOf("{result=") < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode result = results.apply(m.group(1));
            List<String> values = select(result, m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(String.join(",", values)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<String> select(JsonNode root, String path) {
        List<JsonNode> current = new ArrayList<>();
        if (root != null) {
            current.add(root);
        }
        String normalized = path.replaceAll("\\[(\\*|\\d+)]", ".$1");
        String[] steps = normalized.split("\\.");
        for (int i = 1; i < steps.length; i++) {
            String step = steps[i];
            if (step.isEmpty()) {
                continue;
            }
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                if ("*".equals(step)) {
                    node.forEach(next::add);
                } else if (node.isArray() && step.chars().allMatch(Character::isDigit)) {
                    JsonNode child = node.get(Integer.parseInt(step));
                    if (child != null) {
                        next.add(child);
                    }
                } else if (node.isObject() && node.has(step)) {
                    next.add(node.get(step));
                }
            }
            current = next;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode node : current) {
            values.add(node.isValueNode() ? node.asString() : node.toString());
        }
        return values;
    }
}
