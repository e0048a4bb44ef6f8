package dev.adsbridge.console.identity;

import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Tenancy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in member of the current request, read afresh from the database once per request. */
@Component
class SignedInMember {

    private static final String ATTRIBUTE = SignedInMember.class.getName();

    private final Tenancy tenancy;

    SignedInMember(Tenancy tenancy) {
        this.tenancy = tenancy;
    }

    Optional<Member> current(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Member cached) {
            return Optional.of(cached);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof MemberPrincipal principal)) {
            return Optional.empty();
        }
        Optional<Member> member = tenancy.member(principal.tenantId(), principal.memberId());
        member.ifPresent(m -> request.setAttribute(ATTRIBUTE, m));
        return member;
    }

    /** @throws InsufficientAuthenticationException (back to sign-in) when nobody is signed in or the member was removed */
    Member required(HttpServletRequest request) {
        return current(request).orElseThrow(() -> {
            SecurityContextHolder.clearContext();
            Optional.ofNullable(request.getSession(false)).ifPresent(jakarta.servlet.http.HttpSession::invalidate);
            return new InsufficientAuthenticationException("Sign in again.");
        });
    }
}
