package dev.adsbridge.console.connections;

import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;

/**
 * A return from Meta's dialog stored nothing: cancelled, an unknown/used/foreign state, a code Meta refused (PKCE: a code
 * from another flow), another Facebook user on a reconnect, missing permissions. {@code problem} is what the member was
 * shown; it holds no token, code or verifier.
 */
public record ConnectionRefused(TenantId tenantId, MemberId actor, String problem) {
}
