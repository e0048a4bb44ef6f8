package dev.adsbridge.console.tenancy;

import org.jspecify.annotations.Nullable;

/**
 * A change to a tenant's team, published in the transaction that made it (the audit module records it).
 *
 * @param actor the e-mail address of the member who made the change (the invitee's for {@link Change#JOINED})
 * @param memberEmail the e-mail address of the member or invitee concerned
 * @param targetId the member's or invitation's id
 * @param roleBefore the role before (null when there was none)
 * @param roleAfter the role after (null when there is none any more)
 */
public record TeamChanged(TenantId tenantId, Change change, String actor, String memberEmail, String targetId,
        @Nullable Role roleBefore, @Nullable Role roleAfter) {

    public enum Change {
        INVITED, INVITATION_REVOKED, JOINED, ROLE_CHANGED, REMOVED
    }
}
