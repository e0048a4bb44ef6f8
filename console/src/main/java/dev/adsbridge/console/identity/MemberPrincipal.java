package dev.adsbridge.console.identity;

import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.Role;
import dev.adsbridge.console.tenancy.SignInAccount;
import dev.adsbridge.console.tenancy.TenantId;
import java.io.Serial;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is signed in, as kept in the (database-backed) session: ids only. The role here is the one at sign-in; every
 * request reads the member afresh, and authorization uses that.
 */
final class MemberPrincipal implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final MemberId memberId;
    private final TenantId tenantId;
    private final String email;
    private final Role role;
    private @Nullable String passwordHash;

    MemberPrincipal(SignInAccount account) {
        this.memberId = account.memberId();
        this.tenantId = account.tenantId();
        this.email = account.email();
        this.role = account.role();
        this.passwordHash = account.passwordHash();
    }

    MemberId memberId() {
        return memberId;
    }

    TenantId tenantId() {
        return tenantId;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "MemberPrincipal[memberId=" + memberId + ", tenantId=" + tenantId + "]";
    }
}
