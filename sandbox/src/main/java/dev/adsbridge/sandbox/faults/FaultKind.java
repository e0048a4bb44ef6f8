package dev.adsbridge.sandbox.faults;

import java.util.Arrays;
import java.util.Optional;

/** What an armed fault does to a matching Graph call. */
public enum FaultKind {
    /** Sleeps {@code latency_ms}, then lets the call proceed. */
    LATENCY("latency"),
    /** HTTP 500, code 1 "An unknown error occurred" (subcode 99), is_transient true. */
    SERVER_ERROR("server_error"),
    /** HTTP 500, code 2 "An unexpected error has occurred. Please retry your request later.", is_transient true. */
    TRANSIENT("transient"),
    /** The rate-limit error of {@code code} (4, 17, 613, 80000, 80004) with a usage header at 100%. */
    RATE_LIMIT("rate_limit"),
    /** The call's token expires now: the call (and every later one with it) fails with 190/463. */
    EXPIRE_TOKEN("expire_token"),
    /** The call's token is revoked: 190/460 (password changed) or, with subcode 458, 190/458 (app removed). */
    REVOKE_TOKEN("revoke_token"),
    /** HTTP 500, code 1 "Please reduce the amount of data you're asking for, then retry your request". */
    TOO_MUCH_DATA("too_much_data"),
    /** 100/1504018 (or, with code 2, 2/1504038): the request timed out, use an async report. */
    TIMEOUT_USE_ASYNC("timeout_use_async");

    private final String wireName;

    FaultKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FaultKind> fromWire(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    public static String allWireNames() {
        return String.join("|", Arrays.stream(values()).map(FaultKind::wireName).toList());
    }
}
