package dev.adsbridge.graph;

/**
 * What a caller should do about a {@link GraphError}, derived from Meta's code and subcode (never from the HTTP status
 * alone, since Meta answers most errors with 400).
 */
public enum ErrorCategory {
    /** Token invalid, expired or revoked (190, 102): the user has to reconnect. */
    AUTH("auth"),
    /** The token lacks a permission or the user lacks a role (10, 200-299, 294, 273). */
    PERMISSION("permission"),
    /** Meta throttled the app, user, page or ad account (4, 17, 32, 341, 613, 80000-80014): wait, then retry. */
    RATE_LIMIT("rate_limit"),
    /** The request itself is wrong (100 and other 1xx codes, 2635 deprecated API version): do not retry. */
    INVALID_REQUEST("invalid_request"),
    /** Temporary failure on Meta's side or on the network (1, 2, is_transient, 5xx without an envelope): retry. */
    TRANSIENT("transient"),
    /** Anything else. */
    UNKNOWN("unknown");

    private final String wireName;

    ErrorCategory(String wireName) {
        this.wireName = wireName;
    }

    /** Lowercase name for JSON and tool results, e.g. {@code rate_limit}. */
    public String wireName() {
        return wireName;
    }
}
