package dev.adsbridge.console.audit.internal;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Makes the audit log append-only in the database itself: a trigger rejects UPDATE, DELETE (and, in PostgreSQL,
 * TRUNCATE) on {@code audit_log}, and deleting or rewinding a chain head. A Java migration because the trigger's
 * language differs: PL/pgSQL in PostgreSQL, a Java trigger class in H2 (dev mode). Spring Boot hands Flyway every
 * {@code JavaMigration} bean.
 */
@Component
public class AuditAppendOnlyMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2.21");
    }

    @Override
    public String getDescription() {
        return "audit append only";
    }

    @Override
    public Integer getChecksum() {
        return 2_21;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        try (Statement sql = connection.createStatement()) {
            if (product.contains("postgres")) {
                sql.execute("""
                        create function audit_log_reject_change() returns trigger language plpgsql as $$
                        begin
                            raise exception 'audit_log is append-only: % rejected', tg_op using errcode = '42501';
                        end $$""");
                sql.execute("create trigger audit_log_append_only before update or delete on audit_log"
                        + " for each row execute function audit_log_reject_change()");
                sql.execute("create trigger audit_log_no_truncate before truncate on audit_log"
                        + " for each statement execute function audit_log_reject_change()");
                sql.execute("""
                        create function audit_chain_head_guard() returns trigger language plpgsql as $$
                        begin
                            if tg_op = 'DELETE' or new.tenant_id <> old.tenant_id or new.last_seq <> old.last_seq + 1 then
                                raise exception 'audit chain heads only move forward: % rejected', tg_op
                                    using errcode = '42501';
                            end if;
                            return new;
                        end $$""");
                sql.execute("create trigger audit_chain_heads_forward_only before update or delete on audit_chain_heads"
                        + " for each row execute function audit_chain_head_guard()");
            } else if (product.contains("h2")) {
                sql.execute("create trigger audit_log_append_only before update, delete on audit_log for each row"
                        + " call '" + H2AppendOnlyTrigger.class.getName() + "'");
            }
        }
    }
}
