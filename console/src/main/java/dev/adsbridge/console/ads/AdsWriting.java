package dev.adsbridge.console.ads;

import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.connections.Connection;
import dev.adsbridge.console.connections.ConnectionUnavailableException;
import dev.adsbridge.console.connections.Connections;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
import java.util.Optional;
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
 * caller may write, asks for confirmation before anything can start or raise spend ({@link SpendReview}), holds
 * amounts against the tenant's {@link SpendGuards}, supports a dry run that says in words what would happen, and is
 * audited. Writes that only stop or lower spend skip our own back-off in front of Meta.
 */
@Service
public class AdsWriting {

    private static final Set<String> STATUSES = Set.of("ACTIVE", "PAUSED", "ARCHIVED");
    /** The fields of a budget change: budgets, bids, the campaign spending limit and the end of the schedule. */
    private static final Map<ObjectKind, List<String>> BUDGET_FIELDS = Map.of(
            ObjectKind.CAMPAIGN, List.of("daily_budget", "lifetime_budget", "spend_cap", "stop_time"),
            ObjectKind.ADSET, List.of("daily_budget", "lifetime_budget", "bid_amount", "bid_constraints", "end_time"));
    private static final Set<String> CONTROL_FIELDS = Set.of("validate_only", "confirm", "confirm_amount");

    private final AdsGateway gateway;
    private final SpendGuards guards;
    private final AdsReading reading;

