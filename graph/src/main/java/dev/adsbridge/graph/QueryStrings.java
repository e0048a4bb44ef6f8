package dev.adsbridge.graph;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Encoding and decoding of query strings, form bodies and URL paths. */
final class QueryStrings {

    private static final String HEX = "0123456789ABCDEF";

    private QueryStrings() {
    }

    /** {@code application/x-www-form-urlencoded} form of the parameters, in iteration order; null values are skipped. */
    static String encode(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> {
            if (value != null) {
                joined.add(component(name) + "=" + component(value));
            }
        });
        return joined.toString();
    }

    static String component(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Decoded parameters of a raw query (first value wins); empty for null. Malformed escapes are kept verbatim. */
    static Map<String, String> parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    /** The raw query of a URL string, without fragment; null when there is none. */
    static String queryOf(String url) {
        int question = url.indexOf('?');
        if (question < 0) {
            return null;
        }
        int hash = url.indexOf('#', question);
        return hash < 0 ? url.substring(question + 1) : url.substring(question + 1, hash);
    }

    /** The URL with the named query parameters removed; everything else is kept byte for byte. */
    static String withoutParams(String url, Set<String> names) {
        String query = queryOf(url);
        if (query == null) {
            return url;
        }
        int question = url.indexOf('?');
        int hash = url.indexOf('#', question);
        String fragment = hash < 0 ? "" : url.substring(hash);
        StringJoiner kept = new StringJoiner("&");
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!pair.isEmpty() && !names.contains(name)) {
                kept.add(pair);
            }
        }
        String base = url.substring(0, question);
        return (kept.length() == 0 ? base : base + "?" + kept) + fragment;
    }

    /**
     * Percent-encodes what may not appear raw in a URL path; keeps {@code /}, unreserved characters, sub-delimiters and
     * existing {@code %XX} escapes.
     */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean existingEscape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (existingEscape || isPathChar(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
        }
        return out.toString();
    }

    private static boolean isPathChar(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(b) >= 0;
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
