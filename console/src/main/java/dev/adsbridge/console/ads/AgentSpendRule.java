package dev.adsbridge.console.ads;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The spend rule for agents' tool calls (see {@link AgentTools#reviewSpend}): works out, per MCP write tool, whether
 * the call can start or raise spend and which amounts the spending limits apply to, with the console's own
 * {@link SpendReview} and {@link SpendGuards}. Updates compare against a fresh read of the object (one Graph call),
 * only when they touch status, budgets, bids or the schedule.
 */
@Component
class AgentSpendRule {

    private static final List<String> AMOUNTS = List.of("daily_budget", "lifetime_budget", "bid_amount", "bid_cap");
    private static final Set<String> ACTIVE_COPIES = Set.of("ACTIVE", "INHERITED_FROM_SOURCE");

    private final AdsGateway gateway;
    private final SpendGuards guards;

    AgentSpendRule(AdsGateway gateway, SpendGuards guards) {
        this.gateway = gateway;
        this.guards = guards;
    }

    void review(AdsCaller caller, String tool, String accountId, Map<String, Object> args) {
        AdsGateway.Scope scope = gateway.scope(caller.tenant(), accountId);
        SpendReview review = new SpendReview(gateway.currency(caller.tenant(), accountId));
        switch (tool) {
            case "create_campaign", "create_adset", "create_ad" -> {
                if ("ACTIVE".equals(upper(args.get("status")))) {
                    review.raise("Agents create paused objects: creating it ACTIVE starts delivering, and spending, "
                            + "at once.");
                }
                for (String field : AMOUNTS) {
                    Long amount = AdsWriting.minorUnits(args.get(field));
                    if (amount != null && amount > 0) {
                        long perDay = "lifetime_budget".equals(field) ? AdsWriting.perDay(amount,
                                AdsWriting.time(args.get("start_time")), AdsWriting.time(args.get(
                                        args.containsKey("stop_time") ? "stop_time" : "end_time"))) : amount;
                        review.guard(field, amount, perDay);
                    }
                }
            }
            case "update_campaign" -> update(caller, ObjectKind.CAMPAIGN, args, review);
            case "update_adset" -> update(caller, ObjectKind.ADSET, args, review);
            case "update_ad" -> update(caller, ObjectKind.AD, args, review);
            case "duplicate_campaign", "duplicate_adset", "duplicate_ad" -> {
                if (ACTIVE_COPIES.contains(upper(args.get("status_option")))
                        || "ACTIVE".equals(upper(args.get("new_status")))) {
                    review.raise("The copy would be active and start spending at once.");
                }
            }
            case "create_budget_schedule" -> review.raise("A budget schedule raises the budget for its period.");
            default -> {
                // Audiences, creatives, images: no spend of their own.
            }
        }
        review.check(guards, caller, scope, gateway);
        review.enforce(args, Boolean.TRUE.equals(args.get("validate_only")));
    }

    /** Status, budgets, bids, spend cap and schedule against the object's current values. */
    private void update(AdsCaller caller, ObjectKind kind, Map<String, Object> args, SpendReview review) {
        boolean activates = "ACTIVE".equals(upper(args.get("status")));
        boolean touchesMoney = AMOUNTS.stream().anyMatch(args::containsKey) || args.containsKey("spend_cap")
                || args.containsKey("bid_constraints") || args.containsKey("bid_strategy")
                || args.containsKey("adset_budgets") || args.containsKey("end_time") || args.containsKey("stop_time");
        if (!activates && !touchesMoney) {
            return;
        }
        Object id = args.get(kind.idArgument());
        JsonNode current = gateway.locate(caller, kind, id instanceof String s ? s : "", true).details();
        if (activates && !"ACTIVE".equals(AdsGateway.text(current, "status", null))) {
            review.raise("Activating it starts delivering, and spending.");
        }
        for (String field : AMOUNTS) {
            Long wanted = AdsWriting.minorUnits(args.get(field));
            if (wanted == null) {
                continue;
            }
            Long was = AdsWriting.minorUnits(AdsGateway.text(current, field, null));
            review.change(field, was, wanted);
            if (was == null || wanted > was) {
                review.raise("It raises the " + field.replace('_', ' ') + ".");
            }
            long perDay = "lifetime_budget".equals(field) ? AdsWriting.perDay(wanted,
                    AdsWriting.time(AdsGateway.text(current, "start_time", null)),
                    AdsWriting.time(args.getOrDefault(kind == ObjectKind.CAMPAIGN ? "stop_time" : "end_time",
                            AdsGateway.text(current, kind == ObjectKind.CAMPAIGN ? "stop_time" : "end_time", null))))
                    : wanted;
            review.guard(field, wanted, perDay);
        }
        Long cap = AdsWriting.minorUnits(args.get("spend_cap"));
        Long currentCap = AdsWriting.minorUnits(AdsGateway.text(current, "spend_cap", null));
        if (args.containsKey("spend_cap") && (cap == null || currentCap == null || currentCap == 0 || cap > currentCap)) {
            review.raise("It raises or removes the spending limit.");
        }
        if (args.containsKey("bid_constraints") || args.containsKey("bid_strategy")) {
            review.raise("It changes the bidding in a way that can raise what each result costs.");
        }
        if (args.get("adset_budgets") instanceof List<?> budgets) {
            review.raise("It moves the budget to the ad sets.");
            for (Object entry : budgets) {
                if (entry instanceof Map<?, ?> map) {
                    Long daily = AdsWriting.minorUnits(map.get("daily_budget"));
                    if (daily != null && daily > 0) {
                        review.guard("daily_budget", daily, daily);
                    }
                }
            }
        }
        String endField = kind == ObjectKind.CAMPAIGN ? "stop_time" : "end_time";
        if (args.containsKey(endField)) {
            Instant wanted = AdsWriting.time(args.get(endField));
            Instant was = AdsWriting.time(AdsGateway.text(current, endField, null));
            if (wanted == null || was == null || wanted.isAfter(was)) {
                review.raise("It extends the schedule.");
            }
        }
    }

    private static @Nullable String upper(@Nullable Object value) {
        return value instanceof String s ? s.strip().toUpperCase(Locale.ROOT) : null;
    }
}
