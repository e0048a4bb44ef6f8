package dev.adsbridge.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Dev mode (and tests, with {@code adsbridge.console.mail.outbox=true}): a copy of every mail the console sends, kept in
 * memory (the last {@value #CAPACITY}) so sign-up links and invitations can be followed without an SMTP server. Dev mode
 * shows it at {@code /dev/mail}; production never serves it, and without the property keeps nothing.
 */
@Component
public class MailOutbox {

    static final int CAPACITY = 50;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    /** One mail as sent. */
    public record Mail(Instant sentAt, String to, String subject, String text) {

        /** The web addresses in the text, in order (the page shows them as links). */
        public List<String> links() {
            Matcher links = LINK.matcher(text);
            List<String> found = new java.util.ArrayList<>();
            while (links.find()) {
                found.add(links.group());
            }
            return List.copyOf(found);
        }

        @Override
        public String toString() {
            return "Mail[sentAt=" + sentAt + ", subject=" + subject + "]"; // links are secrets
        }
    }

    /** @param outbox keep mails in memory even outside dev mode (tests) */
    @ConfigurationProperties("adsbridge.console.mail")
    public record Settings(@DefaultValue("false") boolean outbox) {
    }

    private final boolean enabled;
    private final Clock clock;
    private final Deque<Mail> mails = new ArrayDeque<>();

    MailOutbox(ConsoleProperties properties, Settings settings, Clock clock) {
        this.enabled = properties.devMode() || settings.outbox();
        this.clock = clock;
    }

    public boolean enabled() {
        return enabled;
    }

    void keep(String to, String subject, String text) {
        if (!enabled) {
            return;
        }
        synchronized (mails) {
            mails.addFirst(new Mail(clock.instant(), to, subject, text));
            while (mails.size() > CAPACITY) {
                mails.removeLast();
            }
        }
    }

    /** Newest first; empty when the outbox is off. */
    public List<Mail> mails() {
        synchronized (mails) {
            return List.copyOf(mails);
        }
    }
}
