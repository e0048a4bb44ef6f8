package dev.adsbridge.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a Graph edge ({@code {"data":[…],"paging":{…},"summary":{…}}}).
 *
 * <p>Meta leaves {@code cursors.after} on the last page too; {@link #nextCursor()} is present only when Meta also sent a
 * {@code next} URL, so {@link #hasNext()} is the one loop condition to use. Pass the cursor back as the {@code after}
 * parameter of the same call. Cursors are opaque and short-lived: do not store them.
 *
 * @param data           the items of this page (possibly fewer than {@code limit} even when more follow)
 * @param nextCursor     {@code paging.cursors.after} when a next page exists
 * @param previousCursor {@code paging.cursors.before} when a previous page exists
 * @param paging         the {@code paging} object as Meta sent it, except that credentials ({@code access_token},
 *                       {@code appsecret_proof}, {@code client_secret}) are stripped from its URLs; missing node if none
 * @param summary        the {@code summary} object ({@code summary=true}), e.g. {@code {"total_count":123}}
 * @param usage          rate-limit usage reported with this page
 */
public record Page<T>(
        List<T> data,
        Optional<String> nextCursor,
        Optional<String> previousCursor,
        JsonNode paging,
        Optional<JsonNode> summary,
        Usage usage) {

    private static final Set<String> CREDENTIAL_PARAMS = Set.of("access_token", "appsecret_proof", "client_secret");

    public Page {
        data = List.copyOf(data);
        Objects.requireNonNull(nextCursor, "nextCursor");
        Objects.requireNonNull(previousCursor, "previousCursor");
        Objects.requireNonNull(paging, "paging");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(usage, "usage");
    }

    /** Whether another page follows; then {@link #nextCursor()} is present. */
    public boolean hasNext() {
        return nextCursor.isPresent();
    }

    /** {@code summary.total_count}, when Meta sent it. */
    public OptionalLong totalCount() {
        return summary.map(s -> Json.integer(s, "total_count"))
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * Reads a list response.
     *
     * @throws IllegalStateException when the body has no {@code data} array (the path is a node, not an edge)
     */
    public static Page<JsonNode> fromBody(String path, JsonNode body, Usage usage) {
        JsonNode data = body.path("data");
        if (!data.isArray()) {
            throw new IllegalStateException("GET " + path + " did not return a list: the body has no 'data' array");
        }
        List<JsonNode> items = new ArrayList<>(data.size());
        data.forEach(items::add);
        JsonNode paging = body.path("paging");
        Optional<String> next = cursor(paging, "next", "after");
        Optional<String> previous = cursor(paging, "previous", "before");
        JsonNode summary = body.path("summary");
        return new Page<>(items, next, previous, withoutCredentials(paging),
                summary.isObject() ? Optional.of(summary) : Optional.empty(), usage);
    }

    /** The cursor in {@code cursors.<name>}, or in the link's query, but only when the link itself is present. */
    private static Optional<String> cursor(JsonNode paging, String link, String cursorName) {
        String url = Json.text(paging, link);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String cursor = Json.text(paging.path("cursors"), cursorName);
        if (cursor == null || cursor.isEmpty()) {
            cursor = QueryStrings.parse(QueryStrings.queryOf(url)).get(cursorName);
        }
        return cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(cursor);
    }

    private static JsonNode withoutCredentials(JsonNode paging) {
        if (!paging.isObject()) {
            return paging.isMissingNode() ? MissingNode.getInstance() : paging;
        }
        ObjectNode copy = (ObjectNode) paging.deepCopy();
        for (String link : List.of("next", "previous")) {
            String url = Json.text(copy, link);
            if (url != null) {
                copy.put(link, QueryStrings.withoutParams(url, CREDENTIAL_PARAMS));
            }
        }
        return copy;
    }
}
