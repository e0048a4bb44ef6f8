package dev.adsbridge.console.tenancy;

import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.Mailer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up and member look-ups. */
@Service
public class Tenancy {

    public static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * nbvcxz: estimates how guessable a password is, matching it against its bundled lists of common and leaked
     * passwords, words and names (also reversed, with leet substitutions), keyboard patterns, dates and repeats.
     * Immutable once built, shared by all threads.
     */
    private static final Nbvcxz STRENGTH = new Nbvcxz();

    private final MemberRepository members;
    private final PasswordEncoder passwords;
    private final Mailer mailer;
    private final ConsoleUrls urls;
    private final Clock clock;

    Tenancy(MemberRepository members, PasswordEncoder passwords, Mailer mailer, ConsoleUrls urls, Clock clock) {
        this.members = members;
        this.passwords = passwords;
        this.mailer = mailer;
        this.urls = urls;
        this.clock = clock;
    }

    /**
     * Creates a tenant and its first member, an owner. When the e-mail address already has an account nothing is
     * created and the address gets a note instead (the caller answers both cases alike, so sign-up never tells who
     * has an account).
     *
     * @return the new owner, or empty when the address already had an account
     * @throws TenancyException when the password is too short or too easy to guess
     */
    @Transactional
    public Optional<Member> signUp(String tenantName, String name, String email, String password) {
        requirePassword(password);
        // Hashed in both cases, so the answer takes as long for a taken address as for a new one.
        String hash = passwords.encode(password);
        if (members.emailTaken(email)) {
            mailer.send(email.strip(), "Someone tried to sign up to AdsBridge with your address",
                    "Someone (perhaps you) tried to create an AdsBridge account with this e-mail address, which "
                            + "already has one. Nothing was changed.\n\nTo use your account, sign in at "
                            + urls.url("/signin") + "\n\nIf this was not you, you can ignore this message.");
            return Optional.empty();
        }
        TenantId tenant = TenantId.random();
        MemberId owner = MemberId.random();
        members.insertTenant(tenant, tenantName.strip(), clock.instant());
        members.insertMember(owner, tenant, email, name.strip(), hash, Role.OWNER, clock.instant());
        return members.find(tenant, owner);
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

    /** At least {@value #MIN_PASSWORD_LENGTH} characters, and not a common, leaked or otherwise easily guessed one. */
    static void requirePassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new TenancyException("Choose a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.length() > 200) {
            throw new TenancyException("Choose a password of at most 200 characters.");
        }
        Result strength = STRENGTH.estimate(password);
        if (!strength.isMinimumEntropyMet()) {
            String why = strength.getFeedback().getWarning();
            throw new TenancyException("This password is too easy to guess" + (why == null ? "." : ": " + why)
                    + " Choose another, e.g. four or five unrelated words.");
        }
    }
}
