package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Pager;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Budget scheduling (high demand periods): {@code POST /{campaign or ad set}/budget_schedules} with budget_value,
 * budget_value_type ABSOLUTE|MULTIPLIER, time_start, time_end → {@code {"id"}}; listed by the GET edge, read and
 * deleted by id. Only objects with a daily budget can have them.
 */
final class BudgetSchedules {

    static final List<String> VALUE_TYPES = List.of("ABSOLUTE", "MULTIPLIER");

    private BudgetSchedules() {
    }

    static Object create(GraphCall call) {
        Node parent = call.node();
        SandboxStore store = call.api().context().store();
        Node account = store.node(parent.accountId()).orElseThrow();
        AccountGuard.requireWritable(account);
        NodeViews.checkFields(call, NodeType.BUDGET_SCHEDULE);
        Params p = new Params(call);
        ZoneId zone = Times.zoneOf(store, account.id());
        if (parent.get("daily_budget") == null) {
            throw AdErrors.invalid("budget_value", null, "Budget Scheduling Not Available", "Budget scheduling needs a daily budget "
                    + "on this " + (parent.type() == NodeType.CAMPAIGN ? "campaign" : "ad set") + ".");
        }
        long value = p.money("budget_value").orElseThrow(() -> AdErrors.required("budget_value"));
        String type = p.oneOf("budget_value_type", VALUE_TYPES).orElseThrow(
                () -> AdErrors.required("budget_value_type"));
        long start = p.time("time_start", zone).orElseThrow(() -> AdErrors.required("time_start"));
        long end = p.time("time_end", zone).orElseThrow(() -> AdErrors.required("time_end"));
        checkPeriod(start, end, value);
        if (p.validateOnly()) {
            return Map.of("success", true);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("budget_value", Long.toString(value));
        fields.put("budget_value_type", type);
        fields.put("time_start", start);
        fields.put("time_end", end);
        fields.put("recurrence_type", "ONE_TIME");
        fields.put(Hidden.PARENT, parent.id());
        Node schedule = MarketingObjects.create(store, NodeType.BUDGET_SCHEDULE, account.id(), fields,
                call.api().context().nowEpochSeconds());
        Activities.record(call, account.id(), "update_campaign_group_budget_scheduling_state", parent,
                Map.of("budget_schedule_id", schedule.id(), "budget_value", Long.toString(value),
                        "budget_value_type", type));
        return NodeViews.created(call, schedule);
    }

    static Object list(GraphCall call) {
        SandboxStore store = call.api().context().store();
        List<String> ids = Hidden.ids(call.node(), Hidden.SCHEDULES);
        List<Node> schedules = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            store.node(ids.get(i)).ifPresent(schedules::add);
        }
        return Pager.page(call, schedules, node -> NodeViews.render(call, node));
    }

    /** The fields a POST /{schedule id} may change. */
    static void update(Node schedule, Params p, ZoneId zone, Map<String, Object> set) {
        OptionalLong value = p.money("budget_value");
        p.oneOf("budget_value_type", VALUE_TYPES).ifPresent(v -> set.put("budget_value_type", v));
        OptionalLong start = p.time("time_start", zone);
        OptionalLong end = p.time("time_end", zone);
        long newStart = start.orElse(((Number) schedule.get("time_start")).longValue());
        long newEnd = end.orElse(((Number) schedule.get("time_end")).longValue());
        checkPeriod(newStart, newEnd, value.orElse(1));
        value.ifPresent(v -> set.put("budget_value", Long.toString(v)));
        start.ifPresent(v -> set.put("time_start", v));
        end.ifPresent(v -> set.put("time_end", v));
    }

    private static void checkPeriod(long start, long end, long value) {
        if (end <= start) {
            throw AdErrors.invalid("time_end", null, "Invalid Time Period", "The high demand period must end (time_end) after it "
                    + "starts (time_start).");
        }
        if (value <= 0) {
            throw AdErrors.wrongType("budget_value", "a positive integer");
        }
    }
}
