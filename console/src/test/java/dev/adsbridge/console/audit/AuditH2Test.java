package dev.adsbridge.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.console.audit.internal.AuditAppendOnlyMigration;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Dev mode's H2 (PostgreSQL mode): the same migrations, chain and append-only trigger. */
class AuditH2Test {

    @Test
    void theChainAndTheAppendOnlyTriggerWorkOnH2() {
        DriverManagerDataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:audit-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration")
                .javaMigrations(new AuditAppendOnlyMigration()).load().migrate();
        JdbcClient jdbc = JdbcClient.create(h2);
        AuditLog log = new AuditLog(new AuditRepository(jdbc));
        TenantId tenant = TenantId.random();
        for (int i = 0; i < 3; i++) {
            log.append(new AuditEvent(tenant, "dana@example.test", "campaign.status", "campaign", "1",
                    Map.of("status", "PAUSED"), null, AuditEvent.SUCCESS, null, null, Instant.now()));
        }
        assertThat(log.verify(tenant).ok()).isTrue();
        assertThat(log.search(tenant, AuditFilter.ALL, 2, null).nextCursor()).isEqualTo("2");
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'x'").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(log.verify(tenant).rows()).isEqualTo(3);
    }
}