    AdsWriting(AdsGateway gateway, SpendGuards guards, AdsReading reading) {
        this.gateway = gateway;
        this.guards = guards;
        this.reading = reading;
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
                        "start_time", "stop_time", "use_adset_level_budgets"));
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
                        "headline", "description", "call_to_action_type", "url_tags", "object_story_id",
                        "instagram_user_id", "instagram_actor_id"));
                if (args.containsKey("instagram_user_id") && args.containsKey("instagram_actor_id")) {
                    problems.put("instagram_user_id", "Send instagram_user_id only (instagram_actor_id is its older "
                            + "name).");
                }
            }
            default -> throw AdsException.notFound();
        }
        if (args.get("status") instanceof String status) {
            String upper = status.strip().toUpperCase(Locale.ROOT);
            if (!Set.of("ACTIVE", "PAUSED").contains(upper)) {
                problems.put("status", "Choose ACTIVE or PAUSED.");
            } else {
                args.put("status", upper);
            }
        }
        if (args.containsKey("daily_budget") && args.containsKey("lifetime_budget")) {
            problems.put("daily_budget", "Choose a daily or a lifetime budget, not both.");
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
        String currency = gateway.currency(caller.tenant(), scope.accountId());
        SpendReview review = new SpendReview(currency);
        review.summary.add(createSentence(kind, args, currency));
        if (kind == ObjectKind.ADSET) {
            pixelSentence(caller, scope.accountId(), args).ifPresent(review.summary::add);
        } else if (kind == ObjectKind.CREATIVE) {
            instagramSentence(caller, scope.accountId(), args).ifPresent(review.summary::add);
        }
        if ("ACTIVE".equals(args.get("status"))) {
            review.raise("It starts delivering, and spending, as soon as it is created.");
        }
        for (String field : List.of("daily_budget", "lifetime_budget", "bid_amount", "bid_cap")) {
            if (args.get(field) instanceof Long amount && amount > 0) {
                long perDay = "lifetime_budget".equals(field)
                        ? perDay(amount, time(args.get("start_time")), time(args.get(endField(kind, args))))
                        : amount;
                review.guard(field, amount, perDay);
            }
        }
        review.check(guards, caller, scope, gateway);
        review.enforce(body, validateOnly);
        return write(caller, scope.connectionId(), scope.accountId(), tool, args, validateOnly, action, kind.name, null,
                null, true, review);
    }

    private static String endField(ObjectKind kind, Map<String, Object> args) {
        return kind == ObjectKind.CAMPAIGN || args.containsKey("stop_time") ? "stop_time" : "end_time";
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
        SpendReview review = new SpendReview(null);
        review.summary.add("Uploads the image" + (fileName == null || fileName.isBlank() ? "" : " “" + fileName + "”")
                + " (" + Math.max(1, bytes.length / 1024) + " KB) to the ad account's image library.");
        WriteResult result = write(caller, scope.connectionId(), scope.accountId(), "upload_ad_image", args,
                validateOnly, "image.upload", "image", null, shown, true, review);
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
        return setStatus(caller, kind, id, body, () -> { });
    }

    /**
     * Pause, activate or archive; activating needs {@code confirm}. {@code beforeRaising} runs before a write that can
     * raise spend (the API charges its rate limit there: pausing and archiving are never limited by us).
     */
    public WriteResult setStatus(AdsCaller caller, ObjectKind kind, String id, Map<String, Object> body,
            Runnable beforeRaising) {
        String action = kind.name + ".status";
        Object requested = body.get("status");
        String status = requested instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : "";
        if (!STATUSES.contains(status)) {
            gateway.requireWrite(caller, action, kind.name, id);
            throw AdsException.validation("status", "Choose ACTIVE, PAUSED or ARCHIVED.");
        }
        AdsGateway.Located located = gateway.locateForWrite(caller, kind, id, action);
        String current = AdsGateway.text(located.details(), "status", null);
        String name = AdsGateway.text(located.details(), "name", id);
        boolean validateOnly = Boolean.TRUE.equals(body.get("validate_only"));
        SpendReview review = new SpendReview(gateway.currency(caller.tenant(), located.accountId()));
        String noun = noun(kind);
        review.current.put("status", current);
        review.requested.put("status", status);
        switch (status) {
            case "ACTIVE" -> {
                review.summary.add("Activates " + noun + " “" + name + "”.");
                if (!"ACTIVE".equals(current)) {
                    review.raise("Activating " + noun + " “" + name + "” starts delivering, and spending.");
                }
            }
            case "PAUSED" -> review.summary.add("Pauses " + noun + " “" + name + "”: it stops delivering and "
                    + "spending until it is activated again.");
            default -> review.summary.add("Archives " + noun + " “" + name + "”: it stops for good.");
        }
        review.enforce(body, validateOnly);
        if (review.raises() && !validateOnly) {
            beforeRaising.run();
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(kind.idArgument(), id);
        args.put("status", status);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", current);
        before.put("name", AdsGateway.text(located.details(), "name", null));
        return write(caller, located.connectionId(), located.accountId(), kind.updateTool, args, validateOnly, action,
                kind.name, before, null, false, review);
    }

    /** Changes budgets and bids; see {@link #setBudget(AdsCaller, ObjectKind, String, Map, Runnable)}. */
    public WriteResult setBudget(AdsCaller caller, ObjectKind kind, String id, Map<String, Object> body) {
        return setBudget(caller, kind, id, body, () -> { });
    }

    /**
     * Changes a daily or lifetime budget (minor units) and, in the same request, bids ({@code bid_amount},
     * {@code bid_constraints}; ad sets), the campaign spending limit ({@code spend_cap}; "0" removes it) or the end of
     * the schedule ({@code end_time} / {@code stop_time}). Whatever can raise spend needs {@code confirm} (and, above
     * the spending limits, {@code confirm_amount}); {@code beforeRaising} runs before such a write only.
     */
    public WriteResult setBudget(AdsCaller caller, ObjectKind kind, String id, Map<String, Object> body,
            Runnable beforeRaising) {
        String action = kind.name + ".budget";
        List<String> allowed = BUDGET_FIELDS.getOrDefault(kind, List.of());
        List<String> present = allowed.stream().filter(f -> body.get(f) != null).toList();
        Map<String, String> problems = new LinkedHashMap<>();
        for (String key : body.keySet()) {
            if (!allowed.contains(key) && !CONTROL_FIELDS.contains(key)) {
                problems.put(key, "Not something this change can set.");
            }
        }
        if (present.isEmpty() && problems.isEmpty()) {
            problems.put("daily_budget", "Send a daily or a lifetime budget (or a bid, spending limit or end date).");
        }
        if (present.contains("daily_budget") && present.contains("lifetime_budget")) {
            problems.put("daily_budget", "Send either a daily or a lifetime budget, not both.");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(kind.idArgument(), id);
        for (String field : present) {
            Object value = body.get(field);
            if (field.endsWith("_budget") || field.equals("bid_amount") || field.equals("spend_cap")) {
                Long amount = minorUnits(value);
                boolean zeroAllowed = field.equals("spend_cap");
                if (amount == null || amount < 0 || (amount == 0 && !zeroAllowed)) {
                    problems.put(field, "An amount above zero, in cents (5000 = 50.00; whole units for currencies "
                            + "without cents).");
                } else {
                    args.put(field, amount);
                }
            } else if (field.equals("bid_constraints")) {
                if (!(value instanceof Map<?, ?>)) {
                    problems.put(field, "An object, e.g. {\"roas_average_floor\": 15000}.");
                } else {
                    args.put(field, value);
                }
            } else if (time(value) == null) {
                problems.put(field, "A date and time such as 2026-10-31T23:59:00+0000.");
            } else {
                args.put(field, value);
            }
        }
        if (!problems.isEmpty()) {
            gateway.requireWrite(caller, action, kind.name, id);
            throw AdsException.validation(problems);
        }
        AdsGateway.Located located = gateway.locateForWrite(caller, kind, id, action);
        JsonNode details = located.details();
        String name = AdsGateway.text(details, "name", id);
        String noun = noun(kind);
        String currency = gateway.currency(caller.tenant(), located.accountId());
        SpendReview review = new SpendReview(currency);
        Map<String, Object> before = new LinkedHashMap<>();
        for (String field : present) {
            before.put(field, AdsGateway.text(details, field, null));
        }
        before.put("name", AdsGateway.text(details, "name", null));
        Instant start = time(AdsGateway.text(details, "start_time", null));
        String endField = kind == ObjectKind.CAMPAIGN ? "stop_time" : "end_time";
        Instant currentEnd = time(AdsGateway.text(details, endField, null));
        Instant end = args.containsKey(endField) ? time(args.get(endField)) : currentEnd;
        Long currentDaily = positive(minorUnits(AdsGateway.text(details, "daily_budget", null)));
        Long currentLifetime = positive(minorUnits(AdsGateway.text(details, "lifetime_budget", null)));
        Long currentPerDay = currentDaily != null ? currentDaily
                : currentLifetime != null && currentEnd != null ? perDay(currentLifetime, start, currentEnd) : null;

        for (String field : List.of("daily_budget", "lifetime_budget")) {
            if (!(args.get(field) instanceof Long amount)) {
                continue;
            }
            boolean daily = field.equals("daily_budget");
            Long current = daily ? currentDaily : currentLifetime;
            review.change(field, current, amount);
            review.summary.add("Changes the " + (daily ? "daily" : "lifetime") + " budget of " + noun + " “" + name
                    + "” " + (current != null ? "from " + review.money(current) + " " : "") + "to "
                    + review.money(amount) + (daily || end == null ? "" : " (about " + review.money(
                            perDay(amount, start, end)) + " a day until the end date)") + ".");
            long perDay = daily ? amount : perDay(amount, start, end);
            boolean switching = current == null && (daily ? currentLifetime != null : currentDaily != null);
            if (switching) {
                // Switching budget type: raising when the new amount per day is higher, or when that is unknown.
                boolean unknown = currentPerDay == null || (!daily && end == null);
                if (unknown || perDay > currentPerDay) {
                    review.raise("It switches to a " + (daily ? "daily" : "lifetime") + " budget that can spend "
                            + (unknown ? "more per day than now." : "more per day than now (about "
                            + review.money(perDay) + " instead of " + review.money(currentPerDay) + ")."));
                    review.guard(field, amount, perDay);
                }
            } else if (current == null || amount > current) {
                review.raise("It raises the " + (daily ? "daily" : "lifetime") + " budget"
                        + (current == null ? "." : " from " + review.money(current) + " to " + review.money(amount)
                        + "."));
                review.guard(field, amount, perDay);
            }
        }
        if (args.get("bid_amount") instanceof Long bid) {
            Long current = positive(minorUnits(AdsGateway.text(details, "bid_amount", null)));
            review.change("bid_amount", current, bid);
            review.summary.add("Sets the bid of " + noun + " “" + name + "” to " + review.money(bid)
                    + (current != null ? " (now " + review.money(current) + ")" : "") + ".");
            if (current == null || bid > current) {
                review.raise("It raises the bid" + (current == null ? "." : " from " + review.money(current) + " to "
                        + review.money(bid) + "."));
                review.guard("bid_amount", bid, bid);
            }
        }
        if (args.get("bid_constraints") instanceof Map<?, ?> constraints) {
            JsonNode current = details.path("bid_constraints");
            review.current.put("bid_constraints", current.isObject() ? AdsGateway.JSON.convertValue(current, Map.class)
                    : null);
            review.requested.put("bid_constraints", constraints);
            review.summary.add("Changes the bid limits of " + noun + " “" + name + "”.");
            if (!lowerOrEqual(constraints, current)) {
                review.raise("It changes the bid limits in a way that can raise what each result costs.");
            }
        }
        if (args.get("spend_cap") instanceof Long cap) {
            Long current = positive(minorUnits(AdsGateway.text(details, "spend_cap", null)));
            review.change("spend_cap", current, cap);
            if (cap == 0) {
                review.summary.add("Removes the spending limit of " + noun + " “" + name + "”.");
                if (current != null) {
                    review.raise("It removes the campaign's spending limit of " + review.money(current) + ".");
                }
            } else {
                review.summary.add("Sets the spending limit of " + noun + " “" + name + "” to " + review.money(cap)
                        + ".");
                if (current != null && cap > current) {
                    review.raise("It raises the campaign's spending limit from " + review.money(current) + " to "
                            + review.money(cap) + ".");
                }
            }
        }
        if (args.containsKey(endField)) {
            Instant requestedEnd = time(args.get(endField));
            review.current.put(endField, AdsGateway.text(details, endField, null));
            review.requested.put(endField, args.get(endField));
            review.summary.add("Moves the end date of " + noun + " “" + name + "” to " + day(requestedEnd) + ".");
            if (currentEnd != null && requestedEnd != null && requestedEnd.isAfter(currentEnd)) {
                review.raise("It extends the schedule from " + day(currentEnd) + " to " + day(requestedEnd)
                        + ", so it can spend for longer.");
            }
        }
        review.check(guards, caller, new AdsGateway.Scope(located.connectionId(), located.accountId()), gateway);
        review.enforce(body, validateOnly(body));
        if (review.raises() && !validateOnly(body)) {
            beforeRaising.run();
        }
        return write(caller, located.connectionId(), located.accountId(), kind.updateTool, args, validateOnly(body),
                action, kind.name, before, null, false, review);
    }

    private static boolean validateOnly(Map<String, Object> body) {
        return Boolean.TRUE.equals(body.get("validate_only"));
    }

    /** Each numeric limit requested is at most the current one (false when one is new or not comparable). */
    private static boolean lowerOrEqual(Map<?, ?> requested, JsonNode current) {
        for (Map.Entry<?, ?> entry : requested.entrySet()) {
            JsonNode now = current.path(String.valueOf(entry.getKey()));
            Long wanted = minorUnits(entry.getValue());
            Long was = now.isMissingNode() || now.isNull() ? null : minorUnits(now.asString());
            if (wanted == null || was == null || wanted > was) {
                return false;
            }
        }
        return true;
    }

    private WriteResult write(AdsCaller caller, UUID connection, String accountId, @Nullable String tool,
            Map<String, Object> args, boolean validateOnly, String action, String targetType,
            @Nullable Map<String, Object> before, @Nullable Map<String, Object> shownArgs, boolean created,
            SpendReview review) {
        if (tool == null) {
            throw AdsException.notFound();
        }
        Map<String, Object> wouldSend = shownArgs != null ? shownArgs : args;
        String targetId = String.valueOf(args.getOrDefault(targetType + "_id", ""));
        // Our back-off in front of Meta never delays a write that only stops or lowers spend.
        boolean backOff = created || review.raises();
        if (validateOnly) {
            Map<String, Object> dryRun = new LinkedHashMap<>(args);
            dryRun.put("validate_only", true);
            McpToolClient.ToolResult result = gateway.callRaw(caller, connection, accountId, tool, dryRun, true,
                    backOff);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("validate_only", true);
            List<String> summary = new ArrayList<>(review.summary);
            summary.addAll(review.verdict());
            if (result.isError()) {
                String category = result.content().path("error").path("category").asString("");
                if (Set.of("auth", "rate_limit", "transient", "unknown").contains(category)) {
                    throw gateway.failure(caller, connection, accountId, result.content(), true);
                }
                // One place for the refusal: the same code and texts a real write would fail with.
                Map<String, Object> refusal = AdsGateway.validationError(result.content().path("error"));
                answer.put("meta_validation", refusal);
                summary.add("Facebook would not accept this: " + refusal.get("title") + ". " + refusal.get("message")
                        + " " + refusal.get("next_step"));
            } else {
                answer.put("meta_validation", "ok");
                summary.add("Facebook would accept this.");
            }
            answer.put("summary", summary);
            answer.put("needs_confirmation", review.needsConfirmation());
            if (review.limits != null) {
                answer.put("guard", review.guardDetails());
            }
            answer.put("tool", tool);
            answer.put("would_send", wouldSend);
            return new WriteResult(false, answer);
        }
        McpToolClient.ToolResult result;
        try {
            result = gateway.call(caller, connection, accountId, tool, args, true, backOff);
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
        if (review.confirmedAmount != null) {
            after.put("confirmed_amount", review.confirmedAmount);
        }
        // The audit page shows amounts in the account's currency and the object's name beside its id.
        String currency = gateway.currency(caller.tenant(), accountId);
        if (currency != null) {
            after.putIfAbsent("currency", currency);
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
                problems.put(field, "An amount in cents (5000 = 50.00; whole units for currencies without cents).");
                return value;
            }
            return amount;
        }
        if (field.endsWith("_id") && value instanceof Number number) {
            return Long.toString(number.longValue());
        }
        return value;
    }

    private static String noun(ObjectKind kind) {
        return switch (kind) {
            case CAMPAIGN -> "campaign";
            case ADSET -> "ad set";
            case AD -> "ad";
            case CREATIVE -> "creative";
        };
    }

    private static final Map<String, String> OBJECTIVES = Map.of("OUTCOME_AWARENESS", "Awareness",
            "OUTCOME_TRAFFIC", "Traffic", "OUTCOME_ENGAGEMENT", "Engagement", "OUTCOME_LEADS", "Leads",
            "OUTCOME_APP_PROMOTION", "App promotion", "OUTCOME_SALES", "Sales");

    /** "Creates campaign “Spring sale” (Traffic), paused, daily budget $40.00." */
    private static String createSentence(ObjectKind kind, Map<String, Object> args, @Nullable String currency) {
        StringBuilder out = new StringBuilder("Creates ").append(noun(kind));
        if (args.get("name") instanceof String name) {
            out.append(" “").append(name).append("”");
        }
        if (args.get("objective") instanceof String objective) {
            out.append(" (").append(OBJECTIVES.getOrDefault(objective, words(objective.replace("OUTCOME_", ""))))
                    .append(")");
        }
        if (kind != ObjectKind.CREATIVE) {
            out.append(", ").append("ACTIVE".equals(args.get("status")) ? "active: it starts delivering at once"
                    : "paused");
        }
        if (args.get("daily_budget") instanceof Long daily) {
            out.append(", daily budget ").append(MoneyFormat.text(daily, currency));
        }
        if (args.get("lifetime_budget") instanceof Long lifetime) {
            out.append(", lifetime budget ").append(MoneyFormat.text(lifetime, currency));
        }
        if (args.get("bid_amount") instanceof Long bid) {
            out.append(", bid ").append(MoneyFormat.text(bid, currency));
        }
        if (args.get("bid_cap") instanceof Long bid) {
            out.append(", bid cap ").append(MoneyFormat.text(bid, currency));
        }
        if (args.get("spend_cap") instanceof Long cap && cap > 0) {
            out.append(", spending limit ").append(MoneyFormat.text(cap, currency));
        }
        if (args.get("bid_strategy") instanceof String strategy) {
            out.append(", ").append(BID_STRATEGIES.getOrDefault(strategy, words(strategy)));
        }
        if (args.get("optimization_goal") instanceof String goal) {
            out.append(", optimized for ").append(words(goal));
        }
        if (args.get("targeting") instanceof Map<?, ?> targeting) {
            String audience = audience(targeting);
            if (!audience.isEmpty()) {
                out.append(", shown to ").append(audience);
            }
        }
        Instant end = time(args.get(kind == ObjectKind.CAMPAIGN ? "stop_time" : "end_time"));
        if (end != null) {
            out.append(", until ").append(day(end));
        }
        if (args.get("link_url") instanceof String link) {
            out.append(", linking to ").append(link);
        }
        return out.append(".").toString();
    }

    private static final Map<String, String> BID_STRATEGIES = Map.of(
            "LOWEST_COST_WITHOUT_CAP", "lowest cost", "LOWEST_COST_WITH_BID_CAP", "bid cap",
            "COST_CAP", "cost cap", "LOWEST_COST_WITH_MIN_ROAS", "minimum return on ad spend");

    /** "women aged 25–44 in US, GB interested in Coffee, Tea" from a Graph targeting spec. */
    static String audience(Map<?, ?> targeting) {
        List<String> parts = new ArrayList<>();
        Object genders = targeting.get("genders");
        String who = "people";
        if (genders instanceof List<?> list && list.size() == 1) {
            who = "1".equals(String.valueOf(list.get(0))) ? "men" : "2".equals(String.valueOf(list.get(0)))
                    ? "women" : who;
        }
        Object min = targeting.get("age_min");
        Object max = targeting.get("age_max");
        if (min != null || max != null) {
            who += " aged " + (min == null ? "18" : min) + "–" + (max == null ? "65+" : max);
        }
        parts.add(who);
        if (targeting.get("geo_locations") instanceof Map<?, ?> geo && geo.get("countries") instanceof List<?> c
                && !c.isEmpty()) {
            parts.add("in " + String.join(", ", c.stream().map(String::valueOf).toList()));
        }
        List<String> interests = new ArrayList<>();
        if (targeting.get("flexible_spec") instanceof List<?> specs) {
            for (Object spec : specs) {
                if (spec instanceof Map<?, ?> m && m.get("interests") instanceof List<?> list) {
                    for (Object interest : list) {
                        if (interest instanceof Map<?, ?> i && i.get("name") != null) {
                            interests.add(String.valueOf(i.get("name")));
                        }
                    }
                }
            }
        }
        if (targeting.get("interests") instanceof List<?> list) {
            for (Object interest : list) {
                if (interest instanceof Map<?, ?> i && i.get("name") != null) {
                    interests.add(String.valueOf(i.get("name")));
                }
            }
        }
        if (!interests.isEmpty()) {
            parts.add("interested in " + String.join(", ", interests));
        }
        return parts.size() == 1 && "people".equals(who) ? "" : String.join(" ", parts);
    }

    /**
     * The pixel a conversion ad set counts with, in words: it must be one of the account's pixels (get_ad_pixels,
     * from the read cache), else a 400 on pixel_id before Meta is asked.
     */
    private Optional<String> pixelSentence(AdsCaller caller, String accountId, Map<String, Object> args) {
        if (!(args.get("promoted_object") instanceof Map<?, ?> promoted) || promoted.get("pixel_id") == null) {
            return Optional.empty();
        }
        String pixelId = String.valueOf(promoted.get("pixel_id")).strip();
        Map<String, Object> pixel = find(reading.pixels(caller, accountId), "id", pixelId);
        if (pixel == null) {
            throw AdsException.validation("pixel_id", "This ad account has no pixel " + pixelId
                    + "; choose one of its pixels.");
        }
        if (Boolean.TRUE.equals(pixel.get("is_unavailable"))) {
            throw AdsException.validation("pixel_id", "The pixel “" + pixel.get("name") + "” is unavailable; "
                    + "choose another one.");
        }
        StringBuilder out = new StringBuilder("Counts conversions");
        if (promoted.get("custom_event_type") instanceof String event) {
            out.append(" (").append(words(event)).append(")");
        }
        out.append(" with the pixel “").append(pixel.get("name")).append("” (").append(pixelId).append(")");
        Instant fired = time(pixel.get("last_fired_time"));
        out.append(fired == null ? ", which has never received an event: the ad set can't learn until your website "
                + "sends some." : ", last fired " + day(fired) + ".");
        return Optional.of(out.toString());
    }

    /** The Instagram account a creative runs as, in words; it must be one the account can use. */
    private Optional<String> instagramSentence(AdsCaller caller, String accountId,
            Map<String, Object> args) {
        String field = args.containsKey("instagram_actor_id") ? "instagram_actor_id" : "instagram_user_id";
        if (!(args.get(field) instanceof String instagramId)) {
            return args.containsKey("page_id") ? Optional.of("No Instagram account: on Instagram the ad "
                    + "shows the Facebook Page's name.") : Optional.empty();
        }
        Map<String, Object> account = find(reading.instagramAccounts(caller, accountId), "id", instagramId.strip());
        if (account == null) {
            throw AdsException.validation(field, "This ad account can't run ads as Instagram account "
                    + instagramId.strip() + "; choose one of its Instagram accounts.");
        }
        return Optional.of("On Instagram the ad runs as @" + account.get("username")
                + (account.get("name") == null ? "" : " (" + account.get("name") + ")") + ".");
    }

    private static @Nullable Map<String, Object> find(Map<String, Object> list, String field, String value) {
        if (list.get("data") instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof Map<?, ?> map && value.equals(map.get(field))) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> found = (Map<String, Object>) map;
                    return found;
                }
            }
        }
        return null;
    }

    private static String words(String constant) {
        return constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** A lifetime amount per day over the schedule (from now without a start; the whole amount without an end). */
    static long perDay(long amount, @Nullable Instant start, @Nullable Instant end) {
        if (end == null) {
            return amount;
        }
        Instant from = start != null ? start : Instant.now();
        long hours = Math.max(1, Duration.between(from, end).toHours());
        long days = Math.max(1, (hours + 23) / 24);
        return (amount + days - 1) / days;
    }

    private static final DateTimeFormatter META_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]Z");

    /** Meta's times: ISO-8601 with an offset ("2026-10-01T12:00:00-0700" or "+07:00"), or epoch seconds. */
    static @Nullable Instant time(@Nullable Object value) {
        if (value instanceof Number number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.matches("[0-9]{9,11}")) {
            return Instant.ofEpochSecond(Long.parseLong(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t, META_TIME).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static String day(@Nullable Instant instant) {
        return instant == null ? "no end date"
                : DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC).format(instant);
    }

    private static @Nullable Long positive(@Nullable Long amount) {
        return amount == null || amount <= 0 ? null : amount;
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
