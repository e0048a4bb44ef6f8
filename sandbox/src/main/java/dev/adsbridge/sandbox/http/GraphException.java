package dev.adsbridge.sandbox.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Graph API error as Meta sends it: thrown anywhere in a handler, turned into the standard
 * {@code {"error":{...}}} envelope by {@link GraphServlet}. Use the factories in {@link GraphErrors} for the common ones.
 */
public final class GraphException extends RuntimeException {

    private final int httpStatus;
    private final int code;
    private final Integer subcode;
    private final String type;
    private final String userTitle;
    private final String userMsg;
    private final boolean transientError;
    private final String errorData;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final java.util.List<String> blamed = new java.util.ArrayList<>();

    public GraphException(int httpStatus, int code, Integer subcode, String type, String message,
                          String userTitle, String userMsg, boolean transientError) {
        this(httpStatus, code, subcode, type, message, userTitle, userMsg, transientError, null);
    }

    public GraphException(int httpStatus, int code, Integer subcode, String type, String message,
                          String userTitle, String userMsg, boolean transientError, String errorData) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.subcode = subcode;
        this.type = type;
        this.userTitle = userTitle;
        this.userMsg = userMsg;
        this.transientError = transientError;
        this.errorData = errorData;
    }

    /** Adds a response header to send with the error (e.g. a usage header showing the exhausted limit). */
    public GraphException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * Names the parameters the error is about: sent as {@code error_data.blame_field_specs}, as Meta does on Ads
     * validation errors ({@code {"blame_field_specs":[["daily_budget"]]}}).
     */
    public GraphException blame(String... fields) {
        for (String field : fields) {
            if (field != null && !blamed.contains(field)) {
                blamed.add(field);
            }
        }
        return this;
    }

    public java.util.List<String> blamed() { return java.util.List.copyOf(blamed); }

    public int httpStatus() { return httpStatus; }
    public int code() { return code; }
    public Integer subcode() { return subcode; }
    public String type() { return type; }
    public String userTitle() { return userTitle; }
    public String userMsg() { return userMsg; }
    public boolean isTransient() { return transientError; }
    public String errorData() { return errorData; }
    public Map<String, String> headers() { return headers; }

    /** The {@code error} object of the envelope (without fbtrace_id, which the servlet adds). */
    public Map<String, Object> toErrorObject() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("is_transient", transientError);
        if (userTitle != null) {
            error.put("error_user_title", userTitle);
        }
        if (userMsg != null) {
            error.put("error_user_msg", userMsg);
        }
        if (errorData != null) {
            error.put("error_data", errorData);
        } else if (!blamed.isEmpty()) {
            error.put("error_data", Map.of("blame_field_specs", blamed.stream().map(java.util.List::of).toList()));
        }
        return error;
    }
}
