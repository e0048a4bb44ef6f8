package dev.adsbridge.sandbox.http;

import dev.adsbridge.sandbox.store.AccessGrant;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.Node;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Graph request as the pipeline sees it, independent of the servlet API so that batch items and field expansion
 * can be dispatched the same way. The pipeline fills in the grant, user and target node before the handler runs.
 */
public final class GraphCall {

    private final String method;
    private final String version;
    private final List<String> path;
    private final Map<String, String> params;
    private final Map<String, UploadedFile> files;
    private final Map<String, String> headers;
    private final String tokenValue;
    private final boolean tokenInParams;
    private final String baseUrl;
    private final GraphCall parent;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();

    private AccessGrant grant;
    private FbUser user;
    private Node node;
    private String edge;
    private String accountId;
    private GraphApi api;

    /**
     * @param path       segments after the version, e.g. ["act_1", "campaigns"]; empty for the root (batch, ids=)
     * @param headers    request headers with lower-case names
     * @param tokenValue the access token from the Authorization header or the access_token parameter, or null
     * @param baseUrl    scheme://host:port the request came to, for paging URLs
     * @param parent     the batch or expansion call this one runs inside, or null
     */
    public GraphCall(String method, String version, List<String> path, Map<String, String> params,
                     Map<String, UploadedFile> files, Map<String, String> headers, String tokenValue,
                     boolean tokenInParams, String baseUrl, GraphCall parent) {
        this.method = method;
        this.version = version;
        this.path = List.copyOf(path);
        this.params = new LinkedHashMap<>(params);
        this.params.remove("access_token");
        this.files = Map.copyOf(files);
        this.headers = Map.copyOf(headers);
        this.tokenValue = tokenValue;
        this.tokenInParams = tokenInParams;
        this.baseUrl = baseUrl;
        this.parent = parent;
    }

    /** A call for a nested request (field expansion) with the same token, grant and user. */
    public GraphCall child(String method, List<String> path, Map<String, String> params) {
        GraphCall child = new GraphCall(method, version, path, params, Map.of(), headers, tokenValue, tokenInParams,
                baseUrl, this);
        child.grant = grant;
        child.user = user;
        child.api = api;
        return child;
    }

    public String method() { return method; }
    public boolean isRead() { return "GET".equals(method); }
    public String version() { return version; }
    public List<String> path() { return path; }
    public String pathString() { return String.join("/", path); }
    public Map<String, String> params() { return params; }
    public Map<String, UploadedFile> files() { return files; }
    public String header(String lowerCaseName) { return headers.get(lowerCaseName); }
    public Map<String, String> headers() { return headers; }
    public String tokenValue() { return tokenValue; }
    public boolean tokenInParams() { return tokenInParams; }
    public String baseUrl() { return baseUrl; }
    public GraphCall parent() { return parent; }
    public boolean isNested() { return parent != null; }

    /**
     * False for the login dialog (a web page) and a batch envelope (not a call: its items are). Such requests are
     * neither faulted nor counted toward rate limits.
     */
    public boolean countsAsGraphCall() {
        if (!path.isEmpty() && "dialog".equals(path.get(0))) {
            return false;
        }
        boolean batchTarget = path.isEmpty() || (path.size() == 1 && "me".equals(path.get(0)));
        return !(batchTarget && params.containsKey("batch"));
    }

    /** Headers a handler wants sent with its answer (ETag, …). */
    public Map<String, String> responseHeaders() { return responseHeaders; }

    /** The pipeline running this call (for field expansion and sub-requests). */
    public GraphApi api() { return api; }
    public void api(GraphApi api) { this.api = api; }

    public AccessGrant grant() { return grant; }
    public void grant(AccessGrant grant) { this.grant = grant; }
    public FbUser user() { return user; }
    public void user(FbUser user) { this.user = user; }

    /** The node the path names (for node routes). */
    public Node node() { return node; }
    public void node(Node node) { this.node = node; }

    /** The edge the path names after the node, or null. */
    public String edge() { return edge; }
    public void edge(String edge) { this.edge = edge; }

    /** The ad account the call is charged to for rate limits ({@code act_…}), or null. */
    public String accountId() { return accountId; }
    public void accountId(String accountId) { this.accountId = accountId; }

    // ---- parameters ----

    public Optional<String> param(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public boolean has(String name) {
        return param(name).isPresent();
    }

    /** A required parameter: missing → (#100) "The parameter X is required", as Meta words it. */
    public String required(String name) {
        return param(name).orElseThrow(() -> GraphErrors.invalidParameter("The parameter " + name + " is required"));
    }

    /** A parameter whose value is JSON (targeting, time_range, filtering, …); bad JSON → (#100). */
    public Optional<JsonNode> json(String name) {
        Optional<String> raw = param(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(raw.get()));
        } catch (JacksonException e) {
            throw GraphErrors.invalidParameter("Param " + name + " must be a valid JSON value");
        }
    }

    public Optional<Integer> intParam(String name) {
        Optional<String> raw = param(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(raw.get().trim()));
        } catch (NumberFormatException e) {
            throw GraphErrors.invalidParameter("Param " + name + " must be an integer");
        }
    }

    /** The parsed {@code fields=} parameter; empty when absent. */
    public List<FieldSpec> fields() {
        return FieldSpec.parse(params.get("fields"));
    }

    public boolean hasScope(String scope) {
        return grant != null && grant.scopes().contains(scope);
    }
}
