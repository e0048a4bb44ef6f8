package dev.adsbridge.console.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Makes sure no result an agent gets carries a token: fields named like one ({@code access_token},
 * {@code appsecret_proof}, {@code *_token}) are dropped, {@code access_token=} query parameters (Graph's paging URLs)
 * and anything shaped like a Meta token ({@code EAA…}) are cut out of every string, including the JSON text of a
 * tool's {@code content}. Works on a copy.
 */
final class ResultScrubber {

    static final String REMOVED = "[removed]";
    private static final Pattern TOKEN_PARAMETER = Pattern.compile(
            "(?i)([?&](?:access_token|appsecret_proof|input_token)=)[^&\"\\s#]*");
    private static final Pattern META_TOKEN = Pattern.compile("\\bEA[A-Za-z0-9]{2}[A-Za-z0-9]{26,}");

    private final JsonMapper json;

    ResultScrubber(JsonMapper json) {
        this.json = json;
    }

    JsonNode scrub(JsonNode node) {
        return clean(node.deepCopy());
    }

    private JsonNode clean(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            for (String name : names) {
                if (secretField(name)) {
                    object.remove(name);
                } else if ("text".equals(name) && object.get(name).isString()) {
                    object.set(name, StringNode.valueOf(cleanText(object.get(name).asString())));
                } else {
                    object.set(name, clean(object.get(name)));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, clean(array.get(i)));
            }
            return array;
        }
        if (node.isString()) {
            return StringNode.valueOf(cleanString(node.asString()));
        }
        return node;
    }

    /** A text that may be JSON (a tool's content): cleaned as JSON when it parses, as a string otherwise. */
    private String cleanText(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return json.writeValueAsString(clean(json.readTree(trimmed)));
            } catch (JacksonException e) {
                // not JSON after all
            }
        }
        return cleanString(text);
    }

    static String cleanString(String value) {
        String out = TOKEN_PARAMETER.matcher(value).replaceAll("$1" + REMOVED);
        return META_TOKEN.matcher(out).replaceAll(REMOVED);
    }

    static boolean secretField(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("access_token") || n.equals("appsecret_proof") || n.equals("token") || n.endsWith("_token")
                || n.equals("app_secret") || n.equals("client_secret");
    }
}
