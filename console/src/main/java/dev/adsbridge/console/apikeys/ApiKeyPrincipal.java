package dev.adsbridge.console.apikeys;

import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Role;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who calls with an API key: the key, and the member it acts as (its creator's tenant, with the role its scope allows:
 * admin for read_write, analyst for read), and its creator's own role today (what the key may read beyond the ads:
 * the audit log only for an owner's key), what the key is for, the ad accounts it is limited to (empty: all) and its
 * expiry.
 */
public record ApiKeyPrincipal(UUID keyId, TenantId tenant, String name, String prefix, ApiKeyScope scope,
        Member member, Role creatorRole, String creatorEmail, ApiKeyPurpose purpose, List<String> adAccounts,
        @Nullable Instant expiresAt) {

    /** How the audit log names the caller. */
    public String actor() {
        return "api-key:" + keyId;
    }

    @Override
    public String toString() {
        return "ApiKeyPrincipal[keyId=" + keyId + ", tenant=" + tenant + ", scope=" + scope + "]";
    }
}
