package dev.adsbridge.console.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP answer as a browser ends up with it: final URL, status, body. */
public record Page(URI uri, int status, String body, Map<String, String> headers) {

    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w[\\w-]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern FORM_ACTION =
            Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    public String path() {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public boolean contains(String text) {
        return body.contains(text) || body.contains(Html.escape(text));
    }

    /** The value of the first {@code <input name=…>} with this name. */
    public Optional<String> input(String name) {
        return inputs().entrySet().stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    /** Every named input that a browser would submit: hidden and text inputs, and checked checkboxes. */
    public Map<String, String> inputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(body);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1).toLowerCase(), Html.unescape(attribute.group(2)));
            }
            String name = attributes.get("name");
            String type = attributes.getOrDefault("type", "text").toLowerCase();
            if (name == null || type.equals("submit")) {
                continue;
            }
            if (type.equals("checkbox") && !input.group(1).matches("(?s).*\\bchecked\\b.*")) {
                continue;
            }
            inputs.putIfAbsent(name, attributes.getOrDefault("value", ""));
        }
        return inputs;
    }

    public String formAction() {
        Matcher matcher = FORM_ACTION.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no form on " + uri + ":\n" + body);
        }
        return Html.unescape(matcher.group(1));
    }

    @Override
    public String toString() {
        return status + " " + uri;
    }

    /** Minimal HTML entity handling for attribute values and text. */
    public static final class Html {
        private Html() {
        }

        static String unescape(String value) {
            return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&");
        }

        static String escape(String value) {
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
