package dev.adsbridge.console.ads;

import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.apikeys.ApiCaller;
import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.connections.Connection;
import dev.adsbridge.console.connections.ConnectionUnavailableException;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and operates the tenant's chosen Meta ad accounts through the Meta Ads MCP server, with the tenant's token.
 * Only chosen accounts are usable: any other account, and any object whose account is not chosen, answers 404. Writes
 * check the caller's role or key scope, ask for confirmation before spending more, support a dry run, and are audited.
 * Failures are {@link ApiException}s with stable codes and Meta's own words.
 */
@Service
public class AdsOperations {

    /** The kinds of objects the API reaches by id. */
    public enum Kind {
        CAMPAIGN("campaign", "get_campaign_details", "update_campaign"),
        ADSET("adset", "get_adset_details", "update_adset"),
        AD("ad", "get_ad_details", "update_ad"),
        CREATIVE("creative", "get_creative_details", null);

        final String name;
        final String detailsTool;
        final @Nullable String updateTool;

        Kind(String name, String detailsTool, @Nullable String updateTool) {
            this.name = name;
            this.detailsTool = detailsTool;
            this.updateTool = updateTool;
        }

        String idArgument() {
            return name + "_id";
        }
    }

    /** An answer: HTTP status and a JSON body. */
    public record Result(int status, Object body) {
    }

    /** An image of the account's library. */
    public record Image(byte[] bytes, String contentType) {
    }

