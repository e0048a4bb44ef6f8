package dev.adsbridge.console.ads;

import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The async insights reports each tenant started; every read is scoped by tenant. */
@Repository
class InsightsReportRepository {

    /** One started report. */
    record Stored(UUID id, UUID connectionId, String accountId, String objectId, String reportRunId, String level,
            @Nullable String breakdowns, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    InsightsReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(TenantId tenant, Stored report) {
        jdbc.sql("""
                insert into insights_reports (id, tenant_id, connection_id, ad_account_id, object_id, report_run_id,
                    level, breakdowns, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(report.id(), tenant.value(), report.connectionId(), report.accountId(), report.objectId(),
                        report.reportRunId(), report.level(), report.breakdowns(), SqlTime.of(report.createdAt()))
                .update();
    }

    Optional<Stored> find(TenantId tenant, UUID id) {
        return jdbc.sql("""
                select id, connection_id, ad_account_id, object_id, report_run_id, level, breakdowns, created_at
                from insights_reports where tenant_id = ? and id = ?""")
                .params(tenant.value(), id)
                .query((rs, n) -> new Stored(rs.getObject("id", UUID.class), rs.getObject("connection_id", UUID.class),
                        rs.getString("ad_account_id"), rs.getString("object_id"), rs.getString("report_run_id"),
                        rs.getString("level"), rs.getString("breakdowns"), SqlTime.requiredInstant(rs, "created_at")))
                .optional();
    }
}
