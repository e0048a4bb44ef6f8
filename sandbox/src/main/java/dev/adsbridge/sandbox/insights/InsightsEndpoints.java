package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.http.GraphApi;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Pager;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Insights edges ({@code GET /{act|campaign|adset|ad}/insights}), async report runs ({@code POST …/insights},
 * {@code GET /{report_run_id}}, {@code GET /{report_run_id}/insights}). Numbers come from the deterministic
 * {@link DeliveryModel}: the same seed gives the same insights on every sandbox.
 */
public final class InsightsEndpoints {

    private InsightsEndpoints() {
    }

    public static void register(GraphApi api) {
        SandboxContext context = api.context();
        SandboxStore store = context.store();
        long seed = context.config().seed();
        long seededUpTo = store.seededUpTo() >= 0 ? store.seededUpTo()
                : store.allNodes().stream().mapToLong(Node::sequence).max().orElse(0);
        // The seeder's histories end at the start of the clock's UTC day; stopped seeded objects stop before it.
        // A world restored from a file keeps the mark it was seeded with.
        long seededAt = store.seededAt() >= 0 ? store.seededAt()
                : LocalDate.now(context.config().clock().withZone(ZoneOffset.UTC)).atStartOfDay(ZoneOffset.UTC)
                .toEpochSecond();
        store.seedMark(seededUpTo, seededAt);
        InsightsEngine engine = new InsightsEngine(context, new DeliveryModel(seed),
                new DeliveryWindows(seed, seededUpTo, seededAt), new AudienceTrees(seed));
        ReportRuns reports = new ReportRuns(engine, store, context.config().clock());
        for (NodeType type : List.of(NodeType.AD_ACCOUNT, NodeType.CAMPAIGN, NodeType.AD_SET, NodeType.AD)) {
            api.node("GET", type, "insights", call -> insights(engine, call));
            api.node("POST", type, "insights", reports::start);
        }
        api.node("GET", NodeType.AD_REPORT_RUN, null, reports::read);
        api.node("GET", NodeType.AD_REPORT_RUN, "insights", reports::rows);
    }

    private static Object insights(InsightsEngine engine, GraphCall call) {
        Node scope = call.node();
        AccountInfo account = engine.accountOf(scope);
        InsightsQuery query = InsightsQuery.parse(call.params(), Level.of(scope.type()), engine.today(account));
        InsightsEngine.Result result = engine.run(query, scope, InsightsLimits.SYNC);
        return page(call, query, result, engine.store());
    }

    /** One page of rows ({@code limit}/{@code after}), with the summary row when asked for. */
    static Map<String, Object> page(GraphCall call, InsightsQuery query, InsightsEngine.Result result,
                                    SandboxStore store) {
        InsightsFields.Renderer renderer = new InsightsFields.Renderer(query, result.account(), store);
        Map<String, Object> body = Pager.page(call, result.rows(), renderer::row);
        if (query.summaryFields() != null && result.summary() != null) {
            body.put("summary", renderer.summary(result.summary()));
        }
        return body;
    }
}
