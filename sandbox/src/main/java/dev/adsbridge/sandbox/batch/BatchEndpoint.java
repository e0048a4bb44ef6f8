package dev.adsbridge.sandbox.batch;

import dev.adsbridge.sandbox.http.GraphApi;
import dev.adsbridge.sandbox.http.GraphApi.Auth;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;
import dev.adsbridge.sandbox.http.GraphServlet;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.http.RawResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code POST /} with {@code batch=[…]}: up to 50 Graph calls in one request, each run through the whole pipeline
 * (faults, token, limits: every item counts), answered as HTTP 200 with one {@code {code, headers, body}} per item.
 * Items run in order; {@code name} + {@code depends_on} / {@code {result=name:$.path}} chain them, and an item whose
 * dependency failed answers null. A named item another item depends on is omitted (null) on success unless it says
 * {@code "omit_response_on_success": false}, as Meta does.
 */
public final class BatchEndpoint {

    public static final int MAX_ITEMS = 50;

    private static final Logger log = LoggerFactory.getLogger(BatchEndpoint.class);
    private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");

    private BatchEndpoint() {
    }

    public static void register(GraphApi api) {
        // Meta takes a batch posted to the root or to an endpoint such as /me (Graph API "Batch Requests").
        api.route("POST", "", Auth.NONE, call -> run(api, call));
        api.route("POST", "me", Auth.NONE, call -> run(api, call));
    }

    /** One item of the batch as sent. */
    private record Item(String method, String relativeUrl, String body, String name, String dependsOn,
                        Boolean omitResponseOnSuccess) {
    }

    /** What happened to an item: its answer (null = did not run or omitted) and whether it succeeded. */
    private record Outcome(Map<String, Object> answer, boolean succeeded, JsonNode json) {
    }

    static Object run(GraphApi api, GraphCall call) {
        List<Item> items = parse(call.required("batch"));
        refuseSeveralAdSetsPerCampaign(items);
        boolean includeHeaders = !"false".equalsIgnoreCase(call.param("include_headers").orElse("true"));
        Set<String> dependedOn = new HashSet<>();
        for (Item item : items) {
            if (item.dependsOn() != null) {
                dependedOn.add(item.dependsOn());
            }
            dependedOn.addAll(ResultReference.namesIn(item.relativeUrl()));
            dependedOn.addAll(ResultReference.namesIn(item.body()));
        }
        Map<String, Outcome> byName = new HashMap<>();
        List<Object> answers = new ArrayList<>(items.size());
        for (Item item : items) {
            Outcome outcome = runItem(api, call, item, byName, includeHeaders);
            if (item.name() != null) {
                byName.put(item.name(), outcome);
            }
            boolean omit = outcome.succeeded() && (Boolean.TRUE.equals(item.omitResponseOnSuccess())
                    || (item.name() != null && dependedOn.contains(item.name())
                    && !Boolean.FALSE.equals(item.omitResponseOnSuccess())));
            answers.add(omit ? null : outcome.answer());
        }
        return answers;
    }

    private static List<Item> parse(String raw) {
        JsonNode array;
        try {
            array = Json.MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw GraphErrors.invalidParameter("Param batch must be a JSON array of requests");
        }
        if (!array.isArray()) {
            throw GraphErrors.invalidParameter("Param batch must be a JSON array of requests");
        }
        if (array.size() > MAX_ITEMS) {
            throw GraphErrors.invalidParameter("Too many requests in batch message. Maximum batch size is "
                    + MAX_ITEMS);
        }
        if (array.isEmpty()) {
            throw GraphErrors.invalidParameter("Param batch must contain at least one request");
        }
        List<Item> items = new ArrayList<>();
        for (JsonNode node : array) {
            if (!node.isObject() || !node.path("relative_url").isString()) {
                throw GraphErrors.invalidParameter("Each request in the batch must be an object with a "
                        + "relative_url");
            }
            JsonNode omit = node.path("omit_response_on_success");
            Boolean omitOnSuccess = null;
            if (omit.isBoolean() || omit.isString()) {
                omitOnSuccess = Boolean.valueOf(omit.asString());
            }
            items.add(new Item(node.path("method").asString("GET").toUpperCase(Locale.ROOT),
                    node.get("relative_url").asString(),
                    node.path("body").isString() ? node.get("body").asString() : null,
                    node.path("name").isString() ? node.get("name").asString() : null,
                    node.path("depends_on").isString() ? node.get("depends_on").asString() : null,
                    omitOnSuccess));
        }
        return items;
    }

    /**
     * Graph API "Batch Requests", limitations: a batch cannot include several ad sets under the same campaign. The
     * whole batch is refused before any item runs, so nothing is created.
     */
    private static void refuseSeveralAdSetsPerCampaign(List<Item> items) {
        Set<String> campaigns = new HashSet<>();
        for (Item item : items) {
            if (!"POST".equals(item.method()) || item.body() == null) {
                continue;
            }
            String url = item.relativeUrl().split("\\?", 2)[0].replaceAll("^/+|/+$", "");
            List<String> path = new ArrayList<>(List.of(url.split("/")));
            if (!path.isEmpty() && VERSION.matcher(path.get(0)).matches()) {
                path.remove(0);
            }
            if (path.size() != 2 || !path.get(1).equals("adsets")) {
                continue;
            }
            Map<String, String> body = new LinkedHashMap<>();
            GraphServlet.parseForm(item.body(), body);
            String campaign = body.get("campaign_id");
            if (campaign != null && !campaigns.add(campaign.trim())) {
                throw GraphErrors.invalidParameter("Batch requests cannot include multiple ad sets under the same "
                        + "campaign (" + campaign.trim() + "). Send them in separate requests.").blame("batch");
            }
        }
    }

