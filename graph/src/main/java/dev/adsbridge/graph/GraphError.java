package dev.adsbridge.graph;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One error as Meta reported it (the {@code error} envelope), or a synthetic one for failures without an envelope.
 * Branch on {@link #category()}; the raw code and subcode are there for the cases a category does not cover.
 *
 * @param httpStatus     HTTP status of the response; 0 when no response arrived
 * @param code           Meta's error code; {@link #NETWORK_ERROR_CODE} for network failures, {@link #NO_ENVELOPE_CODE}
 *                       when the response carried no error envelope
 * @param subcode        {@code error_subcode}, or null
 * @param type           e.g. {@code OAuthException}, {@code GraphMethodException}, {@code NetworkError}
 * @param message        Meta's developer message, e.g. {@code (#100) Invalid parameter}
 * @param errorUserTitle {@code error_user_title}, a short text meant for end users; may be null
 * @param errorUserMsg   {@code error_user_msg}; may be null
 * @param errorData      {@code error_data} as JSON text; may be null
 * @param fbtraceId      Meta's trace id, for support requests; may be null
 * @param isTransient    Meta's {@code is_transient} flag (true for network failures)
 * @param retryAfter     how long to wait before calling again, when the client could tell (rate-limit usage headers,
 *                       {@code Retry-After})
 */
public record GraphError(
        int httpStatus,
        int code,
        Integer subcode,
        String type,
        String message,
        String errorUserTitle,
        String errorUserMsg,
        String errorData,
        String fbtraceId,
        boolean isTransient,
        Optional<Duration> retryAfter) {

    /** Code of a synthetic error for a request that got no HTTP response (connect failure, timeout, reset). */
    public static final int NETWORK_ERROR_CODE = -1;
    /** Code of a synthetic error for an HTTP error status whose body held no Graph error envelope. */
    public static final int NO_ENVELOPE_CODE = 0;
    /** Code Meta uses for calls to an expired Marketing API version. */
    public static final int DEPRECATED_VERSION_CODE = 2635;

    public GraphError {
        Objects.requireNonNull(message, "message");
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** What kind of failure this is (see {@link ErrorCategory} for the code table). */
    public ErrorCategory category() {
        if (code == 190 || code == 102) {
            return ErrorCategory.AUTH;
        }
        if (code == 10 || (code >= 200 && code <= 299)) {
            return ErrorCategory.PERMISSION;
        }
        if (code == 4 || code == 17 || code == 32 || code == 341 || code == 613 || (code >= 80000 && code <= 80014)) {
            return ErrorCategory.RATE_LIMIT;
        }
        if ((code >= 100 && code <= 199) || code == DEPRECATED_VERSION_CODE || isTooMuchData()) {
            return ErrorCategory.INVALID_REQUEST;
        }
        if (code == 1 || code == 2 || isTransient) {
            return ErrorCategory.TRANSIENT;
        }
        if (code == NO_ENVELOPE_CODE && httpStatus == 429) {
            return ErrorCategory.RATE_LIMIT;
        }
        if (code == NO_ENVELOPE_CODE && httpStatus >= 500) {
            return ErrorCategory.TRANSIENT;
        }
        return ErrorCategory.UNKNOWN;
    }

    /**
     * Meta's "Please reduce the amount of data you're asking for" (code 1, HTTP 500): the same request fails the same
     * way every time, so it is not transient; the caller must narrow it or use an async report.
     */
    public boolean isTooMuchData() {
        return code == 1 && message.toLowerCase(java.util.Locale.ROOT).contains("reduce the amount of data");
    }

    /** Whether repeating the same read may succeed: transient failures and rate limits (after waiting). */
    public boolean retryableForReads() {
        ErrorCategory category = category();
        return category == ErrorCategory.TRANSIENT || category == ErrorCategory.RATE_LIMIT;
    }

    /** A copy carrying the given wait hint. */
    public GraphError withRetryAfter(Duration wait) {
        return new GraphError(httpStatus, code, subcode, type, message, errorUserTitle, errorUserMsg, errorData,
                fbtraceId, isTransient, Optional.ofNullable(wait));
    }

    /** Reads Meta's {@code {"error":{...}}} envelope; the argument is the inner object. */
    static GraphError fromEnvelope(int httpStatus, JsonNode error) {
        Integer code = Json.smallInteger(error, "code");
        String message = Json.text(error, "message");
        return new GraphError(
                httpStatus,
                code == null ? NO_ENVELOPE_CODE : code,
                Json.smallInteger(error, "error_subcode"),
                Json.text(error, "type"),
                message == null ? "Graph API error without a message (HTTP " + httpStatus + ")" : message,
                Json.text(error, "error_user_title"),
                Json.text(error, "error_user_msg"),
                Json.text(error, "error_data"),
                Json.text(error, "fbtrace_id"),
                Json.bool(error, "is_transient"),
                Optional.empty());
    }

    /** An HTTP error status whose body was not a Graph error envelope (e.g. an HTML page from a proxy). */
    static GraphError withoutEnvelope(int httpStatus, String fbtraceId) {
        return new GraphError(httpStatus, NO_ENVELOPE_CODE, null, "HttpError",
                "Graph API answered HTTP " + httpStatus + " without an error envelope",
                null, null, null, fbtraceId, false, Optional.empty());
    }

    /** No HTTP response at all; {@code message} must already be free of URLs and secrets. */
    static GraphError networkFailure(String message) {
        return new GraphError(0, NETWORK_ERROR_CODE, null, "NetworkError", message,
                null, null, null, null, true, Optional.empty());
    }

    /** A copy with every free-text field passed through {@code redactor}. */
    GraphError redact(Redactor redactor) {
        return new GraphError(httpStatus, code, subcode, type, redactor.redact(message),
                redactor.redact(errorUserTitle), redactor.redact(errorUserMsg), redactor.redact(errorData),
                fbtraceId, isTransient, retryAfter);
    }
}
