package dev.adsbridge.console.tenancy;

import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.Mailer;
import dev.adsbridge.console.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.scoring.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up and member look-ups. */
@Service
public class Tenancy {

    private static final Logger log = LoggerFactory.getLogger(Tenancy.class);

    public static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * nbvcxz: estimates how guessable a password is, matching it against its bundled lists of common and leaked
     * passwords, words and names (also reversed, with leet substitutions), keyboard patterns, dates and repeats.
     * Immutable once built, shared by all threads.
     */
    private static final Nbvcxz STRENGTH = new Nbvcxz();

    /** Used and expired confirmations are kept this long past their expiry (their page says which), then deleted. */
    static final Duration KEEP_EXPIRED_CONFIRMATIONS = Duration.ofDays(1);

    private final MemberRepository members;
    private final SignUpConfirmationRepository confirmations;
    private final SignUpProperties settings;
    private final PasswordEncoder passwords;
    private final Mailer mailer;
    private final ConsoleUrls urls;
    private final Clock clock;

    Tenancy(MemberRepository members, SignUpConfirmationRepository confirmations, SignUpProperties settings,
            PasswordEncoder passwords, Mailer mailer, ConsoleUrls urls, Clock clock) {
        this.members = members;
        this.confirmations = confirmations;
        this.settings = settings;
        this.passwords = passwords;
        this.mailer = mailer;
        this.urls = urls;
        this.clock = clock;
    }

    /** Whether sign-up mails a confirmation link ({@code adsbridge.console.sign-up.verify-email}). */
    public boolean verifiesEmail() {
        return settings.verifyEmail();
    }

    /** How long a sign-up confirmation link works. */
    public Duration signUpLinkLifetime() {
        return settings.linkLifetime();
    }

    /**
     * Sign-up that proves the address first: nothing is created yet, and the address gets one mail either way, so the
     * caller answers every address alike. A new address gets a single-use link, valid for
     * {@link SignUpProperties#linkLifetime()}, that creates the tenant and its owner ({@link #confirmSignUp}); an address
     * that already has an account gets a note with a sign-in link instead.
     *
     * @throws TenancyException when the password is too short or too easy to guess (checked before the address is
     *                          looked at, so the refusal is the same for every address)
     */
    @Transactional
    public void requestSignUp(String tenantName, String name, String email, String password) {
        requirePassword(password);
        // Hashed in both cases, so the answer takes as long for a taken address as for a new one.
        String hash = passwords.encode(password);
        Instant now = clock.instant();
        if (!confirmations.countMail(email, settings.mailsPerAddress(), settings.mailWindow(), now)) {
            // This address had its mails for now, whether it has an account or not: the same answer, no mail.
            log.info("Sign-up mail not sent: the address had {} in the last {}", settings.mailsPerAddress(),
                    settings.mailWindow());
            return;
        }
        String secret = Secrets.random();
        Instant expires = now.plus(settings.linkLifetime());
        if (members.emailTaken(email)) {
            // Stored as well, already used and without the password, so both answers cost the same write (a row
            // insert and its commit measurably lengthen the answer); it can never create anything.
            confirmations.insert(UUID.randomUUID(), email, tenantName.strip(), name.strip(), "", Secrets.hash(secret),
                    now, expires, now);
            mailTakenAddressNote(email);
            return;
        }
        confirmations.insert(UUID.randomUUID(), email, tenantName.strip(), name.strip(), hash, Secrets.hash(secret),
                now, expires, null);
        long minutes = settings.linkLifetime().toMinutes();
        mailer.send(email.strip(), "Confirm your AdsBridge sign-up",
                "Welcome to AdsBridge. To create the account for " + tenantName.strip() + " and sign in, open this link"
                        + " within " + minutes + " minutes (it works once):\n\n" + urls.url("/signup/confirm/" + secret)
                        + "\n\nIf you did not sign up, ignore this message: nothing is created without the link.");
    }

