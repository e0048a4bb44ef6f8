package dev.adsbridge.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Plain-text mail when SMTP is configured ({@code spring.mail.host}); otherwise a no-op that says so. In dev mode (or
 * with {@code adsbridge.console.mail.outbox=true}) every mail is also kept in the {@link MailOutbox}.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final ConsoleProperties properties;
    private final MailOutbox outbox;

    Mailer(ObjectProvider<JavaMailSender> sender, ConsoleProperties properties, MailOutbox outbox) {
        this.sender = sender;
        this.properties = properties;
        this.outbox = outbox;
    }

    public boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /**
     * Sends, or returns false when SMTP is not configured or the server refused; never throws. A copy kept in the dev
     * outbox does not count as sent.
     */
    public boolean send(String to, String subject, String text) {
        outbox.keep(to, subject, text);
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        try {
            mail.send(message);
            return true;
        } catch (MailException e) {
            log.warn("Could not send mail '{}': {}", subject, e.getClass().getSimpleName());
            return false;
        }
    }
}
