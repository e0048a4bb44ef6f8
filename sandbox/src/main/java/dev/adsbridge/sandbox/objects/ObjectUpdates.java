package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code POST /{id}} (update → {@code {"success":true}}) and {@code DELETE /{id}} (status DELETED →
 * {@code {"success":true}}) for campaigns, ad sets, ads, creatives, custom audiences and budget schedules. Every
 * change is validated as on create, honours {@code execution_options=["validate_only"]} and lands in the activity log.
 */
final class ObjectUpdates {

    /** One change to apply: the stored field values and the activity to record. */
    private record Change(Map<String, Object> set, List<String> remove, List<Activity> activities,
                          List<Runnable> alsoDo) {
        Change() {
            this(new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void activity(String eventType, Object oldValue, Object newValue) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("old_value", oldValue);
            extra.put("new_value", newValue);
            activities.add(new Activity(eventType, extra));
        }
    }

    private record Activity(String eventType, Map<String, Object> extra) {
    }

    private ObjectUpdates() {
    }

    static Object update(GraphCall call) {
        Node node = call.node();
        SandboxStore store = call.api().context().store();
        Node account = store.node(node.accountId()).orElseThrow();
        AccountGuard.requireWritable(account);
        Params p = new Params(call);
        if ("DELETED".equals(node.getString("status"))) {
            throw AdErrors.invalid("status", null, "Object Deleted", "This " + node.type().graphName() + " has been deleted "
                    + "and can't be edited.");
        }
        Change change = new Change();
        ZoneId zone = Times.zoneOf(store, account.id());
        switch (node.type()) {
            case CAMPAIGN -> campaign(store, account, node, p, zone, change);
            case AD_SET -> adSet(store, account, node, p, zone, change);
            case AD -> ad(store, account, node, p, change);
            case AD_CREATIVE -> {
                rename(node, p, change, "edit_and_update_ad_creative");
                p.oneOf("status", List.of("ACTIVE", "DELETED")).ifPresent(s -> status(node, s, change,
                        "edit_and_update_ad_creative"));
            }
            case CUSTOM_AUDIENCE -> {
                rename(node, p, change, "update_audience");
                p.string("description").ifPresent(d -> {
                    change.set().put("description", d);
                    change.activity("update_audience", node.get("description"), d);
                });
            }
            case BUDGET_SCHEDULE -> BudgetSchedules.update(node, p, zone, change.set());
            default -> throw GraphErrors.unsupportedPost(node.id());
        }
        if (p.validateOnly()) {
            return Map.of("success", true);
        }
        if (node.type() == NodeType.AD_SET && (change.set().containsKey("daily_budget")
                || change.set().containsKey("lifetime_budget"))) {
            call.api().context().limits().recordBudgetChange(node.id());
        }
        apply(call, node, change);
        return Map.of("success", true);
    }

    static Object delete(GraphCall call) {
        Node node = call.node();
        SandboxStore store = call.api().context().store();
        Node account = store.node(node.accountId()).orElseThrow();
        AccountGuard.requireWritable(account);
        if (new Params(call).validateOnly()) {
            return Map.of("success", true);
        }
        switch (node.type()) {
            case CUSTOM_AUDIENCE -> {
                Activities.record(call, account.id(), "delete_audience", node, Map.of());
                store.remove(node);
            }
            case BUDGET_SCHEDULE -> {
                store.node(node.getString(Hidden.PARENT)).ifPresent(parent -> parent.update(f -> {
                    Object ids = f.get(Hidden.SCHEDULES);
                    if (ids instanceof List<?> list) {
                        list.remove(node.id());
                    }
                }));
                store.remove(node);
            }
            default -> {
                Change change = new Change();
                status(node, "DELETED", change, runStatusEvent(node.type()));
                apply(call, node, change);
            }
        }
        return Map.of("success", true);
    }

    private static void apply(GraphCall call, Node node, Change change) {
        if (change.set().isEmpty() && change.remove().isEmpty()) {
            return;
        }
        change.alsoDo().forEach(Runnable::run);
        long now = call.api().context().nowEpochSeconds();
        String updated = Times.format(now, Times.zoneOf(call.api().context().store(), node.accountId()));
        node.update(fields -> {
            change.remove().forEach(fields::remove);
            fields.putAll(change.set());
            if (node.type() == NodeType.CUSTOM_AUDIENCE) {
                fields.put("time_updated", now);
            } else {
                fields.put("updated_time", updated);
            }
        });
        for (Activity activity : change.activities()) {
            Activities.record(call, node.accountId(), activity.eventType(), node, activity.extra());
        }
    }

    private static void campaign(SandboxStore store, Node account, Node campaign, Params p, ZoneId zone,
                                 Change change) {
        rename(campaign, p, change, "update_campaign_name");
        p.oneOf("status", AdVocabulary.STATUSES).ifPresent(s -> status(campaign, s, change,
                "update_campaign_run_status"));
        p.string("objective").ifPresent(objective -> {
            if (!objective.equals(campaign.getString("objective"))) {
                throw AdErrors.invalid("objective", null, "Objective Can't Be Changed", "A campaign's objective can't be changed "
                        + "after it is created. Create a new campaign with the objective " + objective + ".");
            }
        });
        if (p.sent("special_ad_categories")) {
            List<String> categories = CampaignWrites.specialAdCategories(p);
            change.set().put("special_ad_categories", categories);
            change.set().put("special_ad_category", categories.isEmpty() ? "NONE" : categories.get(0));
        }
        OptionalLong daily = p.money("daily_budget");
        OptionalLong lifetime = p.money("lifetime_budget");
        if (daily.isPresent() && lifetime.isPresent()) {
            throw AdErrors.invalid("daily_budget", null, "Only One Budget Allowed", "A campaign can have a daily budget or a "
                    + "lifetime budget, not both.");
        }
        budgetChange(account, campaign, "campaign", daily, lifetime, change, "update_campaign_budget");
        if ((daily.isPresent() || lifetime.isPresent()) && !Budgets.hasBudget(campaign)) {
            // Turning on a campaign budget moves the budget up: the ad sets lose theirs.
            change.alsoDo().add(() -> {
                for (String adSetId : Hidden.ids(campaign, Hidden.ADSETS)) {
                    store.node(adSetId).ifPresent(adSet -> adSet.update(f -> {
                        f.remove("daily_budget");
                        f.remove("lifetime_budget");
                    }));
                }
            });
            change.set().putIfAbsent("bid_strategy", "LOWEST_COST_WITHOUT_CAP");
        }
        p.oneOf("bid_strategy", AdVocabulary.BID_STRATEGIES).ifPresent(v -> change.set().put("bid_strategy", v));
        p.money("spend_cap").ifPresent(v -> {
            change.set().put("spend_cap", Long.toString(v));
            change.activity("update_campaign_group_spend_cap", campaign.get("spend_cap"), Long.toString(v));
        });
        p.bool("is_adset_budget_sharing_enabled").ifPresent(v -> change.set().put("is_adset_budget_sharing_enabled",
                v));
        schedule(campaign, p, zone, change, "stop_time", "update_campaign_schedule");
        p.object("promoted_object").ifPresent(v -> change.set().put("promoted_object", v));
    }

    private static void adSet(SandboxStore store, Node account, Node adSet, Params p, ZoneId zone, Change change) {
        Node campaign = store.node(adSet.getString("campaign_id")).orElseThrow();
        rename(adSet, p, change, "update_ad_set_name");
        p.oneOf("status", AdVocabulary.STATUSES).ifPresent(s -> status(adSet, s, change,
                "update_ad_set_run_status"));
        OptionalLong daily = p.money("daily_budget");
        OptionalLong lifetime = p.money("lifetime_budget");
        boolean hasEnd = p.has("end_time") || adSet.get("end_time") != null || campaign.get("stop_time") != null;
        AdSetWrites.checkBudgets(account, campaign, daily, lifetime, hasEnd);
        budgetChange(account, adSet, "ad set", daily, lifetime, change, "update_ad_set_budget");
        if (p.has("targeting")) {
            Map<String, Object> targeting = TargetingRules.validate(p.json("targeting").orElseThrow());
            change.set().put("targeting", targeting);
            change.activities().add(new Activity("update_ad_set_target_spec", Map.of()));
        }
        Optional<String> goal = p.oneOf("optimization_goal", AdVocabulary.OPTIMIZATION_GOALS);
        Optional<String> billing = p.oneOf("billing_event", AdVocabulary.BILLING_EVENTS);
        if (goal.isPresent() || billing.isPresent()) {
            String newGoal = goal.orElse(adSet.getString("optimization_goal"));
            AdSetWrites.checkGoal(campaign.getString("objective"), newGoal,
                    billing.orElse(adSet.getString("billing_event")));
            goal.ifPresent(g -> {
                change.set().put("optimization_goal", g);
                change.activity("update_ad_set_optimization_goal", adSet.get("optimization_goal"), g);
            });
            billing.ifPresent(b -> change.set().put("billing_event", b));
        }
        Optional<String> strategy = p.oneOf("bid_strategy", AdVocabulary.BID_STRATEGIES);
        OptionalLong bidAmount = p.money("bid_amount");
        Optional<Map<String, Object>> constraints = p.object("bid_constraints");
        if (strategy.isPresent() || bidAmount.isPresent() || constraints.isPresent()) {
            AdSetWrites.checkBid(strategy.orElse(adSet.getString("bid_strategy")),
                    bidAmount.isPresent() || adSet.get("bid_amount") != null,
                    constraints.isPresent() ? constraints : Optional.ofNullable(mapOf(adSet.get("bid_constraints"))));
            strategy.ifPresent(s -> {
                change.set().put("bid_strategy", s);
                change.activity("update_ad_set_bid_strategy", adSet.get("bid_strategy"), s);
            });
            bidAmount.ifPresent(b -> {
                change.set().put("bid_amount", Long.toString(b));
                change.activity("update_ad_set_bidding", adSet.get("bid_amount"), Long.toString(b));
            });
            constraints.ifPresent(c -> change.set().put("bid_constraints", c));
        }
        schedule(adSet, p, zone, change, "end_time", "update_ad_set_duration");
        p.object("promoted_object").ifPresent(v -> change.set().put("promoted_object", v));
        AdSetWrites.frequencyCaps(p).ifPresent(v -> change.set().put("frequency_control_specs", v));
        p.string("dsa_beneficiary").ifPresent(v -> change.set().put("dsa_beneficiary", v));
        p.string("dsa_payor").ifPresent(v -> change.set().put("dsa_payor", v));
        change.set().putAll(AdSetWrites.extraSettings(p));
    }

    private static void ad(SandboxStore store, Node account, Node ad, Params p, Change change) {
        rename(ad, p, change, "update_ad_friendly_name");
        p.oneOf("status", AdVocabulary.STATUSES).ifPresent(s -> status(ad, s, change, "update_ad_run_status"));
        p.json("creative").ifPresent(creative -> {
            String id = AdWrites.creativeId(store, account, creative);
            AdWrites.checkCreativeFits(store, store.node(ad.getString("adset_id")).orElseThrow(), id);
            change.set().put("creative", Map.of("id", id));
            change.activity("update_ad_creative", NodeViews.creativeId(ad), id);
        });
        p.json("tracking_specs").ifPresent(v -> change.set().put("tracking_specs",
                Json.MAPPER.convertValue(v, Object.class)));
        p.string("conversion_domain").ifPresent(v -> change.set().put("conversion_domain", v));
    }

    private static void rename(Node node, Params p, Change change, String eventType) {
        if (p.sent("name")) {
            String name = p.required("name");
            change.set().put("name", name);
            change.activity(eventType, node.getString("name"), name);
        }
    }

    private static void status(Node node, String status, Change change, String eventType) {
        change.set().put("status", status);
        change.activity(eventType, node.getString("status"), status);
    }

    private static void budgetChange(Node account, Node node, String level, OptionalLong daily, OptionalLong lifetime,
                                     Change change, String eventType) {
        if (daily.isPresent()) {
            if (node.get("lifetime_budget") != null) {
                throw budgetTypeFixed(level);
            }
            Budgets.checkMinimum(account, "daily_budget", daily.getAsLong(), level);
            change.set().put("daily_budget", Long.toString(daily.getAsLong()));
            change.activity(eventType, node.get("daily_budget"), Long.toString(daily.getAsLong()));
        }
        if (lifetime.isPresent()) {
            if (node.get("daily_budget") != null) {
                throw budgetTypeFixed(level);
            }
            Budgets.checkMinimum(account, "lifetime_budget", lifetime.getAsLong(), level);
            change.set().put("lifetime_budget", Long.toString(lifetime.getAsLong()));
            change.activity(eventType, node.get("lifetime_budget"), Long.toString(lifetime.getAsLong()));
        }
    }

    private static RuntimeException budgetTypeFixed(String level) {
        return AdErrors.invalid("daily_budget", null, "Budget Type Can't Be Changed", "You can't switch this " + level + " between "
                + "a daily and a lifetime budget. Create a new " + level + " to use the other budget type.");
    }

    private static void schedule(Node node, Params p, ZoneId zone, Change change, String endField, String eventType) {
        OptionalLong start = p.time("start_time", zone);
        OptionalLong end = p.time(endField, zone);
        if (start.isEmpty() && end.isEmpty()) {
            return;
        }
        long startAt = start.orElse(Times.epochOf(node.get("start_time")));
        if (end.isPresent() && end.getAsLong() <= startAt) {
            throw AdErrors.invalid("start_time", null, "Invalid End Date", "The " + endField + " must be after the start time.");
        }
        start.ifPresent(v -> change.set().put("start_time", Times.format(v, zone)));
        end.ifPresent(v -> change.set().put(endField, Times.format(v, zone)));
        change.activity(eventType, node.get(endField), end.isPresent() ? Times.format(end.getAsLong(), zone) : null);
    }

    private static String runStatusEvent(NodeType type) {
        return switch (type) {
            case CAMPAIGN -> "update_campaign_run_status";
            case AD_SET -> "update_ad_set_run_status";
            case AD -> "update_ad_run_status";
            default -> "edit_and_update_ad_creative";
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }
}
