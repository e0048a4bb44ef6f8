package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What insights remember about each ad between requests: its ad set and campaign (ids never change), its objective
 * kind, and its last delivery periods and generated series. Kept per account in creation order, so an account-wide
 * request walks an array instead of looking every ad's parents up again.
 */
final class AdStates {

    /** One ad's remembered state; periods and series are replaced when they no longer fit. */
    static final class AdState {
        final Node ad;
        final Node adSet;
        final Node campaign;
        final String campaignId;
        final String adSetId;
        final ObjectiveKind kind;
        volatile DeliveryWindows.Periods periods;
        volatile DeliveryModel.Series series;

        AdState(Node ad, Node adSet, Node campaign) {
            this.ad = ad;
            this.adSet = adSet;
            this.campaign = campaign;
            this.campaignId = ad.getString("campaign_id");
            this.adSetId = ad.getString("adset_id");
            this.kind = ObjectiveKind.of(campaign == null ? null : campaign.getString("objective"));
        }
    }

    private record AccountAds(int count, Node last, AdState[] states) {
    }

    private final SandboxStore store;
    private final Map<String, AdState> byId = new ConcurrentHashMap<>();
    private final Map<String, AccountAds> byAccount = new ConcurrentHashMap<>();

    AdStates(SandboxStore store) {
        this.store = store;
    }

    /** Every ad of an account, oldest first. */
    AdState[] ofAccount(String accountId) {
        List<Node> ads = store.nodesOf(accountId, NodeType.AD);
        AccountAds cached = byAccount.get(accountId);
        Node last = ads.isEmpty() ? null : ads.get(ads.size() - 1);
        if (cached != null && cached.count() == ads.size() && cached.last() == last) {
            return cached.states();
        }
        AdState[] states = new AdState[ads.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = of(ads.get(i));
        }
        byAccount.put(accountId, new AccountAds(ads.size(), last, states));
        return states;
    }

    AdState of(Node ad) {
        AdState state = byId.get(ad.id());
        if (state == null || state.ad != ad) {
            state = new AdState(ad, node(ad.getString("adset_id")), node(ad.getString("campaign_id")));
            byId.put(ad.id(), state);
        }
        return state;
    }

    private Node node(String id) {
        return id == null ? null : store.node(id).orElse(null);
    }
}
