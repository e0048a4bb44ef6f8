package dev.adsbridge.mcp.inventory;

import dev.adsbridge.graph.AppSecretProof;
import dev.adsbridge.graph.ErrorCategory;
import dev.adsbridge.graph.GraphClient;
import dev.adsbridge.graph.GraphException;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import dev.adsbridge.graph.Usage;
import dev.adsbridge.meta.McpExtensions;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tool calls: checks the tool is visible to the caller, resolves the token (the {@code access_token} argument
 * wins over the transport's token), hands the handler a fresh {@link ToolCall}, and turns expected failures into
 * {@code isError} results in the common error shape. A bug becomes a JSON-RPC internal error whose message names a
 * reference for the logs and nothing else.
 *
 * <p>Also adapts the inventory to the MCP SDK: tool specifications for the stateless HTTP server and the stdio
 * server, and the {@code tools/list} filter.
 */
public final class ToolRunner {

    private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final Inventory inventory;
    private final Supplier<GraphClient> graph;
    private final ToolCallListener listener;
    private final PermissionGate permissions;

    public ToolRunner(Inventory inventory, GraphClient graph, ToolCallListener listener) {
        this(inventory, () -> graph, listener, null);
        Objects.requireNonNull(graph, "graph");
    }

    /**
     * @param graph       the Graph client, built on first use
     * @param permissions checks the token of each call against the tool's scopes; null for none
     */
    public ToolRunner(Inventory inventory, Supplier<GraphClient> graph, ToolCallListener listener,
                      PermissionGate permissions) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.graph = Objects.requireNonNull(graph, "graph");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.permissions = permissions;
    }

    public Inventory inventory() {
        return inventory;
    }

    /** Specifications for the stateless (HTTP) server: every known tool, visibility checked per call. */
    public List<McpStatelessServerFeatures.SyncToolSpecification> statelessSpecifications() {
        List<McpStatelessServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (ToolDefinition tool : inventory.all()) {
            specs.add(new McpStatelessServerFeatures.SyncToolSpecification(tool.tool(),
                    (context, request) -> call(tool, Caller.from(context), request.arguments(),
                            ifNoneMatch(request.meta()))));
        }
        return specs;
    }

    private static String ifNoneMatch(Map<String, Object> requestMeta) {
        return requestMeta != null && requestMeta.get(ResultValidator.IF_NONE_MATCH_META_KEY) instanceof String v
                ? v : null;
    }

    /** Specifications for a session (stdio) server whose one caller is fixed when it starts. */
    public List<McpServerFeatures.SyncToolSpecification> sessionSpecifications(Caller caller) {
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        for (ToolDefinition tool : inventory.all()) {
            specs.add(new McpServerFeatures.SyncToolSpecification(tool.tool(),
                    (exchange, request) -> call(tool, caller, request.arguments(), ifNoneMatch(request.meta()))));
        }
        return specs;
    }

    /** {@code tools/list} shows a caller only the tools visible to it. */
    public McpSyncListFilter<McpSchema.Tool> listFilter() {
        return (context, tool) -> inventory.isVisible(tool.name(), Caller.from(context));
    }

    /** The list filter for a session server whose caller is fixed. */
    public McpSyncListFilter<McpSchema.Tool> listFilter(Caller caller) {
        return (context, tool) -> inventory.isVisible(tool.name(), caller);
    }

    /** Tools visible to the caller, sorted by name (what {@code tools/list} answers). */
    public List<McpSchema.Tool> visibleTools(Caller caller) {
        return inventory.visibleTo(caller).stream().map(ToolDefinition::tool)
                .sorted(Comparator.comparing(McpSchema.Tool::name)).toList();
    }

    /** Most values one completion answers (the MCP limit). */
    static final int MAX_COMPLETIONS = 100;

    /**
     * Completion of an ad account argument: the ids of the accounts the caller's token reaches ({@code
     * /me/adaccounts}) whose id or name starts with, or whose name contains, what was typed; none without a token
     * or when Meta does not answer.
     */
    public McpSchema.CompleteResult completeAccountId(Caller caller, String typed) {
        Optional<String> token = caller.transportToken();
        if (token.isEmpty()) {
            return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.of(), 0, false));
        }
        String wanted = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
        List<String> ids = new ArrayList<>();
        try {
            for (tools.jackson.databind.JsonNode account : graph.get().fetchAll(token.get(), "me/adaccounts",
                    Map.of("fields", "id,name", "limit", "100"), 1000)) {
                String id = Json.text(account, "id");
                String name = String.valueOf(Json.text(account, "name")).toLowerCase(java.util.Locale.ROOT);
                if (id != null && (wanted.isEmpty() || id.startsWith(wanted) || id.startsWith("act_" + wanted)
                        || name.contains(wanted))) {
                    ids.add(id);
                }
            }
        } catch (GraphException | IllegalArgumentException unanswered) {
            log.debug("account id completion without Meta's answer: {}", unanswered.getClass().getSimpleName());
        }
        List<String> shown = ids.subList(0, Math.min(ids.size(), MAX_COMPLETIONS));
        return new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(List.copyOf(shown),
                ids.size(), ids.size() > shown.size()));
    }

    /** Runs one call of a tool for a caller. */
    public CallToolResult call(ToolDefinition tool, Caller caller, Map<String, Object> arguments) {
        return call(tool, caller, arguments, null);
    }

    /**
     * Runs one call of a tool for a caller that keeps results ({@link ResultValidator}): {@code ifNoneMatch} is the
     * validator an earlier result of the same call carried ({@code _meta["dev.adsbridge/etag"]}), {@code "*"} to ask
     * for one without holding a result yet, or null for a caller that does not keep results (no validator is made
     * or sent: agents pay nothing for it). A validator valid for this tool and these arguments makes the call's
     * Graph read a revalidation with Meta's ETag; if Meta answers 304 the result is a short "not modified" one.
     */
    public CallToolResult call(ToolDefinition tool, Caller caller, Map<String, Object> arguments,
            String ifNoneMatch) {
        long started = System.nanoTime();
        Args args = Args.of(arguments);
        String token = null;
        GraphSession session = null;
        try {
            Optional<String> hidden = inventory.hiddenReason(tool, caller);
            if (hidden.isPresent()) {
                return finish(tool, started, args, ToolError.toolNotAvailable(tool.name(), hidden.get()));
            }
            Optional<ToolError> unknown = unknownArguments(tool, arguments);
            if (unknown.isPresent()) {
                return finish(tool, started, args, unknown.get());
            }
            Map<String, Object> effective = withCallerDefaults(tool, caller, arguments);
            args = Args.of(effective);
            token = resolveToken(args, caller);
            if (permissions != null) {
                Optional<String> lacking = permissions.missing(tool, token);
                if (lacking.isPresent()) {
                    return finish(tool, started, args, ToolError.lacksPermission(tool.name(), lacking.get()));
                }
            }
            ResultValidator validator = ifNoneMatch == null ? null : new ResultValidator(tool.name(), effective);
            session = new GraphSession(graph.get(), token,
                    validator == null ? null : validator.graphEtagOf(ifNoneMatch).orElse(null));
            ToolCall call = new ToolCall(tool.name(), args, session);
            CallToolResult result;
            try {
                result = tool.handler().handle(call);
                if (validator != null && !Boolean.TRUE.equals(result.isError())) {
                    result = validator.attach(result, session.onlyAnswerEtag());
                }
            } catch (GraphSession.NotModified unchanged) {
                result = ResultValidator.notModified(ifNoneMatch);
            }
            result = withUsage(result, session);
            Duration took = since(started);
            listener.completed(tool.name(), Boolean.TRUE.equals(result.isError()) ? ErrorCategory.UNKNOWN : null,
                    false, took);
            if (log.isDebugEnabled()) {
                log.debug("tool {} ok in {} ms (arguments: {})", tool.name(), took.toMillis(), args.names());
            }
            return result;
        } catch (ToolException expected) {
            return finish(tool, started, args, expected.error());
        } catch (GraphException meta) {
            return withUsage(finish(tool, started, args, ToolError.fromGraph(meta.error())), session);
        } catch (RuntimeException bug) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            Duration took = since(started);
            listener.completed(tool.name(), null, true, took);
            log.error("tool {} failed with an internal error (ref {}, arguments: {})", tool.name(), reference,
                    args.names(), sanitized(bug, token));
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("Internal error in tool " + tool.name() + " (reference " + reference + ")")
                    .build();
        }
    }

    private CallToolResult finish(ToolDefinition tool, long started, Args args, ToolError error) {
        Duration took = since(started);
        listener.completed(tool.name(), error.category(), false, took);
        if (log.isDebugEnabled()) {
            log.debug("tool {} → {} error ({} {}) in {} ms (arguments: {})", tool.name(),
                    error.category().wireName(), error.type(), error.code(), took.toMillis(), args.names());
        }
        return ToolResults.error(error);
    }

    /** Key of Meta's usage in a result's {@code _meta}. */
    public static final String USAGE_META_KEY = McpExtensions.USAGE_META;

    /**
     * Adds Meta's latest rate-limit usage to the result's {@code _meta}, so a backend can slow down for an ad account
     * before Meta blocks it: {@code {"max_util_pct", "ad_account_util_pct", "app_call_count_pct", "buc_max_pct",
     * "regain_access_seconds", "account_id"}} (absent parts omitted; nothing added when Meta reported none).
     */
    static CallToolResult withUsage(CallToolResult result, GraphSession session) {
        if (session == null || session.lastUsage().isEmpty()) {
            return result;
        }
        Usage usage = session.lastUsage();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("max_util_pct", usage.maxUtilizationPercent());
        usage.adAccount().ifPresent(a -> summary.put("ad_account_util_pct", a.accIdUtilPct()));
        usage.app().ifPresent(a -> summary.put("app_call_count_pct", a.callCount()));
        List<Usage.BusinessUseCaseUsage> useCases = usage.businessUseCases();
        if (!useCases.isEmpty()) {
            double max = Double.NEGATIVE_INFINITY;
            for (Usage.BusinessUseCaseUsage useCase : useCases) {
                max = Math.max(max, Math.max(useCase.callCount(),
                        Math.max(useCase.totalCputime(), useCase.totalTime())));
            }
            summary.put("buc_max_pct", max);
        }
        summary.put("regain_access_seconds", usage.regainAccessIn().toSeconds());
        if (!useCases.isEmpty()) {
            String business = useCases.get(0).businessId();
            summary.put("account_id", business.startsWith("act_") ? business : "act_" + business);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        if (result.meta() != null) {
            meta.putAll(result.meta());
        }
        meta.put(USAGE_META_KEY, summary);
        return new CallToolResult(result.content(), result.isError(), result.structuredContent(), meta);
    }

    /**
     * Arguments the tool does not declare are refused, never dropped: a caller that sends one expects it to have an
     * effect. An undeclared argument whose value is null asks for nothing and is ignored (clients generated from a
     * schema send every optional argument, null when unset).
     */
    static Optional<ToolError> unknownArguments(ToolDefinition tool, Map<String, Object> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return Optional.empty();
        }
        java.util.Set<String> declared = tool.argumentNames();
        List<String> unknown = arguments.entrySet().stream()
                .filter(entry -> entry.getValue() != null && !declared.contains(entry.getKey()))
                .map(entry -> "'" + Args.shorten(entry.getKey(), 64) + "'")
                .sorted().toList();
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ToolError.invalidArgument((unknown.size() == 1 ? "Unknown argument " : "Unknown arguments ")
                + String.join(", ", unknown) + " for " + tool.name() + ": this tool does not take "
                + (unknown.size() == 1 ? "it" : "them") + ", so nothing was done. Its arguments are: "
                + declared.stream().sorted().collect(java.util.stream.Collectors.joining(", ")) + "."));
    }

    /**
     * The arguments with the caller's request-level defaults filled in: {@code X-MCP-Compact} sets {@code compact}
     * for a tool that declares it, when the call did not give it (null counts as not given); an explicit argument
     * wins. Tools without compact output are left as they are.
     */
    static Map<String, Object> withCallerDefaults(ToolDefinition tool, Caller caller, Map<String, Object> arguments) {
        Optional<Boolean> compact = caller.compactDefault();
        if (compact.isEmpty() || !tool.argumentNames().contains("compact")
                || (arguments != null && arguments.get("compact") != null)) {
            return arguments;
        }
        Map<String, Object> filled = arguments == null ? new LinkedHashMap<>() : new LinkedHashMap<>(arguments);
        filled.put("compact", compact.get());
        return filled;
    }

    /** The {@code access_token} argument wins over the transport's token (as in the reference server). */
    private static String resolveToken(Args args, Caller caller) {
        Optional<String> argument;
        try {
            argument = args.string("access_token");
        } catch (ToolException notText) {
            throw new ToolException(malformedToken());
        }
        String token = argument.or(caller::transportToken).orElse(null);
        if (token != null && (token.length() > MAX_TOKEN_LENGTH
                || token.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f))) {
            throw new ToolException(malformedToken());
        }
        return token;
    }

    private static ToolError malformedToken() {
        return new ToolError(null, null, "MalformedToken",
                "The access token is malformed: it must be printable ASCII without spaces.",
                null, null, null, false, ErrorCategory.AUTH, null, Map.of());
    }

    /** The exception with the token, the app secret and the proof masked in its text, keeping the stack. */
    private Throwable sanitized(Throwable bug, String token) {
        String secret = graph.get().config().appSecret();
        String text = bug.toString();
        if (token != null) {
            text = text.replace(token, "***");
            if (secret != null) {
                text = text.replace(AppSecretProof.compute(secret, token), "***");
            }
        }
        if (secret != null) {
            text = text.replace(secret, "***");
        }
        RuntimeException copy = new RuntimeException(text);
        copy.setStackTrace(bug.getStackTrace());
        return copy;
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
