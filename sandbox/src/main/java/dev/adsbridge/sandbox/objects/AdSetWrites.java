package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Json;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;
import tools.jackson.databind.JsonNode;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code POST /act_{id}/adsets}, and the rules ad set updates share with it. */
final class AdSetWrites {

    private AdSetWrites() {
    }

    static Object create(GraphCall call) {
        Node account = call.node();
        AccountGuard.requireWritable(account);
        NodeViews.checkFields(call, NodeType.AD_SET);
        SandboxStore store = call.api().context().store();
        Params p = new Params(call);
        ZoneId zone = Times.zoneOf(store, account.id());
        long now = call.api().context().nowEpochSeconds();

        String name = p.required("name");
        Node campaign = campaignFor(store, account, p.required("campaign_id"));
        String objective = campaign.getString("objective");
        String status = p.oneOf("status", AdVocabulary.CREATE_STATUSES).orElse("ACTIVE");
        Map<String, Object> targeting = TargetingRules.validate(
                p.json("targeting").orElseThrow(() -> AdErrors.required("targeting")));
        String billingEvent = p.oneOf("billing_event", AdVocabulary.BILLING_EVENTS)
                .orElseThrow(() -> AdErrors.required("billing_event"));
        String goal = p.oneOf("optimization_goal", AdVocabulary.OPTIMIZATION_GOALS)
                .orElse(AdVocabulary.GOALS_BY_OBJECTIVE.get(objective).get(0));
        checkGoal(objective, goal, billingEvent);
        OptionalLong daily = p.money("daily_budget");
        OptionalLong lifetime = p.money("lifetime_budget");
        OptionalLong start = p.time("start_time", zone);
        OptionalLong end = p.time("end_time", zone);
        checkBudgets(account, campaign, daily, lifetime, end.isPresent() || campaign.get("stop_time") != null);
        if (daily.isEmpty() && lifetime.isEmpty() && !Budgets.hasBudget(campaign)) {
            throw AdErrors.invalid("daily_budget", null, "Budget Required", "This ad set needs a budget: set daily_budget or "
                    + "lifetime_budget, or give its campaign a campaign budget.");
        }
        if (end.isPresent() && end.getAsLong() <= start.orElse(now)) {
            throw AdErrors.invalid("end_time", null, "Invalid End Date", "The ad set's end_time must be after its start time.");
        }
        Optional<String> ownStrategy = p.oneOf("bid_strategy", AdVocabulary.BID_STRATEGIES);
        String strategy = ownStrategy.orElse(Optional.ofNullable(campaign.getString("bid_strategy"))
                .orElse("LOWEST_COST_WITHOUT_CAP"));
        OptionalLong bidAmount = p.money("bid_amount");
        Optional<Map<String, Object>> bidConstraints = p.object("bid_constraints");
        checkBid(strategy, bidAmount.isPresent(), bidConstraints);
        Optional<Map<String, Object>> promoted = p.object("promoted_object");
        if (AdVocabulary.GOALS_NEEDING_PROMOTED_OBJECT.contains(goal) && promoted.isEmpty()) {
            throw AdErrors.invalid("promoted_object", null, "Promoted Object Required", "Ad sets optimizing for " + goal + " need a "
                    + "promoted_object: a pixel_id with a custom_event_type, or an application_id with an "
                    + "object_store_url for app goals.");
        }
        Optional<String> destination = p.string("destination_type");
        Optional<Object> frequencyCaps = frequencyCaps(p);
        Optional<String> dsaBeneficiary = p.string("dsa_beneficiary");
        Optional<String> dsaPayor = p.string("dsa_payor");
        Map<String, Object> extras = extraSettings(p);
        if (p.validateOnly()) {
            return Map.of("success", true);
        }

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("campaign_id", campaign.id());
        fields.put("name", name);
        fields.put("status", status);
        daily.ifPresent(v -> fields.put("daily_budget", Long.toString(v)));
        lifetime.ifPresent(v -> fields.put("lifetime_budget", Long.toString(v)));
        bidAmount.ifPresent(v -> fields.put("bid_amount", Long.toString(v)));
        fields.put("bid_strategy", strategy);
        bidConstraints.ifPresent(v -> fields.put("bid_constraints", v));
        fields.put("billing_event", billingEvent);
        fields.put("optimization_goal", goal);
        fields.put("targeting", targeting);
        promoted.ifPresent(v -> fields.put("promoted_object", v));
        destination.ifPresent(v -> fields.put("destination_type", v));
        fields.put("start_time", Times.format(start.orElse(now), zone));
        end.ifPresent(v -> fields.put("end_time", Times.format(v, zone)));
        fields.put("pacing_type", List.of("standard"));
        fields.put("is_dynamic_creative", p.bool("is_dynamic_creative").orElse(false));
        frequencyCaps.ifPresent(v -> fields.put("frequency_control_specs", v));
        dsaBeneficiary.ifPresent(v -> fields.put("dsa_beneficiary", v));
        dsaPayor.ifPresent(v -> fields.put("dsa_payor", v));
        fields.putAll(extras);
        Node adSet = MarketingObjects.create(store, NodeType.AD_SET, account.id(), fields, now);
        Activities.record(call, account.id(), "create_ad_set", adSet, Map.of("campaign_id", campaign.id()));
        return NodeViews.created(call, adSet);
    }

