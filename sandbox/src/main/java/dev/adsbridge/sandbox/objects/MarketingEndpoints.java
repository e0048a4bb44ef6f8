package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.FieldSpec;
import dev.adsbridge.sandbox.http.GraphApi;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Pager;
import dev.adsbridge.sandbox.http.Render;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Users, pages, ad accounts and the marketing objects under them: reads by id, edges (newest first, paged, with
 * effective_status / filtering filters), creates, updates, deletes, copies, images, audiences, budget schedules,
 * activities, previews, targeting search, audience estimates and the Ad Library.
 */
public final class MarketingEndpoints {

    private static final List<NodeType> OBJECT_TYPES = List.of(NodeType.CAMPAIGN, NodeType.AD_SET, NodeType.AD,
            NodeType.AD_CREATIVE, NodeType.CUSTOM_AUDIENCE, NodeType.BUDGET_SCHEDULE);

    private MarketingEndpoints() {
    }

    public static void register(GraphApi api) {
        SandboxStore store = api.context().store();
        api.node("GET", NodeType.USER, null, MarketingEndpoints::readNode);
        api.node("GET", NodeType.PAGE, null, MarketingEndpoints::readNode);
        api.node("GET", NodeType.AD_ACCOUNT, null, MarketingEndpoints::readNode);
        api.node("GET", NodeType.USER, "adaccounts", call -> {
            List<Node> accounts = call.user().adAccountIds().stream()
                    .map(id -> store.node(id).orElse(null)).filter(Objects::nonNull).toList();
            return Pager.page(call, accounts, node -> render(call, node));
        });
        api.node("GET", NodeType.USER, "accounts", call -> {
            List<Node> pages = call.user().pageIds().stream()
                    .map(id -> store.node(id).orElse(null)).filter(Objects::nonNull).toList();
            return Pager.page(call, pages, node -> render(call, node));
        });
        registerReads(api, store);
        registerWrites(api);
        api.route("GET", "search", GraphApi.Auth.USER_TOKEN, TargetingSearch::search);
        AdsArchive archive = new AdsArchive(api.context().config().seed(),
                LocalDate.now(api.context().config().clock().withZone(ZoneOffset.UTC)));
        api.route("GET", "ads_archive", GraphApi.Auth.USER_TOKEN, archive::search);
    }

    private static void registerReads(GraphApi api, SandboxStore store) {
        for (NodeType type : OBJECT_TYPES) {
            api.node("GET", type, null, call -> NodeViews.render(call, call.node()));
        }
        api.node("GET", NodeType.AD_ACCOUNT, "campaigns",
                call -> list(call, NodeType.CAMPAIGN, store.newestFirst(call.node().id(), NodeType.CAMPAIGN)));
        api.node("GET", NodeType.AD_ACCOUNT, "adsets",
                call -> list(call, NodeType.AD_SET, store.newestFirst(call.node().id(), NodeType.AD_SET)));
        api.node("GET", NodeType.AD_ACCOUNT, "ads",
                call -> list(call, NodeType.AD, store.newestFirst(call.node().id(), NodeType.AD)));
        api.node("GET", NodeType.CAMPAIGN, "adsets",
                call -> list(call, NodeType.AD_SET, children(store, call.node(), Hidden.ADSETS)));
        api.node("GET", NodeType.CAMPAIGN, "ads",
                call -> list(call, NodeType.AD, children(store, call.node(), Hidden.ADS)));
        api.node("GET", NodeType.AD_SET, "ads",
                call -> list(call, NodeType.AD, children(store, call.node(), Hidden.ADS)));
        api.node("GET", NodeType.AD_ACCOUNT, "adcreatives", call -> {
            List<Node> creatives = store.newestFirst(call.node().id(), NodeType.AD_CREATIVE);
            creatives.removeIf(c -> "DELETED".equals(c.getString("status")));
            return page(call, creatives);
        });
        api.node("GET", NodeType.AD, "adcreatives", call -> {
            List<Node> creatives = new ArrayList<>();
            String id = NodeViews.creativeId(call.node());
            if (id != null) {
                store.node(id).ifPresent(creatives::add);
            }
            return page(call, creatives);
        });
        api.node("GET", NodeType.AD_ACCOUNT, "adimages", AdImages::list);
        api.node("GET", NodeType.AD_ACCOUNT, "customaudiences",
                call -> page(call, store.newestFirst(call.node().id(), NodeType.CUSTOM_AUDIENCE)));
        api.node("GET", NodeType.AD_ACCOUNT, "activities", Activities::list);
        api.node("GET", NodeType.AD_ACCOUNT, "promote_pages", call -> {
            List<Node> pages = Hidden.ids(call.node(), Hidden.PROMOTE_PAGES).stream()
                    .map(id -> store.node(id).orElse(null)).filter(Objects::nonNull).toList();
            return Pager.page(call, pages, node -> render(call, node));
        });
        api.node("GET", NodeType.AD_VIDEO, null, MarketingEndpoints::readNode);
        api.node("GET", NodeType.AD_ACCOUNT, "advideos", AdVideos::list);
        api.node("GET", NodeType.AD_PIXEL, null, MarketingEndpoints::readNode);
        api.node("GET", NodeType.AD_ACCOUNT, "adspixels", call -> Pager.page(call,
                store.newestFirst(call.node().id(), NodeType.AD_PIXEL), node -> render(call, node)));
        api.node("GET", NodeType.IG_USER, null, MarketingEndpoints::readNode);
        api.node("GET", NodeType.AD_ACCOUNT, "instagram_accounts", call -> Pager.page(call,
                instagramAccounts(store, call.node()), node -> render(call, node)));
        api.node("GET", NodeType.AD_ACCOUNT, "reachestimate", AudienceEstimates::reach);
        api.node("GET", NodeType.AD_ACCOUNT, "delivery_estimate", AudienceEstimates::delivery);
        api.node("GET", NodeType.AD_CREATIVE, "previews", Previews::previews);
        api.node("GET", NodeType.AD, "previews", Previews::previews);
        api.node("GET", NodeType.CAMPAIGN, "budget_schedules", BudgetSchedules::list);
        api.node("GET", NodeType.AD_SET, "budget_schedules", BudgetSchedules::list);
    }

