package dev.adsbridge.mcp.inventory;

import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.graph.GraphError;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An expected failure of a tool call, in the one shape every tool reports:
 * {@code {"error":{"code","error_subcode","type","message","error_user_title","error_user_msg","fbtrace_id",
 * "is_transient","category","retry_after_seconds"}}}. Meta's own errors keep Meta's code and texts; failures found
 * before calling Meta (bad arguments, a hidden tool, no token) have no code and say how to fix the call.
 *
 * @param code              Meta's error code, or null when Meta was not called
 * @param subcode           Meta's error_subcode, or null
 * @param type              Meta's error type (e.g. {@code OAuthException}) or ours ({@code InvalidArgument}, …)
 * @param message           what went wrong and, for our own errors, how to fix it
 * @param userTitle         Meta's error_user_title, or null
 * @param userMessage       Meta's error_user_msg, or null
 * @param fbtraceId         Meta's trace id, or null
 * @param isTransient       whether repeating the same call later may succeed
 * @param category          what the caller should do: {@code auth} → reconnect, {@code rate_limit} → wait, …
 * @param retryAfterSeconds how long to wait before retrying, or null
 * @param extra             more top-level members of the result next to {@code error} (e.g. accessible accounts)
 */
public record ToolError(
        Integer code,
        Integer subcode,
        String type,
        String message,
        String userTitle,
        String userMessage,
        String fbtraceId,
        boolean isTransient,
        ErrorCategory category,
        Long retryAfterSeconds,
        Map<String, JsonNode> extra) {

    /** Wait suggested for a rate limit when Meta's headers gave no hint: ad-account throttles last about a minute. */
    static final long DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

    public ToolError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(category, "category");
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** Meta's error as Meta reported it (the graph module has already masked the token in every text). */
    public static ToolError fromGraph(GraphError error) {
        ErrorCategory category = error.category();
        Long retryAfter = error.retryAfter().map(ToolError::ceilSeconds).orElse(null);
        if (retryAfter == null && category == ErrorCategory.RATE_LIMIT) {
            retryAfter = DEFAULT_RATE_LIMIT_WAIT_SECONDS;
        }
        Integer code = error.code() == GraphError.NO_ENVELOPE_CODE || error.code() == GraphError.NETWORK_ERROR_CODE
                ? null : error.code();
        return new ToolError(code, error.subcode(), error.type() == null ? "GraphError" : error.type(),
                error.message(), error.errorUserTitle(), error.errorUserMsg(), error.fbtraceId(),
                error.isTransient() || category == ErrorCategory.TRANSIENT, category, retryAfter, Map.of());
    }

    /** An argument the tool cannot use; the message names the argument and says how to fix it. */
    public static ToolError invalidArgument(String message) {
        return new ToolError(null, null, "InvalidArgument", message, null, null, null, false,
                ErrorCategory.INVALID_REQUEST, null, Map.of());
    }

    /** A tool the server or this request does not offer, called anyway. */
    public static ToolError toolNotAvailable(String tool, String reason) {
        return new ToolError(null, null, "ToolNotAvailable", "Tool '" + tool + "' is not available: " + reason,
                null, null, null, false, ErrorCategory.INVALID_REQUEST, null, Map.of());
    }

    /** The call's token lacks a Meta permission the tool needs (the tool is not listed to that token either). */
    public static ToolError lacksPermission(String tool, String permission) {
        return new ToolError(null, null, "PermissionMissing", "Tool '" + tool + "' is not available: the access "
                + "token lacks the Meta permission " + permission + " this tool needs; reconnect and grant it.",
                null, null, null, false, ErrorCategory.PERMISSION, null, Map.of());
    }

    /** A tool that needs Meta was called without any token. */
    public static ToolError missingToken() {
        return new ToolError(null, null, "MissingToken",
                "No Meta access token: send it as 'Authorization: Bearer <token>' (or X-META-ACCESS-TOKEN), pass the "
                        + "access_token argument, or set META_ACCESS_TOKEN for a stdio server.",
                null, null, null, false, ErrorCategory.AUTH, null, Map.of());
    }

    /** A copy with another top-level member next to {@code error}. */
    public ToolError with(String name, JsonNode value) {
        Map<String, JsonNode> more = new LinkedHashMap<>(extra);
        more.put(name, value);
        return new ToolError(code, subcode, type, message, userTitle, userMessage, fbtraceId, isTransient, category,
                retryAfterSeconds, more);
    }

    /** The structured content: {@code {"error":{…}, …extra}}. */
    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("error_subcode", subcode);
        error.put("type", type);
        error.put("message", message);
        error.put("error_user_title", userTitle);
        error.put("error_user_msg", userMessage);
        error.put("fbtrace_id", fbtraceId);
        error.put("is_transient", isTransient);
        error.put("category", category.wireName());
        error.put("retry_after_seconds", retryAfterSeconds);
        extra.forEach(root::set);
        return root;
    }

    private static long ceilSeconds(Duration wait) {
        long seconds = wait.getSeconds();
        return wait.getNano() > 0 ? seconds + 1 : seconds;
    }
}
