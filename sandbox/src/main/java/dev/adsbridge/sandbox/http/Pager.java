package dev.adsbridge.sandbox.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cursor paging as Graph edges do it: {@code limit} (default 25), opaque {@code after}/{@code before} cursors,
 * {@code next}/{@code previous} URLs (absent at the ends), {@code summary=true} → total_count.
 */
public final class Pager {

    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 5000;

    private Pager() {
    }

    /** One page of {@code items} (already filtered and ordered), each rendered by {@code render}. */
    public static <T> Map<String, Object> page(GraphCall call, List<T> items, Function<T, Object> render) {
        return page(call, items, render, Map.of());
    }

    /** As {@link #page(GraphCall, List, Function)}, with extra summary entries shown when summary=true. */
    public static <T> Map<String, Object> page(GraphCall call, List<T> items, Function<T, Object> render,
                                               Map<String, Object> extraSummary) {
        int limit = call.intParam("limit").orElse(DEFAULT_LIMIT);
        if (limit < 0) {
            throw GraphErrors.invalidParameter("Param limit must be a non-negative integer");
        }
        if (limit == 0) {
            limit = DEFAULT_LIMIT;
        }
        limit = Math.min(limit, MAX_LIMIT);
        int start = 0;
        int end;
        if (call.has("after")) {
            start = decode(call.param("after").get()) + 1;
            end = Math.min(items.size(), start + limit);
        } else if (call.has("before")) {
            end = Math.min(items.size(), decode(call.param("before").get()));
            start = Math.max(0, end - limit);
        } else {
            start = call.intParam("offset").orElse(0);
            end = Math.min(items.size(), start + limit);
        }
        start = Math.min(start, items.size());
        end = Math.max(end, start);

        List<Object> data = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            data.add(render.apply(items.get(i)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        if (!data.isEmpty() || start > 0) {
            Map<String, Object> paging = new LinkedHashMap<>();
            if (!data.isEmpty()) {
                paging.put("cursors", Map.of("before", encode(start), "after", encode(end - 1)));
            }
            if (start > 0) {
                paging.put("previous", url(call, "before", encode(start), "after"));
            }
            if (end < items.size()) {
                paging.put("next", url(call, "after", encode(end - 1), "before"));
            }
            body.put("paging", paging);
        }
        if (wantsSummary(call.params().get("summary"))) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("total_count", items.size());
            summary.putAll(extraSummary);
            body.put("summary", summary);
        }
        return body;
    }

    /**
     * {@code summary=true}, {@code summary=total_count} or a list holding total_count
     * ({@code summary=["total_count"]}): Graph edges take all three.
     */
    static boolean wantsSummary(String raw) {
        if (raw == null) {
            return false;
        }
        for (String item : ListParams.parse("summary", raw)) {
            if ("true".equalsIgnoreCase(item) || "total_count".equals(item)) {
                return true;
            }
        }
        return false;
    }

    /** Opaque cursor for a position (base64 of a tagged index, like Meta's base64 cursors). */
    public static String encode(int index) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("sbx:cursor:" + index).getBytes(StandardCharsets.UTF_8));
    }

    public static int decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("sbx:cursor:")) {
                throw new IllegalArgumentException();
            }
            return Integer.parseInt(text.substring("sbx:cursor:".length()));
        } catch (IllegalArgumentException e) {
            throw GraphErrors.invalidParameter("Invalid cursor");
        }
    }

    private static String url(GraphCall call, String set, String value, String drop) {
        Map<String, String> query = new LinkedHashMap<>(call.params());
        query.remove(drop);
        query.remove("offset");
        query.put(set, value);
        StringBuilder url = new StringBuilder(call.baseUrl()).append('/').append(call.version()).append('/')
                .append(call.pathString()).append('?');
        // Meta echoes the token in paging URLs only when the caller sent it as a parameter.
        if (call.tokenInParams() && call.tokenValue() != null) {
            url.append("access_token=").append(URLEncoder.encode(call.tokenValue(), StandardCharsets.UTF_8))
                    .append('&');
        }
        query.forEach((k, v) -> url.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        url.setLength(url.length() - 1);
        return url.toString();
    }
}
