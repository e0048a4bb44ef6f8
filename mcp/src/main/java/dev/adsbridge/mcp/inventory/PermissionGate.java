package dev.adsbridge.mcp.inventory;

import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.meta.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Hides the tools a token lacks the Meta permissions for, so an agent never picks a tool that can only fail: the
 * token's granted permissions come from {@code GET /me/permissions}, cached by the token's SHA-256 (never the token)
 * for a few minutes. A tool's declared scopes must all be granted, where {@code ads_management} also covers
 * {@code ads_read}. When the permissions cannot be read (a system-user token, Meta down), nothing is hidden: Meta's
 * own answer to the call then says what is wrong.
 */
public final class PermissionGate {

    /** How long a token's permissions are trusted. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    /** How long a failed lookup is remembered (so a bad token does not cost a Graph call per request). */
    static final Duration FAILURE_TTL = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    private final Supplier<GraphClient> graph;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> byTokenHash = new ConcurrentHashMap<>();
    /** Look-ups under way, by token hash: a caller that needs the same token's permissions waits for it. */
    private final Map<String, CompletableFuture<Optional<Set<String>>>> inFlight = new ConcurrentHashMap<>();

    public PermissionGate(Supplier<GraphClient> graph, Duration ttl, Clock clock) {
        this.graph = graph;
        this.ttl = ttl;
        this.clock = clock;
    }

    public PermissionGate(Supplier<GraphClient> graph) {
        this(graph, DEFAULT_TTL, Clock.systemUTC());
    }

    private record Entry(Optional<Set<String>> granted, long expiresAtMillis) {
    }

    /** The filter for an inventory: hides a tool whose scopes the caller's token lacks. */
    public ToolFilter filter() {
        return (tool, caller) -> caller.transportToken().flatMap(token -> missing(tool, token))
                .map(lacking -> "the access token lacks the Meta permission " + lacking + " this tool needs");
    }

    /** The first scope of the tool the token lacks, or empty (also when the token's permissions are unknown). */
    public Optional<String> missing(ToolDefinition tool, String token) {
        if (tool.scopes().isEmpty() || token == null) {
            return Optional.empty();
        }
        Optional<Set<String>> granted = granted(token);
        if (granted.isEmpty()) {
            return Optional.empty();
        }
        for (String scope : tool.scopes()) {
            if (!covers(granted.get(), scope)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    static boolean covers(Set<String> granted, String scope) {
        return granted.contains(scope) || scope.equals("public_profile")
                || (scope.equals("ads_read") && granted.contains("ads_management"));
    }

    /**
     * Reads the token's permissions into the cache now, so that the first {@code tools/list} finds them there (or
     * waits for this look-up instead of starting its own): the stdio server knows its token at start and asks while
     * the client initializes.
     */
    public void prefetch(String token) {
        if (token != null && !token.isBlank()) {
            granted(token.strip());
        }
    }

    /**
     * The token's granted permissions, from the cache or Meta; empty when Meta would not say. Concurrent callers for
     * the same token share one look-up.
     */
    Optional<Set<String>> granted(String token) {
        String key = HexFormat.of().formatHex(Hashes.sha256(token));
        Entry entry = byTokenHash.get(key);
        if (entry != null && entry.expiresAtMillis() > clock.millis()) {
            return entry.granted();
        }
        CompletableFuture<Optional<Set<String>>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Set<String>>> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        Optional<Set<String>> granted = Optional.empty();
        try {
            granted = lookUp(token);
            long now = clock.millis();
            if (byTokenHash.size() >= MAX_ENTRIES) {
                byTokenHash.values().removeIf(e -> e.expiresAtMillis() <= now);
                if (byTokenHash.size() >= MAX_ENTRIES) {
                    byTokenHash.clear();
                }
            }
            byTokenHash.put(key, new Entry(granted, now + (granted.isPresent() ? ttl : FAILURE_TTL).toMillis()));
            return granted;
        } finally {
            inFlight.remove(key, mine);
            mine.complete(granted);
        }
    }

    private Optional<Set<String>> lookUp(String token) {
        try {
            List<JsonNode> rows = graph.get().fetchAll(token, "me/permissions", Map.of("limit", "100"), 500);
            Set<String> granted = new LinkedHashSet<>();
            for (JsonNode row : rows) {
                if ("granted".equals(Json.text(row, "status")) && Json.text(row, "permission") != null) {
                    granted.add(Json.text(row, "permission"));
                }
            }
            return Optional.of(Set.copyOf(granted));
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }
}
