package dev.adsbridge.graph;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The outcome of one {@link BatchRequest}, at the same index as the request.
 *
 * @param index   position in the batch
 * @param ran     false when Meta answered {@code null}: the operation did not run (e.g. a dependency failed or the batch
 *                timed out) and may be sent again
 * @param code    HTTP status of the operation; 0 when it did not run
 * @param headers the operation's headers (case-insensitive keys)
 * @param body    the operation's body parsed as JSON (a string node when it was not JSON; missing node when it did not
 *                run)
 * @param error   the parsed error envelope when the operation failed
 */
public record BatchResult(
        int index, boolean ran, int code, Map<String, String> headers, JsonNode body, Optional<GraphError> error) {

    public BatchResult {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = java.util.Collections.unmodifiableMap(caseInsensitive);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(error, "error");
    }

    static BatchResult notRun(int index) {
        return new BatchResult(index, false, 0, Map.of(), MissingNode.getInstance(), Optional.empty());
    }

    /** Ran and answered 2xx without an error envelope. */
    public boolean isSuccess() {
        return ran && code >= 200 && code < 300 && error.isEmpty();
    }
}
