package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates campaigns, ad sets, ads, creatives, images and audiences the one way both the seeder and the write
 * endpoints use: numeric ids from the store, account_id, created/updated times in the account's zone, and the
 * parent → children links edges read ({@link Hidden#ADSETS}, {@link Hidden#ADS}).
 */
public final class MarketingObjects {

    private MarketingObjects() {
    }

    /**
     * Creates a node of {@code type} in {@code accountId} ({@code act_…}) with a fresh numeric id.
     *
     * @param createdEpoch creation time (epoch seconds); created_time and updated_time are set from it
     */
    public static Node create(SandboxStore store, NodeType type, String accountId, Map<String, Object> fields,
                              long createdEpoch) {
        return create(store, store.newObjectId(), type, accountId, fields, createdEpoch);
    }

    /** As {@link #create(SandboxStore, NodeType, String, Map, long)} with a given id (ad images: {@code 1000000001:hash}). */
    public static Node create(SandboxStore store, String id, NodeType type, String accountId,
                              Map<String, Object> fields, long createdEpoch) {
        ZoneId zone = Times.zoneOf(store, accountId);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("account_id", accountId.substring(4));
        values.putAll(fields);
        if (type == NodeType.CUSTOM_AUDIENCE) {
            values.putIfAbsent("time_created", createdEpoch);
            values.putIfAbsent("time_updated", createdEpoch);
        } else {
            String created = Times.format(createdEpoch, zone);
            values.putIfAbsent("created_time", created);
            values.putIfAbsent("updated_time", created);
        }
        values.put(Hidden.CREATED_EPOCH, createdEpoch);
        Node node = store.create(id, type, accountId, values);
        link(store, node);
        return node;
    }

    /** Ad images are addressed as {@code {account number}:{hash}}, as Meta's AdImage ids are. */
    public static String imageId(String accountId, String hash) {
        return accountId.substring(4) + ":" + hash;
    }

    private static void link(SandboxStore store, Node node) {
        if (node.type() == NodeType.AD_SET) {
            store.node(node.getString("campaign_id")).ifPresent(c -> Hidden.append(c, Hidden.ADSETS, node.id()));
        } else if (node.type() == NodeType.AD) {
            store.node(node.getString("campaign_id")).ifPresent(c -> Hidden.append(c, Hidden.ADS, node.id()));
            store.node(node.getString("adset_id")).ifPresent(s -> Hidden.append(s, Hidden.ADS, node.id()));
        } else if (node.type() == NodeType.BUDGET_SCHEDULE) {
            store.node(node.getString(Hidden.PARENT)).ifPresent(p -> Hidden.append(p, Hidden.SCHEDULES, node.id()));
        }
    }
}
