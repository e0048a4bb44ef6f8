package dev.adsbridge.console.ads;

import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The spending limits owners set; every query is scoped by tenant. */
@Repository
class SpendGuardRepository {

    /** One stored limit: {@code adAccountId} is {@code "*"} for the tenant-wide one. */
    record Row(String adAccountId, String currency, @Nullable Long confirmAboveMinor, @Nullable Long hardCapMinor,
            Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    SpendGuardRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> all(TenantId tenant) {
        return jdbc.sql("""
                select ad_account_id, currency, confirm_above_minor, hard_cap_minor, updated_at from spend_guards
                where tenant_id = ? order by ad_account_id""")
                .param(tenant.value())
                .query((rs, n) -> new Row(rs.getString("ad_account_id"), rs.getString("currency"),
                        rs.getObject("confirm_above_minor", Long.class), rs.getObject("hard_cap_minor", Long.class),
                        SqlTime.requiredInstant(rs, "updated_at")))
                .list();
    }

    Optional<Row> find(TenantId tenant, String adAccountId) {
        return all(tenant).stream().filter(r -> r.adAccountId().equals(adAccountId)).findFirst();
    }

    void put(TenantId tenant, Row row, MemberId by) {
        int updated = jdbc.sql("""
                update spend_guards set currency = ?, confirm_above_minor = ?, hard_cap_minor = ?, updated_at = ?,
                    updated_by = ?
                where tenant_id = ? and ad_account_id = ?""")
                .params(row.currency(), row.confirmAboveMinor(), row.hardCapMinor(), SqlTime.of(row.updatedAt()),
                        by.value(), tenant.value(), row.adAccountId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into spend_guards (tenant_id, ad_account_id, currency, confirm_above_minor, hard_cap_minor,
                        updated_at, updated_by)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenant.value(), row.adAccountId(), row.currency(), row.confirmAboveMinor(),
                            row.hardCapMinor(), SqlTime.of(row.updatedAt()), by.value())
                    .update();
        }
    }

    boolean delete(TenantId tenant, String adAccountId) {
        return jdbc.sql("delete from spend_guards where tenant_id = ? and ad_account_id = ?")
                .params(tenant.value(), adAccountId).update() > 0;
    }
}
