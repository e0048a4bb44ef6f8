package dev.adsbridge.console.ads;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.ads.AdsException.Problem;
import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.meta.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency keys of creates, per tenant. The key is recorded (committed) with the request's fingerprint before Meta
 * is called, and keeps the state of its attempts:
 * <ul>
 * <li>{@code pending}: one attempt owns the key (a unique row, so of two concurrent requests only one runs); a retry
 * waits a little, then answers 409 {@code idempotency_in_progress}. A pending key whose owner died (older than the
 * settle time) is treated as uncertain.</li>
 * <li>{@code succeeded}: the answer is kept for 24 hours and replayed to retries with the same body; another body
 * answers 422 {@code idempotency_key_reused}.</li>
 * <li>{@code failed}: Meta refused or was never asked, so nothing was created: a retry runs the create again.</li>
 * <li>{@code uncertain}: the attempt may have reached Meta (timeout, connection lost, MCP server gone, Meta 5xx). The
 * first request answers 502 {@code meta_outcome_unknown}; a retry first asks Meta for the object an earlier attempt
 * created ({@link Attempt#findCreated}) and answers it as the create's answer. Only when Meta has none and the last
 * attempt that may have reached Meta started longer ago than the settle time (so it can no longer land) does the
 * retry create; before that it answers 409 {@code idempotency_in_progress} with Retry-After.</li>
 * </ul>
 */
@Service
public class Idempotency {

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Duration KEEP = Duration.ofHours(24);
    static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(10);

    /**
     * An answer to give: status and JSON body; {@code replayed} when it is an earlier attempt's, {@code reconciled}
     * when that attempt's outcome was unknown and the object was found at Meta afterwards.
     */
    public record Answer(int status, String body, boolean replayed, boolean reconciled) {

        public Answer(int status, String body, boolean replayed) {
            this(status, body, replayed, false);
        }
    }

    /** One create under a key: running it, and finding at Meta what an earlier attempt may have created. */
    public interface Attempt {

        /** Runs the create (calls Meta). */
        Answer create();

        /**
         * The object an earlier attempt created, looked up at Meta, as the create's answer; empty when Meta has none
         * (or the kind of object cannot be looked up). {@code since}: when the key's first attempt started.
         */
        Optional<Answer> findCreated(Instant since);
    }

    private record Row(String hash, String state, @Nullable Integer status, @Nullable String body, boolean reconciled,
            @Nullable UUID attemptId, @Nullable Instant attemptStartedAt, @Nullable Instant maybeSentAt,
            Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration settleAfter;

    Idempotency(JdbcClient jdbc, Clock clock, ConsoleProperties properties,
            @Value("${adsbridge.console.idempotency.settle-after:2m}") Duration settleAfter) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settleAfter = settleAfter;
        Duration mcpTimeout = properties.mcp().timeout();
        if (settleAfter.compareTo(mcpTimeout) <= 0) {
            throw new IllegalStateException("adsbridge.console.idempotency.settle-after (" + settleAfter
                    + ") must be longer than adsbridge.console.mcp.timeout (" + mcpTimeout + ")");
        }
    }

    /** The fingerprint of a create: what is created where, and the body (keys sorted). */
    public static String fingerprint(String what, Map<String, Object> body) {
        return what + " " + JSON.writeValueAsString(new TreeMap<>(body));
    }

    /** Runs the create once per key and request (see the class comment). */
    public Answer once(TenantId tenant, String key, String requestFingerprint, Attempt attempt) {
        if (key.length() > 255 || key.isBlank()) {
            throw AdsException.validation("Idempotency-Key", "Use 1 to 255 characters.");
        }
        String hash = sha256(requestFingerprint);
        jdbc.sql("delete from api_idempotency_keys where tenant_id = ? and idempotency_key = ? and created_at < ?")
                .params(tenant.value(), key, SqlTime.of(clock.instant().minus(KEEP))).update();
        // Waits for a running first request, but never long enough to see it go stale under its feet.
        long deadline = System.nanoTime() + Math.min(WAIT_FOR_FIRST.toNanos(), settleAfter.toNanos() / 4);
        while (true) {
            UUID mine = UUID.randomUUID();
            Instant now = clock.instant();
            if (claim(tenant, key, hash, mine, now)) {
                return run(tenant, key, mine, attempt);
            }
            Row row = read(tenant, key);
            if (row == null) {
                continue; // expired or removed a moment ago: claim it afresh
            }
            if (!hash.equals(row.hash())) {
                throw new AdsException(Problem.KEY_REUSED, "idempotency_key_reused",
                        "This Idempotency-Key was used for a "
                        + "different request. Use a new key for a new request.");
            }
            switch (row.state()) {
                case "succeeded" -> {
                    return new Answer(row.status() == null ? 200 : row.status(), row.body(), true, row.reconciled());
                }
                case "failed" -> {
                    if (takeOver(tenant, key, row, mine, now, row.maybeSentAt())) {
                        return run(tenant, key, mine, attempt);
                    }
                }
                case "uncertain" -> {
                    if (takeOver(tenant, key, row, mine, now, row.maybeSentAt())) {
                        return reconcile(tenant, key, mine, row.createdAt(), row.maybeSentAt(), attempt);
                    }
                }
                default -> { // pending
                    Instant started = row.attemptStartedAt() == null ? row.createdAt() : row.attemptStartedAt();
                    if (!started.plus(settleAfter).isAfter(now)) {
                        // Its owner died (a crash, a lost database): whatever it sent may have reached Meta.
                        if (takeOver(tenant, key, row, mine, now, latest(row.maybeSentAt(), started))) {
                            log.info("Idempotency key of tenant {} was pending since {}: looking at Meta first",
                                    tenant.value(), started);
                            return reconcile(tenant, key, mine, row.createdAt(), latest(row.maybeSentAt(), started),
                                    attempt);
                        }
                    } else if (System.nanoTime() > deadline) {
                        throw new AdsException(Problem.CONFLICT, "idempotency_in_progress",
                                "A request with this Idempotency-Key is "
                                + "still running. Try again in a few seconds.", null, null, null, 2L);
                    } else {
                        sleep();
                    }
                }
            }
        }
    }

    /** The owner's retry after an uncertain attempt: Meta's object if there is one, else the create once safe. */
    private Answer reconcile(TenantId tenant, String key, UUID mine, Instant firstAttempt,
            @Nullable Instant maybeSent, Attempt attempt) {
        Optional<Answer> found;
        try {
            found = attempt.findCreated(firstAttempt);
        } catch (RuntimeException e) {
            finish(tenant, key, mine, "uncertain", null, null, false, maybeSent);
            throw e;
        }
        if (found.isPresent()) {
            Answer answer = found.get();
            finish(tenant, key, mine, "succeeded", answer.status(), answer.body(), true, maybeSent);
            return new Answer(answer.status(), answer.body(), true, true);
        }
        Instant now = clock.instant();
        if (maybeSent != null && maybeSent.plus(settleAfter).isAfter(now)) {
            // The earlier attempt may still land at Meta: creating now could make a second object.
            finish(tenant, key, mine, "uncertain", null, null, false, maybeSent);
            long wait = Math.max(1, Duration.between(now, maybeSent.plus(settleAfter)).toSeconds() + 1);
            throw new AdsException(Problem.CONFLICT, "idempotency_in_progress", "The first request with this "
                    + "Idempotency-Key may still be completing at Meta, and Meta does not show its result yet. Send "
                    + "the same request again in " + wait + " seconds: it will not be created twice.",
                    null, null, null, wait);
        }
        return run(tenant, key, mine, attempt);
    }

    /** Runs the create as the key's owner and records how it ended. */
    private Answer run(TenantId tenant, String key, UUID mine, Attempt attempt) {
        Answer answer;
        try {
            answer = attempt.create();
        } catch (AdsException e) {
            if (mayHaveReachedMeta(e)) {
                finishUncertain(tenant, key, mine);
                throw new AdsException(Problem.META_UNAVAILABLE, "meta_outcome_unknown", "It is not known yet "
                        + "whether Meta created this: the call failed on the way (" + e.getMessage() + ") Send the "
                        + "same request again with the same Idempotency-Key: it is looked up at Meta first and "
                        + "never created twice.", e.meta(), null, null, e.retryAfterSeconds());
            }
            finishQuietly(tenant, key, mine, "failed");
            throw e;
        } catch (RuntimeException e) {
            finishUncertain(tenant, key, mine);
            throw e;
        }
        if (answer.status() >= 500) {
            finishUncertain(tenant, key, mine);
        } else {
            // If this fails (the database is lost) the key stays pending; once that is older than the settle
            // time, a retry looks at Meta first.
            finish(tenant, key, mine, "succeeded", answer.status(), answer.body(), false, null);
        }
        return answer;
    }

    /** Meta refused (4xx) or was never asked: nothing was created. Anything else may have reached Meta. */
    static boolean mayHaveReachedMeta(AdsException e) {
        return e.problem() == Problem.META_UNAVAILABLE || e.problem() == Problem.UNAVAILABLE;
    }

    private boolean claim(TenantId tenant, String key, String hash, UUID mine, Instant now) {
        try {
            jdbc.sql("""
                    insert into api_idempotency_keys (tenant_id, idempotency_key, request_hash, created_at, state,
                        attempt_id, attempt_started_at)
                    values (?, ?, ?, ?, 'pending', ?, ?)""")
                    .params(tenant.value(), key, hash, SqlTime.of(now), mine, SqlTime.of(now)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Makes {@code mine} the owner, if nobody else took the key since {@code row} was read. */
    private boolean takeOver(TenantId tenant, String key, Row row, UUID mine, Instant now,
            @Nullable Instant maybeSent) {
        return jdbc.sql("""
                update api_idempotency_keys set state = 'pending', attempt_id = ?, attempt_started_at = ?,
                    maybe_sent_at = ?
                where tenant_id = ? and idempotency_key = ? and state = ? and attempt_id is not distinct from ?""")
                .params(mine, SqlTime.of(now), maybeSent == null ? null : SqlTime.of(maybeSent), tenant.value(), key,
                        row.state(), row.attemptId())
                .update() == 1;
    }

    private void finishUncertain(TenantId tenant, String key, UUID mine) {
        try {
            jdbc.sql("""
                    update api_idempotency_keys set state = 'uncertain', maybe_sent_at = attempt_started_at
                    where tenant_id = ? and idempotency_key = ? and attempt_id = ?""")
                    .params(tenant.value(), key, mine).update();
        } catch (DataAccessException e) {
            log.warn("Could not mark an idempotency key uncertain (it stays pending until the settle time): {}",
                    e.getMessage());
        }
    }

    private void finishQuietly(TenantId tenant, String key, UUID mine, String state) {
        try {
            finish(tenant, key, mine, state, null, null, false, null);
        } catch (DataAccessException e) {
            log.warn("Could not mark an idempotency key {}: {}", state, e.getMessage());
        }
    }

    private void finish(TenantId tenant, String key, UUID mine, String state, @Nullable Integer status,
            @Nullable String body, boolean reconciled, @Nullable Instant maybeSent) {
        jdbc.sql("""
                update api_idempotency_keys set state = ?, response_status = ?, response_body = ?, reconciled = ?,
                    maybe_sent_at = coalesce(?, maybe_sent_at)
                where tenant_id = ? and idempotency_key = ? and attempt_id = ?""")
                .params(state, status, body, reconciled, maybeSent == null ? null : SqlTime.of(maybeSent),
                        tenant.value(), key, mine)
                .update();
    }

    private @Nullable Row read(TenantId tenant, String key) {
        return jdbc.sql("""
                select request_hash, state, response_status, response_body, reconciled, attempt_id,
                    attempt_started_at, maybe_sent_at, created_at
                from api_idempotency_keys where tenant_id = ? and idempotency_key = ?""")
                .params(tenant.value(), key)
                .query((rs, n) -> new Row(rs.getString("request_hash"), rs.getString("state"),
                        (Integer) rs.getObject("response_status"), rs.getString("response_body"),
                        rs.getBoolean("reconciled"), rs.getObject("attempt_id", UUID.class),
                        SqlTime.instant(rs, "attempt_started_at"), SqlTime.instant(rs, "maybe_sent_at"),
                        SqlTime.requiredInstant(rs, "created_at")))
                .optional().orElse(null);
    }

    private static @Nullable Instant latest(@Nullable Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdsException(Problem.CONFLICT, "idempotency_in_progress", "Interrupted while waiting.");
        }
    }

    static String sha256(String value) {
        return Hashes.sha256Hex(value);
    }
}
