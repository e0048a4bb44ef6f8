package dev.adsbridge.sandbox.http;

import dev.adsbridge.sandbox.SandboxConfig;
import dev.adsbridge.sandbox.store.NodeType;

import java.util.Set;

/**
 * Which API version an Ads call runs on. Graph API versions live about two years and an expired one runs as the
 * oldest available, so non-Ads calls ({@code /me}, permissions, Pages) answer on every version up to the newest.
 * Marketing API versions live about a year; since May 2024 Meta auto-upgrades a call on an expired version to the
 * oldest live one, with an {@code X-Ad-Api-Version-Warning} header, unless the endpoint changed in that version (then,
 * or with the app's auto-upgrade switched off, the call fails with 2635).
 */
final class AdsVersions {

    /** Endpoints (method, node type, edge) whose behaviour changed in the oldest live version: no auto-upgrade. */
    private static final Set<String> CHANGED = Set.of("POST AD_ACCOUNT adsets", "POST AD_SET ",
            "GET AD_ACCOUNT reachestimate", "GET AD_ACCOUNT delivery_estimate");

    private AdsVersions() {
    }

    static void check(SandboxConfig config, GraphCall call, NodeType type, String edge, int major) {
        if (major >= config.minApiVersion() || !isAdsCall(type, edge)) {
            return;
        }
        String live = config.defaultVersion();
        boolean changed = CHANGED.contains(call.method() + " " + type + " " + (edge == null ? "" : edge));
        if (!config.autoUpgradeAdsVersions() || changed) {
            throw GraphErrors.deprecatedVersion(call.version(), live);
        }
        call.responseHeaders().put("X-Ad-Api-Version-Warning", "The call has been auto-upgraded to " + live
                + " as " + call.version() + " has been deprecated.");
    }

    /** Calls on ad accounts and the objects in them, and the user's ad accounts edge, belong to the Ads API. */
    static boolean isAdsCall(NodeType type, String edge) {
        return type.isMarketingObject() || (type == NodeType.USER && "adaccounts".equals(edge));
    }
}