    /** The campaign an ad set goes into: in this account, not deleted or archived, with an outcome objective. */
    static Node campaignFor(SandboxStore store, Node account, String campaignId) {
        Node campaign = store.node(campaignId).filter(n -> n.type() == NodeType.CAMPAIGN)
                .filter(n -> account.id().equals(n.accountId()))
                .orElseThrow(() -> AdErrors.parameter("Param campaign_id must be a valid campaign id of this ad "
                        + "account", "Campaign Not Found", "The campaign " + campaignId + " doesn't exist in this "
                        + "ad account."));
        String status = campaign.getString("status");
        if ("DELETED".equals(status) || "ARCHIVED".equals(status)) {
            String word = status.equals("DELETED") ? "deleted" : "archived";
            throw AdErrors.invalid("campaign_id", null, "Campaign Is " + (status.equals("DELETED") ? "Deleted" : "Archived"),
                    "The campaign \"" + campaign.getString("name") + "\" is " + word + ", so you can't add ad sets "
                            + "or ads to it.");
        }
        legacyObjectiveCheck(campaign);
        return campaign;
    }

    /** Campaigns with a pre-ODAX objective can't get new ad sets or ads (since v21). */
    static void legacyObjectiveCheck(Node campaign) {
        String objective = campaign.getString("objective");
        if (AdVocabulary.LEGACY_OBJECTIVES.contains(objective)) {
            throw AdErrors.invalid("campaign_id", null, "Legacy Objective Not Supported", "The campaign \""
                    + campaign.getString("name") + "\" uses the legacy objective " + objective + ", which can't get "
                    + "new ad sets or ads any more. Create a new campaign with an outcome-based objective ("
                    + String.join(", ", AdVocabulary.OBJECTIVES) + ").");
        }
    }

    static void checkGoal(String objective, String goal, String billingEvent) {
        List<String> goals = AdVocabulary.GOALS_BY_OBJECTIVE.getOrDefault(objective, List.of());
        if (!goals.contains(goal)) {
            throw AdErrors.invalid("optimization_goal", null, "Performance Goal Not Available", "The performance goal " + goal
                    + " isn't available for campaigns with the objective " + objective + ". Use one of: "
                    + String.join(", ", goals) + ".");
        }
        if (billingEvent != null && !AdVocabulary.billingFits(billingEvent, goal)) {
            throw AdErrors.invalid("billing_event", null, "Billing Event Not Available", "You can't be charged for " + billingEvent
                    + " when optimizing for " + goal + ". Use one of: "
                    + String.join(", ", AdVocabulary.billingEventsFor(goal)) + ".");
        }
    }

