package dev.adsbridge.console.tenancy.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * Signs in someone who just proved who they are: by opening the sign-up confirmation link mailed to their address, or
 * by accepting an invitation (its link went to their address, and they typed their new password a moment ago). It
 * works the way form sign-in does: a new session id (session fixation protection), a fresh CSRF token, and the
 * security context saved in the session, so the next page is the dashboard instead of the sign-in form.
 */
@Component
class JoinedSignIn {

    private final UserDetailsService accounts;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final SessionAuthenticationStrategy session = new CompositeSessionAuthenticationStrategy(List.of(
            new ChangeSessionIdAuthenticationStrategy(),
            new CsrfAuthenticationStrategy(new HttpSessionCsrfTokenRepository())));

    JoinedSignIn(UserDetailsService accounts) {
        this.accounts = accounts;
    }

    void signIn(String email, HttpServletRequest request, HttpServletResponse response) {
        UserDetails user = accounts.loadUserByUsername(email);
        if (user instanceof CredentialsContainer container) {
            container.eraseCredentials(); // the password hash never stays in the session
        }
        Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.getAuthorities());
        request.getSession(true); // the fixation protection changes the id of an existing session
        session.onAuthentication(authentication, request, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(authentication);
        holder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
