package dev.adsbridge.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.tenancy.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The hash chain: appends from many threads, tamper evidence, and a table the application cannot rewrite. */
class AuditChainTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();
    private final AuditLog log = harness.bean(AuditLog.class);
    private final ApplicationEventPublisher events = harness.console;

    private static AuditEvent event(TenantId tenant, String action, String outcome) {
        return new AuditEvent(tenant, "dana@example.test", action, "campaign", "120000000001",
                Map.of("status", "PAUSED"), Map.of("status", "ACTIVE"), outcome, "req_test", "127.0.0.1",
                Instant.now());
    }

    private List<AuditEntry> chain(TenantId tenant) {
        List<AuditEntry> rows = new ArrayList<>();
        harness.bean(AuditRepository.class).walk(tenant, rows::add);
        return rows;
    }

    @Test
    void parallelAppendsForSeveralTenantsBuildOneUnforkedChainEach() throws Exception {
        List<TenantId> tenants = List.of(TenantId.random(), TenantId.random(), TenantId.random());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            int t = thread;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    events.publishEvent(event(tenants.get((t + i) % 3), "campaign.status", AuditEvent.SUCCESS));
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (TenantId tenant : tenants) {
            List<AuditEntry> rows = chain(tenant);
            assertThat(rows).hasSize(40);
            assertThat(rows).extracting(AuditEntry::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
            assertThat(rows.get(0).prevHash()).isEqualTo(AuditEntry.GENESIS);
            for (int i = 1; i < rows.size(); i++) {
                assertThat(rows.get(i).prevHash()).isEqualTo(rows.get(i - 1).hash());
            }
            ChainVerification verification = log.verify(tenant);
            assertThat(verification.ok()).as(verification.describe()).isTrue();
            assertThat(verification.rows()).isEqualTo(40);
        }
    }

    @Test
    void aRowChangedBehindTheApplicationsBackIsReportedWithItsPosition() {
        TenantId tenant = TenantId.random();
        for (int i = 0; i < 5; i++) {
            events.publishEvent(event(tenant, "campaign.budget", AuditEvent.SUCCESS));
        }
        assertThat(log.verify(tenant).ok()).isTrue();
        AuditEntry third = chain(tenant).get(2);

        asSuperuserWithoutTrigger("update audit_log set actor = 'mallory@example.test' where tenant_id = '"
                + tenant + "' and seq = 3");

        ChainVerification broken = log.verify(tenant);
        assertThat(broken.ok()).isFalse();
        assertThat(broken.brokenSeq()).isEqualTo(3L);
        assertThat(broken.brokenId()).isEqualTo(third.id());
        assertThat(broken.actual()).isEqualTo(third.hash());
        assertThat(broken.expected()).isNotEqualTo(third.hash()).hasSize(64);
        assertThat(log.verifyAll()).anyMatch(result -> result.tenant().equals(tenant) && !result.ok());

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = AuditVerifyCommand.run(harness.console, List.of(tenant.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("BROKEN at #3");
    }

    @Test
    void aDeletedRowAndAMissingTailAreReported() {
        TenantId middle = TenantId.random();
        TenantId tail = TenantId.random();
        for (int i = 0; i < 4; i++) {
            events.publishEvent(event(middle, "campaign.create", AuditEvent.SUCCESS));
            events.publishEvent(event(tail, "campaign.create", AuditEvent.SUCCESS));
        }
        asSuperuserWithoutTrigger("delete from audit_log where tenant_id = '" + middle + "' and seq = 2");
        asSuperuserWithoutTrigger("delete from audit_log where tenant_id = '" + tail + "' and seq = 4");

        ChainVerification gap = log.verify(middle);
        assertThat(gap.brokenSeq()).isEqualTo(2L);
        assertThat(gap.problem()).contains("missing");
        ChainVerification cut = log.verify(tail);
        assertThat(cut.ok()).isFalse();
        assertThat(cut.brokenSeq()).isEqualTo(4L);
    }

    @Test
    void anIntactChainVerifiesWithExitCodeZero() {
        TenantId tenant = TenantId.random();
        events.publishEvent(event(tenant, "connection.connect", AuditEvent.SUCCESS));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = AuditVerifyCommand.run(harness.console, List.of(tenant.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("1 rows, chain verified");
        assertThat(AuditVerifyCommand.run(harness.console, List.of("not-a-tenant"), new PrintStream(printed)))
                .isEqualTo(AuditVerifyCommand.COULD_NOT_RUN);
    }

    @Test
    void theApplicationCannotUpdateDeleteOrTruncateTheLog() {
        TenantId tenant = TenantId.random();
        events.publishEvent(event(tenant, "campaign.status", AuditEvent.SUCCESS));
        JdbcClient app = harness.bean(JdbcClient.class);
        assertThatThrownBy(() -> app.sql("update audit_log set outcome = 'failure' where tenant_id = ?")
                .param(tenant.value()).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> app.sql("delete from audit_log where tenant_id = ?").param(tenant.value()).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> app.sql("truncate table audit_log").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> app.sql("delete from audit_chain_heads where tenant_id = ?").param(tenant.value())
                .update()).isInstanceOf(DataAccessException.class);
        assertThat(chain(tenant)).singleElement().extracting(AuditEntry::outcome).isEqualTo(AuditEvent.SUCCESS);
        assertThat(log.verify(tenant).ok()).isTrue();
    }

    @Test
    void aFailurePublishedInARolledBackTransactionIsRecordedButASuccessIsNot() {
        TenantId tenant = TenantId.random();
        new TransactionTemplate(harness.bean(org.springframework.transaction.PlatformTransactionManager.class))
                .executeWithoutResult(status -> {
                    events.publishEvent(event(tenant, "campaign.create", AuditEvent.SUCCESS));
                    events.publishEvent(event(tenant, "campaign.status", AuditEvent.FAILURE));
                    status.setRollbackOnly();
                });
        assertThat(chain(tenant)).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("campaign.status");
            assertThat(row.outcome()).isEqualTo(AuditEvent.FAILURE);
        });
    }

    @Test
    void anEventPublishedOutsideATransactionIsRecordedAtOnce() {
        TenantId tenant = TenantId.random();
        events.publishEvent(event(tenant, "campaign.create", AuditEvent.DENIED));
        assertThat(chain(tenant)).singleElement().extracting(AuditEntry::outcome).isEqualTo(AuditEvent.DENIED);
    }

    private void asSuperuserWithoutTrigger(String statement) {
        // The tests' own connection is PostgreSQL's superuser: it can switch the trigger off, as an attacker with
        // database access could.
        harness.db().sql("alter table audit_log disable trigger audit_log_append_only").update();
        try {
            harness.db().sql(statement).update();
        } finally {
            harness.db().sql("alter table audit_log enable trigger audit_log_append_only").update();
        }
    }
}
