package dev.adsbridge.sandbox.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A list parameter as Graph takes it: a JSON array ({@code ["a","b"]}, what the official business SDKs send for a
 * list value) or a comma-separated list ({@code a,b}). Both mean the same on every edge.
 */
public final class ListParams {

    private ListParams() {
    }

    /** The items of {@code raw}, trimmed, blanks dropped; null or blank → empty. Bad JSON → (#100). */
    public static List<String> parse(String name, String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        String text = raw.trim();
        if (text.startsWith("[")) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(text);
            } catch (JacksonException e) {
                throw GraphErrors.invalidParameter("Param " + name + " must be a valid JSON array");
            }
            for (JsonNode item : node) {
                if (!item.isValueNode()) {
                    throw GraphErrors.invalidParameter("Param " + name + " must be an array of strings");
                }
                if (!item.asString().isBlank()) {
                    out.add(item.asString().trim());
                }
            }
            return out;
        }
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
