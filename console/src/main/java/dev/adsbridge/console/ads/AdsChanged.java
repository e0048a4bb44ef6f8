package dev.adsbridge.console.ads;

import dev.adsbridge.console.tenancy.TenantId;

/**
 * Published (synchronously) after a write of ours reached Meta for a tenant's ad account: the read cache drops what it
 * holds for the tenant, so the next read shows the change.
 */
public record AdsChanged(TenantId tenant, String accountId) {
}
