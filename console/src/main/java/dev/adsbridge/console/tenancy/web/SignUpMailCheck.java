package dev.adsbridge.console.tenancy.web;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.MailOutbox;
import dev.adsbridge.console.Mailer;
import dev.adsbridge.console.tenancy.Tenancy;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Sign-up mails its confirmation link, so a production console that serves sign-up refuses to start without SMTP
 * ({@code spring.mail.host}) instead of taking sign-ups whose links go nowhere. The way out, with its trade-off, is
 * {@code adsbridge.console.sign-up.verify-email=false}. Dev mode and tests read the {@link MailOutbox} instead. Only
 * where there is a web server: maintenance commands (key rotation, audit checks) run with {@code server.port=-1}
 * and need no mail.
 */
@Component
@ConditionalOnWebApplication
class SignUpMailCheck {

    SignUpMailCheck(ConsoleProperties properties, Tenancy tenancy, Mailer mailer, MailOutbox outbox,
            @org.springframework.beans.factory.annotation.Value("${server.port:8080}") int port) {
        // Operator commands (verify-audit, rotate-keys) run the web context with server.port=-1: nobody signs up.
        if (port >= 0 && !properties.devMode() && tenancy.verifiesEmail() && !mailer.configured()
                && !outbox.enabled()) {
            throw new IllegalStateException("The console runs in production mode and sign-up mails a confirmation "
                    + "link, but no mail server is configured: set spring.mail.host (SPRING_MAIL_HOST, with "
                    + "spring.mail.port, username and password as needed), or set "
                    + "adsbridge.console.sign-up.verify-email=false to sign new owners in without confirming their "
                    + "address (sign-up then tells whether an address already has an account).");
        }
    }
}
