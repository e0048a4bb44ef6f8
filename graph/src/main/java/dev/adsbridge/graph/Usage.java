package dev.adsbridge.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Meta's rate-limit usage as reported on a response, so callers can slow down before Meta blocks the app.
 * Each part is present only when its header was sent and held valid JSON; a malformed header is ignored, never fatal.
 *
 * <p>Percent values are 0-100 (Meta throttles at 100).
 *
 * @param app              {@code X-App-Usage}
 * @param adAccount        {@code X-Ad-Account-Usage}
 * @param businessUseCases {@code X-Business-Use-Case-Usage}, one entry per business/ad-account id and use-case type
 * @param insightsThrottle {@code X-FB-Ads-Insights-Throttle}
 */
public record Usage(
        Optional<AppUsage> app,
        Optional<AdAccountUsage> adAccount,
        List<BusinessUseCaseUsage> businessUseCases,
        Optional<InsightsThrottle> insightsThrottle) {

    public static final String APP_USAGE_HEADER = "X-App-Usage";
    public static final String AD_ACCOUNT_USAGE_HEADER = "X-Ad-Account-Usage";
    public static final String BUSINESS_USE_CASE_USAGE_HEADER = "X-Business-Use-Case-Usage";
    public static final String INSIGHTS_THROTTLE_HEADER = "X-FB-Ads-Insights-Throttle";

    private static final Usage NONE = new Usage(Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    public Usage {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(adAccount, "adAccount");
        businessUseCases = List.copyOf(businessUseCases);
        Objects.requireNonNull(insightsThrottle, "insightsThrottle");
    }

    /** No usage reported (e.g. a network failure, or a host that sends no usage headers). */
    public static Usage none() {
        return NONE;
    }

    /** {@code X-App-Usage}: the app's share of its platform rate limit, in percent. */
    public record AppUsage(double callCount, double totalCputime, double totalTime) {
        double max() {
            return Math.max(callCount, Math.max(totalCputime, totalTime));
        }
    }

    /**
     * {@code X-Ad-Account-Usage}.
     *
     * @param accIdUtilPct       the ad account's utilisation in percent
     * @param resetTimeDuration  time until the account's score resets (sent in seconds)
     * @param adsApiAccessTier   e.g. {@code standard_access} or {@code development_access}; may be null
     */
    public record AdAccountUsage(double accIdUtilPct, Duration resetTimeDuration, String adsApiAccessTier) {
        public AdAccountUsage {
            Objects.requireNonNull(resetTimeDuration, "resetTimeDuration");
        }
    }

    /**
     * One entry of {@code X-Business-Use-Case-Usage}.
     *
     * @param businessId                  the business or ad account id the header keyed this entry by
     * @param type                        use case, e.g. {@code ads_management}, {@code ads_insights}
     * @param estimatedTimeToRegainAccess how long until calls are accepted again (Meta sends minutes; zero when not blocked)
     * @param adsApiAccessTier            may be null
     */
    public record BusinessUseCaseUsage(
            String businessId,
            String type,
            double callCount,
            double totalCputime,
            double totalTime,
            Duration estimatedTimeToRegainAccess,
            String adsApiAccessTier) {
        public BusinessUseCaseUsage {
            Objects.requireNonNull(businessId, "businessId");
            Objects.requireNonNull(estimatedTimeToRegainAccess, "estimatedTimeToRegainAccess");
        }

        double max() {
            return Math.max(callCount, Math.max(totalCputime, totalTime));
        }
    }

    /** {@code X-FB-Ads-Insights-Throttle}: utilisation of the insights endpoints in percent. */
    public record InsightsThrottle(double appIdUtilPct, double accIdUtilPct, String adsApiAccessTier) {
    }

    /** True when no usage header was understood. */
    public boolean isEmpty() {
        return app.isEmpty() && adAccount.isEmpty() && businessUseCases.isEmpty() && insightsThrottle.isEmpty();
    }

    /** The highest utilisation percent reported by any header (0 when none): how close the caller is to a block. */
    public double maxUtilizationPercent() {
        // Loops, not streams: read for every tool result (its _meta), where four streams cost more than the rest.
        // Percents are never negative (see percent), so 0 is both the start and the answer when nothing reported.
        double max = 0;
        if (app.isPresent()) {
            max = Math.max(max, app.get().max());
        }
        if (adAccount.isPresent()) {
            max = Math.max(max, adAccount.get().accIdUtilPct());
        }
        for (BusinessUseCaseUsage useCase : businessUseCases) {
            max = Math.max(max, useCase.max());
        }
        if (insightsThrottle.isPresent()) {
            max = Math.max(max, Math.max(insightsThrottle.get().appIdUtilPct(), insightsThrottle.get().accIdUtilPct()));
        }
        return max;
    }

    /**
     * How long until Meta accepts calls again: the longest {@code estimated_time_to_regain_access} and, when the ad
     * account is throttled (utilisation at 100 %), its {@code reset_time_duration}. Zero when nothing is blocked.
     */
    public Duration regainAccessIn() {
        Duration longest = Duration.ZERO;
        for (BusinessUseCaseUsage useCase : businessUseCases) {
            longest = max(longest, useCase.estimatedTimeToRegainAccess());
        }
        if (adAccount.isPresent() && adAccount.get().accIdUtilPct() >= 100) {
            longest = max(longest, adAccount.get().resetTimeDuration());
        }
        return longest;
    }

    static Usage fromHeaders(Map<String, String> headers) {
        return fromHeaders(name -> headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst());
    }

    /** A usage header's text and what it said; one per header, the last one read. */
    private record Parsed(String text, Object value) {
    }

    private static final AtomicReferenceArray<Parsed> LAST_READ = new AtomicReferenceArray<>(4);

    /**
     * What a header's text says: Meta repeats the same text from answer to answer until the usage moves, so the text
     * is compared with the last one read before it is parsed again (parsing these small JSON documents was about 3 %
     * of a tool call's CPU in the mcp-peers benchmark).
     */
    @SuppressWarnings("unchecked")
    private static <T> T read(int slot, String text, Function<String, T> parse) {
        Parsed last = LAST_READ.get(slot);
        if (last != null && Objects.equals(last.text(), text)) {
            return (T) last.value();
        }
        T value = parse.apply(text);
        LAST_READ.set(slot, new Parsed(text, value));
        return value;
    }

    static Usage fromHeaders(Function<String, Optional<String>> header) {
        Optional<AppUsage> app = read(0, header.apply(APP_USAGE_HEADER).orElse(null), text -> jsonObject(text)
                .map(node -> new AppUsage(percent(node, "call_count"), percent(node, "total_cputime"),
                        percent(node, "total_time"))));
        Optional<AdAccountUsage> adAccount = read(1, header.apply(AD_ACCOUNT_USAGE_HEADER).orElse(null),
                text -> jsonObject(text).map(node -> new AdAccountUsage(
                        percent(node, "acc_id_util_pct"),
                        Duration.ofSeconds(nonNegativeLong(node, "reset_time_duration")),
                        Json.text(node, "ads_api_access_tier"))));
        List<BusinessUseCaseUsage> useCases = read(2, header.apply(BUSINESS_USE_CASE_USAGE_HEADER).orElse(null),
                text -> List.copyOf(jsonObject(text).map(Usage::businessUseCases).orElse(List.of())));
        Optional<InsightsThrottle> insights = read(3, header.apply(INSIGHTS_THROTTLE_HEADER).orElse(null),
                text -> jsonObject(text).map(node -> new InsightsThrottle(percent(node, "app_id_util_pct"),
                        percent(node, "acc_id_util_pct"), Json.text(node, "ads_api_access_tier"))));
        if (app.isEmpty() && adAccount.isEmpty() && useCases.isEmpty() && insights.isEmpty()) {
            return NONE;
        }
        return new Usage(app, adAccount, useCases, insights);
    }

    private static List<BusinessUseCaseUsage> businessUseCases(JsonNode byId) {
        List<BusinessUseCaseUsage> entries = new ArrayList<>();
        byId.forEachEntry((businessId, list) -> {
            // Meta sends an array per id; tolerate a bare object too.
            Iterable<JsonNode> items = list.isArray() ? list : List.of(list);
            for (JsonNode item : items) {
                if (item.isObject()) {
                    entries.add(new BusinessUseCaseUsage(
                            businessId,
                            Json.text(item, "type"),
                            percent(item, "call_count"),
                            percent(item, "total_cputime"),
                            percent(item, "total_time"),
                            Duration.ofMinutes(nonNegativeLong(item, "estimated_time_to_regain_access")),
                            Json.text(item, "ads_api_access_tier")));
                }
            }
        });
        return entries;
    }

    private static Optional<JsonNode> jsonObject(String text) {
        return Json.tryParse(text).filter(JsonNode::isObject);
    }

    private static double percent(JsonNode node, String field) {
        Double value = Json.decimal(node, field);
        return value == null || value.isNaN() || value < 0 ? 0 : value;
    }

    private static long nonNegativeLong(JsonNode node, String field) {
        Long value = Json.integer(node, field);
        return value == null || value < 0 ? 0 : value;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
