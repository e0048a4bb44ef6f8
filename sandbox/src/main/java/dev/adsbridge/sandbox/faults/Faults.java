package dev.adsbridge.sandbox.faults;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;
import dev.adsbridge.sandbox.limits.RateLimitErrors;
import dev.adsbridge.sandbox.store.AccessGrant;
import dev.adsbridge.sandbox.store.Node;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults injected through the control API, applied to Graph calls before routing. Every matching latency fault
 * sleeps, then the first matching other fault fires. The login dialog and a batch envelope are never faulted
 * (batch items are, one by one).
 */
public final class Faults {

    /** Codes a rate_limit fault can answer with. */
    public static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 613, 80000, 80004);
    public static final long MAX_LATENCY_MS = 120_000;

    private final List<Fault> armed = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** Arms a fault; the arguments are validated by the caller (the control API). */
    public Fault arm(FaultKind kind, String path, String method, int count, long latencyMs, Integer code,
                     Integer subcode) {
        Fault fault = new Fault("fault-" + ids.incrementAndGet(), kind, path, method, count, latencyMs, code,
                subcode);
        armed.add(fault);
        return fault;
    }

    public List<Fault> armed() {
        return List.copyOf(armed);
    }

    public boolean disarm(String id) {
        return armed.removeIf(f -> f.id().equals(id));
    }

    public void clear() {
        armed.clear();
    }

    /** Applies the matching armed faults to the call (sleeps, throws a Graph error, or changes a token). */
    public void beforeCall(GraphCall call) {
        if (armed.isEmpty() || !call.countsAsGraphCall()) {
            return;
        }
        String path = call.pathString();
        for (Fault fault : armed) {
            if (fault.kind() == FaultKind.LATENCY && fault.matches(call.method(), path) && fire(fault)) {
                sleep(fault.latencyMs());
            }
        }
        for (Fault fault : armed) {
            if (fault.kind() != FaultKind.LATENCY && fault.matches(call.method(), path)
                    && appliesTo(fault, call) && fire(fault)) {
                apply(fault, call);
                return;
            }
        }
    }

    private boolean fire(Fault fault) {
        boolean fired = fault.take();
        if (fault.exhausted()) {
            armed.remove(fault);
        }
        return fired;
    }

    /** Token faults need a token the sandbox issued; other faults match any call. */
    private static boolean appliesTo(Fault fault, GraphCall call) {
        if (fault.kind() == FaultKind.EXPIRE_TOKEN || fault.kind() == FaultKind.REVOKE_TOKEN) {
            return grantOf(call).isPresent();
        }
        return true;
    }

    private static Optional<AccessGrant> grantOf(GraphCall call) {
        return call.api() == null ? Optional.empty() : call.api().context().store().token(call.tokenValue());
    }

    private static void apply(Fault fault, GraphCall call) {
        switch (fault.kind()) {
            case SERVER_ERROR -> throw new GraphException(500, 1, orDefault(fault.subcode(), 99), GraphErrors.OAUTH,
                    "An unknown error occurred", null, null, true);
            case TRANSIENT -> throw new GraphException(500, 2, fault.subcode(), GraphErrors.OAUTH,
                    "An unexpected error has occurred. Please retry your request later.", null, null, true);
            case TOO_MUCH_DATA -> throw GraphErrors.tooMuchData(fault.subcode(), null, null);
            case TIMEOUT_USE_ASYNC -> throw timeout(fault);
            case RATE_LIMIT -> throw rateLimit(fault, call);
            case EXPIRE_TOKEN -> {
                SandboxContext context = call.api().context();
                grantOf(call).ifPresent(g -> context.store().putToken(g.expiredAt(context.nowEpochSeconds())));
            }
            case REVOKE_TOKEN -> {
                int subcode = fault.subcode() != null && fault.subcode() == 458 ? 458 : 460;
                grantOf(call).ifPresent(g -> call.api().context().store().putToken(g.revoked(subcode)));
            }
            case LATENCY -> {
            }
        }
    }

    private static GraphException timeout(Fault fault) {
        String userMsg = "Your request took too long to process. Please try a smaller date range, fewer fields or "
                + "breakdowns, or run the report asynchronously (POST …/insights, then poll the report run).";
        if (Integer.valueOf(2).equals(fault.code())) {
            return new GraphException(500, 2, orDefault(fault.subcode(), 1504038), GraphErrors.OAUTH,
                    "An unexpected error has occurred. Please retry your request later.", "Request Timed Out",
                    userMsg, true);
        }
        return new GraphException(400, 100, orDefault(fault.subcode(), 1504018), GraphErrors.OAUTH,
                "Invalid parameter", "Request Timed Out", userMsg, false);
    }

    private static GraphException rateLimit(Fault fault, GraphCall call) {
        String tier = call.api() == null ? "standard_access" : call.api().context().config().accessTier();
        int code = orDefault(fault.code(), 80004);
        return switch (code) {
            case 4 -> RateLimitErrors.appLimit();
            case 17 -> RateLimitErrors.userRequestLimit(300, tier);
            case 613 -> RateLimitErrors.adAccountApiLimit(300, tier);
            case 80000 -> RateLimitErrors.businessUseCase("ads_insights", accountNumericId(call), 5, tier);
            default -> RateLimitErrors.businessUseCase("ads_management", accountNumericId(call), 5, tier);
        };
    }

    /** The ad account the path points into (for the BUC header key), or the path's first segment. */
    private static String accountNumericId(GraphCall call) {
        List<String> path = call.path();
        String first = path.isEmpty() ? "0" : path.get(0);
        if (!first.startsWith("act_") && call.api() != null) {
            first = call.api().context().store().node(first).map(Node::accountId).orElse(first);
        }
        return first.startsWith("act_") ? first.substring(4) : first;
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
