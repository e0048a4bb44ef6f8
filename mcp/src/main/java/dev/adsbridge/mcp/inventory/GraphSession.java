package dev.adsbridge.mcp.inventory;

import dev.adsbridge.graph.FilePart;
import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.graph.GraphException;
import dev.adsbridge.graph.GraphResponse;
import dev.adsbridge.graph.Page;
import dev.adsbridge.graph.Usage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The Graph API as one tool call may use it: every call carries the token resolved for this call (the
 * {@code access_token} argument, else the transport's token) and nothing else. A session lives for one tool call;
 * it never exposes the token, so a handler cannot echo it.
 */
public final class GraphSession {

    private final GraphClient client;
    private final String token;
    /** Meta's ETag of the caller's earlier answer, sent with this call's first GET; null when not revalidating. */
    private final String revalidating;
    private volatile Usage lastUsage = Usage.none();
    /** Graph calls started through this session (a walk over pages counts once; it never records an ETag). */
    private final AtomicInteger calls = new AtomicInteger();
    /** Meta's ETag of the first call, when it was a single GET that had one. */
    private volatile String firstEtag;

    GraphSession(GraphClient client, String token) {
        this(client, token, null);
    }

    GraphSession(GraphClient client, String token, String revalidating) {
        this.client = client;
        this.token = token;
        this.revalidating = revalidating;
    }

    /**
     * {@code GET {path}}; the body of the answer. Retried per the server's retry policy.
     *
     * @throws NotModified when this is the call's first Graph call, it revalidates, and Meta answered 304
     */
    public JsonNode get(String path, Map<String, String> params) {
        return body(() -> getOnce(path, params));
    }

    /** One page of an edge; pass {@code after} in the params for the next one. */
    public Page<JsonNode> page(String path, Map<String, String> params) {
        GraphResponse<JsonNode> response = observe(() -> getOnce(path, params));
        Page<JsonNode> page = Page.fromBody(path, response.body(), response.usage());
        note(page.usage());
        return page;
    }

    /** Items of an edge across pages, at most {@code cap}. */
    public List<JsonNode> fetchAll(String path, Map<String, String> params, int cap) {
        calls.incrementAndGet();
        return observe(() -> client.fetchAll(token(), path, params, cap));
    }

    /** {@code POST {path}} as a form; never retried. */
    public JsonNode post(String path, Map<String, String> params) {
        calls.incrementAndGet();
        return body(() -> client.post(token(), path, params));
    }

    /** {@code POST {path}} as {@code multipart/form-data}: the params as text fields plus the files; never retried. */
    public JsonNode postMultipart(String path, Map<String, String> params, List<FilePart> files) {
        calls.incrementAndGet();
        return body(() -> client.postMultipart(token(), path, params, files));
    }

    /** {@code DELETE {path}}; never retried. */
    public JsonNode delete(String path, Map<String, String> params) {
        calls.incrementAndGet();
        return body(() -> client.delete(token(), path, params));
    }

    /**
     * Meta's ETag of this call's answer when the whole call was one GET that carried one (only a GET records it, so
     * one call that was a write or a walk over pages has none): the tool's result is then a function of its arguments
     * and that answer, so the answer being unchanged means the result is.
     */
    Optional<String> onlyAnswerEtag() {
        return calls.get() == 1 ? Optional.ofNullable(firstEtag) : Optional.empty();
    }

    /** Meta answered 304 to the revalidating GET: the caller's earlier result still holds. */
    static final class NotModified extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotModified() {
            super("not modified", null, false, false);
        }
    }

    private GraphResponse<JsonNode> getOnce(String path, Map<String, String> params) {
        boolean first = calls.getAndIncrement() == 0;
        if (first && revalidating != null) {
            GraphResponse<JsonNode> response = client.getIfNoneMatch(token(), path, params, revalidating);
            if (response.notModified()) {
                note(response.usage());
                throw new NotModified();
            }
            firstEtag = response.etag().orElse(null);
            return response;
        }
        GraphResponse<JsonNode> response = client.get(token(), path, params);
        if (first) {
            firstEtag = response.etag().orElse(null);
        }
        return response;
    }

    /**
     * Meta's rate-limit usage from the latest Graph answer of this call that reported any (empty when none did):
     * the runner returns it to the caller in the result's {@code _meta}, so a backend can back off before Meta blocks.
     */
    public Usage lastUsage() {
        return lastUsage;
    }

    private JsonNode body(Supplier<GraphResponse<JsonNode>> request) {
        GraphResponse<JsonNode> response = observe(request);
        note(response.usage());
        return response.body();
    }

    private <T> T observe(Supplier<T> request) {
        try {
            return request.get();
        } catch (GraphException e) {
            note(e.usage());
            throw e;
        }
    }

    private void note(Usage usage) {
        if (usage != null && !usage.isEmpty()) {
            lastUsage = usage;
        }
    }

    private String token() {
        if (token == null) {
            throw new ToolException(ToolError.missingToken());
        }
        return token;
    }

    @Override
    public String toString() {
        return "GraphSession[token=" + (token == null ? "none" : "***") + "]";
    }
}
