package dev.adsbridge.console.ads;

import dev.adsbridge.console.ads.AdsException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What one write would do to spend, worked out before it is sent: whether it can start or raise spend (then it needs
 * {@code confirm: true}), which amounts the tenant's {@link SpendGuards} apply to (above confirm-above it needs
 * {@code confirm_amount} naming the amount, above the hard cap it is refused), and the sentences of a dry run.
 */
final class SpendReview {

    /** An amount held against the limits: the field, the amount sent, and what it is per day. */
    record Guarded(String field, long amount, long perDay) {
    }

    final @Nullable String currency;
    final List<String> summary = new ArrayList<>();
    final Map<String, Object> current = new LinkedHashMap<>();
    final Map<String, Object> requested = new LinkedHashMap<>();
    private final List<String> reasons = new ArrayList<>();
    private final List<Guarded> guarded = new ArrayList<>();
    SpendGuards.@Nullable Limits limits;
    private @Nullable Guarded aboveConfirm;
    private @Nullable Guarded aboveCap;
    @Nullable String confirmedAmount;

    SpendReview(@Nullable String currency) {
        this.currency = currency;
    }

    /** It can start or raise spend, because {@code reason} (a sentence). */
    void raise(String reason) {
        reasons.add(reason);
    }

    boolean raises() {
        return !reasons.isEmpty();
    }

    /** An amount change for the details of a confirmation: raw minor units and the formatted amount. */
    void change(String field, @Nullable Long was, long wanted) {
        current.put(field, was == null ? null : Long.toString(was));
        current.put(field + "_formatted", was == null ? null : money(was));
        requested.put(field, Long.toString(wanted));
        requested.put(field + "_formatted", money(wanted));
    }

    /** Holds an amount against the spending limits. */
    void guard(String field, long amount, long perDay) {
        guarded.add(new Guarded(field, amount, perDay));
        if (!requested.containsKey(field)) {
            requested.put(field, Long.toString(amount));
            requested.put(field + "_formatted", money(amount));
        }
    }

    /** Looks the limits up for the highest amount per day (the largest current budget only when a default needs it). */
    void check(SpendGuards guards, AdsCaller caller, AdsGateway.Scope scope, AdsGateway gateway) {
        if (guarded.isEmpty()) {
            return;
        }
        long highest = guarded.stream().mapToLong(Guarded::perDay).max().orElse(0);
        limits = guards.limits(caller.tenant(), scope.accountId(), currency, highest,
                () -> largestDailyBudget(caller, scope, gateway));
        if (limits == null) {
            return;
        }
        for (Guarded g : guarded) {
            if (g.perDay() > limits.hardCap() && aboveCap == null) {
                aboveCap = g;
            } else if (g.perDay() > limits.confirmAbove() && aboveConfirm == null) {
                aboveConfirm = g;
            }
        }
    }

    /** The largest daily budget among the account's campaigns and ad sets (0 when none), in minor units. */
    private static long largestDailyBudget(AdsCaller caller, AdsGateway.Scope scope, AdsGateway gateway) {
        long largest = 0;
        for (String tool : List.of("get_campaigns", "get_adsets")) {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("account_id", scope.accountId());
            args.put("limit", 200);
            McpToolClient.ToolResult result = gateway.call(caller, scope.connectionId(), scope.accountId(), tool,
                    args, false);
            for (JsonNode row : AdsGateway.rows(result)) {
                Long daily = AdsWriting.minorUnits(AdsGateway.text(row, "daily_budget", null));
                if (daily != null) {
                    largest = Math.max(largest, daily);
                }
            }
        }
        return largest;
    }

    boolean needsConfirmation() {
        return raises() || aboveConfirm != null;
    }

    /**
     * Throws unless the request may go ahead: above the hard cap → {@code refused_by_guard}; without {@code confirm}
     * (and {@code confirm_amount} above confirm-above) → {@code confirmation_required}. A dry run only reports.
     */
    void enforce(Map<String, Object> body, boolean validateOnly) {
        if (validateOnly) {
            return;
        }
        if (aboveCap != null && limits != null) {
            Map<String, Object> details = guardDetails();
            throw new AdsException(Problem.REFUSED_BY_GUARD, "refused_by_guard", describe(aboveCap)
                    + " is above your hard limit of " + money(limits.hardCap()) + " a day for this ad account.", null,
                    details, null, null);
        }
        boolean confirmed = Boolean.TRUE.equals(body.get("confirm"));
        String expected = aboveConfirm != null && currency != null
                ? MoneyFormat.units(aboveConfirm.amount(), currency) : null;
        boolean amountNamed = expected == null || (currency != null
                && Long.valueOf(aboveConfirm.amount()).equals(MoneyFormat.parseUnits(body.get("confirm_amount"),
                        currency)));
        if (needsConfirmation() && (!confirmed || !amountNamed)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("current", current);
            details.put("requested", requested);
            details.put("reasons", new ArrayList<>(reasons));
            Map<String, Object> confirmWith = new LinkedHashMap<>();
            confirmWith.put("confirm", true);
            if (expected != null) {
                confirmWith.put("confirm_amount", expected);
                details.put("confirm_amount", expected);
                details.put("guard", guardDetails());
            }
            details.put("confirm_with", confirmWith);
            List<String> sentences = new ArrayList<>(reasons);
            if (aboveConfirm != null && limits != null) {
                sentences.add(describe(aboveConfirm) + " is above your confirmation limit of "
                        + money(limits.confirmAbove()) + " a day: confirm this exact amount to go ahead.");
            } else {
                sentences.add("Confirm to go ahead.");
            }
            throw AdsGateway.confirmation(String.join(" ", sentences), details);
        }
        if (expected != null) {
            confirmedAmount = expected;
        }
    }

    /** The dry run's sentences about confirmation and limits. */
    List<String> verdict() {
        List<String> out = new ArrayList<>();
        if (aboveCap != null && limits != null) {
            out.add("Would be refused: " + lowerFirst(describe(aboveCap)) + " is above your hard limit of "
                    + money(limits.hardCap()) + " a day.");
            return out;
        }
        if (aboveConfirm != null && limits != null) {
            out.add("Needs you to confirm the amount " + money(aboveConfirm.amount()) + ": it is above your "
                    + "confirmation limit of " + money(limits.confirmAbove()) + " a day.");
        } else if (raises()) {
            out.add("Needs your confirmation: " + lowerFirst(reasons.get(0)));
        }
        return out;
    }

    Map<String, Object> guardDetails() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (limits != null) {
            out.putAll(limits.describe());
        }
        Guarded hit = aboveCap != null ? aboveCap : aboveConfirm;
        out.put("outcome", aboveCap != null ? "refused" : aboveConfirm != null ? "confirm_amount" : "ok");
        if (hit != null && currency != null) {
            out.put("field", hit.field());
            out.put("amount", MoneyFormat.units(hit.amount(), currency));
            out.put("amount_formatted", money(hit.amount()));
            out.put("per_day", MoneyFormat.units(hit.perDay(), currency));
            out.put("per_day_formatted", money(hit.perDay()));
        }
        return out;
    }

    private String describe(Guarded g) {
        String what = switch (g.field()) {
            case "daily_budget" -> "The daily budget of " + money(g.amount());
            case "lifetime_budget" -> "The lifetime budget of " + money(g.amount()) + " (about " + money(g.perDay())
                    + " a day)";
            case "bid_cap" -> "The bid cap of " + money(g.amount());
            default -> "The bid of " + money(g.amount());
        };
        return what;
    }

    String money(long minorUnits) {
        return MoneyFormat.text(minorUnits, currency);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
