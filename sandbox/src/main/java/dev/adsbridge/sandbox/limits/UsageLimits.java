package dev.adsbridge.sandbox.limits;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta's rate limits as a Graph caller meets them (docs/meta-graph-api.md, "Rate-limit headers" and "Errors"):
 * <ul>
 *   <li>app usage: every Graph call counts toward an hourly app budget ({@code X-App-Usage}, over 100% → #4);</li>
 *   <li>ad-account score: reads cost 1 point, writes 3, decaying linearly over the tier's window
 *       ({@code X-Ad-Account-Usage}; over the maximum → 17/2446079 and a block);</li>
 *   <li>Business Use Case: hourly call counts per account for ads_management and ads_insights
 *       ({@code X-Business-Use-Case-Usage}; over the quota → 80004 / 80000);</li>
 *   <li>ad-set budget changes: more than 4 within an hour → 613/1487632 ({@link #recordBudgetChange}).</li>
 * </ul>
 * Thread-safe; each call takes two short per-account locks.
 */
public final class UsageLimits {

    public static final String ADS_MANAGEMENT = "ads_management";
    public static final String ADS_INSIGHTS = "ads_insights";

    private static final int BUDGET_CHANGES_PER_HOUR = 4;

    private final Clock clock;
    private final Quotas quotas;
    private final Map<String, AccountUsage> accounts = new ConcurrentHashMap<>();
    /** Calls counted toward the app's platform rate limit (Graph API calls, not Marketing API ones). */
    private final HourlyCounter appCalls = new HourlyCounter();
    /** Every Graph call the app made, Ads calls included: what harnesses count calls with. */
    private final HourlyCounter allCalls = new HourlyCounter();
    private final Map<String, Deque<Long>> budgetChanges = new ConcurrentHashMap<>();
    private volatile boolean enforced = true;

    /** The limits of the configured access tier, on the configured clock. */
    public UsageLimits(SandboxConfig config) {
        this(config.clock(), Quotas.forTier(config.accessTier()));
    }

    /** Explicit quotas (benchmarks, tests that need a small limit). */
    public UsageLimits(Clock clock, Quotas quotas) {
        this.clock = clock;
        this.quotas = quotas;
    }

    public Quotas quotas() {
        return quotas;
    }

    /** False: usage is still counted and reported in headers, but no call is ever refused (benchmarks). */
    public void enforce(boolean enforce) {
        this.enforced = enforce;
    }

    public boolean isEnforced() {
        return enforced;
    }

    // ---- the pipeline's hooks ----

    /** Counts any Graph call the app makes (Ads calls included), for the call statistics. */
    public void count(GraphCall call) {
        if (call.countsAsGraphCall()) {
            allCalls.tryCount(clock.millis(), Long.MAX_VALUE, false);
        }
    }

    /** Counts a Graph call toward the app's platform budget; throws #4 when the budget is used up. */
    public void admit(GraphCall call) {
        if (!call.countsAsGraphCall()) {
            return;
        }
        if (!appCalls.tryCount(clock.millis(), quotas.appCallsPerHour(), enforced)) {
            throw RateLimitErrors.appLimit();
        }
    }

    /** Charges the call to its ad account (reads 1, writes 3) and throws the rate-limit error when over. */
    public void charge(GraphCall call) {
        String accountId = call.accountId();
        if (accountId == null) {
            return;
        }
        long now = clock.millis();
        AccountUsage usage = accounts.computeIfAbsent(accountId, id -> new AccountUsage());
        if (quotas.dependsOnActiveAds() && usage.activeAdsStale(now) && call.api() != null) {
            usage.activeAds(countActiveAds(call.api().context().store(), accountId), now);
        }
        int cost = call.isRead() ? 1 : 3;
        usage.chargeScore(now, cost, quotas, enforced);
        String type = businessUseCase(call);
        long quota = quotaFor(type, usage);
        HourlyCounter counter = usage.counter(type);
        if (!counter.tryCount(now, quota, enforced)) {
            usage.refund(cost);
            throw RateLimitErrors.businessUseCase(type, numericId(accountId), counter.minutesToRegain(now, quota),
                    quotas.tier());
        }
    }

    /**
     * Usage headers for the response to this call, as Meta sends them (Graph API "Rate Limits"): a Marketing API call
     * (one charged to an ad account) carries the account's usage and its Business Use Case usage, never
     * {@code X-App-Usage}, because those calls are not subject to the platform limit; any other Graph call carries
     * {@code X-App-Usage} only once the app makes enough calls to be considered for rate limiting (here: at 1 % of
     * its hourly budget), not from the first call.
     */
    public Map<String, String> headers(GraphCall call) {
        if (!call.countsAsGraphCall()) {
            return Map.of();
        }
        long now = clock.millis();
        int appPct = appCalls.percent(now, quotas.appCallsPerHour());
        Map<String, String> headers = new LinkedHashMap<>(6);
        String accountId = call.accountId();
        AccountUsage usage = accountId == null ? null : accounts.get(accountId);
        if (usage == null) {
            if (appPct >= 1) {
                headers.put(UsageHeaders.APP_USAGE, UsageHeaders.appUsage(appPct));
            }
            return headers;
        }
        headers.put(UsageHeaders.AD_ACCOUNT_USAGE, UsageHeaders.adAccountUsage(usage.utilizationPct(now, quotas),
                usage.resetSeconds(now, quotas), quotas.tier()));
        String type = businessUseCase(call);
        List<UsageHeaders.BucEntry> entries = new ArrayList<>(2);
        for (String each : List.of(ADS_INSIGHTS, ADS_MANAGEMENT)) {
            HourlyCounter counter = usage.counter(each);
            if (each.equals(type) || counter.count(now) > 0) {
                long quota = quotaFor(each, usage);
                entries.add(new UsageHeaders.BucEntry(each, counter.percent(now, quota),
                        counter.minutesToRegain(now, quota)));
            }
        }
        headers.put(UsageHeaders.BUSINESS_USE_CASE_USAGE,
                UsageHeaders.businessUseCase(numericId(accountId), entries, quotas.tier()));
        if (ADS_INSIGHTS.equals(type)) {
            HourlyCounter insights = usage.counter(ADS_INSIGHTS);
            headers.put(UsageHeaders.INSIGHTS_THROTTLE, UsageHeaders.insightsThrottle(appPct,
                    insights.count(now) * 100.0 / quotaFor(ADS_INSIGHTS, usage), quotas.tier()));
        }
        return headers;
    }

    /**
     * Records a change of an ad set's budget; the fifth change within an hour throws 613/1487632 and is not recorded.
     * Call it from the ad-set update path before applying the new budget.
     */
    public void recordBudgetChange(String adsetId) {
        long now = clock.millis();
        Deque<Long> changes = budgetChanges.computeIfAbsent(adsetId, id -> new ArrayDeque<>());
        synchronized (changes) {
            while (!changes.isEmpty() && (now - changes.peekFirst() >= HourlyCounter.HOUR_MILLIS
                    || changes.peekFirst() > now)) {
                changes.pollFirst();
            }
            if (enforced && changes.size() >= BUDGET_CHANGES_PER_HOUR) {
                throw RateLimitErrors.adSetBudgetChanges();
            }
            changes.addLast(now);
        }
    }

    // ---- control API ----

    /** Sets an account's score (points), lifting any block. */
    public void presetScore(String accountId, double points) {
        accounts.computeIfAbsent(accountId, id -> new AccountUsage()).preset(clock.millis(), points);
    }

    /** Sets the number of calls already made this hour for one Business Use Case type of an account. */
    public void presetBusinessUseCase(String accountId, String type, long calls) {
        accounts.computeIfAbsent(accountId, id -> new AccountUsage()).counter(type).preset(clock.millis(), calls);
    }

    /** Sets the number of calls the app has made this hour. */
    public void presetAppCalls(long calls) {
        appCalls.preset(clock.millis(), calls);
        allCalls.preset(clock.millis(), calls);
    }

    /** Forgets all usage: every score, counter, block and budget change. */
    public void reset() {
        accounts.clear();
        budgetChanges.clear();
        appCalls.preset(clock.millis(), 0);
        allCalls.preset(clock.millis(), 0);
    }

    /**
     * Restores usage from a {@link #snapshot()}: the app's calls this hour, each account's score and Business Use
     * Case calls this hour (their windows restart now).
     */
    public void restore(tools.jackson.databind.JsonNode snapshot) {
        if (snapshot == null || !snapshot.isObject()) {
            return;
        }
        presetAppCalls(snapshot.path("app").path("calls_this_hour").asLong(0));
        snapshot.path("accounts").properties().forEach(entry -> {
            tools.jackson.databind.JsonNode account = entry.getValue();
            presetScore(entry.getKey(), account.path("score").asDouble(0));
            for (String type : List.of(ADS_MANAGEMENT, ADS_INSIGHTS)) {
                presetBusinessUseCase(entry.getKey(), type, account.path(type).path("calls_this_hour").asLong(0));
            }
        });
    }

    /** The current state, for the status page and {@code GET /_sandbox/state}. */
    public Map<String, Object> snapshot() {
        long now = clock.millis();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ads_api_access_tier", quotas.tier());
        out.put("enforced", enforced);
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("calls_this_hour", allCalls.count(now));
        app.put("platform_calls_this_hour", appCalls.count(now));
        app.put("calls_per_hour", quotas.appCallsPerHour());
        app.put("call_count_pct", appCalls.percent(now, quotas.appCallsPerHour()));
        out.put("app", app);
        Map<String, Object> byAccount = new TreeMap<>();
        accounts.forEach((id, usage) -> {
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("score", Math.round(usage.score(now, quotas) * 100) / 100.0);
            account.put("score_max", quotas.scoreMax());
            account.put("acc_id_util_pct", Math.round(usage.utilizationPct(now, quotas) * 100) / 100.0);
            account.put("blocked_for_seconds", usage.blockedForSeconds(now));
            for (String type : List.of(ADS_MANAGEMENT, ADS_INSIGHTS)) {
                HourlyCounter counter = usage.counter(type);
                long quota = quotaFor(type, usage);
                Map<String, Object> buc = new LinkedHashMap<>();
                buc.put("calls_this_hour", counter.count(now));
                buc.put("quota_per_hour", quota);
                buc.put("call_count_pct", counter.percent(now, quota));
                buc.put("estimated_time_to_regain_access", counter.minutesToRegain(now, quota));
                account.put(type, buc);
            }
            byAccount.put(id, account);
        });
        out.put("accounts", byAccount);
        return out;
    }

    // ---- helpers ----

    private long quotaFor(String type, AccountUsage usage) {
        int activeAds = usage.activeAds();
        return ADS_INSIGHTS.equals(type) ? quotas.adsInsightsQuota(activeAds) : quotas.adsManagementQuota(activeAds);
    }

    /** Insights edges and async report runs are ads_insights; every other object read or write is ads_management. */
    static String businessUseCase(GraphCall call) {
        if ("insights".equals(call.edge())) {
            return ADS_INSIGHTS;
        }
        Node node = call.node();
        return node != null && node.type() == NodeType.AD_REPORT_RUN ? ADS_INSIGHTS : ADS_MANAGEMENT;
    }

    private static int countActiveAds(SandboxStore store, String accountId) {
        int active = 0;
        for (Node ad : store.nodesOf(accountId, NodeType.AD)) {
            if ("ACTIVE".equals(ad.getString("status"))) {
                active++;
            }
        }
        return active;
    }

    private static String numericId(String accountId) {
        return accountId.startsWith("act_") ? accountId.substring(4) : accountId;
    }
}
