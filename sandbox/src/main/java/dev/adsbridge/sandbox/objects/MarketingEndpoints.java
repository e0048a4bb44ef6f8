package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.GraphApi;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.Pager;
import dev.adsbridge.sandbox.http.Render;
import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Users, pages, ad accounts and the marketing objects under them. */
public final class MarketingEndpoints {

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
    }

    static Object readNode(GraphCall call) {
        return render(call, call.node());
    }

    static Map<String, Object> render(GraphCall call, Node node) {
        return Render.select(call, node, node.snapshot(), call.fields());
    }
}
