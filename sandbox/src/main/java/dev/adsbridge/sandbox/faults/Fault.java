package dev.adsbridge.sandbox.faults;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One armed fault. It matches a call when the call's method equals {@code method} (if set) and its Graph path
 * (without the version, e.g. {@code act_1000000001/campaigns}) contains {@code path} (if set). It fires
 * {@code count} times, or until cleared when the count is -1.
 */
public final class Fault {

    public static final int UNTIL_CLEARED = -1;

    private final String id;
    private final FaultKind kind;
    private final String path;
    private final String method;
    private final AtomicInteger remaining;
    private final long latencyMs;
    private final Integer code;
    private final Integer subcode;

    public Fault(String id, FaultKind kind, String path, String method, int count, long latencyMs, Integer code,
                 Integer subcode) {
        this.id = id;
        this.kind = kind;
        this.path = path == null || path.isEmpty() ? null : path;
        this.method = method == null || method.isEmpty() ? null : method.toUpperCase(Locale.ROOT);
        this.remaining = new AtomicInteger(count);
        this.latencyMs = latencyMs;
        this.code = code;
        this.subcode = subcode;
    }

    public String id() { return id; }
    public FaultKind kind() { return kind; }
    public long latencyMs() { return latencyMs; }
    public Integer code() { return code; }
    public Integer subcode() { return subcode; }

    boolean matches(String callMethod, String callPath) {
        return (method == null || method.equals(callMethod)) && (path == null || callPath.contains(path));
    }

    /** Uses one firing; false when none is left (another thread took the last one). */
    boolean take() {
        while (true) {
            int left = remaining.get();
            if (left == UNTIL_CLEARED) {
                return true;
            }
            if (left <= 0) {
                return false;
            }
            if (remaining.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    boolean exhausted() {
        return remaining.get() == 0;
    }

    /** The fault as the control API shows it. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("kind", kind.wireName());
        if (path != null) {
            out.put("path", path);
        }
        if (method != null) {
            out.put("method", method);
        }
        out.put("remaining", remaining.get());
        if (kind == FaultKind.LATENCY) {
            out.put("latency_ms", latencyMs);
        }
        if (code != null) {
            out.put("code", code);
        }
        if (subcode != null) {
            out.put("subcode", subcode);
        }
        return out;
    }
}
