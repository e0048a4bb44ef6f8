package dev.adsbridge.sandbox.http;

/**
 * Serves one route. Returns a JSON-serialisable value (Map, List, String, Number…) for HTTP 200, or a
 * {@link RawResponse}; throws {@link GraphException} for Graph errors.
 */
@FunctionalInterface
public interface Handler {
    Object handle(GraphCall call);
}
