package dev.adsbridge.console.tenancy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up and member look-ups. */
@Service
public class Tenancy {

    public static final int MIN_PASSWORD_LENGTH = 12;

    private final MemberRepository members;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Tenancy(MemberRepository members, PasswordEncoder passwords, Clock clock) {
        this.members = members;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Creates a tenant and its first member, an owner.
     *
     * @throws TenancyException when the e-mail address already has an account or the password is too short
     */
    @Transactional
    public Member signUp(String tenantName, String name, String email, String password) {
        requirePassword(password);
        if (members.emailTaken(email)) {
            throw new TenancyException("An account with this e-mail address already exists. Sign in instead.");
        }
        TenantId tenant = TenantId.random();
        MemberId owner = MemberId.random();
        members.insertTenant(tenant, tenantName.strip(), clock.instant());
        members.insertMember(owner, tenant, email, name.strip(), passwords.encode(password), Role.OWNER,
                clock.instant());
        return members.find(tenant, owner).orElseThrow();
    }

    public Optional<Member> member(TenantId tenant, MemberId id) {
        return members.find(tenant, id);
    }

    public List<Member> owners(TenantId tenant) {
        return members.withRole(tenant, Role.OWNER);
    }

    /** For sign-in only: the account behind an e-mail address, with its password hash. */
    public Optional<SignInAccount> signInAccount(String email) {
        return members.signInAccount(email);
    }

    static void requirePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new TenancyException("Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }
}
