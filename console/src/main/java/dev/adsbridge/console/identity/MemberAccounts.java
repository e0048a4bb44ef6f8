package dev.adsbridge.console.identity;

import dev.adsbridge.console.tenancy.Tenancy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads a member's account by e-mail for Spring Security's password check. */
@Component
class MemberAccounts implements UserDetailsService {

    private final Tenancy tenancy;

    MemberAccounts(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return tenancy.signInAccount(email)
                .map(MemberPrincipal::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
