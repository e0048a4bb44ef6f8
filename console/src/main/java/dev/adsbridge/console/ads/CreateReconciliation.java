package dev.adsbridge.console.ads;

import dev.adsbridge.console.audit.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Finds at Meta the campaign, ad set or ad that an earlier attempt of a create made when that attempt's outcome was
 * unknown (it timed out, the MCP server or our database went away mid-call), so that a retry with the same
 * Idempotency-Key answers that object instead of creating a second one.
 *
 * <p>The marker is what the create sent: the exact name, the account, the parent (campaign_id / adset_id), the other
 * fields that identify it (objective, optimization_goal, billing_event, creative, budgets) and a created_time no
 * earlier than the key's first attempt (less {@link #CLOCK_SKEW}). Meta's ad labels would be an exact marker, but
 * neither the MCP create tools nor the sandbox support them, and a name suffix would show in Ads Manager. Listing uses
 * the MCP list tools (newest first, every status, so an object archived meanwhile is still found) and stops at the
 * first object older than the window. Limits: an object created by someone else in the same account, with the same
 * name and the same fields, inside that window, would be taken for ours; of several matches the earliest is answered.
 * Creatives and images are not looked up (no MCP tool lists an account's creatives with their creation time; an
 * image upload of the same bytes gives the same hash anyway): their retry creates again.
 */
@Service
public class CreateReconciliation {

    /** How far Meta's clock may be behind ours. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    static final String NOTE = "found after an uncertain first attempt";
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 5;
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private final AdsGateway gateway;
    private final ApplicationEventPublisher events;

    CreateReconciliation(AdsGateway gateway, ApplicationEventPublisher events) {
        this.gateway = gateway;
        this.events = events;
    }

    /**
     * The object of {@code kind} that a create with {@code body} in {@code accountId} made since {@code since}, as
     * the create's answer, audited as a successful create with the note {@value #NOTE}; empty when Meta has none.
     */
    public Optional<AdsWriting.WriteResult> findCreated(AdsCaller caller, ObjectKind kind, String accountId,
            Map<String, Object> body, Instant since) {
        String action = kind.name + ".create";
        AdsGateway.Scope scope = gateway.scopeForWrite(caller, accountId, action, kind.name, "");
        if (Boolean.TRUE.equals(body.get("validate_only")) || !(body.get("name") instanceof String name)
                || name.isBlank()) {
            return Optional.empty(); // a dry run creates nothing; without a name the create fails anyway
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("account_id", scope.accountId());
        Map<String, String> expected = new LinkedHashMap<>();
        switch (kind) {
            case CAMPAIGN -> {
                args.put("status_filter", "ACTIVE,PAUSED,DELETED,ARCHIVED,IN_PROCESS,WITH_ISSUES");
                args.put("fields", "id,name,created_time,status,objective,daily_budget,lifetime_budget");
                expect(body, expected, "objective", "daily_budget", "lifetime_budget");
            }
            case ADSET -> {
                args.put("status_filter", "ACTIVE,PAUSED,DELETED,ARCHIVED,CAMPAIGN_PAUSED,IN_PROCESS,WITH_ISSUES");
                args.put("fields", "id,name,created_time,status,campaign_id,optimization_goal,billing_event,"
                        + "daily_budget,lifetime_budget");
                expect(body, expected, "campaign_id", "optimization_goal", "billing_event", "daily_budget",
                        "lifetime_budget");
                if (expected.containsKey("campaign_id")) {
                    args.put("campaign_id", expected.get("campaign_id"));
                }
            }
            case AD -> {
                args.put("status_filter", "ACTIVE,PAUSED,DELETED,ARCHIVED,PENDING_REVIEW,DISAPPROVED,PREAPPROVED,"
                        + "PENDING_BILLING_INFO,CAMPAIGN_PAUSED,ADSET_PAUSED,IN_PROCESS,WITH_ISSUES");
                args.put("fields", "id,name,created_time,status,adset_id,creative{id}");
                expect(body, expected, "adset_id", "creative_id");
                if (expected.containsKey("adset_id")) {
                    args.put("adset_id", expected.get("adset_id"));
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        args.put("limit", PAGE);
        String tool = switch (kind) {
            case CAMPAIGN -> "get_campaigns";
            case ADSET -> "get_adsets";
            default -> "get_ads";
        };
        Instant from = since.minus(CLOCK_SKEW);
        List<JsonNode> matches = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            McpToolClient.ToolResult result = gateway.callRaw(caller, scope.connectionId(), scope.accountId(), tool,
                    args, false, true);
            if (result.isError()) {
                throw gateway.failure(caller, scope.connectionId(), scope.accountId(), result.content());
            }
            boolean older = false;
            for (JsonNode row : result.content().path("data")) {
                Instant created = createdTime(row);
                if (created == null) {
                    continue;
                }
                if (created.isBefore(from)) {
                    older = true; // newest first: the rest is older still
                    break;
                }
                if (name.equals(row.path("name").asString("")) && sameFields(row, expected)) {
                    matches.add(row);
                }
            }
            String next = AdsGateway.text(result.content(), "next_cursor", null);
            if (older || next == null || next.isBlank()) {
                break;
            }
            args.put("after", next);
        }
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        JsonNode found = matches.stream().min(Comparator.comparing(CreateReconciliation::createdTime)).orElseThrow();
        String id = found.path("id").asString();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("name", name);
        answer.put("status", AdsGateway.text(found, "status", null));
        answer.put("created_time", AdsGateway.text(found, "created_time", null));
        answer.put("reconciled", true);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", name);
        after.putAll(expected);
        after.put("note", NOTE);
        if (matches.size() > 1) {
            after.put("matches", matches.size());
        }
        gateway.audit(caller, action, kind.name, id, null, after, AuditEvent.SUCCESS);
        events.publishEvent(new AdsChanged(caller.tenant(), scope.accountId())); // reads show it from now on
        return Optional.of(new AdsWriting.WriteResult(true, answer));
    }

    private static void expect(Map<String, Object> body, Map<String, String> expected, String... fields) {
        for (String field : fields) {
            Object value = body.get(field);
            if (value == null || (value instanceof String s && s.isBlank())) {
                continue;
            }
            if (field.endsWith("_budget")) {
                Long amount = AdsWriting.minorUnits(value);
                expected.put(field, amount == null ? String.valueOf(value) : amount.toString());
            } else if (value instanceof Number number && field.endsWith("_id")) {
                expected.put(field, Long.toString(number.longValue()));
            } else {
                expected.put(field, String.valueOf(value));
            }
        }
    }

    private static boolean sameFields(JsonNode row, Map<String, String> expected) {
        for (Map.Entry<String, String> field : expected.entrySet()) {
            JsonNode value = field.getKey().equals("creative_id") ? row.path("creative").path("id")
                    : row.path(field.getKey());
            if (!field.getValue().equalsIgnoreCase(value.isMissingNode() || value.isNull() ? null : value.asString())) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable Instant createdTime(JsonNode row) {
        String text = AdsGateway.text(row, "created_time", null);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, GRAPH_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
