package dev.adsbridge.console.identity;

import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.tenancy.Tenancy;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Records refused sign-ins and CSRF refusals in the audit log of the tenant they concern: the account's tenant for a
 * sign-in with a known e-mail address, the signed-in member's tenant for a CSRF refusal. An attempt on an unknown
 * address has no tenant to file it under and is not recorded (the throttle still counts it). Never the password.
 */
@Component
class SignInAudit {

    static final String WRONG_PASSWORD = "wrong_password";
    static final String LOCKED = "locked";

    private final Tenancy tenancy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SignInAudit(Tenancy tenancy, ApplicationEventPublisher events, Clock clock) {
        this.tenancy = tenancy;
        this.events = events;
        this.clock = clock;
    }

    /** A sign-in with this e-mail address was refused: a wrong password ({@code failure}) or a lock ({@code denied}). */
    void signInFailed(String email, String reason) {
        tenancy.signInAccount(email).ifPresent(account -> events.publishEvent(new AuditEvent(account.tenantId(),
                account.email(), "member.sign_in", "member", account.memberId().value().toString(), null,
                Map.of("reason", reason), LOCKED.equals(reason) ? AuditEvent.DENIED : AuditEvent.FAILURE, null, null,
                clock.instant())));
    }

    /** A form or API call was refused for a missing or wrong CSRF token. */
    void csrfRefused(String method, String path, @Nullable String signInEmail) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof MemberPrincipal member) {
            record(member.tenantId(), member.getUsername(), member.memberId().value().toString(), method, path);
        } else if (signInEmail != null) {
            tenancy.signInAccount(signInEmail).ifPresent(account -> record(account.tenantId(), account.email(),
                    account.memberId().value().toString(), method, path));
        }
    }

    private void record(TenantId tenant, String actor, String memberId, String method, String path) {
        events.publishEvent(new AuditEvent(tenant, actor, "security.csrf_refused", "member", memberId, null,
                Map.of("method", method, "path", path), AuditEvent.DENIED, null, null, clock.instant()));
    }
}
