package dev.adsbridge.sandbox.http;

import dev.adsbridge.meta.Hashes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns HTTP into {@link GraphCall}s and answers as Meta does: JSON bodies, the error envelope with an fbtrace_id,
 * usage headers as Meta sends them ({@code UsageLimits#headers}), ETag / If-None-Match on reads.
 */
public final class GraphServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(GraphServlet.class);
    private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final transient GraphApi api;

    public GraphServlet(GraphApi api) {
        this.api = api;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        GraphCall call;
        try {
            call = toCall(req);
        } catch (GraphException e) {
            writeError(resp, e);
            return;
        }
        Object result;
        try {
            result = api.execute(call);
        } catch (GraphException e) {
            addUsageHeaders(call, resp);
            writeError(resp, e);
            return;
        } catch (RuntimeException e) {
            log.error("sandbox handler failed on {} {}", call.method(), call.pathString(), e);
            addUsageHeaders(call, resp);
            writeError(resp, GraphErrors.unknown("An unknown error occurred"));
            return;
        }
        addUsageHeaders(call, resp);
        call.responseHeaders().forEach(resp::setHeader);
        if (result instanceof RawResponse raw) {
            raw.headers().forEach(resp::setHeader);
            resp.setStatus(raw.status());
            resp.setContentType(raw.contentType());
            resp.getOutputStream().write(raw.body());
            return;
        }
        byte[] body = Json.write(result).getBytes(StandardCharsets.UTF_8);
        if ("GET".equals(call.method())) {
            String etag = "\"" + etag(body) + "\"";
            resp.setHeader("ETag", etag);
            String ifNoneMatch = req.getHeader("If-None-Match");
            if (etag.equals(ifNoneMatch)) {
                resp.setStatus(304);
                return;
            }
        }
        resp.setStatus(200);
        resp.setContentType("application/json; charset=UTF-8");
        resp.getOutputStream().write(body);
    }

    private void addUsageHeaders(GraphCall call, HttpServletResponse resp) {
        try {
            api.context().limits().headers(call).forEach(resp::setHeader);
        } catch (RuntimeException e) {
            log.warn("usage headers failed", e);
        }
    }

    private static void writeError(HttpServletResponse resp, GraphException e) throws IOException {
        Map<String, Object> error = e.toErrorObject();
        String trace = fbtraceId();
        error.put("fbtrace_id", trace);
        e.headers().forEach(resp::setHeader);
        resp.setHeader("x-fb-trace-id", trace);
        // Messages may echo request input (a fields= value): keep the header printable ASCII.
        resp.setHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"" + errorWord(e) + "\" \""
                + e.getMessage().replace('"', '\'').replaceAll("[^\\x20-\\x7e]", "?") + "\"");
        resp.setStatus(e.httpStatus());
        resp.setContentType("application/json; charset=UTF-8");
        resp.getOutputStream().write(Json.write(Map.of("error", error)).getBytes(StandardCharsets.UTF_8));
    }

    private static String errorWord(GraphException e) {
        return e.code() == 190 ? "invalid_token" : "invalid_request";
    }

    public static String fbtraceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 22);
    }

    /** The first 16 bytes of the body's SHA-256, in hex. */
    private static String etag(byte[] body) {
        return Hashes.sha256Hex(body).substring(0, 32);
    }

    /** Builds the call: version and path from the URI, parameters from query + form / multipart / JSON body. */
    private GraphCall toCall(HttpServletRequest req) throws IOException, ServletException {
        String uri = req.getRequestURI();
        List<String> segments = new ArrayList<>();
        for (String s : uri.split("/")) {
            if (!s.isEmpty()) {
                segments.add(decode(s));
            }
        }
        String version = null;
        if (!segments.isEmpty() && VERSION.matcher(segments.get(0)).matches()) {
            version = segments.remove(0);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), req.getHeader(name));
        }
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, UploadedFile> files = new LinkedHashMap<>();
        String contentType = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/form-data")) {
            if (req.getQueryString() != null) {
                parseForm(req.getQueryString(), params);
            }
            for (Part part : req.getParts()) {
                byte[] bytes = part.getInputStream().readAllBytes();
                if (part.getSubmittedFileName() != null) {
                    files.put(part.getName(), new UploadedFile(part.getName(), part.getSubmittedFileName(),
                            part.getContentType(), bytes));
                } else {
                    params.put(part.getName(), new String(bytes, StandardCharsets.UTF_8));
                }
            }
        } else if (contentType.startsWith("application/json")) {
            if (req.getQueryString() != null) {
                parseForm(req.getQueryString(), params);
            }
            byte[] body = req.getInputStream().readAllBytes();
            if (body.length > 0) {
                try {
                    JsonNode json = Json.MAPPER.readTree(body);
                    if (!json.isObject()) {
                        throw GraphErrors.invalidParameter("JSON body must be an object");
                    }
                    json.properties().forEach(e -> params.put(e.getKey(),
                            e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
                } catch (JacksonException e) {
                    throw GraphErrors.invalidParameter("Invalid JSON body");
                }
            }
        } else {
            req.getParameterMap().forEach((k, v) -> params.put(k, v.length == 0 ? "" : v[v.length - 1]));
        }
        String token = null;
        boolean tokenInParams = false;
        String authorization = req.getHeader("Authorization");
        if (authorization != null) {
            String[] parts = authorization.trim().split("\\s+", 2);
            if (parts.length == 2 && (parts[0].equalsIgnoreCase("Bearer") || parts[0].equalsIgnoreCase("OAuth"))) {
                token = parts[1].trim();
            }
        }
        if (token == null && params.containsKey("access_token")) {
            token = params.get("access_token");
            tokenInParams = true;
        }
        String baseUrl = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort();
        return new GraphCall(req.getMethod().toUpperCase(Locale.ROOT),
                version == null ? api.context().config().defaultVersion() : version, segments, params, files,
                headers, token, tokenInParams, baseUrl, null);
    }

    /**
     * Adds the pairs of a URL-encoded query or form body to {@code params} (a repeated key: the last wins). A
     * malformed escape (a "%" not followed by two hex digits) is bad input: code 100, not a failure of the server.
     */
    public static void parseForm(String query, Map<String, String> params) {
        Arrays.stream(query.split("&")).filter(s -> !s.isEmpty()).forEach(pair -> {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(key, value);
        });
    }

    private static String decode(String encoded) {
        try {
            return java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphErrors.invalidParameter("The request parameters are not properly URL-encoded: a percent "
                    + "sign must be followed by two hexadecimal digits");
        }
    }
}
