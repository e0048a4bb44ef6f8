package dev.adsbridge.console.tenancy;

import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.Mailer;
import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's team: members, roles and invitations. Every method acts within the acting member's tenant. */
@Service
public class Team {

    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final MemberRepository members;
    private final InvitationRepository invitations;
    private final PasswordEncoder passwords;
    private final ConsoleUrls urls;
    private final Mailer mailer;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AccessChecks accessChecks;

    Team(MemberRepository members, InvitationRepository invitations, PasswordEncoder passwords, ConsoleUrls urls,
            Mailer mailer, Clock clock, ApplicationEventPublisher events, AccessChecks accessChecks) {
        this.members = members;
        this.invitations = invitations;
        this.passwords = passwords;
        this.urls = urls;
        this.mailer = mailer;
        this.clock = clock;
        this.events = events;
        this.accessChecks = accessChecks;
    }

    public List<Member> members(Member actor) {
        return members.all(actor.tenantId());
    }

    public List<Invitation> openInvitations(Member actor) {
        return invitations.open(actor.tenantId(), clock.instant());
    }

    /** Owners invite; the link is returned to show once, and mailed when SMTP is configured. */
    @Transactional
    public IssuedInvitation invite(Member actor, String email, Role role) {
        requireTeamManagement(actor, "team.invited", "invitation", "", email, teamState(email, role));
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            throw new TenancyException("Enter a valid e-mail address.");
        }
        if (members.emailTaken(email)) {
            throw new TenancyException("This e-mail address already has an account.");
        }
        String secret = Secrets.random();
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        invitations.insert(id, actor.tenantId(), email, role, Secrets.hash(secret), actor.id(), now,
                now.plus(INVITATION_LIFETIME));
        Invitation invitation = invitations.find(actor.tenantId(), id).orElseThrow();
        events.publishEvent(new TeamChanged(actor.tenantId(), TeamChanged.Change.INVITED, actor.email(),
                invitation.email(), id.toString(), null, role));
        String link = urls.url("/invite/" + secret);
        boolean mailed = mailer.send(invitation.email(), "You are invited to " + actor.tenantName() + " on AdsBridge",
                actor.name() + " invited you to join " + actor.tenantName() + " on AdsBridge as "
                        + role.label().toLowerCase(java.util.Locale.ROOT) + ".\n\nAccept within 7 days: " + link + "\n");
        return new IssuedInvitation(invitation, link, mailed);
    }

    @Transactional
    public void revokeInvitation(Member actor, UUID invitationId) {
        requireTeamManagement(actor, "team.invitation_revoked", "invitation", invitationId.toString(),
                invitations.find(actor.tenantId(), invitationId).map(Invitation::email).orElse(null), null);
        Invitation invitation = invitations.find(actor.tenantId(), invitationId)
                .orElseThrow(() -> new NotFoundException("Invitation"));
        invitations.revoke(actor.tenantId(), invitationId, clock.instant());
        events.publishEvent(new TeamChanged(actor.tenantId(), TeamChanged.Change.INVITATION_REVOKED, actor.email(),
                invitation.email(), invitationId.toString(), invitation.role(), null));
    }

    /** The open invitation behind a link's secret. */
    public Optional<Invitation> invitation(String secret) {
        return invitations.openBySecret(Secrets.hash(secret), clock.instant());
    }

    /** Creates the invitee's account in the inviting tenant with the invited role. */
    @Transactional
    public Member accept(String secret, String name, String password) {
        Tenancy.requirePassword(password);
        Invitation invitation = invitation(secret)
                .orElseThrow(() -> new TenancyException("This invitation is no longer valid. Ask for a new one."));
        if (members.emailTaken(invitation.email())) {
            throw new TenancyException("This e-mail address already has an account. Sign in instead.");
        }
        if (!invitations.accept(invitation.tenantId(), invitation.id(), clock.instant())) {
            throw new TenancyException("This invitation is no longer valid. Ask for a new one.");
        }
        MemberId id = MemberId.random();
        members.insertMember(id, invitation.tenantId(), invitation.email(), name.strip(), passwords.encode(password),
                invitation.role(), clock.instant());
        events.publishEvent(new TeamChanged(invitation.tenantId(), TeamChanged.Change.JOINED, invitation.email(),
                invitation.email(), id.value().toString(), null, invitation.role()));
        return members.find(invitation.tenantId(), id).orElseThrow();
    }

    @Transactional
    public void changeRole(Member actor, MemberId memberId, Role role) {
        requireTeamManagement(actor, "team.role_changed", "member", memberId.value().toString(),
                members.find(actor.tenantId(), memberId).map(Member::email).orElse(null),
                java.util.Map.of("role", role.name().toLowerCase(java.util.Locale.ROOT)));
        Member member = members.find(actor.tenantId(), memberId).orElseThrow(() -> new NotFoundException("Member"));
        if (member.role() == Role.OWNER && role != Role.OWNER && lastOwner(actor)) {
            throw new TenancyException("A tenant needs at least one owner.");
        }
        members.updateRole(actor.tenantId(), memberId, role);
        events.publishEvent(new TeamChanged(actor.tenantId(), TeamChanged.Change.ROLE_CHANGED, actor.email(),
                member.email(), memberId.value().toString(), member.role(), role));
    }

    @Transactional
    public void remove(Member actor, MemberId memberId) {
        requireTeamManagement(actor, "team.removed", "member", memberId.value().toString(),
                members.find(actor.tenantId(), memberId).map(Member::email).orElse(null), null);
        Member member = members.find(actor.tenantId(), memberId).orElseThrow(() -> new NotFoundException("Member"));
        if (member.role() == Role.OWNER && lastOwner(actor)) {
            throw new TenancyException("A tenant needs at least one owner.");
        }
        members.delete(actor.tenantId(), memberId);
        events.publishEvent(new TeamChanged(actor.tenantId(), TeamChanged.Change.REMOVED, actor.email(),
                member.email(), memberId.value().toString(), member.role(), null));
    }

    /** Owners only; anyone else's attempt is reported ({@link ActionDenied}, for the audit log) and refused. */
    private void requireTeamManagement(Member actor, String action, String targetType, String targetId,
            @Nullable String targetName, java.util.@Nullable Map<String, Object> attempted) {
        accessChecks.requireTeamManagement(actor, action, targetType, targetId, targetName, attempted);
    }

    private static java.util.Map<String, Object> teamState(@Nullable String email, Role role) {
        java.util.Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("email", email == null ? "" : email.strip());
        state.put("role", role.name().toLowerCase(java.util.Locale.ROOT));
        return state;
    }

    private boolean lastOwner(Member actor) {
        return members.withRole(actor.tenantId(), Role.OWNER).size() <= 1;
    }
}
