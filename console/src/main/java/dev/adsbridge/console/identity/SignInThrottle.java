package dev.adsbridge.console.identity;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins per account (e-mail) and per client address, in the database so the limit holds across replicas.
 * After {@code maxAccountFailures} (or {@code maxAddressFailures}) failures within the window the subject is locked for
 * the base lock, doubling with each further failure up to the maximum. A successful sign-in clears the account's count.
 */
@Component
class SignInThrottle {

    private final JdbcClient jdbc;
    private final ConsoleProperties.SignIn settings;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, ConsoleProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.settings = properties.signIn();
        this.clock = clock;
    }

    /** How long the account or the address stays locked, if it is. */
    Optional<Duration> lockedFor(String email, String address) {
        Instant now = clock.instant();
        return Stream.of(lockedUntil(accountKey(email)), lockedUntil(addressKey(address)))
                .flatMap(Optional::stream)
                .filter(now::isBefore)
                .max(Comparator.naturalOrder())
                .map(t -> Duration.between(now, t));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String email, String address) {
        record(accountKey(email), settings.maxAccountFailures());
        record(addressKey(address), settings.maxAddressFailures());
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String email) {
        jdbc.sql("delete from sign_in_failures where subject = ?").param(accountKey(email)).update();
    }

    private void record(String subject, int maxFailures) {
        Instant now = clock.instant();
        Optional<Integer> current = jdbc.sql("""
                select failures from sign_in_failures where subject = ? and last_failure_at > ?""")
                .params(subject, SqlTime.of(now.minus(settings.failureWindow())))
                .query(Integer.class)
                .optional();
        int failures = current.orElse(0) + 1;
        Instant lockedUntil = failures >= maxFailures ? now.plus(lockDuration(failures - maxFailures)) : null;
        int updated = jdbc.sql("""
                update sign_in_failures set failures = ?, last_failure_at = ?, locked_until = ? where subject = ?""")
                .params(failures, SqlTime.of(now), SqlTime.of(lockedUntil), subject)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                        insert into sign_in_failures (subject, failures, last_failure_at, locked_until)
                        values (?, ?, ?, ?)""")
                        .params(subject, failures, SqlTime.of(now), SqlTime.of(lockedUntil))
                        .update();
            } catch (DuplicateKeyException raced) {
                // Another replica counted the same subject at the same moment; one failure more or less is fine.
            }
        }
    }

    private Duration lockDuration(int failuresOverLimit) {
        Duration lock = settings.baseLock();
        for (int i = 0; i < failuresOverLimit && lock.compareTo(settings.maxLock()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock;
    }

    private Optional<Instant> lockedUntil(String subject) {
        return jdbc.sql("select locked_until from sign_in_failures where subject = ?")
                .param(subject)
                .query((rs, n) -> Optional.ofNullable(SqlTime.instant(rs, "locked_until")))
                .optional()
                .flatMap(o -> o);
    }

    private static String accountKey(String email) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        return "account:" + (normalized.length() > 320 ? normalized.substring(0, 320) : normalized);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
