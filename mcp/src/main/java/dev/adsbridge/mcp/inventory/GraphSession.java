package dev.adsbridge.mcp.inventory;

import dev.adsbridge.graph.FilePart;
import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.graph.GraphException;
import dev.adsbridge.graph.GraphResponse;
import dev.adsbridge.graph.Page;
import dev.adsbridge.graph.Usage;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Graph API as one tool call may use it: every call carries the token resolved for this call (the
 * {@code access_token} argument, else the transport's token) and nothing else. A session lives for one tool call;
 * it never exposes the token, so a handler cannot echo it.
 */
public final class GraphSession {

    private final GraphClient client;
    private final String token;
    private volatile Usage lastUsage = Usage.none();

    GraphSession(GraphClient client, String token) {
        this.client = client;
        this.token = token;
    }

    /** {@code GET {path}}; the body of the answer. Retried per the server's retry policy. */
    public JsonNode get(String path, Map<String, String> params) {
        return body(() -> client.get(token(), path, params));
    }

    /** One page of an edge; pass {@code after} in the params for the next one. */
    public Page<JsonNode> page(String path, Map<String, String> params) {
        Page<JsonNode> page = observe(() -> client.getPage(token(), path, params));
        note(page.usage());
        return page;
    }

    /** Items of an edge across pages, at most {@code cap}. */
    public List<JsonNode> fetchAll(String path, Map<String, String> params, int cap) {
        return observe(() -> client.fetchAll(token(), path, params, cap));
    }

    /** {@code POST {path}} as a form; never retried. */
    public JsonNode post(String path, Map<String, String> params) {
        return body(() -> client.post(token(), path, params));
    }

    /** {@code POST {path}} as {@code multipart/form-data}: the params as text fields plus the files; never retried. */
    public JsonNode postMultipart(String path, Map<String, String> params, List<FilePart> files) {
        return body(() -> client.postMultipart(token(), path, params, files));
    }

    /** {@code DELETE {path}}; never retried. */
    public JsonNode delete(String path, Map<String, String> params) {
        return body(() -> client.delete(token(), path, params));
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
