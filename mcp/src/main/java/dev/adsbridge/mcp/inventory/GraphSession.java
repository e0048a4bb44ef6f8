package dev.adsbridge.mcp.inventory;

import dev.adsbridge.graph.FilePart;
import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.graph.Page;
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

    GraphSession(GraphClient client, String token) {
        this.client = client;
        this.token = token;
    }

    /** {@code GET {path}}; the body of the answer. Retried per the server's retry policy. */
    public JsonNode get(String path, Map<String, String> params) {
        return client.get(token(), path, params).body();
    }

    /** One page of an edge; pass {@code after} in the params for the next one. */
    public Page<JsonNode> page(String path, Map<String, String> params) {
        return client.getPage(token(), path, params);
    }

    /** Items of an edge across pages, at most {@code cap}. */
    public List<JsonNode> fetchAll(String path, Map<String, String> params, int cap) {
        return client.fetchAll(token(), path, params, cap);
    }

    /** {@code POST {path}} as a form; never retried. */
    public JsonNode post(String path, Map<String, String> params) {
        return client.post(token(), path, params).body();
    }

    /** {@code POST {path}} as {@code multipart/form-data}: the params as text fields plus the files; never retried. */
    public JsonNode postMultipart(String path, Map<String, String> params, List<FilePart> files) {
        return client.postMultipart(token(), path, params, files).body();
    }

    /** {@code DELETE {path}}; never retried. */
    public JsonNode delete(String path, Map<String, String> params) {
        return client.delete(token(), path, params).body();
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
