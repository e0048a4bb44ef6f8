package dev.adsbridge.console.tenancy;

/** What sign-in needs to check a password; nothing else should hold a password hash. */
public record SignInAccount(MemberId memberId, TenantId tenantId, String email, String passwordHash, Role role) {

    @Override
    public String toString() {
        return "SignInAccount[memberId=" + memberId + ", tenantId=" + tenantId + ", role=" + role + "]";
    }
}
