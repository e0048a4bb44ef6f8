package dev.adsbridge.graph;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A successful Graph API answer.
 *
 * @param status  HTTP status (2xx or 3xx; errors are thrown as {@link GraphException})
 * @param body    parsed body; for a body that is not JSON, a JSON string node with its text
 * @param usage   rate-limit usage reported with this response
 * @param headers the response headers worth keeping ({@link #KEPT_HEADERS}), keyed by lowercase name
 */
public record GraphResponse<T>(int status, T body, Usage usage, Map<String, String> headers) {

    /** Lowercase names of the headers copied into {@link #headers()}. */
    public static final List<String> KEPT_HEADERS = List.of(
            "etag", "x-fb-trace-id", "x-fb-request-id", "x-fb-debug", "x-fb-rev", "retry-after", "content-type",
            "www-authenticate");

    public GraphResponse {
        Objects.requireNonNull(usage, "usage");
        TreeMap<String, String> lowercase = new TreeMap<>();
        headers.forEach((name, value) -> lowercase.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lowercase);
    }

    /** One kept header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<String> etag() {
        return header("etag");
    }

    /** Meta answered {@code 304 Not Modified} to a revalidation: the earlier answer with that ETag still holds. */
    public boolean notModified() {
        return status == 304;
    }

    /** Meta's trace id ({@code x-fb-trace-id}), for support requests. */
    public Optional<String> fbTraceId() {
        return header("x-fb-trace-id");
    }

    /** The same response carrying a different body, e.g. a typed view of the JSON. */
    public <R> GraphResponse<R> withBody(R newBody) {
        return new GraphResponse<>(status, newBody, usage, headers);
    }
}
