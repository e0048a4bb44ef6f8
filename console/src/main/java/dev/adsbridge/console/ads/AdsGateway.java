package dev.adsbridge.console.ads;

import dev.adsbridge.console.ads.AdsException.Problem;
import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.connections.Connection;
import dev.adsbridge.console.connections.ConnectionUnavailableException;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.meta.McpExtensions;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
/**
 * The one way to the tenant's chosen Meta ad accounts: finds the account or object in them (anything else is
 * {@link AdsException#notFound()}), calls the Meta Ads MCP server with the tenant's token, keeps Meta's usage for the
 * back-off, turns Meta's refusals into {@link AdsException}s, and records audit events. Reading, reporting and writing
 * all go through here.
 */
@Service
public class AdsGateway {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");
    private static final Pattern ACCOUNT = Pattern.compile("(act_)?[0-9]{1,30}");

    /** An object found in one of the tenant's chosen accounts. */
    record Located(UUID connectionId, String accountId, JsonNode details) {
    }

    /** A chosen account and the connection whose token reaches it. */
    record Scope(UUID connectionId, String accountId) {
    }

    private final Connections connections;
    private final ChosenAdAccountRepository chosen;
    private final McpToolClient mcp;
    private final MetaUsageGuard usage;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AdsReadCache cache;

