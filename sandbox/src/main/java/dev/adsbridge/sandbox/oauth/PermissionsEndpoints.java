package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.store.AccessGrant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /me/permissions}: list (granted from the token, declined from the dialog), de-authorize the app
 * ({@code DELETE /me/permissions}: every token of the user for the app answers 190/458 afterwards) and revoke one
 * permission ({@code DELETE /me/permissions/{name}}: every such token loses the scope).
 */
final class PermissionsEndpoints {

    private final SandboxContext context;

    PermissionsEndpoints(SandboxContext context) {
        this.context = context;
    }

    Object list(GraphCall call) {
        String only = permissionInPath(call);
        Set<String> granted = new LinkedHashSet<>();
        if (call.grant().scopes().contains(Permissions.PUBLIC_PROFILE)) {
            granted.add(Permissions.PUBLIC_PROFILE);
        }
        call.grant().scopes().stream().sorted().forEach(granted::add);
        List<Map<String, Object>> data = new ArrayList<>();
        for (String permission : granted) {
            if (only == null || only.equals(permission)) {
                data.add(entry(permission, "granted"));
            }
        }
        context.app().declined(call.user().id()).stream().filter(p -> !granted.contains(p)).sorted()
                .filter(p -> only == null || only.equals(p))
                .forEach(p -> data.add(entry(p, "declined")));
        return Map.of("data", data);
    }

    Object revoke(GraphCall call) {
        String userId = call.user().id();
        String appId = call.grant().appId();
        String permission = permissionInPath(call);
        if (permission == null) {
            context.store().revokeUserTokens(userId, appId, 458);
            context.app().forget(userId);
            return Map.of("success", true);
        }
        if (Permissions.PUBLIC_PROFILE.equals(permission)) {
            throw GraphErrors.invalidParameter("public_profile cannot be revoked");
        }
        for (AccessGrant grant : List.copyOf(context.store().tokens())) {
            if (userId.equals(grant.userId()) && appId.equals(grant.appId()) && grant.scopes().contains(permission)) {
                Set<String> scopes = new LinkedHashSet<>(grant.scopes());
                scopes.remove(permission);
                context.store().putToken(new AccessGrant(grant.token(), grant.type(), grant.userId(), grant.appId(),
                        scopes, grant.issuedAt(), grant.expiresAt(), grant.dataAccessExpiresAt(), grant.longLived(),
                        grant.revokedSubcode()));
            }
        }
        context.app().recordDeclined(userId, permission);
        return Map.of("success", true);
    }

    /** {@code /me/permissions/{name}} names one permission; the third path segment. */
    private static String permissionInPath(GraphCall call) {
        List<String> path = call.path();
        if (path.size() > 3) {
            throw GraphErrors.unknownPath(String.join("/", path.subList(3, path.size())));
        }
        return path.size() == 3 ? path.get(2) : null;
    }

    private static Map<String, Object> entry(String permission, String status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("permission", permission);
        out.put("status", status);
        return out;
    }
}
