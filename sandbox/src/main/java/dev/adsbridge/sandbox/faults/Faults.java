package dev.adsbridge.sandbox.faults;

import dev.adsbridge.sandbox.http.GraphCall;

/** Faults injected through the control API, applied to Graph calls before routing. */
public final class Faults {

    /** Applies the first matching armed fault to the call (sleeps, throws a Graph error, or changes a token). */
    public void beforeCall(GraphCall call) {
    }
}
