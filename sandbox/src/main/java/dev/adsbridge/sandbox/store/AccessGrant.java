package dev.adsbridge.sandbox.store;

import java.util.Set;

/**
 * What a token stands for. Immutable: expiring or revoking a token replaces its grant in the store.
 *
 * @param token               the opaque token value (never logged or shown unmasked)
 * @param type                USER or APP
 * @param userId              the Facebook user (null for app tokens)
 * @param appId               the app it was issued to
 * @param scopes              granted permissions
 * @param issuedAt            epoch seconds
 * @param expiresAt           epoch seconds, 0 = never
 * @param dataAccessExpiresAt epoch seconds (90 days after consent for user tokens), 0 for app tokens
 * @param longLived           issued by fb_exchange_token (or by the control API as such)
 * @param revokedSubcode      null while usable; else the 190 subcode to answer with (458 app removed, 460 invalidated)
 */
public record AccessGrant(String token, String type, String userId, String appId, Set<String> scopes, long issuedAt,
                          long expiresAt, long dataAccessExpiresAt, boolean longLived, Integer revokedSubcode) {

    public AccessGrant {
        scopes = Set.copyOf(scopes);
    }

    public boolean isApp() {
        return "APP".equals(type);
    }

    public boolean isExpiredAt(long epochSeconds) {
        return expiresAt != 0 && epochSeconds >= expiresAt;
    }

    public AccessGrant expiredAt(long epochSeconds) {
        return new AccessGrant(token, type, userId, appId, scopes, issuedAt, epochSeconds, dataAccessExpiresAt,
                longLived, revokedSubcode);
    }

    public AccessGrant revoked(int subcode) {
        return new AccessGrant(token, type, userId, appId, scopes, issuedAt, expiresAt, dataAccessExpiresAt, longLived,
                subcode);
    }

    /** First 6 characters and the length: enough to tell tokens apart on a status page, useless to an attacker. */
    public String masked() {
        return token.length() <= 10 ? "***" : token.substring(0, 6) + "…(" + token.length() + " chars)";
    }

    @Override
    public String toString() {
        return "AccessGrant[" + masked() + ", type=" + type + ", user=" + userId + ", scopes=" + scopes + "]";
    }
}
