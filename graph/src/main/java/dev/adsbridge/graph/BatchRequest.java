package dev.adsbridge.graph;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of a {@link GraphClient#batch batch} call.
 *
 * @param method      {@code GET}, {@code POST} or {@code DELETE}
 * @param relativeUrl path relative to the version root, with its query, e.g. {@code act_1/campaigns?fields=name}
 * @param body        form fields of a POST (encoded for the batch by the client); empty for GET and DELETE
 * @param name        optional name other operations can reference ({@code {result=name:$.id}}); may be null
 */
public record BatchRequest(String method, String relativeUrl, Map<String, String> body, String name) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");

    public BatchRequest {
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("batch method must be GET, POST or DELETE, was " + method);
        }
        Objects.requireNonNull(relativeUrl, "relativeUrl");
        relativeUrl = relativeUrl.strip();
        while (relativeUrl.startsWith("/")) {
            relativeUrl = relativeUrl.substring(1);
        }
        if (relativeUrl.isEmpty() || relativeUrl.contains("://")) {
            throw new IllegalArgumentException("batch relativeUrl must be a path relative to the version root");
        }
        if (QueryStrings.parse(QueryStrings.queryOf(relativeUrl)).containsKey("access_token")) {
            throw new IllegalArgumentException("batch relativeUrl must not carry access_token: the client sends the token"
                    + " in the Authorization header");
        }
        body = body == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(body));
        if (!body.isEmpty() && !method.equals("POST")) {
            throw new IllegalArgumentException("only POST batch operations take a body");
        }
        if (body.containsKey("access_token")) {
            throw new IllegalArgumentException("batch body must not carry access_token");
        }
        if (name != null && name.isBlank()) {
            name = null;
        }
    }

    /** {@code GET relativeUrl}; the URL may already hold a query. */
    public static BatchRequest get(String relativeUrl) {
        return new BatchRequest("GET", relativeUrl, Map.of(), null);
    }

    /** {@code GET path?params}. */
    public static BatchRequest get(String path, Map<String, String> params) {
        return get(withQuery(path, params));
    }

    /** {@code POST path} with form fields. */
    public static BatchRequest post(String path, Map<String, String> body) {
        return new BatchRequest("POST", path, body, null);
    }

    /** {@code DELETE relativeUrl}. */
    public static BatchRequest delete(String relativeUrl) {
        return new BatchRequest("DELETE", relativeUrl, Map.of(), null);
    }

    /** A copy carrying a name other operations can refer to. */
    public BatchRequest named(String newName) {
        return new BatchRequest(method, relativeUrl, body, newName);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("method", method);
        json.put("relative_url", relativeUrl);
        if (!body.isEmpty()) {
            json.put("body", QueryStrings.encode(new java.util.TreeMap<>(body)));
        }
        if (name != null) {
            json.put("name", name);
        }
        return json;
    }

    private static String withQuery(String path, Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            return path;
        }
        return path + (path.contains("?") ? "&" : "?") + QueryStrings.encode(params);
    }
}
