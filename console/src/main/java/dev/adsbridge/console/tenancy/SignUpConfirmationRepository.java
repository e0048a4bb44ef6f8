package dev.adsbridge.console.tenancy;

import dev.adsbridge.console.SqlTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sign-ups waiting for their address to be confirmed, stored by the hash of their link's secret. */
@Repository
class SignUpConfirmationRepository {

    /** A pending sign-up as stored. */
    record Pending(UUID id, String email, String tenantName, String memberName, String passwordHash,
            Instant expiresAt, @Nullable Instant usedAt) {

        @Override
        public String toString() {
            return "Pending[id=" + id + ", expiresAt=" + expiresAt + ", usedAt=" + usedAt + "]";
        }
    }

    private final JdbcClient jdbc;

    SignUpConfirmationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code usedAt} non-null stores a row that can never be used (a sign-up attempt on a taken address). */
    void insert(UUID id, String email, String tenantName, String memberName, String passwordHash, String secretHash,
            Instant now, Instant expiresAt, @Nullable Instant usedAt) {
        jdbc.sql("""
                insert into sign_up_confirmations (id, email, tenant_name, member_name, password_hash, secret_hash,
                                                   created_at, expires_at, used_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, MemberRepository.normalize(email), tenantName, memberName, passwordHash, secretHash,
                        SqlTime.of(now), SqlTime.of(expiresAt), SqlTime.of(usedAt))
                .update();
    }

    Optional<Pending> bySecret(String secretHash) {
        return jdbc.sql("""
                select id, email, tenant_name, member_name, password_hash, expires_at, used_at
                from sign_up_confirmations where secret_hash = ?""")
                .param(secretHash)
                .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("tenant_name"), rs.getString("member_name"), rs.getString("password_hash"),
                        SqlTime.requiredInstant(rs, "expires_at"), SqlTime.instant(rs, "used_at")))
                .optional();
    }

    /** Marks it used and forgets its copy of the password hash; false when it was used or expired meanwhile. */
    boolean use(UUID id, Instant now) {
        return jdbc.sql("""
                update sign_up_confirmations set used_at = ?, password_hash = ''
                where id = ? and used_at is null and expires_at > ?""")
                .params(SqlTime.of(now), id, SqlTime.of(now))
                .update() == 1;
    }

    /**
     * Counts one sign-up mail to {@code email} if its window still has room: the address's row is created if missing
     * and locked ({@code select ... for update}), so parallel sign-ups to one address are counted one after the other.
     *
     * @return false when the address already got {@code limit} mails in the window that started at most
     *         {@code window} ago (nothing is counted then)
     */
    boolean countMail(String email, int limit, java.time.Duration window, Instant now) {
        String address = MemberRepository.normalize(email);
        jdbc.sql("insert into sign_up_mail_quota (email, window_start, mails) values (?, ?, 0) on conflict do nothing")
                .params(address, SqlTime.of(now))
                .update();
        record Quota(Instant windowStart, int mails) {
        }
        Quota quota = jdbc.sql("select window_start, mails from sign_up_mail_quota where email = ? for update")
                .param(address)
                .query((rs, n) -> new Quota(SqlTime.requiredInstant(rs, "window_start"), rs.getInt("mails")))
                .single();
        boolean fresh = !quota.windowStart().isAfter(now.minus(window));
        int mails = fresh ? 0 : quota.mails();
        if (mails >= limit) {
            return false;
        }
        jdbc.sql("update sign_up_mail_quota set window_start = ?, mails = ? where email = ?")
                .params(SqlTime.of(fresh ? now : quota.windowStart()), mails + 1, address)
                .update();
        return true;
    }

    /** Forgets mail counts whose window started before {@code before}. */
    int deleteMailQuotasBefore(Instant before) {
        return jdbc.sql("delete from sign_up_mail_quota where window_start < ?").param(SqlTime.of(before)).update();
    }

    /** Forgets sign-ups whose link expired before {@code before} (used or not). */
    int deleteExpired(Instant before) {
        return jdbc.sql("delete from sign_up_confirmations where expires_at < ?")
                .param(SqlTime.of(before))
                .update();
    }
}
