package dev.adsbridge.meta;

/**
 * What our MCP server adds to MCP tool calls, in one place for the server and the callers that use it (the console):
 * keys of a result's {@code _meta} and of a request's {@code params._meta}.
 */
public final class McpExtensions {

    /** Result {@code _meta}: Meta's rate-limit usage reported with the call's Graph answers. */
    public static final String USAGE_META = "dev.adsbridge/usage";
    /** Result {@code _meta}: the validator of a result made from one Graph read with Meta's ETag. */
    public static final String ETAG_META = "dev.adsbridge/etag";
    /** Request {@code params._meta}: a validator to revalidate, or {@link #ANY_VALIDATOR} to ask for one. */
    public static final String IF_NONE_MATCH_META = "dev.adsbridge/if-none-match";
    /** Sent as {@link #IF_NONE_MATCH_META} by a caller that keeps results but holds none for this call yet. */
    public static final String ANY_VALIDATOR = "*";
    /** Result {@code _meta}: true when the caller's result for its validator still holds (and no rows came). */
    public static final String NOT_MODIFIED_META = "dev.adsbridge/not-modified";

    private McpExtensions() {
    }
}
