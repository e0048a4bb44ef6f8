package dev.adsbridge.console.ads;

import dev.adsbridge.console.tenancy.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each tenant's read generation in PostgreSQL, shared by every console replica: raised by each write to the tenant's
 * ads, read (one primary-key look-up) before a cached answer is served, so that no replica serves an answer older
 * than the tenant's last write, wherever that write was made.
 */
@Repository
class ReadGenerations {

    private final JdbcClient jdbc;

    ReadGenerations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long current(TenantId tenant) {
        return jdbc.sql("select generation from ads_read_generations where tenant_id = ?").param(tenant.value())
                .query(Long.class).optional().orElse(0L);
    }

    void raise(TenantId tenant) {
        jdbc.sql("insert into ads_read_generations (tenant_id, generation) values (?, 0) on conflict do nothing")
                .param(tenant.value()).update();
        jdbc.sql("update ads_read_generations set generation = generation + 1 where tenant_id = ?")
                .param(tenant.value()).update();
    }
}
