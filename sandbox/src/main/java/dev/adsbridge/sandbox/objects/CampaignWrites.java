package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code POST /act_{id}/campaigns}: validation as Meta does it, then the campaign. */
final class CampaignWrites {

    private CampaignWrites() {
    }

    static Object create(GraphCall call) {
        Node account = call.node();
        AccountGuard.requireWritable(account);
        NodeViews.checkFields(call, NodeType.CAMPAIGN);
        Params p = new Params(call);
        ZoneId zone = Times.zoneOf(call.api().context().store(), account.id());

        String name = p.required("name");
        String objective = objective(p.required("objective"));
        String status = p.oneOf("status", AdVocabulary.CREATE_STATUSES).orElse("ACTIVE");
        List<String> categories = specialAdCategories(p);
        OptionalLong daily = p.money("daily_budget");
        OptionalLong lifetime = p.money("lifetime_budget");
        Optional<Boolean> sharing = p.bool("is_adset_budget_sharing_enabled");
        Optional<String> bidStrategy = p.oneOf("bid_strategy", AdVocabulary.BID_STRATEGIES);
        OptionalLong spendCap = p.money("spend_cap");
        String buyingType = p.oneOf("buying_type", AdVocabulary.BUYING_TYPES).orElse("AUCTION");
        long now = call.api().context().nowEpochSeconds();
        OptionalLong start = p.time("start_time", zone);
        OptionalLong stop = p.time("stop_time", zone);
        Optional<Map<String, Object>> promoted = p.object("promoted_object");

        if (daily.isPresent() && lifetime.isPresent()) {
            throw AdErrors.invalid("daily_budget", null, "Only One Budget Allowed", "A campaign can have a daily budget or a "
                    + "lifetime budget, not both.");
        }
        if (daily.isPresent()) {
            Budgets.checkMinimum(account, "daily_budget", daily.getAsLong(), "campaign");
        }
        if (lifetime.isPresent()) {
            Budgets.checkMinimum(account, "lifetime_budget", lifetime.getAsLong(), "campaign");
            if (stop.isEmpty()) {
                throw AdErrors.invalid("stop_time", null, "End Date Required", "A campaign with a lifetime budget needs an end "
                        + "date: set stop_time.");
            }
        }
        if (daily.isEmpty() && lifetime.isEmpty() && sharing.isEmpty()) {
            throw AdErrors.invalid("is_adset_budget_sharing_enabled", AdErrors.BUDGET_SHARING_FLAG_REQUIRED,
                    "Must specify True or False in is_adset_budget_sharing_enabled field",
                    "Must specify True or False in is_adset_budget_sharing_enabled field. This is required field "
                            + "starting v24 if you are not setting budget at the campaign level.");
        }
        if (stop.isPresent() && stop.getAsLong() <= start.orElse(now)) {
            throw AdErrors.invalid("stop_time", null, "Invalid End Date", "The campaign's stop_time must be after its start "
                    + "time.");
        }
        if (p.validateOnly()) {
            return Map.of("success", true);
        }

        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("objective", objective);
        fields.put("status", status);
        fields.put("special_ad_categories", categories);
        fields.put("special_ad_category", categories.isEmpty() ? "NONE" : categories.get(0));
        fields.put("buying_type", buyingType);
        daily.ifPresent(v -> fields.put("daily_budget", Long.toString(v)));
        lifetime.ifPresent(v -> fields.put("lifetime_budget", Long.toString(v)));
        if (daily.isPresent() || lifetime.isPresent()) {
            fields.put("bid_strategy", bidStrategy.orElse("LOWEST_COST_WITHOUT_CAP"));
        } else {
            bidStrategy.ifPresent(v -> fields.put("bid_strategy", v));
        }
        sharing.ifPresent(v -> fields.put("is_adset_budget_sharing_enabled", v));
        spendCap.ifPresent(v -> fields.put("spend_cap", Long.toString(v)));
        fields.put("start_time", Times.format(start.orElse(now), zone));
        stop.ifPresent(v -> fields.put("stop_time", Times.format(v, zone)));
        promoted.ifPresent(v -> fields.put("promoted_object", v));
        fields.put("can_use_spend_cap", true);
        fields.put("pacing_type", List.of("standard"));
        fields.put("budget_rebalance_flag", false);
        fields.put("smart_promotion_type", "GUIDED_CREATION");
        Node campaign = MarketingObjects.create(call.api().context().store(), NodeType.CAMPAIGN, account.id(), fields,
                now);
        Activities.record(call, account.id(), "create_campaign_group", campaign, Map.of("objective", objective));
        return NodeViews.created(call, campaign);
    }

    /** OUTCOME_* only; legacy objectives get their own message, unknown ones the list. */
    static String objective(String objective) {
        if (AdVocabulary.LEGACY_OBJECTIVES.contains(objective)) {
            throw AdErrors.invalid("objective", null, "Objective Not Available", "The objective " + objective + " is no longer "
                    + "available for new campaigns. Use one of the outcome-based objectives: "
                    + String.join(", ", AdVocabulary.OBJECTIVES) + ".");
        }
        if (!AdVocabulary.OBJECTIVES.contains(objective)) {
            throw AdErrors.mustBeOneOf("objective", AdVocabulary.OBJECTIVES);
        }
        return objective;
    }

    static List<String> specialAdCategories(Params p) {
        if (!p.sent("special_ad_categories")) {
            throw new GraphException(400, 100, null, GraphErrors.OAUTH,
                    "(#100) The parameter special_ad_categories is required", "Special Ad Categories Required",
                    "Declare whether this campaign is about credit, employment, housing, financial products, "
                            + "gambling, or social issues, elections or politics: send special_ad_categories, "
                            + "using [] when none applies.", false);
        }
        List<String> raw = p.strings("special_ad_categories").orElse(List.of());
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (!AdVocabulary.SPECIAL_AD_CATEGORIES.contains(raw.get(i))) {
                throw AdErrors.mustBeOneOf("special_ad_categories[" + i + "]", AdVocabulary.SPECIAL_AD_CATEGORIES);
            }
            if (!raw.get(i).equals("NONE")) {
                categories.add(raw.get(i));
            }
        }
        return categories;
    }
}
