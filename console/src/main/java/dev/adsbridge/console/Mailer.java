package dev.adsbridge.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Plain-text mail when SMTP is configured ({@code spring.mail.host}); otherwise a no-op that says so. */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final ConsoleProperties properties;

    Mailer(ObjectProvider<JavaMailSender> sender, ConsoleProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    public boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /** Sends, or returns false when SMTP is not configured or the server refused; never throws. */
    public boolean send(String to, String subject, String text) {
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
