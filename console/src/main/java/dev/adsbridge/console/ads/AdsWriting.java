package dev.adsbridge.console.ads;

import dev.adsbridge.console.NotFoundException;
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
/**
 * Writes to the tenant's chosen accounts: creates, image uploads, status and budget changes. Every write checks the
 * caller may write, asks for confirmation before anything can spend more, supports a dry run, and is audited.
 */
@Service
public class AdsWriting {

    private static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED", "ARCHIVED");

    private final AdsGateway gateway;

    AdsWriting(AdsGateway gateway) {
        this.gateway = gateway;
    }

    /** What a write did: whether it created something, and the answer to give. */
    public record WriteResult(boolean created, Object body) {
    }

    /** Creates a campaign, ad set, ad or creative in a chosen account ({@code kind}: what to create). */
    public WriteResult create(AdsCaller caller, ObjectKind kind, String accountId, Map<String, Object> body) {
        String action = kind.name + ".create";
        AdsGateway.Scope scope = gateway.scopeForWrite(caller, accountId, action, kind.name, "");
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("account_id", scope.accountId());
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
            default -> throw AdsException.notFound();
        }
        if (!problems.isEmpty()) {
            throw AdsException.validation(problems);
        }
        // The parents named in the body must live in the same chosen account.
        if (args.get("campaign_id") instanceof String campaign) {
            gateway.requireIn(caller, ObjectKind.CAMPAIGN, campaign, scope.accountId(), "campaign_id");
        }
        if (args.get("adset_id") instanceof String adset) {
            gateway.requireIn(caller, ObjectKind.ADSET, adset, scope.accountId(), "adset_id");
        }
        if (args.get("creative_id") instanceof String creative) {
            gateway.requireIn(caller, ObjectKind.CREATIVE, creative, scope.accountId(), "creative_id");
        }
        return write(caller, scope.connectionId(), scope.accountId(), tool, args, validateOnly, action, kind.name, null,
                null, true);
    }

    /** Uploads an image to a chosen account's library → {@code {hash, url}}. */
    public WriteResult uploadImage(AdsCaller caller, String accountId, byte[] bytes, @Nullable String fileName,
            boolean validateOnly) {
        AdsGateway.Scope scope = gateway.scopeForWrite(caller, accountId, "image.upload", "image", "");
        if (bytes.length == 0) {
            throw AdsException.validation("file", "Choose an image file.");
        }
        String type = AdsReading.sniff(bytes);
        if (!type.startsWith("image/")) {
            throw AdsException.validation("file", "This file is not a JPEG, PNG, GIF or WebP image.");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("account_id", scope.accountId());
        args.put("file", "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes));
        if (fileName != null && !fileName.isBlank()) {
            args.put("name", fileName);
        }
        Map<String, Object> shown = new LinkedHashMap<>(args);
        shown.put("file", "(" + bytes.length + " bytes, " + type + ")");
        WriteResult result = write(caller, scope.connectionId(), scope.accountId(), "upload_ad_image", args,
                validateOnly,
                "image.upload", "image", null, shown, true);
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
    public WriteResult setStatus(AdsCaller caller, ObjectKind kind, String id, Map<String, Object> body) {
        String action = kind.name + ".status";
        AdsGateway.Located located = gateway.locateForWrite(caller, kind, id, action);
        Object requested = body.get("status");
        String status = requested instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : "";
        if (!STATUSES.contains(status)) {
            throw AdsException.validation("status", "Choose ACTIVE, PAUSED or ARCHIVED.");
        }
        String current = AdsGateway.text(located.details(), "status", null);
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        if ("ACTIVE".equals(status) && !"ACTIVE".equals(current) && !validateOnly
                && !Boolean.TRUE.equals(body.get("confirm"))) {
            throw AdsGateway.confirmation("Activating starts spending money. Send \"confirm\": true to go ahead.",
                    Map.of("status", String.valueOf(current)), Map.of("status", status));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(kind.idArgument(), id);
        args.put("status", status);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", current);
        return write(caller, located.connectionId(), located.accountId(), kind.updateTool, args, validateOnly, action,
                kind.name, before, null, false);
    }

    /** Changes a daily or lifetime budget (minor units); an increase needs {@code confirm}. */
    public WriteResult setBudget(AdsCaller caller, ObjectKind kind, String id, Map<String, Object> body) {
        String action = kind.name + ".budget";
        AdsGateway.Located located = gateway.locateForWrite(caller, kind, id, action);
        String field = body.containsKey("daily_budget") ? "daily_budget"
                : body.containsKey("lifetime_budget") ? "lifetime_budget" : null;
        if (field == null || (body.containsKey("daily_budget") && body.containsKey("lifetime_budget"))) {
            throw AdsException.validation("daily_budget", "Send either daily_budget or lifetime_budget.");
        }
        Long requested = minorUnits(body.get(field));
        if (requested == null || requested <= 0) {
            throw AdsException.validation(field, "A positive amount in minor units, e.g. \"5000\" for 50.00.");
        }
        String currentText = AdsGateway.text(located.details(), field, null);
        Long current = currentText == null || currentText.isBlank() ? null : minorUnits(currentText);
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        if ((current == null || requested > current) && !validateOnly && !Boolean.TRUE.equals(body.get("confirm"))) {
            Map<String, Object> was = new LinkedHashMap<>();
            was.put(field, currentText);
            throw AdsGateway.confirmation(
                    "This raises the budget, so it can spend more. Send \"confirm\": true to go ahead.",
                    was, Map.of(field, requested.toString()));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(kind.idArgument(), id);
        args.put(field, requested);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put(field, currentText);
        return write(caller, located.connectionId(), located.accountId(), kind.updateTool, args, validateOnly, action,
                kind.name, before, null, false);
    }

    private WriteResult write(AdsCaller caller, UUID connection, String accountId, @Nullable String tool,
            Map<String, Object> args, boolean validateOnly, String action, String targetType,
            @Nullable Map<String, Object> before, @Nullable Map<String, Object> shownArgs, boolean created) {
        if (tool == null) {
            throw AdsException.notFound();
        }
        Map<String, Object> wouldSend = shownArgs != null ? shownArgs : args;
        String targetId = String.valueOf(args.getOrDefault(targetType + "_id", ""));
        if (validateOnly) {
            Map<String, Object> dryRun = new LinkedHashMap<>(args);
            dryRun.put("validate_only", true);
            McpToolClient.ToolResult result = gateway.callRaw(caller, connection, accountId, tool, dryRun, true);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("validate_only", true);
            answer.put("tool", tool);
            answer.put("would_send", wouldSend);
            if (result.isError()) {
                String category = result.content().path("error").path("category").asString("");
                if (Set.of("auth", "rate_limit", "transient", "unknown").contains(category)) {
                    throw gateway.failure(caller, connection, accountId, result.content());
                }
                // One place for the refusal: the same code and texts a real write would fail with.
                answer.put("meta_validation", AdsGateway.validationError(result.content().path("error")));
            } else {
                answer.put("meta_validation", "ok");
            }
            return new WriteResult(false, answer);
        }
        McpToolClient.ToolResult result;
        try {
            result = gateway.call(caller, connection, accountId, tool, args, true);
        } catch (AdsException e) {
            Map<String, Object> failed = new LinkedHashMap<>(wouldSend);
            failed.put("error", e.code());
            gateway.audit(caller, action, targetType, targetId, before, failed, AuditEvent.FAILURE);
            throw e;
        }
        Map<String, Object> answer = new LinkedHashMap<>(AdsGateway.JSON.convertValue(result.content(), Map.class));
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
        gateway.audit(caller, action, targetType, id, before, after, AuditEvent.SUCCESS);
        return new WriteResult(created, answer);
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
}
