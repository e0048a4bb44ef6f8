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
 */
final class ResultCache {

    private static final int CAPACITY = 1024;
    /** Big answers are not kept (they would pin memory); they are rarely asked twice. */
    private static final int MAX_ROWS = 20_000;

    record Key(String scopeId, InsightsQuery query, InsightsLimits limits, long epochSecond, long fingerprint) {
    }

    private final SandboxStore store;
    private final Map<Key, InsightsEngine.Result> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, InsightsEngine.Result> eldest) {
            return size() > CAPACITY;
        }
    };

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
        if (result.rows().size() <= MAX_ROWS) {
            entries.put(key, result);
        }
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
