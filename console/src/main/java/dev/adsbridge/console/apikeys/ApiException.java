package dev.adsbridge.console.apikeys;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An answer of the REST API other than success, in the API's error envelope:
 * {@code {"error":{"code","message","request_id","meta"?,"details"?,"fields"?}}}. {@code code} is stable; the message
 * is for a marketer; {@code meta} carries what Meta said; {@code retryAfterSeconds} becomes {@code Retry-After}.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final @Nullable Map<String, Object> meta;
    private final @Nullable Map<String, Object> details;
    private final @Nullable Map<String, String> fields;
    private final @Nullable Long retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, null, null, null);
    }

    public ApiException(int status, String code, String message, @Nullable Map<String, Object> meta,
            @Nullable Map<String, Object> details, @Nullable Map<String, String> fields,
            @Nullable Long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.meta = meta;
        this.details = details;
        this.fields = fields;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound() {
        return new ApiException(404, "not_found", "There is nothing here: it does not exist or is not yours.");
    }

    public static ApiException validation(String field, String problem) {
        return validation(Map.of(field, problem));
    }

    public static ApiException validation(Map<String, String> fields) {
        return new ApiException(400, "validation_failed", "Some fields need fixing: "
                + String.join("; ", fields.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()),
                null, null, new LinkedHashMap<>(fields), null);
    }

    public static ApiException forbiddenRole() {
        return new ApiException(403, "forbidden_role", "Your role can only read: ask an owner or admin for this.");
    }

    public static ApiException readOnlyKey() {
        return new ApiException(403, "api_key_read_only",
                "This API key can only read. Create a read_write key in Settings to make changes.");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public @Nullable Map<String, Object> meta() {
        return meta;
    }

    public @Nullable Map<String, Object> details() {
        return details;
    }

    public @Nullable Map<String, String> fields() {
        return fields;
    }

    public @Nullable Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The envelope's inner object, without the request id. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", getMessage());
        if (meta != null) {
            error.put("meta", meta);
        }
        if (details != null) {
            error.put("details", details);
        }
        if (fields != null) {
            error.put("fields", fields);
        }
        if (retryAfterSeconds != null) {
            error.put("retry_after_seconds", retryAfterSeconds);
        }
        return error;
    }
}
