package dev.adsbridge.sandbox.limits;

import dev.adsbridge.sandbox.http.GraphCall;

import java.util.Map;

/** Per-ad-account scores, Business Use Case counters and app usage; the source of the usage headers. */
public final class UsageLimits {

    /** Charges the call to its ad account (reads 1, writes 3) and throws the rate-limit error when over. */
    public void charge(GraphCall call) {
    }

    /** Usage headers for the response to this call. */
    public Map<String, String> headers(GraphCall call) {
        return Map.of();
    }
}
