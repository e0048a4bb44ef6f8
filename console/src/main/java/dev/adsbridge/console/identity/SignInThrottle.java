package dev.adsbridge.console.identity;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in attempts per account (e-mail) and per client address, in the database so the limit holds across replicas
 * and under parallel bursts.
 *
 * <p>Every attempt first {@linkplain #reserve reserves} a slot for its account and its address, before the password
 * is checked: in one transaction both rows are locked ({@code select ... for update}, account before address so two
 * attempts never deadlock), and the attempt is refused when either is locked; otherwise both counts go up by one. The
 * attempt that brings a count to its limit also sets the lock ({@code baseLock}, doubling with every further attempt up
 * to {@code maxLock}), so attempts racing it are refused. A wrong password needs nothing more: its slot stays counted.
 * The account row also counts the attempts in flight (reserved, password not yet checked; {@link #finished}).
 *
 * <p>A {@linkplain #succeeded successful} sign-in gives the address its slot back. For the account it depends on
 * whether it was alone: with no other attempt in flight (a person signing in, perhaps after typos) the account's
 * failures are forgiven and any lock lifted; with others in flight (a burst) it gives back only its own slot, so the
 * guesses racing it stay counted and the number of wrong passwords ever checked never exceeds the limit. Rows are
 * never deleted here, so a parallel attempt always finds the row it locks.
 */
@Component
class SignInThrottle {

    private static final String ACCOUNT = "account:";
    private static final String ADDRESS = "address:";
    /** How long an attempt may take from its reservation to its end (the password check) before it stops counting. */
    private static final Duration IN_FLIGHT_MAX = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final ConsoleProperties.SignIn settings;
    private final Clock clock;
    private final TransactionTemplate transaction;

    SignInThrottle(JdbcClient jdbc, ConsoleProperties properties, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = properties.signIn();
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Reserves one attempt for the account and the address, or says how long either is still locked (then nothing is
     * counted and the password must not be checked).
     */
    Optional<Duration> reserve(String email, String address) {
        String account = accountKey(email);
        String client = addressKey(address);
        return transaction.execute(status -> {
            Instant now = clock.instant();
            for (String subject : new String[] {account, client}) {
                jdbc.sql("""
                        insert into sign_in_failures (subject, failures, last_failure_at, locked_until)
                        values (?, 0, ?, null) on conflict do nothing""")
                        .params(subject, SqlTime.of(now))
                        .update();
            }
            Row accountRow = lock(account);
            Row clientRow = lock(client);
            Optional<Duration> locked = lockedFor(now, accountRow, clientRow);
            if (locked.isPresent()) {
                return locked;
            }
            count(accountRow, settings.maxAccountFailures(), now, true);
            count(clientRow, settings.maxAddressFailures(), now, false);
            return Optional.<Duration>empty();
        });
    }

    /**
     * The attempt's password was right: the address gets its slot back; the account is forgiven when no other attempt
     * is in flight, else it gets back only this attempt's slot.
     */
    void succeeded(String email, String address) {
        String account = accountKey(email);
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Optional<Row> row = find(account);
            boolean alone = row.map(r -> inFlight(r, now) <= 1).orElse(true);
            if (alone) {
                jdbc.sql("update sign_in_failures set failures = 0, locked_until = null where subject = ?")
                        .param(account).update();
            } else {
                // The lock goes only when this attempt's own slot set it (the count drops back below the limit).
                jdbc.sql("""
                        update sign_in_failures
                           set failures = failures - 1,
                               locked_until = case when failures - 1 < ? then null else locked_until end
                         where subject = ? and failures > 0""")
                        .params(settings.maxAccountFailures(), account)
                        .update();
            }
            jdbc.sql("""
                    update sign_in_failures
                       set failures = failures - 1,
                           locked_until = case when failures - 1 < ? then null else locked_until end
                     where subject = ? and failures > 0""")
                    .params(settings.maxAddressFailures(), addressKey(address))
                    .update();
        });
    }

    /** A reserved attempt is over (its password checked, right or wrong, or the request failed). */
    void finished(String email) {
        jdbc.sql("update sign_in_failures set in_flight = in_flight - 1 where subject = ? and in_flight > 0")
                .param(accountKey(email)).update();
    }

    private record Row(String subject, int failures, Instant lastFailureAt, @Nullable Instant lockedUntil,
            int inFlight) {
    }

    private Row lock(String subject) {
        return find(subject).orElseThrow(); // inserted just before; never deleted
    }

    /** The row, locked until the transaction ends. */
    private Optional<Row> find(String subject) {
        return jdbc.sql("select failures, last_failure_at, locked_until, in_flight from sign_in_failures "
                        + "where subject = ? for update")
                .param(subject)
                .query((rs, n) -> new Row(subject, rs.getInt("failures"), SqlTime.instant(rs, "last_failure_at"),
                        SqlTime.instant(rs, "locked_until"), rs.getInt("in_flight")))
                .optional();
    }

    /**
     * Attempts in flight on the row, this one included: a count left over by a request that never finished (a killed
     * replica) stops counting once no attempt has been reserved for {@link #IN_FLIGHT_MAX}.
     */
    private static int inFlight(Row row, Instant now) {
        return row.lastFailureAt().isAfter(now.minus(IN_FLIGHT_MAX)) ? row.inFlight() : 0;
    }

    private static Optional<Duration> lockedFor(Instant now, Row... rows) {
        Duration longest = null;
        for (Row row : rows) {
            if (row.lockedUntil() != null && now.isBefore(row.lockedUntil())) {
                Duration left = Duration.between(now, row.lockedUntil());
                longest = longest == null || left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return Optional.ofNullable(longest);
    }

    /** Counts the attempt on the row; {@code inFlight}: the account's row also counts it as in flight. */
    private void count(Row row, int maxFailures, Instant now, boolean inFlight) {
        boolean inWindow = row.lastFailureAt().isAfter(now.minus(settings.failureWindow()));
        int failures = (inWindow ? row.failures() : 0) + 1;
        Instant lockedUntil = failures >= maxFailures ? now.plus(lockDuration(failures - maxFailures)) : null;
        jdbc.sql("""
                update sign_in_failures set failures = ?, last_failure_at = ?, locked_until = ?, in_flight = ?
                 where subject = ?""")
                .params(failures, SqlTime.of(now), SqlTime.of(lockedUntil), inFlight ? inFlight(row, now) + 1 : 0,
                        row.subject())
                .update();
    }

    private Duration lockDuration(int failuresOverLimit) {
        Duration lock = settings.baseLock();
        for (int i = 0; i < failuresOverLimit && lock.compareTo(settings.maxLock()) < 0; i++) {
            lock = lock.multipliedBy(2);
        }
        return lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock;
    }

    private static String accountKey(String email) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        return ACCOUNT + (normalized.length() > 320 ? normalized.substring(0, 320) : normalized);
    }

    private static String addressKey(String address) {
        return ADDRESS + address;
    }
}
