package dev.adsbridge.console.apikeys;

import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Who calls the REST API, for one request: a signed-in member (session cookie) or an API key acting as a member; with
 * the request id and client address the audit log records. Controllers declare an {@code ApiCaller} parameter.
 */
public record ApiCaller(Member member, @Nullable ApiKeyPrincipal key, String requestId, @Nullable String clientIp) {

    public TenantId tenant() {
        return member.tenantId();
    }

    /** How the audit log names the caller: the member's e-mail or {@code api-key:<id>}. */
    public String actor() {
        return key != null ? key.actor() : member.email();
    }

    /** The rate-limit bucket of this caller (beside the tenant's). */
    public String bucketId() {
        return key != null ? "key:" + key.keyId() : "member:" + member.id();
    }

    public boolean canWrite() {
        return key != null ? key.scope() == ApiKeyScope.READ_WRITE : member.canWrite();
    }

    /** @throws ApiException 403 {@code api_key_read_only} for a read key, {@code forbidden_role} for analysts */
    public void requireWrite() {
        if (key != null && key.scope() != ApiKeyScope.READ_WRITE) {
            throw ApiException.readOnlyKey();
        }
        if (!member.canWrite()) {
            throw ApiException.forbiddenRole();
        }
    }

    /**
     * The audit log is for owners: a member signed in as one, or a key (read or read_write) an owner created.
     *
     * @throws ApiException 403 {@code forbidden_role} for anyone else
     */
    public void requireAuditLogReader() {
        boolean owner = key != null ? key.creatorRole().canReadAuditLog() : member.canReadAuditLog();
        if (!owner) {
            throw new ApiException(403, "forbidden_role", key != null
                    ? "Only API keys created by an owner can read the audit log."
                    : "Only owners can see the audit log.");
        }
    }

    /** Owners and admins signed in themselves: API keys never manage keys. */
    public void requireAdminInPerson() {
        if (key != null) {
            throw new ApiException(403, "forbidden_role", "API keys are managed by owners and admins in Settings.");
        }
        if (!member.canWrite()) {
            throw ApiException.forbiddenRole();
        }
    }
}