    private static Outcome runItem(GraphApi api, GraphCall outer, Item item, Map<String, Outcome> byName,
                                   boolean includeHeaders) {
        Set<String> needed = new HashSet<>(ResultReference.namesIn(item.relativeUrl()));
        needed.addAll(ResultReference.namesIn(item.body()));
        if (item.dependsOn() != null) {
            needed.add(item.dependsOn());
        }
        for (String name : needed) {
            if (!byName.containsKey(name)) {
                return failed(400, GraphErrors.invalidParameter("Batch request depends on '" + name
                        + "', which is not an earlier named request in this batch"), null, includeHeaders);
            }
            if (!byName.get(name).succeeded()) {
                return new Outcome(null, false, null);
            }
        }
        String relativeUrl = ResultReference.substitute(item.relativeUrl(), n -> byName.get(n).json());
        String body = ResultReference.substitute(item.body(), n -> byName.get(n).json());
        GraphCall call = toCall(outer, item.method(), relativeUrl, body);
        try {
            Object result = api.execute(call);
            Map<String, String> headers = new LinkedHashMap<>();
            String text;
            if (result instanceof RawResponse raw) {
                headers.put("Content-Type", raw.contentType());
                headers.putAll(raw.headers());
                text = new String(raw.body(), StandardCharsets.UTF_8);
            } else {
                headers.put("Content-Type", "text/javascript; charset=UTF-8");
                text = Json.write(result);
            }
            headers.putAll(usageHeaders(api, call));
            headers.putAll(call.responseHeaders());
            // Only named items can be referenced by later ones.
            JsonNode json = item.name() == null || result instanceof RawResponse ? null
                    : Json.MAPPER.readTree(text);
            return new Outcome(answer(200, headers, text, includeHeaders), true, json);
        } catch (GraphException e) {
            return failed(e.httpStatus(), e, usageHeaders(api, call), includeHeaders);
        } catch (RuntimeException e) {
            log.error("sandbox batch item failed on {} {}", call.method(), call.pathString(), e);
            return failed(500, GraphErrors.unknown("An unknown error occurred"), usageHeaders(api, call),
                    includeHeaders);
        }
    }

    private static Outcome failed(int status, GraphException e, Map<String, String> usage, boolean includeHeaders) {
        Map<String, Object> error = e.toErrorObject();
        error.put("fbtrace_id", GraphServlet.fbtraceId());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/javascript; charset=UTF-8");
        if (usage != null) {
            headers.putAll(usage);
        }
        headers.putAll(e.headers());
        headers.put("WWW-Authenticate", "OAuth \"Facebook Platform\" \"" + (e.code() == 190 ? "invalid_token"
                : "invalid_request") + "\" \"" + e.getMessage().replace("\"", "'") + "\"");
        return new Outcome(answer(status, headers, Json.write(Map.of("error", error)), includeHeaders), false, null);
    }

    private static Map<String, Object> answer(int code, Map<String, String> headers, String body,
                                              boolean includeHeaders) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", code);
        if (includeHeaders) {
            List<Map<String, String>> list = new ArrayList<>();
            headers.forEach((name, value) -> list.add(Map.of("name", name, "value", value)));
            out.put("headers", list);
        }
        out.put("body", body);
        return out;
    }

    private static Map<String, String> usageHeaders(GraphApi api, GraphCall call) {
        try {
            return api.context().limits().headers(call);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /** The item as a top-level call (so it counts toward limits): the outer token unless it carries its own. */
    private static GraphCall toCall(GraphCall outer, String method, String relativeUrl, String body) {
        String url = relativeUrl.startsWith("/") ? relativeUrl.substring(1) : relativeUrl;
        int q = url.indexOf('?');
        String pathPart = q < 0 ? url : url.substring(0, q);
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            GraphServlet.parseForm(url.substring(q + 1), params);
        }
        if (body != null && !"GET".equals(method)) {
            GraphServlet.parseForm(body, params);
        }
        List<String> path = new ArrayList<>();
        for (String segment : pathPart.split("/")) {
            if (!segment.isEmpty()) {
                path.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
        }
        String version = outer.version();
        if (!path.isEmpty() && VERSION.matcher(path.get(0)).matches()) {
            version = path.remove(0);
        }
        String token = params.get("access_token");
        boolean own = token != null && !token.isEmpty();
        if (!own) {
            token = outer.tokenValue();
            String proof = outer.params().get("appsecret_proof");
            if (proof != null && !params.containsKey("appsecret_proof")) {
                params.put("appsecret_proof", proof);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>(outer.headers());
        headers.remove("if-none-match");
        headers.remove("content-type");
        return new GraphCall(method, version, path, params, Map.of(), headers, token,
                own || outer.tokenInParams(), outer.baseUrl(), null);
    }
}