    private static void registerWrites(GraphApi api) {
        api.node("POST", NodeType.AD_ACCOUNT, "campaigns", WriteParams.CREATE_CAMPAIGN.guard(CampaignWrites::create));
        api.node("POST", NodeType.AD_ACCOUNT, "adsets", WriteParams.CREATE_AD_SET.guard(AdSetWrites::create));
        api.node("POST", NodeType.AD_ACCOUNT, "ads", WriteParams.CREATE_AD.guard(AdWrites::create));
        api.node("POST", NodeType.AD_ACCOUNT, "adcreatives",
                WriteParams.CREATE_AD_CREATIVE.guard(CreativeWrites::create));
        api.node("POST", NodeType.AD_ACCOUNT, "adimages", AdImages::upload);
        api.node("POST", NodeType.AD_ACCOUNT, "advideos", AdVideos::upload);
        api.node("DELETE", NodeType.AD_ACCOUNT, "adimages", AdImages::delete);
        api.node("POST", NodeType.AD_ACCOUNT, "customaudiences", AudienceWrites::create);
        Map<NodeType, WriteParams> updates = Map.of(NodeType.CAMPAIGN, WriteParams.UPDATE_CAMPAIGN,
                NodeType.AD_SET, WriteParams.UPDATE_AD_SET, NodeType.AD, WriteParams.UPDATE_AD,
                NodeType.AD_CREATIVE, WriteParams.UPDATE_AD_CREATIVE);
        for (NodeType type : OBJECT_TYPES) {
            WriteParams params = updates.get(type);
            api.node("POST", type, null, params == null ? ObjectUpdates::update : params.guard(ObjectUpdates::update));
            api.node("DELETE", type, null, ObjectUpdates::delete);
        }
        api.node("POST", NodeType.CAMPAIGN, "copies", WriteParams.COPY_CAMPAIGN.guard(Copies::copy));
        api.node("POST", NodeType.AD_SET, "copies", WriteParams.COPY_AD_SET.guard(Copies::copy));
        api.node("POST", NodeType.AD, "copies", WriteParams.COPY_AD.guard(Copies::copy));
        api.node("POST", NodeType.CAMPAIGN, "budget_schedules", BudgetSchedules::create);
        api.node("POST", NodeType.AD_SET, "budget_schedules", BudgetSchedules::create);
    }

    /** The Instagram accounts connected to the Pages an ad account can promote, in the order of those Pages. */
    static List<Node> instagramAccounts(SandboxStore store, Node account) {
        List<Node> accounts = new ArrayList<>();
        for (String pageId : Hidden.ids(account, Hidden.PROMOTE_PAGES)) {
            store.node(pageId)
                    .map(page -> page.get("instagram_business_account"))
                    .filter(Map.class::isInstance)
                    .flatMap(reference -> store.node(String.valueOf(((Map<?, ?>) reference).get("id"))))
                    .filter(instagram -> !accounts.contains(instagram))
                    .ifPresent(accounts::add);
        }
        return accounts;
    }

    /** A filtered, paged edge of campaigns, ad sets or ads. */
    private static Object list(GraphCall call, NodeType type, List<Node> newestFirst) {
        List<Node> items = EdgeFilter.of(call, type).apply(newestFirst);
        return page(call, items);
    }

    private static Object page(GraphCall call, List<Node> items) {
        List<FieldSpec> fields = call.fields();
        PageSize.check(call, items.size(), fields);
        return Pager.page(call, items, node -> NodeViews.render(call, node, fields));
    }

    /** A campaign's ad sets or ads, or an ad set's ads, newest first, from the parent's child list. */
    private static List<Node> children(SandboxStore store, Node parent, String key) {
        List<String> ids = Hidden.ids(parent, key);
        List<Node> out = new ArrayList<>(ids.size());
        for (int i = ids.size() - 1; i >= 0; i--) {
            store.node(ids.get(i)).ifPresent(out::add);
        }
        return out;
    }

    static Object readNode(GraphCall call) {
        return render(call, call.node());
    }

    static Map<String, Object> render(GraphCall call, Node node) {
        return render(call, node, call.fields());
    }

    /**
     * A user, Page, ad account, pixel or Instagram account with {@code fields=}; a Page's
     * {@code instagram_business_account{id,username,…}} expands to the connected Instagram account's fields.
     */
    static Map<String, Object> render(GraphCall call, Node node, List<FieldSpec> fields) {
        Map<String, Object> values = node.snapshot();
        if (node.type() == NodeType.USER && !call.hasScope("email")) {
            // A user's email is readable only with the email permission; without it Meta leaves the field out.
            values.remove("email");
        }
        if (node.type() == NodeType.PAGE) {
            for (FieldSpec spec : fields) {
                if (spec.name().equals("instagram_business_account") && !spec.children().isEmpty()
                        && values.get("instagram_business_account") instanceof Map<?, ?> reference) {
                    call.api().context().store().node(String.valueOf(reference.get("id"))).ifPresent(instagram ->
                            values.put("instagram_business_account", render(call, instagram, spec.children())));
                }
            }
        }
        return Render.select(call, node, values, fields);
    }
}
