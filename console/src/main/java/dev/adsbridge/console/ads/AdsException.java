package dev.adsbridge.console.ads;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Why an ads operation did not happen, in domain terms: a {@link Problem} (what kind of refusal or failure), a stable
 * {@code code}, a sentence for a marketer, and what Meta said ({@code meta}), extra {@code details}, per-field
 * {@code fields} and when to retry. The web layer decides the HTTP status from the problem; nothing here knows HTTP.
 */
public class AdsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of refusal and failure. */
    public enum Problem {
        /** The object or account does not exist or is not the tenant's. */
        NOT_FOUND,
        /** The request itself needs fixing ({@code fields} says where). */
        INVALID,
        /** It would start or raise spend: the caller must confirm. */
        CONFIRMATION_REQUIRED,
        /** Above a hard limit the tenant set: refused whatever the confirmation. */
        REFUSED_BY_GUARD,
        /** The caller may only read (role or key scope). */
        FORBIDDEN,
        /** Nothing connected yet, or the connection must be reconnected. */
        CONNECTION,
        /** Meta (or our back-off in front of it) limits calls just now. */
        RATE_LIMITED,
        /** Meta refused for lack of permission. */
        META_PERMISSION,
        /** Meta refused the request as invalid. */
        META_INVALID,
        /** Meta failed or could not be reached. */
        META_UNAVAILABLE,
        /** Our own way to Meta (the MCP server) is down: nothing reached Meta, try again shortly. */
        UNAVAILABLE,
        /** A request with the same idempotency key is still running, or failed a moment ago. */
        CONFLICT,
        /** The idempotency key was used for a different request. */
        KEY_REUSED
    }

    private final Problem problem;
    private final String code;
    private final @Nullable Map<String, Object> meta;
    private final @Nullable Map<String, Object> details;
    private final @Nullable Map<String, String> fields;
    private final @Nullable Long retryAfterSeconds;
    private final ErrorCatalogue.Wording wording;

    public AdsException(Problem problem, String code, String message) {
        this(problem, code, message, null, null, null, null);
    }

    public AdsException(Problem problem, String code, String message, @Nullable Map<String, Object> meta,
            @Nullable Map<String, Object> details, @Nullable Map<String, String> fields,
            @Nullable Long retryAfterSeconds) {
        this(problem, code, message, meta, details, fields, retryAfterSeconds, null);
    }

    /** With a title and next step other than the catalogue's for {@code code} ({@code wording}'s sentence unused). */
    public AdsException(Problem problem, String code, String message, @Nullable Map<String, Object> meta,
            @Nullable Map<String, Object> details, @Nullable Map<String, String> fields,
            @Nullable Long retryAfterSeconds, ErrorCatalogue.@Nullable Wording wording) {
        super(message);
        this.wording = wording != null ? wording : ErrorCatalogue.forCode(code);
        this.problem = problem;
        this.code = code;
        this.meta = meta;
        this.details = details;
        this.fields = fields;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static AdsException notFound() {
        return new AdsException(Problem.NOT_FOUND, "not_found",
                "There is nothing here: it does not exist or is not yours.");
    }

    public static AdsException validation(String field, String problem) {
        return validation(Map.of(field, problem));
    }

    public static AdsException validation(Map<String, String> fields) {
        return new AdsException(Problem.INVALID, "validation_failed", "Some fields need a fix: "
                + String.join("; ", fields.entrySet().stream()
                        .map(e -> ErrorCatalogue.forMarketer(e.getKey()) + ": " + e.getValue()).toList()),
                null, null, new LinkedHashMap<>(fields), null);
    }

    public Problem problem() {
        return problem;
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

    /** A short title for the problem (the catalogue's). */
    public String title() {
        return wording.title();
    }

    /** What the marketer can do next (the catalogue's). */
    public String nextStep() {
        return wording.nextStep();
    }

    public @Nullable Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
