package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.store.MetaFieldList;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The AdsInsights fields and how a row shows them: every number a string, counts as integers, money in the account
 * currency's major units with its decimals ("48.27", "5210" for JPY), ratios to at most six decimals computed from
 * the row's own totals (ctr = clicks / impressions × 100, cpc = spend / clicks, cpm = spend / impressions × 1000,
 * cpp = spend / reach × 1000, frequency = impressions / reach); a ratio whose denominator is zero is left out, as is
 * any field without a value (ids above the row's level, purchase ROAS without purchases, …).
 */
final class InsightsFields {

    /**
     * Every field Meta's AdsInsights rows have (an unknown name is "(#100) Tried accessing nonexisting field"): the
     * official SDKs' list. Fields the sandbox does not compute are accepted and left out of rows, as Meta leaves out
     * a field without a value.
     */
    static final Set<String> KNOWN = Set.copyOf(
            MetaFieldList.read("/dev/adsbridge/sandbox/insights/ads-insights-fields.txt"));

    /** Scalar numeric fields the sandbox computes: sortable and filterable. */
    static final Set<String> NUMERIC = Set.of("impressions", "reach", "frequency", "clicks", "unique_clicks",
            "inline_link_clicks", "inline_post_engagement", "spend", "ctr", "unique_ctr", "inline_link_click_ctr",
            "cpc", "cpm", "cpp", "cost_per_inline_link_click", "cost_per_unique_click",
            "cost_per_inline_post_engagement");

    /**
     * Fields that need reach: left out of breakdown rows starting more than 13 months back (Meta stopped returning
     * reach for breakdowns of data older than 13 months in June 2025).
     */
    private static final Set<String> REACH_FIELDS = Set.of("reach", "frequency", "cpp");

    private static final Set<String> OBJECT_FIELDS = Set.of("campaign_id", "campaign_name", "adset_id", "adset_name",
            "ad_id", "ad_name", "objective", "optimization_goal", "buying_type");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /**
     * An action type reported in actions (and its cost per action) and how a row counts it.
     *
     * @param attributed a conversion, credited under attribution windows; the sandbox's conversions all happen off
     *                   Meta (the pixel's website events, leads, app installs)
     */
    private record ActionType(String name, ToLongFunction<long[]> count, boolean attributed) {

        /** A mobile app event: Meta leaves these out under the Type 2 breakdowns (action_device, …). */
        boolean mobile() {
            return name.equals("mobile_app_install") || name.equals("omni_app_install");
        }
    }

    private static final List<ActionType> ACTIONS = List.of(
            new ActionType("add_to_cart", t -> t[Totals.ADD_TO_CART], true),
            new ActionType("complete_registration", t -> t[Totals.REGISTRATIONS], true),
            new ActionType("initiate_checkout", t -> t[Totals.INITIATE_CHECKOUT], true),
            new ActionType("landing_page_view", t -> t[Totals.LANDING_PAGE_VIEWS], true),
            new ActionType("lead", t -> t[Totals.LEADS], true),
            new ActionType("link_click", t -> t[Totals.INLINE_LINK_CLICKS], false),
            new ActionType("mobile_app_install", t -> t[Totals.APP_INSTALLS], true),
            new ActionType("offsite_conversion.fb_pixel_add_to_cart", t -> t[Totals.ADD_TO_CART], true),
            new ActionType("offsite_conversion.fb_pixel_complete_registration", t -> t[Totals.REGISTRATIONS], true),
            new ActionType("offsite_conversion.fb_pixel_initiate_checkout", t -> t[Totals.INITIATE_CHECKOUT], true),
            new ActionType("offsite_conversion.fb_pixel_lead", t -> t[Totals.LEADS], true),
            new ActionType("offsite_conversion.fb_pixel_purchase", t -> t[Totals.PURCHASES], true),
            new ActionType("omni_add_to_cart", t -> t[Totals.ADD_TO_CART], true),
            new ActionType("omni_app_install", t -> t[Totals.APP_INSTALLS], true),
            new ActionType("omni_complete_registration", t -> t[Totals.REGISTRATIONS], true),
            new ActionType("omni_initiated_checkout", t -> t[Totals.INITIATE_CHECKOUT], true),
            new ActionType("omni_purchase", t -> t[Totals.PURCHASES], true),
            new ActionType("page_engagement", InsightsFields::postEngagement, false),
            new ActionType("post_engagement", InsightsFields::postEngagement, false),
            new ActionType("post_reaction", t -> t[Totals.POST_REACTIONS], false),
            new ActionType("purchase", t -> t[Totals.PURCHASES], true),
            new ActionType("video_view", t -> t[Totals.VIDEO_VIEWS], false));

    private static final List<ActionType> CONVERSIONS = List.of(
            new ActionType("lead", t -> t[Totals.LEADS], true),
            new ActionType("mobile_app_install", t -> t[Totals.APP_INSTALLS], true),
            new ActionType("purchase", t -> t[Totals.PURCHASES], true));

    /** How reactions, video sound and video plays divide (before each row's tilt). */
    private static final double[] REACTION_SHARES = {0.70, 0.17, 0.05, 0.04, 0.025, 0.015};
    private static final double[] SOUND_SHARES = {0.35, 0.65};
    private static final double[] PLAY_SHARES = {0.97, 0.03};

    private static final List<String> PURCHASE_VALUE_TYPES = List.of("offsite_conversion.fb_pixel_purchase",
            "omni_purchase", "purchase");

    private InsightsFields() {
    }

    /** Clicks (all) plus video plays: everything people did with the post. */
    static long postEngagement(long[] totals) {
        return totals[Totals.CLICKS] + totals[Totals.VIDEO_VIEWS];
    }

    /**
     * Unique clicks of a row: people who clicked, at most clicks and reach; the repeat-click share grows as reach
     * gets smaller against impressions (long ranges, many ads).
     */
    static long uniqueClicks(InsightsRow row) {
        long clicks = row.totals()[Totals.CLICKS];
        long impressions = row.impressions();
        if (clicks == 0 || impressions == 0) {
            return 0;
        }
        long unique = Splitter.mulDivFloor(clicks, 550 * impressions + 400 * row.reach(), 0, 1000 * impressions);
        return Math.max(row.reach() > 0 ? 1 : 0, Math.min(unique, Math.min(clicks, row.reach())));
    }

    /**
     * frequency_value rows: "frequency_value is used with reach only" (Insights API Breakdowns, notes on the generic
     * breakdowns). They show the reach of the bucket, the impressions its people saw and their frequency; every
     * other metric is left out, as Meta leaves out a field without a value.
     */
    static final Set<String> FREQUENCY_VALUE_METRICS = Set.of("impressions", "reach", "frequency");

    /** Fields that name what a row is about rather than measure it. */
    private static final Set<String> IDENTITY_FIELDS = Set.of("account_currency", "account_id", "account_name",
            "campaign_id", "campaign_name", "adset_id", "adset_name", "ad_id", "ad_name", "objective",
            "optimization_goal", "buying_type");

    /** Whether rows of this query can show {@code field} at all. */
    static boolean reported(InsightsQuery query, String field) {
        return !query.byFrequency() || FREQUENCY_VALUE_METRICS.contains(field) || IDENTITY_FIELDS.contains(field);
    }

    /** A numeric field of a row as shown (for filtering and sorting), or null when the row has no value. */
    static BigDecimal numeric(InsightsQuery query, InsightsRow row, String field, AccountInfo account) {
        if (!reported(query, field)) {
            return null;
        }
        Object value = scalar(row, field, account);
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static String scalar(InsightsRow row, String field, AccountInfo account) {
        long[] t = row.totals();
        long impressions = t[Totals.IMPRESSIONS];
        long clicks = t[Totals.CLICKS];
        long spend = t[Totals.SPEND];
        long reach = row.reach();
        return switch (field) {
            case "impressions" -> Long.toString(impressions);
            case "reach" -> Long.toString(reach);
            case "frequency" -> ratio(BigDecimal.valueOf(impressions), reach);
            case "clicks" -> Long.toString(clicks);
            case "unique_clicks" -> Long.toString(uniqueClicks(row));
            case "inline_link_clicks" -> Long.toString(t[Totals.INLINE_LINK_CLICKS]);
            case "inline_post_engagement" -> Long.toString(postEngagement(t));
            case "spend" -> money(spend, account);
            case "ctr" -> ratio(BigDecimal.valueOf(clicks).multiply(HUNDRED), impressions);
            case "unique_ctr" -> ratio(BigDecimal.valueOf(uniqueClicks(row)).multiply(HUNDRED), reach);
            case "inline_link_click_ctr" ->
                    ratio(BigDecimal.valueOf(t[Totals.INLINE_LINK_CLICKS]).multiply(HUNDRED), impressions);
            case "cpc" -> moneyPer(spend, clicks, account);
            case "cpm" -> moneyPer(spend * 1000, impressions, account);
            case "cpp" -> moneyPer(spend * 1000, reach, account);
            case "cost_per_inline_link_click" -> moneyPer(spend, t[Totals.INLINE_LINK_CLICKS], account);
            case "cost_per_unique_click" -> moneyPer(spend, uniqueClicks(row), account);
            case "cost_per_inline_post_engagement" -> moneyPer(spend, postEngagement(t), account);
            default -> null;
        };
    }

    static String money(long minor, AccountInfo account) {
        return BigDecimal.valueOf(minor, account.decimals()).toPlainString();
    }

    /** numerator / denominator to six decimals, trailing zeros dropped; null when the denominator is zero. */
    static String ratio(BigDecimal numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return numerator.divide(BigDecimal.valueOf(denominator), 6, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    /** A money amount in minor units divided by a count, in major units. */
    static String moneyPer(long minor, long count, AccountInfo account) {
        return ratio(BigDecimal.valueOf(minor), count * account.minorPerMajor());
    }

    /** Renders rows of one request; caches object names for the request. */
    static final class Renderer {
        private final InsightsQuery query;
        private final AccountInfo account;
        private final SandboxStore store;
        private final Map<String, Node> nodes = new HashMap<>();
        private final Map<String, List<AdParts.Card>> cards = new HashMap<>();
        private final List<InsightsFilter> actionFilters;
        private final List<ActionBreakdown> splits;

        Renderer(InsightsQuery query, AccountInfo account, SandboxStore store) {
            this.query = query;
            this.account = account;
            this.store = store;
            this.actionFilters = query.filters().stream().filter(InsightsFilter::isActionTypeFilter).toList();
            this.splits = query.entrySplits().stream().distinct().toList();
        }

        Map<String, Object> row(InsightsRow row) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean reach = query.showsReach(row.range().since());
            for (String field : query.fields()) {
                if ("date_start".equals(field) || "date_stop".equals(field)) {
                    continue;
                }
                if (!reach && REACH_FIELDS.contains(field) || !reported(query, field)) {
                    continue;
                }
                Object value = value(row, field);
                if (value != null) {
                    out.put(field, value);
                }
            }
            out.put("date_start", row.range().since().toString());
            out.put("date_stop", row.range().until().toString());
            for (int i = 0; i < query.breakdowns().size() && i < row.dimensions().size(); i++) {
                out.put(query.breakdowns().get(i).graphName, row.dimensions().get(i));
            }
            return out;
        }

        /** The summary object: totals of the requested metric fields over the whole request. */
        Map<String, Object> summary(InsightsRow row) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String field : query.summaryFields()) {
                if (OBJECT_FIELDS.contains(field) || "date_start".equals(field) || "date_stop".equals(field)) {
                    continue;
                }
                Object value = value(row, field);
                if (value != null) {
                    out.put(field, value);
                }
            }
            out.put("date_start", row.range().since().toString());
            out.put("date_stop", row.range().until().toString());
            return out;
        }

        private Object value(InsightsRow row, String field) {
            long[] t = row.totals();
            String scalar = scalar(row, field, account);
            if (scalar != null || NUMERIC.contains(field)) {
                return scalar;
            }
            return switch (field) {
                case "account_currency" -> account.currency();
                case "account_id" -> account.accountId();
                case "account_name" -> account.name();
                case "campaign_id" -> row.campaignId();
                case "adset_id" -> row.adSetId();
                case "ad_id" -> row.adId();
                case "campaign_name" -> field(row.campaignId(), "name");
                case "adset_name" -> field(row.adSetId(), "name");
                case "ad_name" -> field(row.adId(), "name");
                case "objective" -> field(row.campaignId(), "objective");
                case "optimization_goal" -> field(row.adSetId(), "optimization_goal");
                case "buying_type" -> row.campaignId() == null ? null
                        : field(row.campaignId(), "buying_type") == null ? "AUCTION"
                        : field(row.campaignId(), "buying_type");
                case "actions" -> counts(ACTIONS, row);
                case "conversions" -> counts(CONVERSIONS, row);
                case "action_values", "conversion_values" -> values(t[Totals.PURCHASE_VALUE],
                        "conversion_values".equals(field) ? List.of("purchase") : PURCHASE_VALUE_TYPES);
                case "cost_per_action_type" -> costs(ACTIONS, row);
                case "cost_per_conversion" -> costs(CONVERSIONS, row);
                case "purchase_roas" -> roas("omni_purchase", t);
                case "website_purchase_roas" -> roas("offsite_conversion.fb_pixel_purchase", t);
                case "video_play_actions", "video_thruplay_watched_actions" -> counts(List.of(
                        new ActionType("video_view", x -> x[Totals.VIDEO_VIEWS], false)), row);
                case "results" -> results(row, false);
                case "cost_per_result" -> results(row, true);
                default -> null;
            };
        }

        /**
         * {@code results} / {@code cost_per_result}: one entry per result indicator of the row's ads, in
         * {@link ResultType} order, {@code [{"indicator":"actions:link_click","values":[{"value":"45"}]}]}. An
         * indicator whose ads delivered without a result has results "0" and no cost. Reach results are the row's
         * reach when all its ads optimise for reach, else the reach-optimised ads' share of the row's daily reach. The
         * cost of reach and impression results is per 1,000 (as Ads Manager shows it), of every other type per one.
         */
        private List<Map<String, Object>> results(InsightsRow row, boolean cost) {
            long[] t = row.totals();
            List<Map<String, Object>> out = new ArrayList<>();
            for (ResultType type : ResultType.ALL) {
                long count = t[type.countSlot()];
                long spend = t[type.spendSlot()];
                if (count == 0 && spend == 0) {
                    continue;
                }
                if (type == ResultType.REACH) {
                    count = count >= t[Totals.DAILY_REACH] ? row.reach()
                            : Splitter.mulDivFloor(row.reach(), count, 0, Math.max(1, t[Totals.DAILY_REACH]));
                }
                // Reach and impressions cost per 1,000, as Ads Manager's cost per result shows them.
                String value = cost ? moneyPer(spend * type.type.costPer(), count, account) : Long.toString(count);
                if (value == null) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("indicator", type.indicator);
                entry.put("values", List.of(Map.of("value", value)));
                out.add(entry);
            }
            return out.isEmpty() ? null : out;
        }

        private String field(String id, String name) {
            if (id == null) {
                return null;
            }
            Node node = nodes.computeIfAbsent(id, k -> store.node(k).orElse(null));
            return node == null ? null : node.getString(name);
        }

        private boolean actionWanted(String type) {
            for (InsightsFilter filter : actionFilters) {
                if (!filter.matches(type)) {
                    return false;
                }
            }
            return true;
        }

        private List<Map<String, String>> counts(List<ActionType> types, InsightsRow row) {
            List<Map<String, String>> out = new ArrayList<>();
            for (ActionType type : types) {
                if (!actionWanted(type.name())) {
                    continue;
                }
                for (Split split : splits(type, row)) {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("action_type", type.name());
                    entry.putAll(split.keys());
                    entry.put("value", Long.toString(split.count()));
                    for (String window : query.attributionWindows()) {
                        long windowed = attributed(split.count(), window, type.attributed());
                        if (windowed >= 0) {
                            entry.put(window, Long.toString(windowed));
                        }
                    }
                    out.add(entry);
                }
            }
            return out.isEmpty() ? null : out;
        }

        /** One entry of an action list: its breakdown keys, its count and the spend behind it. */
        private record Split(Map<String, String> keys, long count, long spend) {
        }

        /**
         * The entries of one action type in a row, by the query's action breakdowns; their counts add up to the
         * type's count in the row, except where Meta leaves entries out (mobile app actions under the Type 2
         * breakdowns, actions other than link clicks by carousel card) and for action_video_type, whose "total"
         * entry is the sum of the other two (Meta's example in the video ads guide).
         */
        private List<Split> splits(ActionType type, InsightsRow row) {
            long[] t = row.totals();
            long count = type.count().applyAsLong(t);
            if (count <= 0) {
                return List.of();
            }
            Split whole = new Split(Map.of(), count, t[Totals.SPEND]);
            if (splits.isEmpty()) {
                return List.of(whole);
            }
            if (splits.stream().anyMatch(ActionBreakdown::onMetaOnly)) {
                // Insights API Breakdowns, "Restrictions for off-Meta action metrics", Type 2: off-Meta web
                // metrics come without the breakdown value, mobile ones not at all.
                if (type.mobile()) {
                    return List.of();
                }
                if (type.attributed() || row.parts() == null) {
                    return List.of(whole);
                }
                if (splits.contains(ActionBreakdown.CAROUSEL_CARD_ID)
                        || splits.contains(ActionBreakdown.CAROUSEL_CARD_NAME)) {
                    // Carousel ads guide: link clicks, app installs and off-Meta conversions are available per
                    // card; "other actions are not available with a card breakdown".
                    return type.name().equals("link_click") ? byCard(type, row) : List.of();
                }
                return byPart(type, row);
            }
            ActionBreakdown split = splits.get(0);
            return switch (split) {
                case REACTION -> type.name().equals("post_reaction")
                        ? shares(split, ActionBreakdown.REACTIONS, REACTION_SHARES, count, t, row.salt()) : List.of(whole);
                case VIDEO_SOUND -> type.name().equals("video_view")
                        ? shares(split, ActionBreakdown.VIDEO_SOUNDS, SOUND_SHARES, count, t, row.salt()) : List.of(whole);
                case VIDEO_TYPE -> {
                    if (!type.name().equals("video_view")) {
                        yield List.of(whole);
                    }
                    List<Split> out = new ArrayList<>();
                    out.add(new Split(Map.of(split.graphName, "total"), count, t[Totals.SPEND]));
                    out.addAll(shares(split, ActionBreakdown.VIDEO_TYPES.subList(1, 3), PLAY_SHARES, count, t,
                            row.salt()));
                    yield out;
                }
                default -> List.of(whole);
            };
        }

        /** A count divided among fixed values by seeded shares; values left with nothing are left out. */
        private static List<Split> shares(ActionBreakdown split, List<String> values, double[] shares, long count,
                                          long[] totals, long salt) {
            long[] weights = new long[values.size()];
            long mix = SeededHash.combine(salt, SeededHash.of(split.graphName));
            for (int i = 0; i < weights.length; i++) {
                // Each row tilts the shares a little (±20 %), so rows differ.
                double tilt = 0.8 + 0.4 * SeededHash.unit(SeededHash.combine(mix, i));
                weights[i] = Math.max(1, Math.round(shares[i] * tilt * 1_000_000));
            }
            long[] parts = new long[values.size()];
            Splitter.cut(count, weights, 0, values.size(), parts, mix);
            List<Split> out = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] > 0) {
                    out.add(new Split(Map.of(split.graphName, values.get(i)), parts[i], totals[Totals.SPEND]));
                }
            }
            return out;
        }

        /** On-Meta actions by the device they happened on and / or the Page they were taken on. */
        private List<Split> byPart(ActionType type, InsightsRow row) {
            Map<List<String>, long[]> grouped = new java.util.TreeMap<>(Renderer::comparePartKeys);
            for (InsightsRow.Part part : row.parts()) {
                long count = type.count().applyAsLong(part.totals());
                if (count <= 0) {
                    continue;
                }
                List<String> key = new ArrayList<>(2);
                key.add(part.device() == null ? "" : part.device());
                key.add(part.adPart() == null ? "" : part.adPart());
                long[] sum = grouped.computeIfAbsent(key, k -> new long[2]);
                sum[0] += count;
                sum[1] += part.totals()[Totals.SPEND];
            }
            List<Split> out = new ArrayList<>();
            grouped.forEach((key, sum) -> {
                Map<String, String> keys = new LinkedHashMap<>();
                if (splits.contains(ActionBreakdown.DEVICE)) {
                    keys.put(ActionBreakdown.DEVICE.graphName, key.get(0));
                }
                if (splits.contains(ActionBreakdown.TARGET_ID)) {
                    keys.put(ActionBreakdown.TARGET_ID.graphName, key.get(1).isEmpty() ? "0" : key.get(1));
                }
                if (splits.contains(ActionBreakdown.DESTINATION)) {
                    String name = key.get(1).isEmpty() ? null : field(key.get(1), "name");
                    keys.put(ActionBreakdown.DESTINATION.graphName, name == null ? "Unknown" : name);
                }
                out.add(new Split(keys, sum[0], sum[1]));
            });
            return out;
        }

        /** Devices in Meta's order, then Pages by id. */
        private static int comparePartKeys(List<String> a, List<String> b) {
            List<String> devices = List.of(AudienceTrees.DEVICES);
            int c = Integer.compare(devices.indexOf(a.get(0)), devices.indexOf(b.get(0)));
            if (c != 0) {
                return c;
            }
            c = a.get(0).compareTo(b.get(0));
            return c != 0 ? c : InsightsEngine.compareIds(a.get(1), b.get(1));
        }

        /**
         * Link clicks of carousel ads by card: each ad's clicks divided among its cards, the first cards (seen by
         * everyone) taking more; clicks of ads that are no carousel have no card and are left out.
         */
        private List<Split> byCard(ActionType type, InsightsRow row) {
            Map<List<String>, long[]> grouped = new LinkedHashMap<>();
            for (InsightsRow.Part part : row.parts()) {
                long count = type.count().applyAsLong(part.totals());
                if (count <= 0 || part.adPart() == null || part.adPart().isEmpty()) {
                    continue;
                }
                List<AdParts.Card> deck = cards.computeIfAbsent(part.adPart(),
                        id -> AdParts.cards(store.node(id).orElse(null)));
                if (deck.isEmpty()) {
                    continue;
                }
                long salt = SeededHash.combine(row.salt(), SeededHash.of(part.adPart()));
                long[] weights = new long[deck.size()];
                for (int i = 0; i < weights.length; i++) {
                    double tilt = 0.7 + 0.6 * SeededHash.unit(SeededHash.combine(salt, i));
                    weights[i] = Math.max(1, Math.round(1_000_000 * tilt / Math.pow(i + 1, 0.8)));
                }
                long[] clicks = new long[deck.size()];
                Splitter.cut(count, weights, 0, deck.size(), clicks, salt);
                for (int i = 0; i < deck.size(); i++) {
                    if (clicks[i] == 0) {
                        continue;
                    }
                    AdParts.Card card = deck.get(i);
                    List<String> key = new ArrayList<>(2);
                    key.add(splits.contains(ActionBreakdown.CAROUSEL_CARD_ID) ? card.id() : null);
                    key.add(splits.contains(ActionBreakdown.CAROUSEL_CARD_NAME) ? card.name() : null);
                    long[] sum = grouped.computeIfAbsent(key, k -> new long[2]);
                    sum[0] += clicks[i];
                    sum[1] += part.totals()[Totals.SPEND];
                }
            }
            List<Split> out = new ArrayList<>();
            grouped.forEach((key, sum) -> {
                Map<String, String> keys = new LinkedHashMap<>();
                if (key.get(0) != null) {
                    keys.put(ActionBreakdown.CAROUSEL_CARD_ID.graphName, key.get(0));
                }
                if (key.get(1) != null) {
                    keys.put(ActionBreakdown.CAROUSEL_CARD_NAME.graphName, key.get(1));
                }
                out.add(new Split(keys, sum[0], sum[1]));
            });
            return out;
        }

        private List<Map<String, String>> values(long minor, List<String> types) {
            if (minor <= 0) {
                return null;
            }
            List<Map<String, String>> out = new ArrayList<>();
            for (String type : types) {
                if (!actionWanted(type)) {
                    continue;
                }
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("action_type", type);
                entry.put("value", money(minor, account));
                for (String window : query.attributionWindows()) {
                    long windowed = attributed(minor, window, true);
                    if (windowed >= 0) {
                        entry.put(window, money(windowed, account));
                    }
                }
                out.add(entry);
            }
            return out.isEmpty() ? null : out;
        }

        /** Cost per entry: the spend behind the entry (its part of the row, or the row) over its count. */
        private List<Map<String, String>> costs(List<ActionType> types, InsightsRow row) {
            List<Map<String, String>> out = new ArrayList<>();
            for (ActionType type : types) {
                if (!actionWanted(type.name())) {
                    continue;
                }
                for (Split split : splits(type, row)) {
                    if (split.spend() <= 0) {
                        continue;
                    }
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("action_type", type.name());
                    entry.putAll(split.keys());
                    entry.put("value", moneyPer(split.spend(), split.count(), account));
                    out.add(entry);
                }
            }
            return out.isEmpty() ? null : out;
        }

        private List<Map<String, String>> roas(String type, long[] totals) {
            if (totals[Totals.PURCHASE_VALUE] <= 0 || totals[Totals.SPEND] <= 0 || !actionWanted(type)) {
                return null;
            }
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("action_type", type);
            entry.put("value", ratio(BigDecimal.valueOf(totals[Totals.PURCHASE_VALUE]), totals[Totals.SPEND]));
            return List.of(entry);
        }
    }

    /**
     * The part of an action count credited under an attribution window ({@code value} is Meta's default, 7-day click
     * or 1-day view): 12 % of conversions are view-through, 70 % of click-through ones happen within a day, 28-day
     * click adds 15 %. Engagement actions are click events, the same under every click window. -1: not reported.
     */
    static long attributed(long count, String window, boolean conversion) {
        if (!conversion) {
            return switch (window) {
                case "1d_click", "7d_click", "28d_click", "default", "dda" -> count;
                default -> -1;
            };
        }
        long view = count * 12 / 100;
        long click7 = count - view;
        return switch (window) {
            case "1d_view" -> view;
            case "7d_click" -> click7;
            case "1d_click" -> click7 * 70 / 100;
            case "28d_click" -> click7 + click7 * 15 / 100;
            case "1d_ev" -> count * 4 / 100;
            case "default", "dda" -> count;
            default -> -1;
        };
    }
}
