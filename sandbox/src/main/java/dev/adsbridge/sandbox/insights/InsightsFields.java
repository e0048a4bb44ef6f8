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

    /** An action type reported in actions (and its cost per action) and how a row counts it. */
    private record ActionType(String name, ToLongFunction<long[]> count, boolean attributed) {
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

    /** A numeric field of a row as shown (for filtering and sorting), or null when the row has no value. */
    static BigDecimal numeric(InsightsRow row, String field, AccountInfo account) {
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
        private final List<InsightsFilter> actionFilters;

        Renderer(InsightsQuery query, AccountInfo account, SandboxStore store) {
            this.query = query;
            this.account = account;
            this.store = store;
            this.actionFilters = query.filters().stream().filter(InsightsFilter::isActionTypeFilter).toList();
        }

        Map<String, Object> row(InsightsRow row) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean reach = query.showsReach(row.range().since());
            for (String field : query.fields()) {
                if ("date_start".equals(field) || "date_stop".equals(field)) {
                    continue;
                }
                if (!reach && REACH_FIELDS.contains(field)) {
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
                case "actions" -> counts(ACTIONS, t);
                case "conversions" -> counts(CONVERSIONS, t);
                case "action_values", "conversion_values" -> values(t[Totals.PURCHASE_VALUE],
                        "conversion_values".equals(field) ? List.of("purchase") : PURCHASE_VALUE_TYPES);
                case "cost_per_action_type" -> costs(ACTIONS, t);
                case "cost_per_conversion" -> costs(CONVERSIONS, t);
                case "purchase_roas" -> roas("omni_purchase", t);
                case "website_purchase_roas" -> roas("offsite_conversion.fb_pixel_purchase", t);
                case "video_play_actions", "video_thruplay_watched_actions" -> counts(List.of(
                        new ActionType("video_view", x -> x[Totals.VIDEO_VIEWS], false)), t);
                case "results" -> results(row, false);
                case "cost_per_result" -> results(row, true);
                default -> null;
            };
        }

        /**
         * {@code results} / {@code cost_per_result}: one entry per result indicator of the row's ads, in
         * {@link ResultType} order, {@code [{"indicator":"actions:link_click","values":[{"value":"45"}]}]}. An
         * indicator whose ads delivered without a result has results "0" and no cost. Reach results are the row's
         * reach when all its ads optimise for reach, else the reach-optimised ads' share of the row's daily reach.
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
                String value = cost ? moneyPer(spend, count, account) : Long.toString(count);
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

        private List<Map<String, String>> counts(List<ActionType> types, long[] totals) {
            List<Map<String, String>> out = new ArrayList<>();
            for (ActionType type : types) {
                long count = type.count().applyAsLong(totals);
                if (count > 0 && actionWanted(type.name())) {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("action_type", type.name());
                    entry.put("value", Long.toString(count));
                    for (String window : query.attributionWindows()) {
                        long windowed = attributed(count, window, type.attributed());
                        if (windowed >= 0) {
                            entry.put(window, Long.toString(windowed));
                        }
                    }
                    out.add(entry);
                }
            }
            return out.isEmpty() ? null : out;
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

        private List<Map<String, String>> costs(List<ActionType> types, long[] totals) {
            List<Map<String, String>> out = new ArrayList<>();
            for (ActionType type : types) {
                long count = type.count().applyAsLong(totals);
                if (count > 0 && totals[Totals.SPEND] > 0 && actionWanted(type.name())) {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("action_type", type.name());
                    entry.put("value", moneyPer(totals[Totals.SPEND], count, account));
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