    AdsGateway(Connections connections, ChosenAdAccountRepository chosen, McpToolClient mcp, MetaUsageGuard usage,
            ApplicationEventPublisher events, Clock clock, AdsReadCache cache) {
        this.cache = cache;
        this.connections = connections;
        this.chosen = chosen;
        this.mcp = mcp;
        this.usage = usage;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Threads for a read that need not wait for the request's own one (an insights query's totals beside its rows):
     * at most 64 at once; beyond that the read runs on the request's thread, after the other.
     */
    private final ExecutorService alongside = new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "console-read-alongside");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    @PreDestroy
    void stop() {
        alongside.shutdownNow();
    }

    /**
     * Starts a read on another thread, so that it and the caller's next one take one round trip to Meta instead of
     * two; the returned supplier waits for it and rethrows its failure as it was. The read cache's record of what
     * the request was served (its {@code Age}) and the request id of the logs go along.
     */
    <T> Supplier<T> alongside(Supplier<T> read) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        CompletableFuture<Map.Entry<T, Optional<Instant>>> started = CompletableFuture.supplyAsync(() -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            AdsReadCache.startRequest();
            try {
                T value = read.get();
                return new AbstractMap.SimpleImmutableEntry<>(value, AdsReadCache.oldestServed());
            } finally {
                AdsReadCache.startRequest();
                if (before == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(before);
                }
            }
        }, alongside);
        return () -> {
            Map.Entry<T, Optional<Instant>> done;
            try {
                done = started.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw e;
            }
            done.getValue().ifPresent(AdsReadCache::served);
            return done.getKey();
        };
    }

    Connections connections() {
        return connections;
    }

    ChosenAdAccountRepository chosen() {
        return chosen;
    }

    Clock clock() {
        return clock;
    }

    Scope scope(TenantId tenant, String accountId) {
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw AdsException.notFound();
        }
        String normalized = accountId.startsWith("act_") ? accountId : "act_" + accountId;
        List<ChosenAdAccount> accounts = chosen.all(tenant);
        if (accounts.isEmpty() && connections.all(tenant).isEmpty()) {
            throw new AdsException(Problem.CONNECTION, "no_connection",
                    "Connect Facebook Ads and choose an ad account first.");
        }
        return accounts.stream().filter(a -> a.adAccountId().equals(normalized)).findFirst()
                .map(a -> new Scope(a.connectionId(), a.adAccountId()))
                .orElseThrow(AdsException::notFound);
    }

    /** The chosen account's currency, if any connection that chose it knows one. */
    @Nullable String currency(TenantId tenant, String accountId) {
        return chosen.all(tenant).stream().filter(a -> a.adAccountId().equals(accountId))
                .map(ChosenAdAccount::currency).filter(Objects::nonNull).findFirst().orElse(null);
    }

    Scope scopeForWrite(AdsCaller caller, String accountId, String action, String targetType,
            String targetId) {
        requireWrite(caller, action, targetType, targetId);
        return scope(caller.tenant(), accountId);
    }

    Located locateForWrite(AdsCaller caller, ObjectKind kind, String id, String action) {
        requireWrite(caller, action, kind.name, id);
        return locate(caller, kind, id, true);
    }

    void requireWrite(AdsCaller caller, String action, String targetType, String targetId) {
        try {
            caller.requireWrite();
        } catch (AdsException e) {
            audit(caller, action, targetType, targetId, null, null, AuditEvent.DENIED);
            throw e;
        }
    }

    void requireIn(AdsCaller caller, ObjectKind kind, String id, String accountId, String field) {
        Located parent;
        try {
            parent = locate(caller, kind, id);
        } catch (AdsException e) {
            if (e.problem() == Problem.NOT_FOUND) {
                throw AdsException.validation(field, "No such " + kind.name + " in this ad account.");
            }
            throw e;
        }
        if (!parent.accountId().equals(accountId)) {
            throw AdsException.validation(field, "No such " + kind.name + " in this ad account.");
        }
    }

    /** Finds an object by id in the tenant's chosen accounts (trying each of the tenant's connections). */
    Located locate(AdsCaller caller, ObjectKind kind, String id) {
        return locate(caller, kind, id, false);
    }

    /**
     * As {@link #locate(AdsCaller, ObjectKind, String)}; {@code fresh}: never from the read cache (a write compares
     * against the object's current values). One call per connection of the tenant (usually one).
     */
    Located locate(AdsCaller caller, ObjectKind kind, String id, boolean fresh) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw AdsException.notFound();
        }
        return firstChosen(caller, kind.detailsTool, Map.of(kind.idArgument(), id), fresh,
                content -> content);
    }

    /** An object found by id alone, and what kind it is. */
    record Found(ObjectKind kind, Located located) {
    }

    /**
     * Finds an object by id alone, and its kind, with one {@code get_objects} call ({@code metadata=1} gives the
     * type) instead of trying campaign, then ad set, then ad.
     */
    Found locateAny(AdsCaller caller, String id) {
        Located located = locateWith(caller, null, id, "id,account_id");
        ObjectKind kind = kindOf(located.details());
        if (kind == null || kind == ObjectKind.CREATIVE) {
            throw AdsException.notFound();
        }
        return new Found(kind, located);
    }

    /**
     * Reads an object of a chosen account with Graph {@code fields} (field expansion included: its children come in
     * the same call) through {@code get_objects}: one Graph call per connection tried. {@code kind}, when given, must
     * be the object's type. The details are the object as Meta sent it, with {@code metadata.type}.
     */
    Located locateWith(AdsCaller caller, @Nullable ObjectKind kind, String id, String fields) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw AdsException.notFound();
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("ids", List.of(id));
        args.put("fields", fields.contains("account_id") ? fields : "account_id," + fields);
        args.put("metadata", true);
        Located located = firstChosen(caller, "get_objects", args, false, content -> content.path(id));
        if (kind != null && kindOf(located.details()) != kind) {
            throw AdsException.notFound();
        }
        return located;
    }

    /** The kind Graph's {@code metadata.type} names (Meta's older names too), or null. */
    static @Nullable ObjectKind kindOf(JsonNode object) {
        return switch (object.path("metadata").path("type").asString("").toLowerCase(Locale.ROOT)) {
            case "campaign", "adcampaign_group" -> ObjectKind.CAMPAIGN;
            case "adset", "adcampaign" -> ObjectKind.ADSET;
            case "ad", "adgroup" -> ObjectKind.AD;
            case "adcreative" -> ObjectKind.CREATIVE;
            default -> null;
        };
    }

    /** Calls the tool with each of the tenant's connections until one answers an object of a chosen account. */
    private Located firstChosen(AdsCaller caller, String tool, Map<String, ?> args, boolean fresh,
            java.util.function.Function<JsonNode, JsonNode> object) {
        List<ChosenAdAccount> accounts = chosen.all(caller.tenant());
        for (UUID connection : new LinkedHashSet<>(accounts.stream().map(ChosenAdAccount::connectionId).toList())) {
            McpToolClient.ToolResult result = readRaw(caller, connection, null, tool, args, fresh);
            if (result.isError()) {
                String category = result.content().path("error").path("category").asString("");
                if ("auth".equals(category) || "rate_limit".equals(category) || "transient".equals(category)) {
                    throw failure(caller, connection, null, result.content());
                }
                continue; // not found (or not that kind of object) with this connection's token
            }
            JsonNode found = object.apply(result.content());
            String account = found.path("account_id").asString("");
            String normalized = account.startsWith("act_") ? account : "act_" + account;
            boolean chosenHere = accounts.stream().anyMatch(a -> a.connectionId().equals(connection)
                    && a.adAccountId().equals(normalized));
            if (chosenHere) {
                return new Located(connection, normalized, found);
            }
        }
        throw AdsException.notFound();
    }

    /** A tool call whose isError results become AdsExceptions. */
    McpToolClient.ToolResult call(AdsCaller caller, UUID connection, @Nullable String accountId, String tool,
            Map<String, ?> args, boolean write) {
        return call(caller, connection, accountId, tool, args, write, true);
    }

    /**
     * A tool call whose isError results become AdsExceptions; {@code backOff}: whether our own back-off in front of
     * Meta ({@link MetaUsageGuard}) applies — false for writes that only stop or lower spend, which it never delays.
     */
    McpToolClient.ToolResult call(AdsCaller caller, UUID connection, @Nullable String accountId, String tool,
            Map<String, ?> args, boolean write, boolean backOff) {
        McpToolClient.ToolResult result = callRaw(caller, connection, accountId, tool, args, write, backOff);
        if (result.isError()) {
            throw failure(caller, connection, accountId, result.content(), write);
        }
        return result;
    }

    McpToolClient.ToolResult callRaw(AdsCaller caller, UUID connection, @Nullable String accountId,
            String tool, Map<String, ?> args, boolean write) {
        return callRaw(caller, connection, accountId, tool, args, write, true);
    }

    /**
     * A tool call with the connection's token; {@code backOff}: whether our own back-off in front of Meta
     * ({@link MetaUsageGuard}) applies — false for writes that only stop or lower spend.
     */
    McpToolClient.ToolResult callRaw(AdsCaller caller, UUID connection, @Nullable String accountId,
            String tool, Map<String, ?> args, boolean write, boolean backOff) {
        return cachedCall(caller, connection, accountId, tool, args, write, false, backOff, true);
    }

    /** A read that skips the read cache when {@code fresh} (what a write compares against). */
    McpToolClient.ToolResult readRaw(AdsCaller caller, UUID connection, @Nullable String accountId,
            String tool, Map<String, ?> args, boolean fresh) {
        return cachedCall(caller, connection, accountId, tool, args, false, fresh, true, true);
    }

    /**
     * An agent's call (the tenant MCP endpoint): like {@link #callRaw}, but with the MCP server's own defaults (our
     * server's compact list rows: money with its currency) instead of Meta's rows, and read-cached apart from the
     * console's own reads of the same call.
     */
    McpToolClient.ToolResult callForAgent(AdsCaller caller, UUID connection, @Nullable String accountId, String tool,
            Map<String, ?> args, boolean write) {
        return cachedCall(caller, connection, accountId, tool, args, write, false, true, false);
    }

    /**
     * One tool call with the connection's token. Reads come from the tenant's short-lived read cache when it holds
     * the same call ({@code fresh}: never); a write that reached Meta publishes {@link AdsChanged}. {@code metaRows}:
     * Meta's rows as sent (the console's pages), else the server's defaults (agents).
     */
    private McpToolClient.ToolResult cachedCall(AdsCaller caller, UUID connection, @Nullable String accountId,
            String tool, Map<String, ?> args, boolean write, boolean fresh, boolean backOff, boolean metaRows) {
        AdsReadCache.Key key = write || !cache.enabled() ? null
                : cache.key(caller.tenant(), connection, tool, args, metaRows);
        AdsReadCache.Held held = key == null || fresh ? null : cache.get(key).orElse(null);
        if (held != null && held.fresh()) {
            return held.entry().result();
        }
        // A read the cache keeps asks for a validator ("*"), so it can be revalidated once it is past the TTL.
        String validator = held != null ? held.validator() : key != null ? McpExtensions.ANY_VALIDATOR : null;
        McpToolClient.ToolResult result = callMcp(caller, connection, accountId, tool, args, write, backOff,
                validator, metaRows);
        if (held != null && result.notModified()) {
            return cache.revalidated(key, held);
        }
        if (key != null) {
            cache.put(key, result);
        }
        if (write && !result.isError() && !Boolean.TRUE.equals(args.get("validate_only"))) {
            events.publishEvent(new AdsChanged(caller.tenant(), accountId == null ? "" : accountId));
        }
        return result;
    }

    private McpToolClient.ToolResult callMcp(AdsCaller caller, UUID connection, @Nullable String accountId,
            String tool, Map<String, ?> args, boolean write, boolean backOff, @Nullable String validator,
            boolean metaRows) {
        if (accountId != null && backOff) {
            usage.beforeCall(accountId);
        }
        McpToolClient.ToolResult result;
        try {
            result = connections.withMcp(caller.tenant(), connection, route -> mcp.call(route, tool, args, write,
                    validator, metaRows));
        } catch (McpToolClient.McpCredentialRefusedException e) {
            // A hosted MCP server refused the tenant's credential for it: like Meta refusing a token.
            connections.markNeedsReconnect(caller.tenant(), connection, e.getMessage());
            throw needsReconnect();
        } catch (ConnectionUnavailableException e) {
            throw needsReconnect();
        } catch (NotFoundException e) {
            throw new AdsException(Problem.CONNECTION, "no_connection", "Connect Facebook Ads first.");
        } catch (McpToolClient.McpUnavailableException e) {
            // Our MCP server, not Meta, is down (or timed out): 503, and a write's outcome counts as unknown.
            throw new AdsException(Problem.UNAVAILABLE, "service_unavailable",
                    "The console cannot reach Facebook just now.", null, null, null, 5L);
        }
        String usageAccount = accountId != null ? accountId : result.usage().path("account_id").asString("");
        if (!usageAccount.isEmpty()) {
            usage.record(usageAccount, result.usage());
        }
        if (!result.isError()) {
            connections.recordSuccessfulUse(caller.tenant(), connection);
        }
        return result;
    }

    AdsException failure(AdsCaller caller, UUID connection, @Nullable String accountId, JsonNode content) {
        return failure(caller, connection, accountId, content, false);
    }

    /** Meta's (or the MCP server's) refusal as an AdsException worded by the {@link ErrorCatalogue}. */
    AdsException failure(AdsCaller caller, UUID connection, @Nullable String accountId, JsonNode content,
            boolean write) {
        JsonNode error = content.path("error");
        String category = error.path("category").asString("unknown");
        Map<String, Object> meta = metaDetails(error);
        int code = error.path("code").asInt(0);
        int subcode = error.path("error_subcode").asInt(0);
        String ourCode = ourCode(category, code);
        ErrorCatalogue.Wording wording = ErrorCatalogue.forMeta(code, subcode, text(error, "error_user_title", null),
                text(error, "error_user_msg", null),
                text(error, "message", null), ourCode, write);
        return switch (category) {
            case "auth" -> {
                connections.markNeedsReconnect(caller.tenant(), connection,
                        ErrorCatalogue.reconnectReason(code, subcode));
                audit(caller, "connection.needs_reconnect", "connection", connection.toString(),
                        Map.of("status", "active"), Map.of("status", "needs_reconnect"), AuditEvent.SUCCESS);
                yield new AdsException(Problem.CONNECTION, "connection_needs_reconnect", wording.sentence(), null,
                        null, null, null, wording);
            }
            case "rate_limit" -> {
                long retry = Math.max(1, error.path("retry_after_seconds").asLong(60));
                boolean appWide = code == 4;
                if (appWide) {
                    usage.recordAppBlock(retry);
                } else if (accountId != null) {
                    usage.record(accountId, 100, retry);
                }
                yield new AdsException(Problem.RATE_LIMITED, appWide ? "meta_app_rate_limited" : "meta_rate_limited",
                        wording.sentence() + " You can try again in " + MetaUsageGuard.duration(retry) + ".", meta,
                        Map.of("retry_after_seconds", retry, "scope", appWide ? "app" : "ad_account"), null, retry,
                        wording);
            }
            case "invalid_request" -> code == 100 && subcode == 33 ? AdsException.notFound()
                    : new AdsException(Problem.META_INVALID, ourCode, wording.sentence(), meta, null, null, null,
                            wording);
            default -> new AdsException(category.equals("permission") ? Problem.META_PERMISSION
                    : Problem.META_UNAVAILABLE, ourCode, wording.sentence(), meta, null, null, null, wording);
        };
    }

    private static String ourCode(String category, int code) {
        return switch (category) {
            case "auth" -> "connection_needs_reconnect";
            case "rate_limit" -> code == 4 ? "meta_app_rate_limited" : "meta_rate_limited";
            case "permission" -> "meta_permission_denied";
            case "invalid_request" -> "meta_invalid_request";
            default -> "meta_error";
        };
    }

    private static AdsException needsReconnect() {
        return new AdsException(Problem.CONNECTION, "connection_needs_reconnect",
                "Facebook no longer accepts this connection, so ads cannot be loaded or changed.");
    }

    static AdsException confirmation(String message, Map<String, Object> details) {
        return new AdsException(Problem.CONFIRMATION_REQUIRED, "confirmation_required", message, null, details, null,
                null);
    }

    private static Map<String, Object> metaDetails(JsonNode error) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("title", text(error, "error_user_title", null));
        meta.put("message", text(error, "error_user_msg", null));
        meta.put("code", error.path("code").isNumber() ? error.path("code").asInt() : null);
        meta.put("subcode", error.path("error_subcode").isNumber() ? error.path("error_subcode").asInt() : null);
        meta.put("fbtrace_id", text(error, "fbtrace_id", null));
        meta.put("category", text(error, "category", null));
        return meta;
    }

    /**
     * A dry run's refusal as {@code meta_validation}: {@code code} (the stable code the real write would fail with),
     * {@code title}, {@code message} (= {@code user_message}) and {@code next_step} from the {@link ErrorCatalogue},
     * the MCP {@code category}, and {@code meta} (Meta's code, subcode, texts, trace id) only when Meta itself answered.
     */
    static Map<String, Object> validationError(JsonNode error) {
        String category = error.path("category").asString("unknown");
        int code = error.path("code").asInt(0);
        String ourCode = ourCode(category, code);
        ErrorCatalogue.Wording wording = ErrorCatalogue.forMeta(code, error.path("error_subcode").asInt(0),
                text(error, "error_user_title", null), text(error, "error_user_msg", null), text(error, "message", null), ourCode, true);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", ourCode);
        answer.put("title", wording.title());
        answer.put("message", wording.sentence());
        answer.put("user_message", wording.sentence());
        answer.put("next_step", wording.nextStep());
        answer.put("category", category);
        if (error.path("code").isNumber()) {
            answer.put("meta", metaDetails(error));
        }
        return answer;
    }

    void audit(AdsCaller caller, String action, String targetType, String targetId,
            @Nullable Map<String, Object> before, @Nullable Map<String, Object> after, String outcome) {
        events.publishEvent(new AuditEvent(caller.tenant(), caller.actor(), action, targetType, targetId, before,
                after, outcome, caller.requestId(), caller.clientIp(), clock.instant()));
    }

    static List<JsonNode> rows(McpToolClient.ToolResult result) {
        List<JsonNode> rows = new ArrayList<>();
        result.content().path("data").forEach(rows::add);
        return rows;
    }

    static Map<String, Object> paging(JsonNode page) {
        Map<String, Object> paging = new LinkedHashMap<>();
        String next = text(page, "next_cursor", null);
        paging.put("next_cursor", next);
        return paging;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static @Nullable String text(JsonNode node, String field, @Nullable String fallback) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? fallback : value.asString();
    }

    static double number(JsonNode row, String field) {
        JsonNode value = row.path(field);
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return value.isString() ? Double.parseDouble(value.asString()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
