package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;
import dev.adsbridge.sandbox.store.AccessGrant;
import dev.adsbridge.sandbox.store.FbUser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /debug_token?input_token=…}: what a token is, for an app token (or a user token inspecting itself).
 * An invalid input token is still HTTP 200, with {@code is_valid:false} and {@code data.error}.
 */
final class DebugTokenEndpoint {

    private final SandboxContext context;

    DebugTokenEndpoint(SandboxContext context) {
        this.context = context;
    }

    Object handle(GraphCall call) {
        String input = call.required("input_token");
        AccessGrant caller = call.grant();
        if (!caller.isApp() && !input.equals(caller.token())) {
            throw GraphErrors.invalidParameter("You must provide an app access token, or a user access token that "
                    + "is an owner or developer of the app");
        }
        return Map.of("data", describe(input));
    }

    private Map<String, Object> describe(String input) {
        Map<String, Object> data = new LinkedHashMap<>();
        Optional<AccessGrant> found = context.store().token(input).or(() -> appToken(input));
        if (found.isEmpty()) {
            data.put("error", error(GraphErrors.malformedToken()));
            data.put("is_valid", false);
            data.put("scopes", List.of());
            return data;
        }
        AccessGrant grant = found.get();
        long now = context.nowEpochSeconds();
        Optional<GraphException> invalid = TokenEndpoint.invalidity(grant, now);
        data.put("app_id", grant.appId());
        data.put("type", grant.type());
        data.put("application", context.app().name());
        if (!grant.isApp()) {
            data.put("data_access_expires_at", grant.dataAccessExpiresAt());
        }
        invalid.ifPresent(e -> data.put("error", error(e)));
        data.put("expires_at", grant.expiresAt());
        data.put("is_valid", invalid.isEmpty());
        if (!grant.isApp()) {
            data.put("issued_at", grant.issuedAt());
        }
        List<String> scopes = grant.scopes().stream().sorted().toList();
        data.put("scopes", scopes);
        if (!grant.isApp()) {
            data.put("granular_scopes", granularScopes(grant, scopes));
            data.put("user_id", grant.userId());
        }
        return data;
    }

    /** ads_* scopes target the user's ad accounts (numeric ids), pages_* scopes their pages. */
    private List<Map<String, Object>> granularScopes(AccessGrant grant, List<String> scopes) {
        FbUser user = context.store().user(grant.userId()).orElse(null);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String scope : scopes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("scope", scope);
            if (user != null && Permissions.targetsAdAccounts(scope)) {
                entry.put("target_ids", user.adAccountIds().stream()
                        .map(id -> id.startsWith("act_") ? id.substring(4) : id).toList());
            } else if (user != null && Permissions.targetsPages(scope)) {
                entry.put("target_ids", user.pageIds());
            }
            out.add(entry);
        }
        return out;
    }

    private Optional<AccessGrant> appToken(String input) {
        String expected = context.app().appId() + "|" + context.app().appSecret();
        return expected.equals(input)
                ? Optional.of(new AccessGrant(input, "APP", null, context.app().appId(), java.util.Set.of(), 0, 0, 0,
                true, null))
                : Optional.empty();
    }

    private static Map<String, Object> error(GraphException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        if (e.subcode() != null) {
            error.put("subcode", e.subcode());
        }
        return error;
    }
}
