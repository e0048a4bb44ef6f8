package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.objects.EffectiveStatus;
import dev.adsbridge.sandbox.objects.Hidden;
import dev.adsbridge.sandbox.objects.Times;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Computes insights rows: picks the ads under the queried object (after object filters), clips each ad's delivery
 * window to every time slice, sums its daily metrics into the row of its level object, splits each (ad, day) across
 * breakdown cells, then deduplicates reach per row.
 *
 * <p>Reach model: one ad's reach over a range is {@code max + (sum − max) × keep}, where max and sum are the largest
 * and the total daily reach in the range and keep (28–60 %, per ad) is the share of non-peak daily reach that is new
 * people; so it lies between the largest daily reach and the sum of daily reach. A row over several ads has
 * {@code max(largest ad reach, 92 % of the ads' reach summed)} (audiences overlap). Breakdown rows share their row's
 * reach in proportion to their daily reach, so they add up to it exactly; frequency is impressions / reach of the same
 * row. unique_clicks is derived per row from clicks and the row's reach/impressions ratio (never above either).
 */
final class InsightsEngine {

    private static final long OVERLAP_KEEP_PERCENT = 92;

    /** The rows of a request and what they were computed for. */
    record Result(AccountInfo account, List<DayRange> ranges, List<InsightsRow> rows, InsightsRow summary) {

        /** Rows held, each row's action parts counted as rows (what keeping this result costs). */
        long weight() {
            long weight = rows.size();
            for (InsightsRow row : rows) {
                weight += row.parts() == null ? 0 : row.parts().size();
            }
            return weight;
        }

        DayRange span() {
            LocalDate since = ranges.get(0).since();
            LocalDate until = ranges.get(0).until();
            for (DayRange range : ranges) {
                since = range.since().isBefore(since) ? range.since() : since;
                until = range.until().isAfter(until) ? range.until() : until;
            }
            return new DayRange(since, until);
        }
    }

    /**
     * @param part what the ad's actions are credited to when actions are split by something of each ad (its Page
     *             for action_target_id / action_destination, its creative for the carousel card), else ""
     */
    private record AdEntry(int index, AdStates.AdState state, DeliveryWindows.Window window, String levelKey,
                           ResultType.Route route, String part) {

        Node ad() {
            return state.ad;
        }

        Node adSet() {
            return state.adSet;
        }

        Node campaign() {
            return state.campaign;
        }

        String campaignId() {
            return state.campaignId;
        }

        String adSetId() {
            return state.adSetId;
        }
    }

    /** One output row in the making (one level object in one slice). */
    private static final class Group {
        final String campaignId;
        final String adSetId;
        final String adId;
        final long[] totals = new long[Totals.SIZE];
        long reachSum;
        long reachMax;
        int ads;
        long[][] cells;

        Group(String campaignId, String adSetId, String adId) {
            this.campaignId = campaignId;
            this.adSetId = adSetId;
            this.adId = adId;
        }

        long reach() {
            if (ads <= 1) {
                return reachSum;
            }
            return Math.max(reachMax, Splitter.mulDivFloor(reachSum, OVERLAP_KEEP_PERCENT, 0, 100));
        }
    }

    /** One ad set's breakdown tree prepared for this request: where its leaves land and scratch space. */
    private static final class TreeRun {
        final AudienceTree tree;
        final int depth;
        final int[] leafToCell;
        /** Per level, metric-major: {@code scratch[level][metric][node]}. */
        final long[][][] scratch;
        final long[] weightScratch;
        final long[] parentScratch = new long[Metric.COUNT];

        TreeRun(AudienceTree tree, int depth, int[] leafToCell) {
            this.tree = tree;
            this.depth = depth;
            this.leafToCell = leafToCell;
            scratch = new long[depth][][];
            int widest = 0;
            for (int l = 0; l < depth; l++) {
                scratch[l] = new long[Metric.COUNT][tree.values[l].length];
                widest = Math.max(widest, tree.values[l].length);
            }
            weightScratch = new long[widest];
        }

        int nodes() {
            return tree.nodesTo(depth);
        }
    }

    /** Breakdown values seen in this request, each tuple one cell. */
    private static final class Cells {
        final List<List<String>> tuples = new ArrayList<>();
        final Map<List<String>, Integer> index = new HashMap<>();

        int indexOf(List<String> tuple) {
            Integer existing = index.get(tuple);
            if (existing != null) {
                return existing;
            }
            tuples.add(tuple);
            index.put(tuple, tuples.size() - 1);
            return tuples.size() - 1;
        }
    }

    private final SandboxContext context;
    private final DeliveryModel model;
    private final DeliveryWindows windows;
    private final AudienceTrees trees;
    private final ResultCache cache;
    private final AdStates adStates;

    InsightsEngine(SandboxContext context, DeliveryModel model, DeliveryWindows windows, AudienceTrees trees) {
        this.cache = new ResultCache(context.store());
        this.adStates = new AdStates(context.store());
        this.context = context;
        this.model = model;
        this.windows = windows;
        this.trees = trees;
    }

    SandboxStore store() {
        return context.store();
    }

    AccountInfo accountOf(Node scope) {
        Node account = scope.type() == NodeType.AD_ACCOUNT ? scope : store().node(scope.accountId()).orElseThrow();
        return AccountInfo.of(account);
    }

    /** Today in the account's time zone. */
    LocalDate today(AccountInfo account) {
        return LocalDate.ofInstant(context.config().clock().instant(), account.zone());
    }

    /** The rows of a query on an object, from the cache when nothing changed since the same question. */
    Result run(InsightsQuery query, Node scope, InsightsLimits limits) {
        long nowEpoch = context.config().clock().instant().getEpochSecond();
        ResultCache.Key key = cache.key(scope, query, limits, nowEpoch);
        Result cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Result result = compute(query, scope, limits, nowEpoch);
        cache.put(key, result);
        return result;
    }

    private Result compute(InsightsQuery query, Node scope, InsightsLimits limits, long nowEpoch) {
        SandboxStore store = store();
        AccountInfo account = accountOf(scope);
        DeliveryWindows.Anchor now = DeliveryWindows.Anchor.at(nowEpoch, account.zone());
        LocalDate today = LocalDate.ofEpochDay(now.day());
        Map<String, String> parentStatus = new HashMap<>();
        Node accountNode = store.node(account.id()).orElse(null);
        int logSize = windows.logSize(accountNode);

        List<AdEntry> entries = new ArrayList<>();
        Map<String, ResultType.Route> routes = new HashMap<>();
        long firstDataDay = Long.MAX_VALUE;
        boolean objectFilters = query.filters().stream().anyMatch(InsightsFilter::isObjectFilter);
        for (AdStates.AdState state : adsOf(scope)) {
            if (objectFilters && !passesObjectFilters(query.filters(), state.ad, state.campaign, state.adSet,
                    parentStatus)) {
                continue;
            }
            DeliveryWindows.Window window = windows.windowOf(state, accountNode, logSize, now, account.zone());
            if (window == null) {
                continue;
            }
            firstDataDay = Math.min(firstDataDay, window.firstDay());
            String levelKey = switch (query.level()) {
                case ACCOUNT -> account.id();
                case CAMPAIGN -> state.campaignId;
                case ADSET -> state.adSetId;
                case AD -> state.ad.id();
            };
            // The ad set's goal is read now: it can change while the ad's delivery stays.
            ResultType.Route route = routes.computeIfAbsent(state.adSetId == null ? "" : state.adSetId,
                    id -> ResultType.Route.of(state.kind, id.isEmpty() ? null : store.node(id).orElse(null)));
            String part = query.actionsByAd() ? AdParts.partOf(store, state.ad, query) : "";
            entries.add(new AdEntry(entries.size(), state, window, levelKey, route, part));
        }

        List<DayRange> ranges = query.isDataMaximum()
                ? List.of(DatePresets.resolve("data_maximum", today,
                firstDataDay == Long.MAX_VALUE ? null : LocalDate.ofEpochDay(firstDataDay)))
                : query.ranges();
        List<DayRange> slices = query.slices(ranges);

        // Breakdown trees of the ad sets involved, and the cells their leaves fall into. A cell is the row's
        // breakdown values, then what the action lists are split by: the impression device (action_device) and the
        // ad's part (its Page or creative); rows merge the cells that share their breakdown values and keep those
        // as parts.
        List<Breakdown> visible = query.deliveryBreakdowns();
        List<Breakdown> treeDims = new ArrayList<>(visible);
        if (query.actionsByDevice()) {
            treeDims.add(Breakdown.IMPRESSION_DEVICE);
        }
        boolean adParts = query.actionsByAd();
        boolean useCells = !treeDims.isEmpty() || adParts;
        Cells cells = new Cells();
        Map<String, TreeRun> treeRuns = new HashMap<>();
        int[] entryCell = new int[entries.size()];
        long adDays = 0;
        long adSlices = 0;
        Set<String> keys = new HashSet<>();
        int maxTreeNodes = 1;
        for (AdEntry entry : entries) {
            long overlap = 0;
            for (DayRange range : ranges) {
                long lo = Math.max(range.firstDay(), entry.window().firstDay());
                long hi = Math.min(range.lastDay(), entry.window().lastDay());
                overlap += Math.max(0, hi - lo + 1);
            }
            if (overlap == 0) {
                continue;
            }
            adDays += overlap;
            adSlices += Math.min(slices.size(), overlap);
            keys.add(entry.levelKey());
            if (!treeDims.isEmpty() && !treeRuns.containsKey(runKey(entry))) {
                TreeRun run = prepareTree(treeDims, entry.adSet(), entry.adSetId(), account.currency(), cells,
                        adParts ? entry.part() : null);
                treeRuns.put(runKey(entry), run);
                maxTreeNodes = Math.max(maxTreeNodes, run.nodes());
            } else if (treeDims.isEmpty() && adParts) {
                entryCell[entry.index()] = cells.indexOf(List.of(entry.part()));
            }
        }
        // The rows' breakdown values, in the order their cells were first seen, and each cell's row.
        List<List<String>> visibleTuples = new ArrayList<>();
        int[] cellToVisible = new int[cells.tuples.size()];
        Map<List<String>, Integer> visibleIndex = new HashMap<>();
        for (int c = 0; c < cells.tuples.size(); c++) {
            List<String> values = cells.tuples.get(c).subList(0, visible.size());
            Integer v = visibleIndex.get(values);
            if (v == null) {
                v = visibleTuples.size();
                visibleTuples.add(List.copyOf(values));
                visibleIndex.put(visibleTuples.get(v), v);
            }
            cellToVisible[c] = v;
        }
        long perRow = query.byFrequency() ? FrequencyBuckets.LABELS.size() : Math.max(1, visibleTuples.size());
        long rowEstimate = Math.min((long) keys.size() * slices.size(), adSlices) * perRow;
        long work = adDays * maxTreeNodes;
        if (rowEstimate > limits.maxRows() || work > limits.maxWork()) {
            throw InsightsLimits.tooMuchData();
        }

        List<Map<String, Group>> groups = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            groups.add(new HashMap<>());
        }
        long[] adReachSum = new long[entries.size()];
        long[] adReachMax = new long[entries.size()];
        int[] adKeep = new int[entries.size()];
        long[] day = new long[Metric.COUNT];
        long[] sums = new long[Metric.COUNT];
        for (AdEntry entry : entries) {
            DeliveryWindows.Window window = entry.window();
            DeliveryModel.Series series = null;
            TreeRun treeRun = treeDims.isEmpty() ? null : treeRuns.get(runKey(entry));
            for (int si = 0; si < slices.size(); si++) {
                DayRange slice = slices.get(si);
                long lo = Math.max(slice.firstDay(), window.firstDay());
                long hi = Math.min(slice.lastDay(), window.lastDay());
                if (lo > hi) {
                    continue;
                }
                if (series == null) {
                    AdStates.AdState state = entry.state();
                    series = model.series(state.series, state.ad.id(), state.kind, account.currency(),
                            window.firstDay(), window.lastDay(), () -> dailyBudgetShare(entry));
                    state.series = series;
                    adKeep[entry.index()] = series.profile().keepPerMille();
                }
                Arrays.fill(sums, 0);
                long reachSum = 0;
                long reachMax = 0;
                Group group = null;
                for (long d = lo; d <= hi; d++) {
                    if (!loadDay(series, window, d, day)) {
                        continue;
                    }
                    for (int m = 0; m < Metric.COUNT; m++) {
                        sums[m] += day[m];
                    }
                    long reach = day[Metric.REACH.ordinal()];
                    reachSum += reach;
                    reachMax = Math.max(reachMax, reach);
                    if (treeRun != null) {
                        if (group == null) {
                            group = group(groups.get(si), entry, query.level(), cells.tuples.size());
                        }
                        int metrics = splitDay(treeRun, day, SeededHash.combine(series.profile().hash(), d * 31 + 7));
                        accumulateLeaves(treeRun, metrics, group, entry.route());
                    }
                }
                if (sums[Metric.IMPRESSIONS.ordinal()] == 0) {
                    continue;
                }
                if (group == null) {
                    group = group(groups.get(si), entry, query.level(), cells.tuples.size());
                }
                Totals.add(group.totals, sums, entry.route());
                if (treeRun == null && adParts) {
                    int cell = entryCell[entry.index()];
                    if (group.cells[cell] == null) {
                        group.cells[cell] = new long[Totals.SIZE];
                    }
                    Totals.add(group.cells[cell], sums, entry.route());
                }
                long adReach = dedupDays(reachSum, reachMax, series.profile().keepPerMille());
                group.reachSum += adReach;
                group.reachMax = Math.max(group.reachMax, adReach);
                group.ads++;
                adReachSum[entry.index()] += reachSum;
                adReachMax[entry.index()] = Math.max(adReachMax[entry.index()], reachMax);
            }
        }

        Integer[] rowOrder = rowOrder(visibleTuples, visible);
        long seedSalt = SeededHash.mix(context.config().seed());
        boolean hidden = treeDims.size() > visible.size() || adParts;
        int hiddenFrom = visible.size();
        List<InsightsRow> rows = new ArrayList<>();
        for (int si = 0; si < slices.size(); si++) {
            DayRange slice = slices.get(si);
            List<Map.Entry<String, Group>> ordered = new ArrayList<>(groups.get(si).entrySet());
            ordered.sort(Map.Entry.comparingByKey(InsightsEngine::compareIds));
            for (Map.Entry<String, Group> e : ordered) {
                Group g = e.getValue();
                if (g.totals[Totals.IMPRESSIONS] == 0) {
                    continue;
                }
                long reach = g.reach();
                long salt = SeededHash.combine(seedSalt, SeededHash.of(e.getKey() + "|" + slice));
                if (query.byFrequency()) {
                    for (FrequencyBuckets.Bucket b : FrequencyBuckets.of(g.totals[Totals.IMPRESSIONS], reach)) {
                        long[] totals = new long[Totals.SIZE];
                        totals[Totals.IMPRESSIONS] = b.impressions();
                        totals[Totals.DAILY_REACH] = b.reach();
                        rows.add(new InsightsRow(slice, g.campaignId, g.adSetId, g.adId, List.of(b.label()), totals,
                                b.reach(), null, salt));
                    }
                    continue;
                }
                if (!useCells) {
                    rows.add(new InsightsRow(slice, g.campaignId, g.adSetId, g.adId, List.of(), g.totals, reach,
                            null, salt));
                    continue;
                }
                int n = visibleTuples.size();
                long[][] merged = new long[n][];
                List<List<InsightsRow.Part>> parts = new ArrayList<>(n);
                for (int v = 0; v < n; v++) {
                    parts.add(hidden ? new ArrayList<>() : null);
                }
                for (int c = 0; c < g.cells.length; c++) {
                    long[] cell = g.cells[c];
                    if (cell == null || cell[Totals.IMPRESSIONS] == 0) {
                        continue;
                    }
                    int v = cellToVisible[c];
                    if (merged[v] == null) {
                        merged[v] = hidden ? cell.clone() : cell;
                    } else {
                        Totals.addAll(merged[v], cell);
                    }
                    if (hidden) {
                        List<String> tuple = cells.tuples.get(c);
                        parts.get(v).add(new InsightsRow.Part(
                                query.actionsByDevice() ? tuple.get(hiddenFrom) : null,
                                adParts ? tuple.get(tuple.size() - 1) : null, cell));
                    }
                }
                if (visible.isEmpty()) {
                    // Only the action lists are split: one row, its parts adding up to it.
                    rows.add(new InsightsRow(slice, g.campaignId, g.adSetId, g.adId, List.of(), g.totals, reach,
                            parts.get(0), salt));
                    continue;
                }
                long[] weights = new long[n];
                long[] cellReach = new long[n];
                for (int v = 0; v < n; v++) {
                    weights[v] = merged[v] == null ? 0 : merged[v][Totals.DAILY_REACH];
                }
                Splitter.cut(reach, weights, 0, n, cellReach, SeededHash.of(e.getKey() + slice));
                for (int v : rowOrder) {
                    if (merged[v] != null && merged[v][Totals.IMPRESSIONS] > 0) {
                        rows.add(new InsightsRow(slice, g.campaignId, g.adSetId, g.adId, visibleTuples.get(v),
                                merged[v], cellReach[v], parts.get(v),
                                SeededHash.combine(salt, SeededHash.of(String.join("|", visibleTuples.get(v))))));
                    }
                }
            }
        }

        rows = applyMetricFilters(query, rows, account);
        if (!query.sort().isEmpty()) {
            rows = sorted(query, rows, account);
        }

        InsightsRow summary = null;
        if (query.summaryFields() != null) {
            long[] totals = new long[Totals.SIZE];
            for (Map<String, Group> slice : groups) {
                for (Group g : slice.values()) {
                    Totals.addAll(totals, g.totals);
                }
            }
            Group all = new Group(null, null, null);
            for (AdEntry entry : entries) {
                if (adReachSum[entry.index()] > 0) {
                    long r = dedupDays(adReachSum[entry.index()], adReachMax[entry.index()],
                            adKeep[entry.index()]);
                    all.reachSum += r;
                    all.reachMax = Math.max(all.reachMax, r);
                    all.ads++;
                }
            }
            Result probe = new Result(account, ranges, rows, null);
            summary = new InsightsRow(probe.span(), null, null, null, List.of(), totals, all.reach(), null, seedSalt);
        }
        return new Result(account, ranges, rows, summary);
    }

    /**
     * The ad's share of the daily budget that feeds it, in minor units: its ad set's daily budget (a lifetime budget
     * spread over the schedule), or with a campaign budget the campaign's split over its ad sets, divided by the ad
     * set's ads. NaN when neither has a budget.
     */
    private static double dailyBudgetShare(AdEntry entry) {
        double adSetDaily = dailyBudget(entry.adSet(), "end_time");
        if (Double.isNaN(adSetDaily) && entry.campaign() != null) {
            double campaignDaily = dailyBudget(entry.campaign(), "stop_time");
            adSetDaily = campaignDaily / Math.max(1, Hidden.ids(entry.campaign(), Hidden.ADSETS).size());
        }
        if (Double.isNaN(adSetDaily) || entry.adSet() == null) {
            return adSetDaily;
        }
        return adSetDaily / Math.max(1, Hidden.ids(entry.adSet(), Hidden.ADS).size());
    }

    private static double dailyBudget(Node node, String endField) {
        if (node == null) {
            return Double.NaN;
        }
        double daily = money(node.getString("daily_budget"));
        if (daily > 0) {
            return daily;
        }
        double lifetime = money(node.getString("lifetime_budget"));
        if (lifetime > 0) {
            long start = Times.epochOf(node.get("start_time"));
            long end = Times.epochOf(node.get(endField));
            long days = start < 0 || end <= start ? 30 : Math.max(1, (end - start) / 86_400);
            return lifetime / days;
        }
        return Double.NaN;
    }

    private static double money(String value) {
        if (value == null || value.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Reach of one ad over days: between the peak day and the sum of days (see the class comment). */
    private static long dedupDays(long reachSum, long reachMax, int keepPerMille) {
        return reachMax + Splitter.mulDivFloor(reachSum - reachMax, keepPerMille, 0, 1000);
    }

    /** The ads whose delivery rolls up into {@code scope}. */
    private List<AdStates.AdState> adsOf(Node scope) {
        SandboxStore store = store();
        return switch (scope.type()) {
            case AD_ACCOUNT -> List.of(adStates.ofAccount(scope.id()));
            case CAMPAIGN, AD_SET -> {
                List<String> ids = Hidden.ids(scope, Hidden.ADS);
                List<AdStates.AdState> ads = new ArrayList<>(ids.size());
                for (String id : ids) {
                    store.node(id).filter(n -> n.type() == NodeType.AD).ifPresent(ad -> ads.add(adStates.of(ad)));
                }
                if (ads.isEmpty()) {
                    String field = scope.type() == NodeType.CAMPAIGN ? "campaign_id" : "adset_id";
                    for (Node ad : store.nodesOf(scope.accountId(), NodeType.AD)) {
                        if (scope.id().equals(ad.getString(field))) {
                            ads.add(adStates.of(ad));
                        }
                    }
                }
                yield ads;
            }
            case AD -> List.of(adStates.of(scope));
            default -> List.of();
        };
    }

    private boolean passesObjectFilters(List<InsightsFilter> filters, Node ad, Node campaign, Node adSet,
                                        Map<String, String> statusCache) {
        for (InsightsFilter filter : filters) {
            if (!filter.isObjectFilter()) {
                continue;
            }
            String actual = switch (filter.field()) {
                case "campaign.id" -> ad.getString("campaign_id");
                case "adset.id" -> ad.getString("adset_id");
                case "ad.id" -> ad.id();
                case "campaign.name" -> campaign == null ? null : campaign.getString("name");
                case "adset.name" -> adSet == null ? null : adSet.getString("name");
                case "ad.name" -> ad.getString("name");
                case "ad.effective_status" -> EffectiveStatus.of(store(), ad);
                case "campaign.effective_status" -> effectiveOf(campaign, statusCache);
                case "adset.effective_status" -> effectiveOf(adSet, statusCache);
                case "campaign.objective", "objective" -> campaign == null ? null : campaign.getString("objective");
                case "adset.optimization_goal" -> adSet == null ? null : adSet.getString("optimization_goal");
                case "campaign.buying_type", "buying_type" -> campaign == null || campaign.getString("buying_type")
                        == null ? "AUCTION" : campaign.getString("buying_type");
                default -> null;
            };
            if (!filter.matches(actual)) {
                return false;
            }
        }
        return true;
    }

    private String effectiveOf(Node node, Map<String, String> cache) {
        if (node == null) {
            return null;
        }
        return cache.computeIfAbsent(node.id(), id -> EffectiveStatus.of(store(), node));
    }

    /** Ads of one ad set share its tree run, unless their actions are credited to different parts. */
    private static String runKey(AdEntry entry) {
        String adSet = entry.adSetId() == null ? "" : entry.adSetId();
        return entry.part().isEmpty() ? adSet : adSet + "\u0000" + entry.part();
    }

    /**
     * @param part the ad part every cell of this run ends with, or null when actions are not split by ad
     */
    private TreeRun prepareTree(List<Breakdown> breakdowns, Node adSet, String adSetId, String currency,
                                Cells cells, String part) {
        Breakdown.Group group = breakdowns.get(0).group;
        AudienceTree tree = trees.treeFor(group, adSetId == null ? "none" : adSetId,
                adSet == null ? null : adSet.get("targeting"), currency);
        int depth = 1;
        for (Breakdown b : breakdowns) {
            depth = Math.max(depth, b.level + 1);
        }
        int leafLevel = depth - 1;
        int leaves = tree.values[leafLevel].length;
        int[] leafToCell = new int[leaves];
        for (int leaf = 0; leaf < leaves; leaf++) {
            List<String> tuple = new ArrayList<>(breakdowns.size());
            for (Breakdown b : breakdowns) {
                String value = tree.valueAbove(leafLevel, leaf, b.level);
                tuple.add(b == Breakdown.DEVICE_PLATFORM ? Breakdown.devicePlatformOf(value) : value);
            }
            if (part != null) {
                tuple.add(part);
            }
            leafToCell[leaf] = cells.indexOf(List.copyOf(tuple));
        }
        return new TreeRun(tree, depth, leafToCell);
    }

    private static Group group(Map<String, Group> groups, AdEntry entry, Level level, int cellCount) {
        Group group = groups.get(entry.levelKey());
        if (group == null) {
            group = new Group(level.includes(Level.CAMPAIGN) ? entry.campaignId() : null,
                    level.includes(Level.ADSET) ? entry.adSetId() : null,
                    level.includes(Level.AD) ? entry.ad().id() : null);
            if (cellCount > 0) {
                group.cells = new long[cellCount][];
            }
            groups.put(entry.levelKey(), group);
        }
        return group;
    }

    /**
     * One (ad, day) as counted: whole days as generated, the partial first and last days of the window pro rata.
     * A day without impressions counts as nothing. Returns false for such days.
     */
    static boolean loadDay(DeliveryModel.Series series, DeliveryWindows.Window window, long day, long[] out) {
        int[] values = series.values();
        int offset = series.offset(day);
        if (values[offset] == 0) {
            return false;
        }
        long covered = window.covered(day);
        if (covered != DeliveryWindows.Window.WHOLE_DAY) {
            if (covered == 0) {
                return false;
            }
            long length = window.daySeconds(day);
            long impressions = values[offset] * covered / length;
            if (impressions == 0) {
                return false;
            }
            for (int m = 0; m < Metric.COUNT; m++) {
                out[m] = values[offset + m] * covered / length;
            }
            if (out[Metric.REACH.ordinal()] == 0) {
                out[Metric.REACH.ordinal()] = 1;
            }
        } else {
            for (int m = 0; m < Metric.COUNT; m++) {
                out[m] = values[offset + m];
            }
        }
        return true;
    }

    /** Splits one (ad, day) down the tree; returns the bit set of metrics the leaves hold. */
    private static int splitDay(TreeRun run, long[] day, long salt) {
        AudienceTree tree = run.tree;
        int metrics = 0;
        for (int m = 0; m < Metric.COUNT; m++) {
            if (day[m] != 0) {
                metrics |= 1 << m;
            }
        }
        Splitter.split(day, metrics, tree, 0, tree.childFrom[0][0], tree.childTo[0][0], run.scratch[0], salt,
                run.weightScratch);
        long[] parent = run.parentScratch;
        for (int level = 1; level < run.depth; level++) {
            long[][] above = run.scratch[level - 1];
            long[][] here = run.scratch[level];
            int parents = above[0].length;
            for (int p = 0; p < parents; p++) {
                int from = tree.childFrom[level][p];
                int to = tree.childTo[level][p];
                if (from < 0) {
                    continue;
                }
                if (above[Metric.IMPRESSIONS.ordinal()][p] == 0) {
                    for (int m = 0; m < Metric.COUNT; m++) {
                        if ((metrics & (1 << m)) != 0) {
                            Arrays.fill(here[m], from, to, 0L);
                        }
                    }
                    continue;
                }
                for (int m = 0; m < Metric.COUNT; m++) {
                    parent[m] = above[m][p];
                }
                Splitter.split(parent, metrics, tree, level, from, to, here,
                        SeededHash.combine(salt, level * 1_000_003L + p), run.weightScratch);
            }
        }
        return metrics;
    }

    private static void accumulateLeaves(TreeRun run, int metrics, Group group, ResultType.Route route) {
        long[][] leaves = run.scratch[run.depth - 1];
        long[] impressions = leaves[Metric.IMPRESSIONS.ordinal()];
        for (int leaf = 0; leaf < impressions.length; leaf++) {
            if (impressions[leaf] == 0) {
                continue;
            }
            int cell = run.leafToCell[leaf];
            long[] totals = group.cells[cell];
            if (totals == null) {
                totals = new long[Totals.SIZE];
                group.cells[cell] = totals;
            }
            Totals.addColumn(totals, leaves, metrics, leaf, route);
        }
    }

    /** Rows' breakdown values in Meta's order (ages ascending, platforms as Meta lists them, …). */
    private static Integer[] rowOrder(List<List<String>> tuples, List<Breakdown> breakdowns) {
        Integer[] order = new Integer[tuples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            List<String> x = tuples.get(a);
            List<String> y = tuples.get(b);
            for (int i = 0; i < breakdowns.size(); i++) {
                int c = compareValues(breakdowns.get(i), x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return order;
    }

    private static int compareValues(Breakdown breakdown, String x, String y) {
        List<String> known = switch (breakdown) {
            case AGE -> List.of(AudienceTrees.AGES);
            case GENDER -> List.of(AudienceTrees.GENDERS);
            case PUBLISHER_PLATFORM -> List.of(AudienceTrees.PLATFORMS);
            case IMPRESSION_DEVICE -> List.of(AudienceTrees.DEVICES);
            default -> List.of();
        };
        int ix = known.indexOf(x);
        int iy = known.indexOf(y);
        if (ix >= 0 && iy >= 0) {
            return Integer.compare(ix, iy);
        }
        boolean ux = "Unknown".equals(x);
        boolean uy = "Unknown".equals(y);
        if (ux != uy) {
            return ux ? 1 : -1;
        }
        return x.compareTo(y);
    }

    /** Numeric ids sort as numbers (they share a length in the sandbox, but not always). */
    static int compareIds(String a, String b) {
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    private static List<InsightsRow> applyMetricFilters(InsightsQuery query, List<InsightsRow> rows,
                                                        AccountInfo account) {
        List<InsightsFilter> metricFilters = query.filters().stream()
                .filter(f -> !f.isObjectFilter() && !f.isActionTypeFilter()).toList();
        if (metricFilters.isEmpty()) {
            return rows;
        }
        List<InsightsRow> kept = new ArrayList<>();
        for (InsightsRow row : rows) {
            boolean pass = true;
            for (InsightsFilter filter : metricFilters) {
                pass &= filter.matches(InsightsFields.numeric(query, row, filter.field(), account));
            }
            if (pass) {
                kept.add(row);
            }
        }
        return kept;
    }

    private static List<InsightsRow> sorted(InsightsQuery query, List<InsightsRow> rows, AccountInfo account) {
        Comparator<InsightsRow> comparator = null;
        for (InsightsQuery.SortKey key : query.sort()) {
            Comparator<InsightsRow> next = Comparator.comparing(
                    (InsightsRow row) -> InsightsFields.numeric(query, row, key.field(), account),
                    Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder()));
            if (key.descending()) {
                next = next.reversed();
            }
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        List<InsightsRow> out = new ArrayList<>(rows);
        out.sort(Objects.requireNonNull(comparator));
        return out;
    }
}
