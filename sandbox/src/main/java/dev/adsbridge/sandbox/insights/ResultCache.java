package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.objects.Hidden;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recently computed insights, for callers that ask the same question again (dashboards, benchmarks, paging through
 * ad-level rows). An entry is only reused for the same object, the same query (fields aside, they only shape the
 * rendering) under the same limits, the same clock second, and an unchanged world: the key carries a fingerprint of every node the answer
 * depends on (the account, and the campaigns, ad sets and ads under the queried object), built from their creation
 * sequence and update counter, so any write through the API invalidates it.
 *
 * <p>Memory stays bounded: entries of an earlier clock second can never be asked for again and are dropped as soon as
 * a later second's answer arrives, and the entries kept hold at most {@link #MAX_WEIGHT} rows (a row's action parts
 * count as rows). Before, up to 1024 answers of past seconds stayed pinned; on a long-running instance with the real
 * clock that grew by about 1.2 MB per ad-set-level age × gender answer until the heap ran out.
 */
final class ResultCache {

    private static final int CAPACITY = 1024;
    /** Big answers are not kept (they would pin memory); they are rarely asked twice. */
    private static final int MAX_ROWS = 20_000;
    /** Rows kept over all entries (~450 bytes each). */
    static final long MAX_WEIGHT = 100_000;

    record Key(String scopeId, InsightsQuery query, InsightsLimits limits, long epochSecond, long fingerprint) {
    }

    private final SandboxStore store;
    /** Least recently used first. */
    private final Map<Key, InsightsEngine.Result> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true);
    private long weight;

    ResultCache(SandboxStore store) {
        this.store = store;
    }

    Key key(Node scope, InsightsQuery query, InsightsLimits limits, long epochSecond) {
        InsightsQuery shape = new InsightsQuery(List.of(), query.level(), query.datePreset(), query.ranges(),
                query.explicitRanges(), query.increment(), query.breakdowns(), query.actionBreakdowns(), List.of(),
                query.filters(), query.sort(), query.summaryFields() == null ? null : List.of(), query.reachCutoff());
        return new Key(scope.id(), shape, limits, epochSecond, fingerprint(scope));
    }

    synchronized InsightsEngine.Result get(Key key) {
        return entries.get(key);
    }

    synchronized void put(Key key, InsightsEngine.Result result) {
        long added = result.weight();
        if (added > MAX_ROWS) {
            return;
        }
        var it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, InsightsEngine.Result> entry = it.next();
            if (entry.getKey().epochSecond() != key.epochSecond()) {
                weight -= entry.getValue().weight();
                it.remove();
            }
        }
        InsightsEngine.Result replaced = entries.put(key, result);
        weight += added - (replaced == null ? 0 : replaced.weight());
        it = entries.entrySet().iterator();
        while ((weight > MAX_WEIGHT || entries.size() > CAPACITY) && it.hasNext()) {
            Map.Entry<Key, InsightsEngine.Result> eldest = it.next();
            if (eldest.getKey().equals(key)) {
                continue;
            }
            weight -= eldest.getValue().weight();
            it.remove();
        }
    }

    /** Entries kept and the rows they hold, for tests. */
    synchronized long[] size() {
        return new long[]{entries.size(), weight};
    }

    /** Changes when any node the scope's insights depend on is created, removed or updated. */
    long fingerprint(Node scope) {
        long h = mix(0, scope);
        String accountId = scope.type() == NodeType.AD_ACCOUNT ? scope.id() : scope.accountId();
        Node account = store.node(accountId).orElse(null);
        if (account != null && account != scope) {
            h = mix(h, account);
        }
        switch (scope.type()) {
            case AD_ACCOUNT -> {
                for (NodeType type : List.of(NodeType.CAMPAIGN, NodeType.AD_SET, NodeType.AD)) {
                    List<Node> nodes = store.nodesOf(accountId, type);
                    h = h * 31 + nodes.size();
                    for (Node node : nodes) {
                        h = mix(h, node);
                    }
                }
            }
            case CAMPAIGN, AD_SET -> {
                if (scope.type() == NodeType.AD_SET) {
                    h = mixId(h, scope.getString("campaign_id"));
                }
                for (String key : List.of(Hidden.ADSETS, Hidden.ADS)) {
                    List<String> ids = Hidden.ids(scope, key);
                    h = h * 31 + ids.size();
                    for (String id : ids) {
                        h = mixId(h, id);
                    }
                }
                if (scope.type() == NodeType.AD_SET) {
                    // An ad set's ads are few: their ad sets are the scope itself, nothing else to add.
                    h = h * 31 + 7;
                }
            }
            case AD -> {
                h = mixId(h, scope.getString("campaign_id"));
                h = mixId(h, scope.getString("adset_id"));
            }
            default -> {
            }
        }
        return h;
    }

    private long mixId(long h, String id) {
        if (id == null) {
            return h * 31;
        }
        Node node = store.node(id).orElse(null);
        return node == null ? h * 31 + 1 : mix(h, node);
    }

    private static long mix(long h, Node node) {
        return h * 1_000_003L + node.sequence() * SeededHash.GOLDEN + node.version();
    }
}
