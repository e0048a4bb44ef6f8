package dev.adsbridge.console.connections;

import dev.adsbridge.console.ConsoleProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The daily token-lifecycle job: connections whose token expires within {@code expiry-warning-days} raise
 * {@link ConnectionExpiringSoon} once per expiry date (owners get a notice and, with SMTP, a mail); connections whose
 * token has expired move to needs-reconnect. Meta has no refresh token, so reconnecting is the only cure.
 */
@Service
public class ExpiryWarnings {

    private static final Logger log = LoggerFactory.getLogger(ExpiryWarnings.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** What one run did. */
    public record Run(int warned, int expired) {
    }

    private final ConnectionRepository repository;
    private final ConnectionLifecycle lifecycle;
    private final OAuthStates states;
    private final Duration warningPeriod;
    private final Clock clock;

    ExpiryWarnings(ConnectionRepository repository, ConnectionLifecycle lifecycle, OAuthStates states,
            ConsoleProperties properties, Clock clock) {
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.states = states;
        this.warningPeriod = Duration.ofDays(properties.expiryWarningDays());
        this.clock = clock;
    }

    public Run run() {
        Instant now = clock.instant();
        int warned = 0;
        int expired = 0;
        for (ConnectionRepository.Expiring expiring : repository.activeExpiringBefore(now.plus(warningPeriod))) {
            Connection connection = expiring.connection();
            Instant expiresAt = connection.expiresAt();
            if (expiresAt == null) {
                continue;
            }
            if (!expiresAt.isAfter(now)) {
                lifecycle.needsReconnect(connection.tenantId(), connection.id(),
                        "The Facebook token expired on " + DAY.format(expiresAt) + ".", StatusCause.TOKEN_EXPIRED);
                expired++;
            } else if (!expiresAt.equals(expiring.warnedFor())) {
                lifecycle.expiringSoon(connection, expiresAt);
                warned++;
            }
        }
        states.purge(now);
        if (warned + expired > 0) {
            log.info("Connection expiry job: {} warned, {} expired", warned, expired);
        }
        return new Run(warned, expired);
    }
}
