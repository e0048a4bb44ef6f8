package dev.adsbridge.sandbox.control;

import dev.adsbridge.sandbox.SandboxContext;
import dev.adsbridge.sandbox.store.AccessGrant;
import dev.adsbridge.sandbox.store.FbUser;
import dev.adsbridge.sandbox.store.NodeType;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /_sandbox/system-users}: a business system user with ad accounts assigned to it, and a token of the
 * sandbox app for it, as an agency makes one in Business Manager (Business settings → System users → Generate new
 * token) to paste into a tool. Meta's answers for it: {@code debug_token} says {@code type: SYSTEM_USER},
 * {@code expires_at: 0} (never) or 60 days with {@code expires_in_60_days}, {@code data_access_expires_at: 0};
 * {@code /me} is the system user; it reaches exactly the assigned ad accounts.
 */
final class SystemUsers {

    /** What a generated system-user token carries unless told otherwise. */
    static final List<String> DEFAULT_SCOPES = List.of("ads_read", "ads_management", "business_management");
    private static final long SIXTY_DAYS = 60L * 24 * 3600;
    /** System user ids count up from here, past the highest one the world already has (a kept world has some). */
    private static final long FIRST_ID = 61_000_000_000_001L;

    private SystemUsers() {
    }

    static Map<String, Object> create(SandboxContext context, JsonNode body) {
        String name = ControlServlet.optionalString(body, "name").orElse("Agency system user").strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("name must be 1 to 100 characters");
        }
        List<String> accounts = new ArrayList<>();
        if (body.has("ad_accounts")) {
            if (!body.get("ad_accounts").isArray() || body.get("ad_accounts").isEmpty()) {
                throw new IllegalArgumentException("ad_accounts must be a non-empty array of act_… ids");
            }
            for (JsonNode id : body.get("ad_accounts")) {
                String account = id.asString("");
                boolean exists = context.store().node(account).map(n -> n.type() == NodeType.AD_ACCOUNT)
                        .orElse(false);
                if (!exists) {
                    throw new IllegalArgumentException("unknown ad account " + account + " (use the act_… id)");
                }
                accounts.add(account);
            }
        } else {
            accounts.addAll(context.store().users().get(0).adAccountIds());
        }
        Set<String> scopes = ControlServlet.scopes(body, DEFAULT_SCOPES);
        JsonNode sixtyDays = body.get("expires_in_60_days");
        if (sixtyDays != null && !sixtyDays.isBoolean()) {
            throw new IllegalArgumentException("expires_in_60_days must be true or false");
        }
        boolean expires = sixtyDays != null && sixtyDays.asBoolean();

        String id;
        synchronized (SystemUsers.class) {
            id = Long.toString(nextId(context));
            context.store().addUser(new FbUser(id, name, null, accounts, List.of()));
        }
        // What /me and /{id} answer for it (Meta's SystemUser node: id, name).
        context.store().create(id, NodeType.USER, null, new LinkedHashMap<>(Map.of("name", name)));
        long now = context.nowEpochSeconds();
        AccessGrant grant = new AccessGrant(context.store().newTokenValue(), "SYSTEM_USER", id,
                context.config().appId(), scopes, now, expires ? now + SIXTY_DAYS : 0, 0, true, null);
        context.store().putToken(grant);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("name", name);
        out.put("ad_accounts", List.copyOf(accounts));
        out.put("access_token", grant.token());
        out.put("token_type", "bearer");
        out.put("expires_in", expires ? SIXTY_DAYS : 0);
        out.put("scopes", List.copyOf(scopes));
        return out;
    }

    /** One past the highest system user id in the world, so a world read back from its file never reuses one. */
    private static long nextId(SandboxContext context) {
        long highest = FIRST_ID - 1;
        for (FbUser user : context.store().users()) {
            if (user.id().matches("61\\d{12}")) {
                highest = Math.max(highest, Long.parseLong(user.id()));
            }
        }
        return highest + 1;
    }
}