    /** An object found in one of the tenant's chosen accounts. */
    record Located(UUID connectionId, String accountId, JsonNode details) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,30}");
    private static final Pattern ACCOUNT = Pattern.compile("(act_)?[0-9]{1,30}");
    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED", "ARCHIVED");
    static final Map<String, String> RESULT_TYPES = Map.of("OUTCOME_TRAFFIC", "link_click", "OUTCOME_SALES",
            "purchase", "OUTCOME_LEADS", "lead", "OUTCOME_ENGAGEMENT", "post_engagement", "OUTCOME_APP_PROMOTION",
            "mobile_app_install", "OUTCOME_AWARENESS", "reach");

    private final Connections connections;
    private final ChosenAdAccountRepository chosen;
    private final McpToolClient mcp;
    private final MetaUsageGuard usage;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AdsOperations(Connections connections, ChosenAdAccountRepository chosen, McpToolClient mcp, MetaUsageGuard usage,
            ApplicationEventPublisher events, Clock clock) {
        this.connections = connections;
        this.chosen = chosen;
        this.mcp = mcp;
        this.usage = usage;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------ reads

    /** The tenant's connection (the newest usable one) and its chosen accounts. */
    public Map<String, Object> connection(TenantId tenant) {
        List<Connection> all = connections.all(tenant).stream()
                .sorted(Comparator.comparing(Connection::createdAt).reversed()).toList();
        Connection current = all.stream().filter(c -> !c.revoked()).findFirst()
                .orElse(all.isEmpty() ? null : all.get(0));
        Map<String, Object> answer = new LinkedHashMap<>();
        if (current == null) {
            answer.put("status", "none");
            answer.put("ad_accounts", List.of());
            return answer;
        }
        answer.put("id", current.id().toString());
        answer.put("status", current.status().name().toLowerCase(Locale.ROOT));
        answer.put("facebook_user_id", current.facebookUserId());
        answer.put("facebook_user_name", current.facebookUserName());
        answer.put("scopes", current.scopes());
        answer.put("expires_at", current.expiresAt() == null ? null : current.expiresAt().toString());
        answer.put("data_access_expires_at",
                current.dataAccessExpiresAt() == null ? null : current.dataAccessExpiresAt().toString());
        answer.put("status_reason", current.statusReason());
        answer.put("ad_accounts", chosen.ofConnection(tenant, current.id()).stream().map(a -> {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("id", a.adAccountId());
            account.put("name", a.name());
            account.put("currency", a.currency());
            return account;
        }).toList());
        return answer;
    }

    /** The chosen ad accounts, with Meta's current status, timezone and amount spent. */
    public Map<String, Object> adAccounts(ApiCaller caller) {
        List<ChosenAdAccount> accounts = chosen.all(caller.tenant());
        Map<String, JsonNode> live = new LinkedHashMap<>();
        for (UUID connection : new LinkedHashSet<>(accounts.stream().map(ChosenAdAccount::connectionId).toList())) {
            JsonNode listed = call(caller, connection, null, AdAccounts.LIST_TOOL, Map.of("limit", 200), false)
                    .content();
            for (JsonNode account : listed.path("data")) {
                live.put(account.path("id").asString(""), account);
            }
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (ChosenAdAccount account : accounts) {
            JsonNode meta = live.getOrDefault(account.adAccountId(), JSON.createObjectNode());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", account.adAccountId());
            row.put("name", meta.path("name").asString(account.name()));
            row.put("currency", meta.path("currency").asString(account.currency()));
            row.put("account_status", text(meta, "account_status_name", text(meta, "account_status", null)));
            row.put("timezone_name", text(meta, "timezone_name", null));
            String spent = text(meta, "amount_spent", null);
            row.put("amount_spent", spent);
            String formatted = MoneyFormat.format(spent, (String) row.get("currency"));
            row.put("amount_spent_formatted", formatted != null ? formatted
                    : text(meta, "amount_spent_formatted", null));
            data.add(row);
        }
        return Map.of("data", data);
    }

    /** Key numbers of an account for a preset, and for the period of equal length before it. */
    public Map<String, Object> summary(ApiCaller caller, String accountId, String datePreset) {
        InsightsQuery.requirePreset(datePreset);
        Scope scope = scope(caller.tenant(), accountId);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("object_id", scope.accountId);
        args.put("level", "account");
        args.put("time_range", datePreset);
        args.put("compact", true);
        List<JsonNode> rows = rows(call(caller, scope.connectionId, scope.accountId, "get_insights", args, false));
        Period period = Period.of(rows, datePreset, today());
        Map<String, Object> current = totals(rows, null);
        current.put("date_start", period.since.toString());
        current.put("date_stop", period.until.toString());
        Period before = period.previous();
        args.put("time_range", Map.of("since", before.since.toString(), "until", before.until.toString()));
        Map<String, Object> previous = totals(rows(call(caller, scope.connectionId, scope.accountId, "get_insights",
                args, false)), null);
        previous.put("date_start", before.since.toString());
        previous.put("date_stop", before.until.toString());
        String currency = currency(caller.tenant(), scope.accountId);
        current.put("currency", currency);
        previous.put("currency", currency);
        current.put("previous", previous);
        return current;
    }

    /** One page of an account's campaigns, with spend and results for the preset (one insights call per page). */
    public Map<String, Object> campaigns(ApiCaller caller, String accountId, @Nullable String status,
            @Nullable String objective, int limit, @Nullable String after, String datePreset) {
        InsightsQuery.requirePreset(datePreset);
        Scope scope = scope(caller.tenant(), accountId);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("account_id", scope.accountId);
        args.put("limit", limit);
        if (after != null && !after.isBlank()) {
            args.put("after", after);
        }
        if (status != null && !status.isBlank()) {
            args.put("status_filter", status.strip());
        }
        if (objective != null && !objective.isBlank()) {
            List<String> objectives = List.of(objective.split(",")).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            args.put("objective_filter", objectives.size() == 1 ? objectives.get(0) : objectives);
        }
        JsonNode page = call(caller, scope.connectionId, scope.accountId, "get_campaigns", args, false).content();
        List<JsonNode> campaigns = new ArrayList<>();
        page.path("data").forEach(campaigns::add);
        Map<String, JsonNode> insights = new LinkedHashMap<>();
        if (!campaigns.isEmpty()) {
            // One call for the page: the account's insights at campaign level, matched to the page's campaign ids.
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("object_id", scope.accountId);
            query.put("level", "campaign");
            query.put("time_range", datePreset);
            query.put("compact", true);
            query.put("limit", 500);
            for (JsonNode row : rows(call(caller, scope.connectionId, scope.accountId, "get_insights", query,
                    false))) {
                insights.put(row.path("campaign_id").asString(""), row);
            }
        }
        String currency = currency(caller.tenant(), scope.accountId);
        List<Map<String, Object>> data = new ArrayList<>();
        for (JsonNode campaign : campaigns) {
            Map<String, Object> row = new LinkedHashMap<>();
            String id = campaign.path("id").asString("");
            String obj = text(campaign, "objective", null);
            row.put("id", id);
            row.put("name", text(campaign, "name", null));
            row.put("objective", obj);
            row.put("status", text(campaign, "status", null));
            row.put("effective_status", text(campaign, "effective_status", null));
            row.put("daily_budget", text(campaign, "daily_budget", null));
            row.put("lifetime_budget", text(campaign, "lifetime_budget", null));
            String budget = MoneyFormat.budget(text(campaign, "daily_budget", null),
                    text(campaign, "lifetime_budget", null), currency);
            row.put("budget_formatted", budget != null ? budget : text(campaign, "daily_budget_formatted",
                    text(campaign, "lifetime_budget_formatted", null)));
            JsonNode stats = insights.get(id);
            String resultType = RESULT_TYPES.getOrDefault(obj == null ? "" : obj, "link_click");
            row.put("spend", stats == null ? 0.0 : number(stats, "spend"));
            row.put("results", stats == null ? 0.0 : results(stats, resultType));
            row.put("result_type", resultType);
            data.add(row);
        }
        return Map.of("data", data, "paging", paging(page));
    }

    /** One object, when it belongs to a chosen account. */
    public JsonNode object(ApiCaller caller, Kind kind, String id) {
        return locate(caller, kind, id).details();
    }

    /** A campaign's ad sets, an ad set's ads, or an ad's creatives. */
    public Map<String, Object> children(ApiCaller caller, Kind parent, String id, int limit, @Nullable String after) {
        Located located = locate(caller, parent, id);
        Map<String, Object> args = new LinkedHashMap<>();
        String tool;
        switch (parent) {
            case CAMPAIGN -> {
                tool = "get_adsets";
                args.put("account_id", located.accountId());
                args.put("campaign_id", id);
            }
            case ADSET -> {
                tool = "get_ads";
                args.put("account_id", located.accountId());
                args.put("adset_id", id);
            }
            case AD -> {
                tool = "get_ad_creatives";
                args.put("ad_id", id);
            }
            default -> throw ApiException.notFound();
        }
        if (parent != Kind.AD) {
            args.put("limit", limit);
            if (after != null && !after.isBlank()) {
                args.put("after", after);
            }
        }
        JsonNode page = call(caller, located.connectionId(), located.accountId(), tool, args, false).content();
        List<JsonNode> data = new ArrayList<>();
        page.path("data").forEach(data::add);
        return Map.of("data", data, "paging", paging(page));
    }

    /** An image of a chosen account's library, by hash; the content type comes from the bytes. */
    public Image image(ApiCaller caller, String accountId, String hash) {
        Scope scope = scope(caller.tenant(), accountId);
        if (!HASH.matcher(hash).matches()) {
            throw ApiException.notFound();
        }
        McpToolClient.ToolResult result = callRaw(caller, scope.connectionId, scope.accountId, "get_image_by_hash",
                Map.of("account_id", scope.accountId, "image_hash", hash), false);
        if (result.isError()) {
            // A hash the account's library does not hold is a missing resource, not a bad request.
            String category = result.content().path("error").path("category").asString("");
            if ("invalid_request".equals(category)) {
                throw ApiException.notFound();
            }
            throw failure(caller, scope.connectionId, scope.accountId, result.content());
        }
        for (JsonNode item : result.result().path("content")) {
            if ("image".equals(item.path("type").asString(""))) {
                byte[] bytes = Base64.getDecoder().decode(item.path("data").asString(""));
                return new Image(bytes, sniff(bytes));
            }
        }
        throw ApiException.notFound();
    }

    /**
     * Insights of an object (account, campaign, ad set or ad of a chosen account): rows with numbers as numbers, the
     * totals, and with {@code compare=previous} the same for the period of equal length just before.
     */
    public Map<String, Object> insights(ApiCaller caller, InsightsQuery query) {
        String objectId = query.objectId();
        UUID connection;
        String account;
        String level;
        if (objectId.startsWith("act_")) {
            Scope scope = scope(caller.tenant(), objectId);
            connection = scope.connectionId;
            account = scope.accountId;
            objectId = scope.accountId;
            level = "account";
        } else {
            Found found = locateAny(caller, objectId);
            connection = found.located().connectionId();
            account = found.located().accountId();
            level = found.kind().name;
        }
        Map<String, Object> args = query.arguments(objectId);
        // Like Meta, rows default to the object's own level (the MCP tool would default to ads).
        args.putIfAbsent("level", level);
        List<JsonNode> rows = rows(call(caller, connection, account, "get_insights", args, false));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rows", rows.stream().map(r -> row(r, query.resultType())).toList());
        answer.put("totals", totals(rows, query.resultType()));
        Period period = query.since() != null && query.until() != null
                ? new Period(LocalDate.parse(query.since()), LocalDate.parse(query.until()))
                : Period.of(rows, query.datePreset(), today());
        answer.put("since", period.since.toString());
        answer.put("until", period.until.toString());
        if (query.comparePrevious()) {
            Period before = period.previous();
            args.put("time_range", Map.of("since", before.since.toString(), "until", before.until.toString()));
            List<JsonNode> previousRows = rows(call(caller, connection, account, "get_insights", args, false));
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("rows", previousRows.stream().map(r -> row(r, query.resultType())).toList());
            previous.put("totals", totals(previousRows, query.resultType()));
            previous.put("since", before.since.toString());
            previous.put("until", before.until.toString());
            answer.put("previous", previous);
        }
        return answer;
    }

    // ------------------------------------------------------------------------------------------------ writes

    /** Creates a campaign, ad set, ad or creative in a chosen account ({@code kind}: what to create). */
    public Result create(ApiCaller caller, Kind kind, String accountId, Map<String, Object> body) {
        String action = kind.name + ".create";
        Scope scope = scopeForWrite(caller, accountId, action, kind.name, "");
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("account_id", scope.accountId);
        String tool;
        Map<String, String> problems = new LinkedHashMap<>();
        switch (kind) {
            case CAMPAIGN -> {
                tool = "create_campaign";
                copy(body, args, problems, List.of("name", "objective"), List.of("status", "special_ad_categories",
                        "daily_budget", "lifetime_budget", "bid_strategy", "buying_type", "bid_cap", "spend_cap",
                        "stop_time", "use_adset_level_budgets"));
                args.putIfAbsent("special_ad_categories", List.of());
            }
            case ADSET -> {
                tool = "create_adset";
                copy(body, args, problems, List.of("campaign_id", "name", "optimization_goal", "billing_event"),
                        List.of("status", "daily_budget", "lifetime_budget", "targeting", "bid_amount",
                                "bid_strategy", "bid_constraints", "start_time", "end_time", "promoted_object",
                                "destination_type"));
            }
            case AD -> {
                tool = "create_ad";
                copy(body, args, problems, List.of("name", "adset_id", "creative_id"),
                        List.of("status", "tracking_specs"));
            }
            case CREATIVE -> {
                tool = "create_ad_creative";
                copy(body, args, problems, List.of(), List.of("name", "page_id", "image_hash", "link_url", "message",
                        "headline", "description", "call_to_action_type", "url_tags", "object_story_id"));
            }
            default -> throw ApiException.notFound();
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        // The parents named in the body must live in the same chosen account.
        if (args.get("campaign_id") instanceof String campaign) {
            requireIn(caller, Kind.CAMPAIGN, campaign, scope.accountId, "campaign_id");
        }
        if (args.get("adset_id") instanceof String adset) {
            requireIn(caller, Kind.ADSET, adset, scope.accountId, "adset_id");
        }
        if (args.get("creative_id") instanceof String creative) {
            requireIn(caller, Kind.CREATIVE, creative, scope.accountId, "creative_id");
        }
        return write(caller, scope.connectionId, scope.accountId, tool, args, validateOnly, action, kind.name, null,
                null, 201);
    }

    /** Uploads an image to a chosen account's library → {@code {hash, url}}. */
    public Result uploadImage(ApiCaller caller, String accountId, byte[] bytes, @Nullable String fileName,
            boolean validateOnly) {
        Scope scope = scopeForWrite(caller, accountId, "image.upload", "image", "");
        if (bytes.length == 0) {
            throw ApiException.validation("file", "Choose an image file.");
        }
        String type = sniff(bytes);
        if (!type.startsWith("image/")) {
            throw ApiException.validation("file", "This file is not a JPEG, PNG, GIF or WebP image.");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("account_id", scope.accountId);
        args.put("file", "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes));
        if (fileName != null && !fileName.isBlank()) {
            args.put("name", fileName);
        }
        Map<String, Object> shown = new LinkedHashMap<>(args);
        shown.put("file", "(" + bytes.length + " bytes, " + type + ")");
        Result result = write(caller, scope.connectionId, scope.accountId, "upload_ad_image", args, validateOnly,
                "image.upload", "image", null, shown, 201);
        if (!validateOnly && result.body() instanceof Map<?, ?> body) {
            // The contract's {hash, url}: the MCP tool answers image_hash and images[{hash, url, name}].
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) body;
            answer.putIfAbsent("hash", answer.get("image_hash"));
            if (answer.get("images") instanceof List<?> images && !images.isEmpty()
                    && images.get(0) instanceof Map<?, ?> first) {
                answer.putIfAbsent("url", first.get("url"));
            }
        }
        return result;
    }

    /** Pause, activate or archive; activating needs {@code confirm}. */
    public Result setStatus(ApiCaller caller, Kind kind, String id, Map<String, Object> body) {
        String action = kind.name + ".status";
        Located located = locateForWrite(caller, kind, id, action);
        Object requested = body.get("status");
        String status = requested instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : "";
        if (!STATUSES.contains(status)) {
            throw ApiException.validation("status", "Choose ACTIVE, PAUSED or ARCHIVED.");
        }
        String current = text(located.details(), "status", null);
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        if ("ACTIVE".equals(status) && !"ACTIVE".equals(current) && !validateOnly
                && !Boolean.TRUE.equals(body.get("confirm"))) {
            throw confirmation("Activating starts spending money. Send \"confirm\": true to go ahead.",
                    Map.of("status", String.valueOf(current)), Map.of("status", status));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(kind.idArgument(), id);
        args.put("status", status);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", current);
        return write(caller, located.connectionId(), located.accountId(), kind.updateTool, args, validateOnly, action,
                kind.name, before, null, 200);
    }

    /** Changes a daily or lifetime budget (minor units); an increase needs {@code confirm}. */
    public Result setBudget(ApiCaller caller, Kind kind, String id, Map<String, Object> body) {
        String action = kind.name + ".budget";
        Located located = locateForWrite(caller, kind, id, action);
        String field = body.containsKey("daily_budget") ? "daily_budget"
                : body.containsKey("lifetime_budget") ? "lifetime_budget" : null;
        if (field == null || (body.containsKey("daily_budget") && body.containsKey("lifetime_budget"))) {
            throw ApiException.validation("daily_budget", "Send either daily_budget or lifetime_budget.");
        }
        Long requested = minorUnits(body.get(field));
        if (requested == null || requested <= 0) {
            throw ApiException.validation(field, "A positive amount in minor units, e.g. \"5000\" for 50.00.");
        }
        String currentText = text(located.details(), field, null);
        Long current = currentText == null || currentText.isBlank() ? null : minorUnits(currentText);
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        if ((current == null || requested > current) && !validateOnly && !Boolean.TRUE.equals(body.get("confirm"))) {
            Map<String, Object> was = new LinkedHashMap<>();
            was.put(field, currentText);
            throw confirmation("This raises the budget, so it can spend more. Send \"confirm\": true to go ahead.",
                    was, Map.of(field, requested.toString()));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(kind.idArgument(), id);
        args.put(field, requested);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put(field, currentText);
        return write(caller, located.connectionId(), located.accountId(), kind.updateTool, args, validateOnly, action,
                kind.name, before, null, 200);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private record Scope(UUID connectionId, String accountId) {
    }

    private Scope scope(TenantId tenant, String accountId) {
        if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
            throw ApiException.notFound();
        }
        String normalized = accountId.startsWith("act_") ? accountId : "act_" + accountId;
        List<ChosenAdAccount> accounts = chosen.all(tenant);
        if (accounts.isEmpty() && connections.all(tenant).isEmpty()) {
            throw new ApiException(409, "no_connection", "Connect Facebook Ads and choose an ad account first.");
        }
        return accounts.stream().filter(a -> a.adAccountId().equals(normalized)).findFirst()
                .map(a -> new Scope(a.connectionId(), a.adAccountId()))
                .orElseThrow(ApiException::notFound);
    }

    /** The chosen account's currency, if any connection that chose it knows one. */
    private @Nullable String currency(TenantId tenant, String accountId) {
        return chosen.all(tenant).stream().filter(a -> a.adAccountId().equals(accountId))
                .map(ChosenAdAccount::currency).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private Scope scopeForWrite(ApiCaller caller, String accountId, String action, String targetType,
            String targetId) {
        requireWrite(caller, action, targetType, targetId);
        return scope(caller.tenant(), accountId);
    }

    private Located locateForWrite(ApiCaller caller, Kind kind, String id, String action) {
        requireWrite(caller, action, kind.name, id);
        return locate(caller, kind, id);
    }

    private void requireWrite(ApiCaller caller, String action, String targetType, String targetId) {
        try {
            caller.requireWrite();
        } catch (ApiException e) {
            audit(caller, action, targetType, targetId, null, null, AuditEvent.DENIED);
            throw e;
        }
    }

    private void requireIn(ApiCaller caller, Kind kind, String id, String accountId, String field) {
        Located parent;
        try {
            parent = locate(caller, kind, id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw ApiException.validation(field, "No such " + kind.name + " in this ad account.");
            }
            throw e;
        }
        if (!parent.accountId().equals(accountId)) {
            throw ApiException.validation(field, "No such " + kind.name + " in this ad account.");
        }
    }

    /** Finds an object by id in the tenant's chosen accounts (trying each of the tenant's connections). */
    Located locate(ApiCaller caller, Kind kind, String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            throw ApiException.notFound();
        }
        List<ChosenAdAccount> accounts = chosen.all(caller.tenant());
        for (UUID connection : new LinkedHashSet<>(accounts.stream().map(ChosenAdAccount::connectionId).toList())) {
            McpToolClient.ToolResult result = callRaw(caller, connection, null, kind.detailsTool,
                    Map.of(kind.idArgument(), id), false);
            if (result.isError()) {
                String category = result.content().path("error").path("category").asString("");
                if ("auth".equals(category) || "rate_limit".equals(category) || "transient".equals(category)) {
                    throw failure(caller, connection, null, result.content());
                }
                continue; // not found with this connection's token
            }
            String account = result.content().path("account_id").asString("");
            String normalized = account.startsWith("act_") ? account : "act_" + account;
            boolean chosenHere = accounts.stream().anyMatch(a -> a.connectionId().equals(connection)
                    && a.adAccountId().equals(normalized));
            if (chosenHere) {
                return new Located(connection, normalized, result.content());
            }
        }
        throw ApiException.notFound();
    }

    /** An object found by id alone, and what kind it is. */
    private record Found(Kind kind, Located located) {
    }

    private Found locateAny(ApiCaller caller, String id) {
        for (Kind kind : List.of(Kind.CAMPAIGN, Kind.ADSET, Kind.AD)) {
            try {
                return new Found(kind, locate(caller, kind, id));
            } catch (ApiException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        throw ApiException.notFound();
    }

    private Result write(ApiCaller caller, UUID connection, String accountId, @Nullable String tool,
            Map<String, Object> args, boolean validateOnly, String action, String targetType,
            @Nullable Map<String, Object> before, @Nullable Map<String, Object> shownArgs, int createdStatus) {
        if (tool == null) {
            throw ApiException.notFound();
        }
        Map<String, Object> wouldSend = shownArgs != null ? shownArgs : args;
        String targetId = String.valueOf(args.getOrDefault(targetType + "_id", ""));
        if (validateOnly) {
            Map<String, Object> dryRun = new LinkedHashMap<>(args);
            dryRun.put("validate_only", true);
            McpToolClient.ToolResult result = callRaw(caller, connection, accountId, tool, dryRun, true);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("validate_only", true);
            answer.put("tool", tool);
            answer.put("would_send", wouldSend);
            if (result.isError()) {
                String category = result.content().path("error").path("category").asString("");
                if (Set.of("auth", "rate_limit", "transient", "unknown").contains(category)) {
                    throw failure(caller, connection, accountId, result.content());
                }
                // One place for the refusal: the same code and texts a real write would fail with.
                answer.put("meta_validation", validationError(result.content().path("error")));
            } else {
                answer.put("meta_validation", "ok");
            }
            return new Result(200, answer);
        }
        McpToolClient.ToolResult result;
        try {
            result = call(caller, connection, accountId, tool, args, true);
        } catch (ApiException e) {
            Map<String, Object> failed = new LinkedHashMap<>(wouldSend);
            failed.put("error", e.code());
            audit(caller, action, targetType, targetId, before, failed, AuditEvent.FAILURE);
            throw e;
        }
        Map<String, Object> answer = new LinkedHashMap<>(JSON.convertValue(result.content(), Map.class));
        Map<String, Object> after = new LinkedHashMap<>(wouldSend);
        after.remove(targetType + "_id");
        // Tools name the new object's id "id", "<type>_id" (create_ad_creative) or, for images, the hash.
        String id = targetId;
        for (String field : List.of("id", targetType + "_id", "hash", "image_hash")) {
            if (id.isEmpty() && answer.get(field) != null) {
                id = String.valueOf(answer.get(field));
            }
        }
        answer.putIfAbsent("id", id);
        if (before != null) {
            answer.put("previous", before);
            answer.putAll(after);
        }
        audit(caller, action, targetType, id, before, after, AuditEvent.SUCCESS);
        return new Result(createdStatus, answer);
    }

    /** A tool call whose isError results become ApiExceptions. */
    McpToolClient.ToolResult call(ApiCaller caller, UUID connection, @Nullable String accountId, String tool,
            Map<String, ?> args, boolean write) {
        McpToolClient.ToolResult result = callRaw(caller, connection, accountId, tool, args, write);
        if (result.isError()) {
            throw failure(caller, connection, accountId, result.content());
        }
        return result;
    }

    private McpToolClient.ToolResult callRaw(ApiCaller caller, UUID connection, @Nullable String accountId,
            String tool, Map<String, ?> args, boolean write) {
        if (accountId != null) {
            usage.beforeCall(accountId);
        }
        McpToolClient.ToolResult result;
        try {
            result = connections.withToken(caller.tenant(), connection, token -> mcp.call(token, tool, args, write));
        } catch (ConnectionUnavailableException e) {
            throw needsReconnect();
        } catch (NotFoundException e) {
            throw new ApiException(409, "no_connection", "Connect Facebook Ads first.");
        } catch (McpToolClient.McpUnavailableException e) {
            throw new ApiException(502, "meta_error", "Meta could not be reached just now. Try again in a minute.");
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

    private ApiException failure(ApiCaller caller, UUID connection, @Nullable String accountId, JsonNode content) {
        JsonNode error = content.path("error");
        String category = error.path("category").asString("unknown");
        Map<String, Object> meta = metaDetails(error);
        String message = userMessage(error);
        int code = error.path("code").asInt(0);
        int subcode = error.path("error_subcode").asInt(0);
        return switch (category) {
            case "auth" -> {
                connections.markNeedsReconnect(caller.tenant(), connection,
                        "Meta no longer accepts the token: " + error.path("message").asString(""));
                audit(caller, "connection.needs_reconnect", "connection", connection.toString(),
                        Map.of("status", "active"), Map.of("status", "needs_reconnect"), AuditEvent.SUCCESS);
                yield needsReconnect();
            }
            case "rate_limit" -> {
                long retry = Math.max(1, error.path("retry_after_seconds").asLong(60));
                if (accountId != null) {
                    usage.record(accountId, 100, retry);
                }
                yield new ApiException(429, "meta_rate_limited", "Meta is limiting calls for this ad account right "
                        + "now (" + message + "). Try again in " + retry + " seconds.", meta, null, null, retry);
            }
            case "permission" -> new ApiException(403, "meta_permission_denied", message, meta, null, null, null);
            case "invalid_request" -> code == 100 && subcode == 33 ? ApiException.notFound()
                    : new ApiException(400, "meta_invalid_request", message, meta, null, null, null);
            default -> new ApiException(502, "meta_error", message, meta, null, null, null);
        };
    }

    private static ApiException needsReconnect() {
        return new ApiException(409, "connection_needs_reconnect", "Facebook no longer accepts this connection. "
                + "An owner or admin must reconnect it in Settings.");
    }

    private static ApiException confirmation(String message, Map<String, Object> current,
            Map<String, Object> requested) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("current", current);
        details.put("requested", requested);
        return new ApiException(409, "confirmation_required", message, null, details, null, null);
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

    private static String userMessage(JsonNode error) {
        String userMessage = text(error, "error_user_msg", null);
        String title = text(error, "error_user_title", null);
        if (userMessage != null && !userMessage.isBlank()) {
            return title != null && !title.isBlank() ? title + ": " + userMessage : userMessage;
        }
        return McpMessages.forMarketer(error.path("message").asString("Meta refused the request."));
    }

    /**
     * A dry run's refusal as {@code meta_validation}: {@code code} (the stable code the real write would fail with),
     * {@code title}, {@code message} and {@code user_message} in a marketer's words, the MCP {@code category}, and
     * {@code meta} (Meta's code, subcode, texts, trace id) only when Meta itself answered.
     */
    static Map<String, Object> validationError(JsonNode error) {
        String category = error.path("category").asString("unknown");
        String userTitle = text(error, "error_user_title", null);
        String userMsg = text(error, "error_user_msg", null);
        String message = McpMessages.forMarketer(error.path("message").asString("Meta refused the request."));
        boolean fromMeta = error.path("code").isNumber();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", switch (category) {
            case "permission" -> "meta_permission_denied";
            case "invalid_request" -> "meta_invalid_request";
            default -> "meta_error";
        });
        answer.put("title", userTitle != null && !userTitle.isBlank() ? userTitle : switch (category) {
            case "permission" -> "Permission missing";
            case "invalid_request" -> "Settings need a change";
            default -> "Not accepted";
        });
        answer.put("message", userMsg != null && !userMsg.isBlank() ? userMsg : message);
        answer.put("user_message", userMsg != null && !userMsg.isBlank() ? userMsg : message);
        answer.put("category", category);
        if (fromMeta) {
            answer.put("meta", metaDetails(error));
        }
        return answer;
    }

    private void audit(ApiCaller caller, String action, String targetType, String targetId,
            @Nullable Map<String, Object> before, @Nullable Map<String, Object> after, String outcome) {
        events.publishEvent(new AuditEvent(caller.tenant(), caller.actor(), action, targetType, targetId, before,
                after, outcome, caller.requestId(), caller.clientIp(), clock.instant()));
    }

    private static void copy(Map<String, Object> body, Map<String, Object> args, Map<String, String> problems,
            List<String> required, List<String> optional) {
        for (String field : required) {
            Object value = body.get(field);
            if (value == null || (value instanceof String s && s.isBlank())) {
                problems.put(field, "Required.");
            } else {
                args.put(field, convert(field, value, problems));
            }
        }
        for (String field : optional) {
            Object value = body.get(field);
            if (value != null && !(value instanceof String s && s.isBlank())) {
                args.put(field, convert(field, value, problems));
            }
        }
    }

    private static Object convert(String field, Object value, Map<String, String> problems) {
        if (field.endsWith("_budget") || field.equals("bid_cap") || field.equals("spend_cap")
                || field.equals("bid_amount")) {
            Long amount = minorUnits(value);
            if (amount == null || amount < 0) {
                problems.put(field, "A whole amount in minor units, e.g. \"5000\" for 50.00.");
                return value;
            }
            return amount;
        }
        if (field.endsWith("_id") && value instanceof Number number) {
            return Long.toString(number.longValue());
        }
        return value;
    }

    static @Nullable Long minorUnits(@Nullable Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String s && s.strip().matches("[0-9]{1,15}")) {
            return Long.parseLong(s.strip());
        }
        return null;
    }

    static List<JsonNode> rows(McpToolClient.ToolResult result) {
        List<JsonNode> rows = new ArrayList<>();
        result.content().path("data").forEach(rows::add);
        return rows;
    }

    private static Map<String, Object> paging(JsonNode page) {
        Map<String, Object> paging = new LinkedHashMap<>();
        String next = text(page, "next_cursor", null);
        paging.put("next_cursor", next);
        return paging;
    }

    static Map<String, Object> row(JsonNode row, @Nullable String resultType) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                out.put(e.getKey(), v.numberValue());
            } else if (v.isString() && v.asString().matches("-?[0-9]+(\\.[0-9]+)?")
                    && !e.getKey().endsWith("_id")) {
                out.put(e.getKey(), Double.parseDouble(v.asString()));
            } else {
                out.put(e.getKey(), JSON.convertValue(v, Object.class));
            }
        });
        out.put("results", results(row, resultType == null ? "link_click" : resultType));
        return out;
    }

    static Map<String, Object> totals(List<JsonNode> rows, @Nullable String resultType) {
        double spend = 0;
        double impressions = 0;
        double clicks = 0;
        double reach = 0;
        double results = 0;
        for (JsonNode row : rows) {
            spend += number(row, "spend");
            impressions += number(row, "impressions");
            clicks += number(row, "clicks");
            reach += number(row, "reach");
            results += results(row, resultType == null ? "link_click" : resultType);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("spend", Math.round(spend * 100) / 100.0);
        totals.put("impressions", (long) impressions);
        totals.put("clicks", (long) clicks);
        totals.put("reach", (long) reach);
        totals.put("ctr", impressions == 0 ? 0.0 : Math.round(clicks / impressions * 10000) / 100.0);
        totals.put("cpc", clicks == 0 ? 0.0 : Math.round(spend / clicks * 100) / 100.0);
        totals.put("cpm", impressions == 0 ? 0.0 : Math.round(spend / impressions * 100000) / 100.0);
        totals.put("results", (long) results);
        return totals;
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

    static double results(JsonNode row, String resultType) {
        if ("reach".equals(resultType)) {
            return number(row, "reach");
        }
        JsonNode actions = row.path("actions");
        if (actions.isObject()) {
            return number(actions, resultType);
        }
        double total = 0;
        for (JsonNode action : actions) {
            if (resultType.equals(action.path("action_type").asString(""))) {
                total += number(action, "value");
            }
        }
        return total;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static @Nullable String text(JsonNode node, String field, @Nullable String fallback) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? fallback : value.asString();
    }

    static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "image/gif";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W'
                && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return "application/octet-stream";
    }

    /** A reporting period, inclusive. */
    record Period(LocalDate since, LocalDate until) {

        /** The period of equal length that ends the day before this one starts. */
        Period previous() {
            long days = ChronoUnit.DAYS.between(since, until) + 1;
            return new Period(since.minusDays(days), since.minusDays(1));
        }

        /** The dates Meta answered with, or the preset computed from today when there were no rows. */
        static Period of(List<JsonNode> rows, @Nullable String preset, LocalDate today) {
            LocalDate since = null;
            LocalDate until = null;
            for (JsonNode row : rows) {
                String start = text(row, "date_start", null);
                String stop = text(row, "date_stop", null);
                if (start != null && (since == null || LocalDate.parse(start).isBefore(since))) {
                    since = LocalDate.parse(start);
                }
                if (stop != null && (until == null || LocalDate.parse(stop).isAfter(until))) {
                    until = LocalDate.parse(stop);
                }
            }
            if (since != null && until != null) {
                return new Period(since, until);
            }
            return switch (preset == null ? "last_30d" : preset) {
                case "today" -> new Period(today, today);
                case "yesterday" -> new Period(today.minusDays(1), today.minusDays(1));
                case "last_3d" -> new Period(today.minusDays(3), today.minusDays(1));
                case "last_7d" -> new Period(today.minusDays(7), today.minusDays(1));
                case "last_14d" -> new Period(today.minusDays(14), today.minusDays(1));
                case "last_28d" -> new Period(today.minusDays(28), today.minusDays(1));
                case "last_90d" -> new Period(today.minusDays(90), today.minusDays(1));
                default -> new Period(today.minusDays(30), today.minusDays(1));
            };
        }
    }
}
