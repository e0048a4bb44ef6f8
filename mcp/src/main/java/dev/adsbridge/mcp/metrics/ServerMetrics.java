package dev.adsbridge.mcp.metrics;

import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.mcp.inventory.ToolCallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's Prometheus metrics. Labels come only from closed sets: tool names known at start-up (anything else is
 * {@code unknown}), error categories, and a fixed list of rejection reasons. No token, id or argument ever becomes a
 * label.
 *
 * <ul>
 *   <li>{@code mcp_tool_calls_total{tool,outcome}}: outcome {@code ok}, {@code error} (an isError result) or
 *       {@code internal_error} (a bug)</li>
 *   <li>{@code mcp_tool_errors_total{tool,category}}: isError results by category (auth, permission, rate_limit,
 *       invalid_request, transient, unknown)</li>
 *   <li>{@code mcp_tool_call_duration_seconds{tool}}: a histogram</li>
 *   <li>{@code mcp_http_rejections_total{reason}}: requests refused before reaching the MCP handler</li>
 * </ul>
 */
public final class ServerMetrics implements ToolCallListener {

    /** Reasons for {@link #rejected(String)}; anything else is counted as {@code other}. */
    public static final Set<String> REJECTION_REASONS = Set.of("unauthorized", "bad_server_key", "bad_host",
            "bad_origin", "bad_toolsets", "bad_compact", "method_not_allowed", "unsupported_media_type", "too_large", "parse_error",
            "invalid_request", "not_found", "other");

    private final PrometheusMeterRegistry registry;
    private final Set<String> toolNames;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

    public ServerMetrics(Collection<String> toolNames) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.toolNames = Set.copyOf(toolNames);
    }

    @Override
    public void completed(String tool, ErrorCategory category, boolean bug, Duration duration) {
        String name = toolNames.contains(tool) ? tool : "unknown";
        String outcome = bug ? "internal_error" : category == null ? "ok" : "error";
        // Meters are registered on first use (as before: /metrics shows no series for what never happened), then
        // reused: building and looking up a meter id on every call costs more than recording.
        calls.computeIfAbsent(name + '\u0000' + outcome, key -> Counter.builder("mcp.tool.calls")
                .description("Tool calls by tool and outcome")
                .tags("tool", name, "outcome", outcome).register(registry)).increment();
        if (category != null) {
            errors.computeIfAbsent(name + '\u0000' + category.wireName(), key -> Counter.builder("mcp.tool.errors")
                    .description("Tool error results by tool and error category")
                    .tags("tool", name, "category", category.wireName()).register(registry)).increment();
        }
        durations.computeIfAbsent(name, key -> Timer.builder("mcp.tool.call.duration")
                .description("Time spent in a tool call, Graph calls included")
                .tags("tool", name).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofSeconds(120))
                .register(registry)).record(duration);
    }

    /** Counts a request refused by the HTTP layer (no token, bad Host, …). */
    public void rejected(String reason) {
        String label = REJECTION_REASONS.contains(reason) ? reason : "other";
        rejections.computeIfAbsent(label, key -> Counter.builder("mcp.http.rejections")
                .description("Requests refused before reaching the MCP handler")
                .tags("reason", label).register(registry)).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
