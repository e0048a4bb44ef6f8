package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.http.GraphApi;

/** Insights edges, async report runs. */
public final class InsightsEndpoints {

    private InsightsEndpoints() {
    }

    public static void register(GraphApi api) {
    }
}