    /** Ad set budgets: not with a campaign budget (1885621), one kind only, above the minimum, lifetime needs an end. */
    static void checkBudgets(Node account, Node campaign, OptionalLong daily, OptionalLong lifetime, boolean hasEnd) {
        if ((daily.isPresent() || lifetime.isPresent()) && Budgets.hasBudget(campaign)) {
            throw AdErrors.invalid("daily_budget", AdErrors.BUDGET_ON_BOTH_LEVELS, "Campaign Already Has a Budget",
                    "The campaign \"" + campaign.getString("name") + "\" uses a campaign budget (Advantage+ campaign "
                            + "budget), so its ad sets can't have their own. Remove daily_budget and lifetime_budget "
                            + "from the ad set, or change the budget on the campaign.");
        }
        if (daily.isPresent() && lifetime.isPresent()) {
            throw AdErrors.invalid("daily_budget", null, "Only One Budget Allowed", "An ad set can have a daily budget or a lifetime "
                    + "budget, not both.");
        }
        if (daily.isPresent()) {
            Budgets.checkMinimum(account, "daily_budget", daily.getAsLong(), "ad set");
        }
        if (lifetime.isPresent()) {
            Budgets.checkMinimum(account, "lifetime_budget", lifetime.getAsLong(), "ad set");
            if (!hasEnd) {
                throw AdErrors.invalid("end_time", null, "End Date Required", "An ad set with a lifetime budget needs an end "
                        + "date: set end_time.");
            }
        }
    }

    /**
     * The ad set settings that are stored as sent after a shape check: {@code attribution_spec} (a JSON array of
     * {@code {"event_type","window_days"}}), {@code bid_adjustments} and {@code regional_regulation_identities} (JSON
     * objects), and {@code regional_regulated_categories} (a JSON array of strings). Shared by create and update.
     */
    static Map<String, Object> extraSettings(Params p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        p.json("attribution_spec").ifPresent(spec -> {
            boolean valid = spec.isArray() && !spec.isEmpty();
            for (JsonNode entry : spec) {
                valid &= entry.isObject() && entry.path("event_type").isString()
                        && List.of("1", "7", "28").contains(entry.path("window_days").asString(""));
            }
            if (!valid) {
                throw AdErrors.wrongType("attribution_spec", "a JSON array of {event_type, window_days} objects");
            }
            fields.put("attribution_spec", Json.MAPPER.convertValue(spec, Object.class));
        });
        p.object("bid_adjustments").ifPresent(v -> fields.put("bid_adjustments", v));
        p.strings("regional_regulated_categories").ifPresent(v -> fields.put("regional_regulated_categories", v));
        p.object("regional_regulation_identities").ifPresent(v -> fields.put("regional_regulation_identities", v));
        return fields;
    }

    /**
     * {@code frequency_control_specs}: a JSON array of {@code {"event","interval_days","max_frequency"}} with whole
     * positive numbers, stored as sent.
     */
    static Optional<Object> frequencyCaps(Params p) {
        String name = "frequency_control_specs";
        return p.json(name).map(specs -> {
            if (!specs.isArray()) {
                throw AdErrors.wrongType(name, "a JSON array");
            }
            for (JsonNode spec : specs) {
                if (!spec.isObject() || !spec.path("event").isString() || !positive(spec.path("interval_days"))
                        || !positive(spec.path("max_frequency"))) {
                    throw AdErrors.wrongType(name, "a JSON array of {event, interval_days, max_frequency} objects");
                }
            }
            return Json.MAPPER.convertValue(specs, Object.class);
        });
    }

    private static boolean positive(JsonNode value) {
        return value.isIntegralNumber() && value.asLong() > 0
                || value.isString() && value.asString().matches("[1-9][0-9]{0,8}");
    }

    /** Capped strategies need bid_amount; minimum ROAS needs bid_constraints.roas_average_floor. */
    static void checkBid(String strategy, boolean hasBidAmount, Optional<Map<String, Object>> constraints) {
        if (("LOWEST_COST_WITH_BID_CAP".equals(strategy) || "COST_CAP".equals(strategy)) && !hasBidAmount) {
            throw AdErrors.invalid("bid_amount", AdErrors.BID_AMOUNT_REQUIRED, "Bid Amount Required", "The bid strategy "
                    + strategy + " needs a bid: set bid_amount (in the account currency's minor units) on the ad "
                    + "set, or use LOWEST_COST_WITHOUT_CAP.");
        }
        if ("LOWEST_COST_WITH_MIN_ROAS".equals(strategy)
                && (constraints.isEmpty() || constraints.get().get("roas_average_floor") == null)) {
            throw AdErrors.invalid("bid_constraints", null, "Minimum ROAS Required", "The bid strategy LOWEST_COST_WITH_MIN_ROAS needs "
                    + "bid_constraints with a roas_average_floor (e.g. {\"roas_average_floor\":15000} for 1.5x).");
        }
    }
}