    /** The sign-up behind a confirmation link, while the link still works. */
    public PendingSignUp pendingSignUp(String secret) {
        SignUpConfirmationRepository.Pending pending = usable(secret);
        return new PendingSignUp(pending.email(), pending.tenantName(), pending.expiresAt());
    }

    /**
     * Uses a sign-up confirmation link: creates the tenant and its owner with the name and password given at sign-up.
     * The link works once, within its lifetime.
     *
     * @throws SignUpLinkRefused when the link is unknown, used, expired, or the address got an account meanwhile
     */
    @Transactional(noRollbackFor = TenancyException.class)
    public Member confirmSignUp(String secret) {
        SignUpConfirmationRepository.Pending pending = usable(secret);
        Instant now = clock.instant();
        if (!confirmations.use(pending.id(), now)) {
            throw used(); // a second click at the same moment
        }
        if (members.emailTaken(pending.email())) {
            throw new SignUpLinkRefused(SignUpLinkRefused.Reason.ADDRESS_TAKEN,
                    "This e-mail address already has an account: sign in instead.");
        }
        TenantId tenant = TenantId.random();
        MemberId owner = MemberId.random();
        members.insertTenant(tenant, pending.tenantName(), now);
        members.insertMember(owner, tenant, pending.email(), pending.memberName(), pending.passwordHash(), Role.OWNER,
                now);
        return members.find(tenant, owner).orElseThrow();
    }

    /**
     * Sign-up without proving the address ({@code adsbridge.console.sign-up.verify-email=false}): creates the tenant
     * and its owner at once. When the address already has an account nothing is created and it gets a note instead.
     * The caller signs a new owner in and sends anyone else to sign in, so an onlooker can tell the two apart: the
     * documented trade-off of running without mail.
     *
     * @return the new owner, or empty when the address already had an account
     * @throws TenancyException when the password is too short or too easy to guess
     */
    @Transactional
    public Optional<Member> signUpWithoutVerification(String tenantName, String name, String email, String password) {
        requirePassword(password);
        String hash = passwords.encode(password);
        if (members.emailTaken(email)) {
            if (confirmations.countMail(email, settings.mailsPerAddress(), settings.mailWindow(), clock.instant())) {
                mailTakenAddressNote(email);
            }
            return Optional.empty();
        }
        TenantId tenant = TenantId.random();
        MemberId owner = MemberId.random();
        members.insertTenant(tenant, tenantName.strip(), clock.instant());
        members.insertMember(owner, tenant, email, name.strip(), hash, Role.OWNER, clock.instant());
        return members.find(tenant, owner);
    }

    private void mailTakenAddressNote(String email) {
        mailer.send(email.strip(), "Someone tried to sign up to AdsBridge with your address",
                "Someone (perhaps you) tried to create an AdsBridge account with this e-mail address, which "
                        + "already has one. Nothing was changed.\n\nTo use your account, sign in at "
                        + urls.url("/signin") + "\n\nIf this was not you, you can ignore this message.");
    }

    private SignUpConfirmationRepository.Pending usable(String secret) {
        SignUpConfirmationRepository.Pending pending = confirmations.bySecret(Secrets.hash(secret))
                .orElseThrow(() -> new SignUpLinkRefused(SignUpLinkRefused.Reason.UNKNOWN,
                        "This sign-up link is not valid. Check that you opened the whole link from the mail, or sign "
                                + "up again."));
        if (pending.usedAt() != null) {
            throw used();
        }
        if (!pending.expiresAt().isAfter(clock.instant())) {
            throw new SignUpLinkRefused(SignUpLinkRefused.Reason.EXPIRED, "This sign-up link has expired (links work "
                    + "for " + settings.linkLifetime().toMinutes() + " minutes). Sign up again to get a new one.");
        }
        return pending;
    }

    private static SignUpLinkRefused used() {
        return new SignUpLinkRefused(SignUpLinkRefused.Reason.USED,
                "This sign-up link was already used: your account exists. Sign in with the password you chose.");
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
