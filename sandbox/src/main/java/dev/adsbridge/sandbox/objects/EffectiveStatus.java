package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.store.Node;
import dev.adsbridge.sandbox.store.NodeType;
import dev.adsbridge.sandbox.store.SandboxStore;

import java.util.List;

/**
 * An object's {@code effective_status}: its own {@code status} combined with its parents' and its account's, as
 * Meta derives it. O(1): at most three id lookups (campaign, ad set, account).
 *
 * <p>For insights and anything else that needs to know whether an ad delivers:
 * <pre>{@code
 * String effective = EffectiveStatus.of(store, adNode);   // "ACTIVE", "CAMPAIGN_PAUSED", "DISAPPROVED", …
 * boolean delivering = EffectiveStatus.isDelivering(effective);
 * }</pre>
 *
 * <p>Rules, first match wins:
 * <ol>
 *   <li>the object's own status when it is DELETED, ARCHIVED or PAUSED;</li>
 *   <li>a DELETED or ARCHIVED campaign (then ad set) passes that status down;</li>
 *   <li>a PAUSED campaign makes ad sets and ads CAMPAIGN_PAUSED; a PAUSED ad set makes ads ADSET_PAUSED;</li>
 *   <li>an ad account that is not ACTIVE (account_status ≠ 1, e.g. the seeded DISABLED act_1000000004): ads whose
 *       account was disabled for payment risk (disable_reason 3) are PENDING_BILLING_INFO, every other object is
 *       WITH_ISSUES (with an AD_ACCOUNT entry in issues_info) — nothing in such an account delivers;</li>
 *   <li>a review or delivery state on the object itself (seeded ads: DISAPPROVED, PENDING_REVIEW, WITH_ISSUES);</li>
 *   <li>ACTIVE.</li>
 * </ol>
 */
public final class EffectiveStatus {

    public static final List<String> CAMPAIGN_VALUES = List.of("ACTIVE", "PAUSED", "DELETED", "ARCHIVED",
            "IN_PROCESS", "WITH_ISSUES");
    public static final List<String> ADSET_VALUES = List.of("ACTIVE", "PAUSED", "DELETED", "CAMPAIGN_PAUSED",
            "ARCHIVED", "IN_PROCESS", "WITH_ISSUES");
    public static final List<String> AD_VALUES = List.of("ACTIVE", "PAUSED", "DELETED", "PENDING_REVIEW",
            "DISAPPROVED", "PREAPPROVED", "PENDING_BILLING_INFO", "CAMPAIGN_PAUSED", "ARCHIVED", "ADSET_PAUSED",
            "IN_PROCESS", "WITH_ISSUES");

    private EffectiveStatus() {
    }

    /** The effective status of a campaign, ad set or ad (other types: their status, or ACTIVE). */
    public static String of(SandboxStore store, Node node) {
        String own = statusOf(node);
        if (node.type() != NodeType.CAMPAIGN && node.type() != NodeType.AD_SET && node.type() != NodeType.AD) {
            return own;
        }
        if (isStopped(own)) {
            return own;
        }
        Node campaign = node.type() == NodeType.CAMPAIGN ? null
                : store.node(node.getString("campaign_id")).orElse(null);
        Node adSet = node.type() == NodeType.AD ? store.node(node.getString("adset_id")).orElse(null) : null;
        String campaignStatus = campaign == null ? "ACTIVE" : statusOf(campaign);
        String adSetStatus = adSet == null ? "ACTIVE" : statusOf(adSet);
        if ("DELETED".equals(campaignStatus) || "ARCHIVED".equals(campaignStatus)) {
            return campaignStatus;
        }
        if ("DELETED".equals(adSetStatus) || "ARCHIVED".equals(adSetStatus)) {
            return adSetStatus;
        }
        if ("PAUSED".equals(campaignStatus)) {
            return "CAMPAIGN_PAUSED";
        }
        if ("PAUSED".equals(adSetStatus)) {
            return "ADSET_PAUSED";
        }
        Node account = store.node(node.accountId()).orElse(null);
        if (account != null && !isAccountActive(account)) {
            return node.type() == NodeType.AD && "3".equals(account.getString("disable_reason"))
                    ? "PENDING_BILLING_INFO" : "WITH_ISSUES";
        }
        String delivery = node.getString(Hidden.DELIVERY);
        return delivery == null ? "ACTIVE" : delivery;
    }

    /** Only ACTIVE objects deliver (and spend). */
    public static boolean isDelivering(String effectiveStatus) {
        return "ACTIVE".equals(effectiveStatus);
    }

    /** The values Meta accepts in {@code effective_status} filters for objects of a type. */
    public static List<String> validValues(NodeType type) {
        return switch (type) {
            case CAMPAIGN -> CAMPAIGN_VALUES;
            case AD_SET -> ADSET_VALUES;
            default -> AD_VALUES;
        };
    }

    /** ARCHIVED and DELETED objects are left out of edges unless a filter asks for them. */
    public static boolean isHiddenByDefault(String effectiveStatus) {
        return "ARCHIVED".equals(effectiveStatus) || "DELETED".equals(effectiveStatus);
    }

    static boolean isAccountActive(Node account) {
        String status = account.getString("account_status");
        return status == null || "1".equals(status) || "9".equals(status);
    }

    private static boolean isStopped(String status) {
        return "DELETED".equals(status) || "ARCHIVED".equals(status) || "PAUSED".equals(status);
    }

    private static String statusOf(Node node) {
        String status = node.getString("status");
        return status == null ? "ACTIVE" : status;
    }
}
