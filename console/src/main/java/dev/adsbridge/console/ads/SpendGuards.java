package dev.adsbridge.console.ads;

import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Spending limits per tenant (and optionally per ad account), per day in the account's currency: above
 * {@code confirm_above} a write must name the amount to go ahead, above {@code hard_cap} it is refused. Daily budgets
 * are compared as they are, lifetime budgets by their average per day over the schedule, bids as they are.
 *
 * <p>Without limits set by an owner the defaults are: confirm-above = max(the currency's default, 2 × the largest daily
 * budget now in the account) and hard cap = 10 × confirm-above. Currencies without a default (see {@link #DEFAULTS})
 * use the largest budget alone; an account with neither has no default limit (confirmation rules still apply).
 */
@Service
public class SpendGuards {

    /** Default confirm-above per day, in currency units. */
    static final Map<String, Long> DEFAULTS = Map.ofEntries(Map.entry("USD", 1_000L), Map.entry("EUR", 1_000L),
            Map.entry("GBP", 800L), Map.entry("CAD", 1_400L), Map.entry("AUD", 1_500L), Map.entry("CHF", 900L),
            Map.entry("JPY", 150_000L), Map.entry("KRW", 1_300_000L), Map.entry("INR", 80_000L),
            Map.entry("BRL", 5_000L), Map.entry("MXN", 18_000L));
    static final int HARD_CAP_FACTOR = 10;
    static final String ALL_ACCOUNTS = "*";

    /**
     * The limits for one account: amounts per day in minor units, where they come from ({@code owner} for the
     * account, {@code tenant} for every account in the currency, {@code default}) and, for defaults, why.
     */
    public record Limits(long confirmAbove, long hardCap, String currency, String source, String basis) {

        Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("currency", currency);
            out.put("confirm_above", MoneyFormat.units(confirmAbove, currency));
            out.put("confirm_above_formatted", MoneyFormat.text(confirmAbove, currency));
            out.put("hard_cap", MoneyFormat.units(hardCap, currency));
            out.put("hard_cap_formatted", MoneyFormat.text(hardCap, currency));
            out.put("source", source);
            out.put("basis", basis);
            return out;
        }
    }

    private final SpendGuardRepository repository;
    private final ChosenAdAccountRepository chosen;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SpendGuards(SpendGuardRepository repository, ChosenAdAccountRepository chosen, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.chosen = chosen;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The limits for an amount per day requested in an account, or null when none applies. {@code largestDaily}
     * (minor units; asked only when a default needs it, i.e. when the amount is above the currency default) gives the
     * account's largest current daily budget.
     */
    @Nullable Limits limits(TenantId tenant, String accountId, @Nullable String currency, long requestedPerDay,
            LongSupplier largestDaily) {
        if (currency == null || currency.isBlank()) {
            return null;
        }
        String code = currency.strip().toUpperCase(Locale.ROOT);
        Optional<SpendGuardRepository.Row> own = repository.find(tenant, accountId)
                .filter(r -> r.currency().equals(code));
        Optional<SpendGuardRepository.Row> wide = repository.find(tenant, ALL_ACCOUNTS)
                .filter(r -> r.currency().equals(code));
        Optional<SpendGuardRepository.Row> row = own.isPresent() ? own : wide;
        String source = own.isPresent() ? "owner" : wide.isPresent() ? "tenant" : "default";
        Long confirm = row.map(SpendGuardRepository.Row::confirmAboveMinor).orElse(null);
        Long cap = row.map(SpendGuardRepository.Row::hardCapMinor).orElse(null);
        if (confirm != null && cap != null) {
            return new Limits(confirm, cap, code, source, "set by an owner");
        }
        Long base = DEFAULTS.containsKey(code) ? DEFAULTS.get(code) * pow10(MoneyFormat.digits(code)) : null;
        String basis;
        if (confirm != null) {
            basis = "confirmation set by an owner; hard cap " + HARD_CAP_FACTOR + " × that";
        } else if (base != null && requestedPerDay <= base && (cap == null || requestedPerDay <= cap)) {
            // Within the currency default, and so within any default built on it: no need to look at the account.
            confirm = base;
            basis = "the default for " + code;
        } else {
            long largest = Math.max(0, largestDaily.getAsLong());
            long fromBudgets = 2 * largest;
            if (base == null && fromBudgets == 0) {
                return cap == null ? null : new Limits(cap, cap, code, source, "hard cap set by an owner");
            }
            confirm = Math.max(base == null ? 0 : base, fromBudgets);
            basis = fromBudgets > (base == null ? 0 : base)
                    ? "2 × the largest daily budget in this ad account (" + MoneyFormat.text(largest, code) + ")"
                    : "the default for " + code;
        }
        if (cap == null) {
            cap = Math.multiplyExact(confirm, (long) HARD_CAP_FACTOR);
        } else {
            confirm = Math.min(confirm, cap);
        }
        return new Limits(confirm, cap, code, source, basis);
    }

    private static long pow10(int digits) {
        return digits == 0 ? 1 : 100;
    }

    /** What GET /api/v1/spend-guards answers: the limits owners set, and the defaults per chosen account. */
    public Map<String, Object> view(TenantId tenant) {
        List<Map<String, Object>> set = new ArrayList<>();
        for (SpendGuardRepository.Row row : repository.all(tenant)) {
            set.add(describe(row));
        }
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (ChosenAdAccount account : chosen.all(tenant)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ad_account_id", account.adAccountId());
            item.put("name", account.name());
            item.put("currency", account.currency());
            String code = account.currency() == null ? null : account.currency().toUpperCase(Locale.ROOT);
            Long base = code != null && DEFAULTS.containsKey(code)
                    ? DEFAULTS.get(code) * pow10(MoneyFormat.digits(code)) : null;
            item.put("default_confirm_above", base == null ? null : MoneyFormat.units(base, code));
            item.put("default_confirm_above_formatted", base == null ? null : MoneyFormat.text(base, code));
            item.put("default_rule", "confirm above the larger of the currency default and 2 × the largest daily "
                    + "budget in the account; refuse above " + HARD_CAP_FACTOR + " × that");
            accounts.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", set);
        answer.put("ad_accounts", accounts);
        return answer;
    }

    static Map<String, Object> describe(SpendGuardRepository.Row row) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("ad_account_id", row.adAccountId());
        item.put("currency", row.currency());
        item.put("confirm_above", row.confirmAboveMinor() == null ? null
                : MoneyFormat.units(row.confirmAboveMinor(), row.currency()));
        item.put("confirm_above_formatted", row.confirmAboveMinor() == null ? null
                : MoneyFormat.text(row.confirmAboveMinor(), row.currency()));
        item.put("hard_cap", row.hardCapMinor() == null ? null : MoneyFormat.units(row.hardCapMinor(), row.currency()));
        item.put("hard_cap_formatted", row.hardCapMinor() == null ? null
                : MoneyFormat.text(row.hardCapMinor(), row.currency()));
        item.put("updated_at", row.updatedAt().toString());
        return item;
    }

    /**
     * Sets (or, with neither amount, removes) the limits for every account in a currency ({@code adAccountId} "*") or
     * for one chosen account (its currency). Owners only; audited as {@code spend_guard.update}.
     *
     * @param confirmAbove currency units ("500", "500.00", "500.00 USD"), or null for the default
     * @param hardCap currency units, or null for the default
     */
    public Map<String, Object> put(AdsCaller caller, MemberId by, boolean owner, @Nullable String adAccountId,
            @Nullable String currency, @Nullable Object confirmAbove, @Nullable Object hardCap) {
        if (!owner || !caller.canWrite()) {
            audit(caller, "spend_guard.update", adAccountId == null ? "" : adAccountId, null, null,
                    AuditEvent.DENIED);
            if (!caller.canWrite()) {
                caller.requireWrite();
            }
            throw new AdsException(AdsException.Problem.FORBIDDEN, "forbidden_role",
                    "Only owners set spending limits.");
        }
        String account = adAccountId == null || adAccountId.isBlank() ? ALL_ACCOUNTS : adAccountId.strip();
        String code;
        if (ALL_ACCOUNTS.equals(account)) {
            if (currency == null || !currency.strip().matches("[A-Za-z]{3}")) {
                throw AdsException.validation("currency", "Choose the currency these limits are in, e.g. USD.");
            }
            code = currency.strip().toUpperCase(Locale.ROOT);
        } else {
            String normalized = account.startsWith("act_") ? account : "act_" + account;
            ChosenAdAccount chosenAccount = chosen.all(caller.tenant()).stream()
                    .filter(a -> a.adAccountId().equals(normalized)).findFirst()
                    .orElseThrow(() -> AdsException.validation("ad_account_id", "Not one of your ad accounts."));
            account = normalized;
            if (chosenAccount.currency() == null) {
                throw AdsException.validation("ad_account_id", "This ad account's currency is not known yet.");
            }
            code = chosenAccount.currency().toUpperCase(Locale.ROOT);
            if (currency != null && !currency.isBlank() && !currency.strip().equalsIgnoreCase(code)) {
                throw AdsException.validation("currency", "This ad account spends in " + code + ".");
            }
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Long confirm = amount(confirmAbove, code, "confirm_above", problems);
        Long cap = amount(hardCap, code, "hard_cap", problems);
        if (problems.isEmpty() && confirm != null && cap != null && confirm > cap) {
            problems.put("confirm_above", "Must not be above the hard cap.");
        }
        if (!problems.isEmpty()) {
            throw AdsException.validation(problems);
        }
        Optional<SpendGuardRepository.Row> before = repository.find(caller.tenant(), account);
        Map<String, Object> answer;
        if (confirm == null && cap == null) {
            repository.delete(caller.tenant(), account);
            answer = new LinkedHashMap<>();
            answer.put("ad_account_id", account);
            answer.put("currency", code);
            answer.put("removed", true);
        } else {
            SpendGuardRepository.Row row = new SpendGuardRepository.Row(account, code, confirm, cap,
                    clock.instant());
            repository.put(caller.tenant(), row, by);
            answer = describe(row);
        }
        Map<String, Object> after = new LinkedHashMap<>(answer);
        after.remove("updated_at");
        Map<String, Object> was = before.map(SpendGuards::describe).orElse(null);
        if (was != null) {
            was.remove("updated_at");
        }
        audit(caller, "spend_guard.update", account, was, after, AuditEvent.SUCCESS);
        return answer;
    }

    private void audit(AdsCaller caller, String action, String target, @Nullable Map<String, Object> before,
            @Nullable Map<String, Object> after, String outcome) {
        events.publishEvent(new AuditEvent(caller.tenant(), caller.actor(), action, "spend_guard", target, before,
                after, outcome, caller.requestId(), caller.clientIp(), clock.instant()));
    }

    private static @Nullable Long amount(@Nullable Object value, String code, String field,
            Map<String, String> problems) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Long minor = MoneyFormat.parseUnits(value, code);
        if (minor == null || minor <= 0) {
            problems.put(field, "An amount above zero in " + code + ", e.g. "
                    + MoneyFormat.units(50_000L * (MoneyFormat.digits(code) == 0 ? 1 : 100) / 100, code) + ".");
            return null;
        }
        return minor;
    }
}
