package dev.adsbridge.console.notifications;

import dev.adsbridge.console.Mailer;
import dev.adsbridge.console.NotFoundException;
import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.connections.ConnectionErased;
import dev.adsbridge.console.connections.ConnectionExpiringSoon;
import dev.adsbridge.console.connections.ConnectionNeedsReconnect;
import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.Tenancy;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** In-app notices per tenant, and mail to the owners when SMTP is configured. */
@Service
public class Notices {

    public static final String EXPIRING = "connection-expiring";
    public static final String NEEDS_RECONNECT = "connection-needs-reconnect";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Mailer mailer;
    private final ConsoleUrls urls;
    private final Clock clock;

    Notices(JdbcClient jdbc, Tenancy tenancy, Mailer mailer, ConsoleUrls urls, Clock clock) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.mailer = mailer;
        this.clock = clock;
        this.urls = urls;
    }

    /** The tenant's open (not dismissed) notices, newest first. */
    public List<Notice> open(TenantId tenant) {
        return jdbc.sql("""
                select id, kind, message, subject_id, created_at from notices
                where tenant_id = ? and dismissed_at is null order by created_at desc""")
                .param(tenant.value())
                .query((rs, n) -> new Notice(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getString("message"), rs.getObject("subject_id", UUID.class),
                        SqlTime.requiredInstant(rs, "created_at")))
                .list();
    }

    @Transactional
    public void dismiss(Member actor, UUID id) {
        int updated = jdbc.sql("""
                update notices set dismissed_at = ? where tenant_id = ? and id = ? and dismissed_at is null""")
                .params(SqlTime.of(clock.instant()), actor.tenantId().value(), id)
                .update();
        if (updated == 0) {
            throw new NotFoundException("Notice");
        }
    }

    @ApplicationModuleListener
    void on(ConnectionExpiringSoon event) {
        String message = "The Facebook connection of " + event.connectionName() + " expires on "
                + DAY.format(event.expiresAt()) + ". Reconnect before then to keep your ad accounts working.";
        post(event.tenantId(), EXPIRING, message, event.connectionId());
        mailOwners(event.tenantId(), "Your Facebook Ads connection expires on " + DAY.format(event.expiresAt()),
                message + "\n\nReconnect in Settings: " + urls.url("/settings") + "\n");
    }

    @ApplicationModuleListener
    void on(ConnectionNeedsReconnect event) {
        String message = "A Facebook connection needs a reconnect: " + event.reason();
        post(event.tenantId(), NEEDS_RECONNECT, message, event.connectionId());
        mailOwners(event.tenantId(), "Your Facebook Ads connection needs a reconnect",
                message + "\n\nReconnect in Settings: " + urls.url("/settings") + "\n");
    }

    @ApplicationModuleListener
    void on(ConnectionErased event) {
        jdbc.sql("delete from notices where tenant_id = ? and subject_id = ?")
                .params(event.tenantId().value(), event.connectionId())
                .update();
    }

    private void post(TenantId tenant, String kind, String message, @Nullable UUID subject) {
        // One open notice per subject and kind: a repeated warning replaces the older one.
        jdbc.sql("update notices set dismissed_at = ? where tenant_id = ? and kind = ? and subject_id = ? "
                        + "and dismissed_at is null")
                .params(SqlTime.of(clock.instant()), tenant.value(), kind, subject)
                .update();
        jdbc.sql("""
                insert into notices (id, tenant_id, kind, message, subject_id, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), tenant.value(), kind, message, subject, SqlTime.of(clock.instant()))
                .update();
    }

    private void mailOwners(TenantId tenant, String subject, String text) {
        if (!mailer.configured()) {
            return;
        }
        tenancy.owners(tenant).forEach(owner -> mailer.send(owner.email(), subject, text));
    }
}
