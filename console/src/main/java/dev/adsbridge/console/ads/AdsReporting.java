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
 * Reports: an account's key numbers against the period before, and insights of any object of a chosen account with
 * totals and an optional comparison period.
 */
@Service
public class AdsReporting {

    static final Map<String, String> RESULT_TYPES = Map.of("OUTCOME_TRAFFIC", "link_click", "OUTCOME_SALES",
            "purchase", "OUTCOME_LEADS", "lead", "OUTCOME_ENGAGEMENT", "post_engagement", "OUTCOME_APP_PROMOTION",
            "mobile_app_install", "OUTCOME_AWARENESS", "reach");

    private final AdsGateway gateway;

    AdsReporting(AdsGateway gateway) {
        this.gateway = gateway;
    }

    /** Key numbers of an account for a preset, and for the period of equal length before it. */
    public Map<String, Object> summary(AdsCaller caller, String accountId, String datePreset) {
        InsightsQuery.requirePreset(datePreset);
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("object_id", scope.accountId());
        args.put("level", "account");
        args.put("time_range", datePreset);
        args.put("compact", true);
        List<JsonNode> rows = AdsGateway.rows(gateway.call(caller, scope.connectionId(), scope.accountId(),
                "get_insights", args, false));
        Period period = Period.of(rows, datePreset, gateway.today());
        Map<String, Object> current = totals(rows, null);
        current.put("date_start", period.since.toString());
        current.put("date_stop", period.until.toString());
        Period before = period.previous();
        args.put("time_range", Map.of("since", before.since.toString(), "until", before.until.toString()));
        Map<String, Object> previous = totals(AdsGateway.rows(gateway.call(caller, scope.connectionId(),
                scope.accountId(), "get_insights",
                args, false)), null);
        previous.put("date_start", before.since.toString());
        previous.put("date_stop", before.until.toString());
        String currency = gateway.currency(caller.tenant(), scope.accountId());
        current.put("currency", currency);
        previous.put("currency", currency);
        current.put("previous", previous);
        return current;
    }

    /**
     * Insights of an object (account, campaign, ad set or ad of a chosen account): rows with numbers as numbers, the
     * totals, and with {@code compare=previous} the same for the period of equal length just before.
     */
    public Map<String, Object> insights(AdsCaller caller, InsightsQuery query) {
        String objectId = query.objectId();
        UUID connection;
        String account;
        String level;
        if (objectId.startsWith("act_")) {
            AdsGateway.Scope scope = gateway.scope(caller.tenant(), objectId);
            connection = scope.connectionId();
            account = scope.accountId();
            objectId = scope.accountId();
            level = "account";
        } else {
            AdsGateway.Found found = gateway.locateAny(caller, objectId);
            connection = found.located().connectionId();
            account = found.located().accountId();
            level = found.kind().name;
        }
        Map<String, Object> args = query.arguments(objectId);
        // Like Meta, rows default to the object's own level (the MCP tool would default to ads).
        args.putIfAbsent("level", level);
        List<JsonNode> rows = AdsGateway.rows(gateway.call(caller, connection, account, "get_insights", args, false));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rows", rows.stream().map(r -> row(r, query.resultType())).toList());
        answer.put("totals", totals(rows, query.resultType()));
        Period period = query.since() != null && query.until() != null
                ? new Period(LocalDate.parse(query.since()), LocalDate.parse(query.until()))
                : Period.of(rows, query.datePreset(), gateway.today());
        answer.put("since", period.since.toString());
        answer.put("until", period.until.toString());
        if (query.comparePrevious()) {
            Period before = period.previous();
            args.put("time_range", Map.of("since", before.since.toString(), "until", before.until.toString()));
            List<JsonNode> previousRows = AdsGateway.rows(gateway.call(caller, connection, account, "get_insights",
                    args, false));
            Map<String, Object> previous = new LinkedHashMap<>();
            previous.put("rows", previousRows.stream().map(r -> row(r, query.resultType())).toList());
            previous.put("totals", totals(previousRows, query.resultType()));
            previous.put("since", before.since.toString());
            previous.put("until", before.until.toString());
            answer.put("previous", previous);
        }
        return answer;
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
                out.put(e.getKey(), AdsGateway.JSON.convertValue(v, Object.class));
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
            spend += AdsGateway.number(row, "spend");
            impressions += AdsGateway.number(row, "impressions");
            clicks += AdsGateway.number(row, "clicks");
            reach += AdsGateway.number(row, "reach");
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

    static double results(JsonNode row, String resultType) {
        if ("reach".equals(resultType)) {
            return AdsGateway.number(row, "reach");
        }
        JsonNode actions = row.path("actions");
        if (actions.isObject()) {
            return AdsGateway.number(actions, resultType);
        }
        double total = 0;
        for (JsonNode action : actions) {
            if (resultType.equals(action.path("action_type").asString(""))) {
                total += AdsGateway.number(action, "value");
            }
        }
        return total;
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
                String start = AdsGateway.text(row, "date_start", null);
                String stop = AdsGateway.text(row, "date_stop", null);
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
