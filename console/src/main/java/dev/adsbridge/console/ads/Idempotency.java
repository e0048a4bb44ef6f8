package dev.adsbridge.console.ads;

import dev.adsbridge.console.ads.AdsException.Problem;
import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.meta.Hashes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Idempotency keys of creates, per tenant: the first request with a key claims it (a unique row, so of two concurrent
 * requests only one runs), its answer is kept for 24 hours and replayed to retries with the same body; another body
 * answers 422 {@code idempotency_key_reused}, and a retry while the first still runs waits a little, then answers 409
 * {@code idempotency_in_progress}.
 */
@Service
public class Idempotency {

    static final Duration KEEP = Duration.ofHours(24);
    static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(10);

    /** An answer to give: status and JSON body; {@code replayed} when it is the first request's. */
    public record Answer(int status, String body, boolean replayed) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Idempotency(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Runs {@code create} once per key and request; without a key it just runs. */
    public Answer once(TenantId tenant, String key, String requestFingerprint, Supplier<Answer> create) {
        if (key.length() > 255 || key.isBlank()) {
            throw AdsException.validation("Idempotency-Key", "Use 1 to 255 characters.");
        }
        String hash = sha256(requestFingerprint);
        jdbc.sql("delete from api_idempotency_keys where tenant_id = ? and idempotency_key = ? and created_at < ?")
                .params(tenant.value(), key, SqlTime.of(clock.instant().minus(KEEP))).update();
        boolean claimed;
        try {
            jdbc.sql("""
                    insert into api_idempotency_keys (tenant_id, idempotency_key, request_hash, created_at)
                    values (?, ?, ?, ?)""")
                    .params(tenant.value(), key, hash, SqlTime.of(clock.instant())).update();
            claimed = true;
        } catch (DuplicateKeyException e) {
            claimed = false;
        }
        if (!claimed) {
            return replay(tenant, key, hash);
        }
        Answer answer;
        try {
            answer = create.get();
        } catch (RuntimeException e) {
            // Nothing was created (or we cannot tell): a retry may run again.
            release(tenant, key);
            throw e;
        }
        if (answer.status() >= 500) {
            release(tenant, key);
        } else {
            jdbc.sql("""
                    update api_idempotency_keys set response_status = ?, response_body = ?
                    where tenant_id = ? and idempotency_key = ?""")
                    .params(answer.status(), answer.body(), tenant.value(), key).update();
        }
        return answer;
    }

    private Answer replay(TenantId tenant, String key, String hash) {
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        while (true) {
            Optional<Object[]> row = jdbc.sql("""
                    select request_hash, response_status, response_body from api_idempotency_keys
                    where tenant_id = ? and idempotency_key = ?""")
                    .params(tenant.value(), key)
                    .query((rs, n) -> new Object[] {rs.getString(1), (Integer) rs.getObject(2), rs.getString(3)})
                    .optional();
            if (row.isEmpty()) {
                throw new AdsException(Problem.CONFLICT, "idempotency_in_progress", "The first request with this "
                        + "Idempotency-Key failed a moment ago; send it again.");
            }
            if (!hash.equals(row.get()[0])) {
                throw new AdsException(Problem.KEY_REUSED, "idempotency_key_reused",
                        "This Idempotency-Key was used for a "
                        + "different request. Use a new key for a new request.");
            }
            if (row.get()[1] != null) {
                return new Answer((Integer) row.get()[1], (String) row.get()[2], true);
            }
            if (System.nanoTime() > deadline) {
                throw new AdsException(Problem.CONFLICT, "idempotency_in_progress",
                        "A request with this Idempotency-Key is "
                        + "still running. Try again in a few seconds.", null, null, null, 2L);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AdsException(Problem.CONFLICT, "idempotency_in_progress", "Interrupted while waiting.");
            }
        }
    }

    private void release(TenantId tenant, String key) {
        jdbc.sql("delete from api_idempotency_keys where tenant_id = ? and idempotency_key = ? "
                + "and response_status is null").params(tenant.value(), key).update();
    }

    static String sha256(String value) {
        return Hashes.sha256Hex(value);
    }
}
