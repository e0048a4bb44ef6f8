package dev.adsbridge.console.audit.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Separates the database owner from the application (PostgreSQL only). Migrations run as the owner role
 * ({@code spring.flyway.user}); when {@code spring.flyway.placeholders.app-role} names the role the console connects as
 * ({@code spring.datasource.username}), that role gets ordinary DML on the schema's tables and sequences, but only
 * SELECT and INSERT on {@code audit_log} and SELECT, INSERT, UPDATE on {@code audit_chain_heads} (moved forward only, by
 * V2_21's trigger). Not owning the tables, it can neither disable those triggers nor truncate or alter them.
 *
 * <p>Repeatable (no version; the checksum follows the role name), so it runs again when the role is configured or
 * changed later. Tables that later migrations create (as the owner) get the ordinary grants from the default
 * privileges set here; a later audit-like table must revoke what it does not want the app to have.
 */
@Component
public class AppRoleGrantsMigration implements JavaMigration {

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String appRole;

    AppRoleGrantsMigration(@Value("${spring.flyway.placeholders.app-role:}") String appRole) {
        this.appRole = appRole.strip().toLowerCase(Locale.ROOT);
        if (!this.appRole.isEmpty() && !ROLE.matcher(this.appRole).matches()) {
            throw new IllegalStateException("spring.flyway.placeholders.app-role must be a plain PostgreSQL role "
                    + "name (letters, digits, underscores)");
        }
    }

    @Override
    public MigrationVersion getVersion() {
        return null; // repeatable
    }

    @Override
    public String getDescription() {
        return "app role grants";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(("v1:" + appRole).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (appRole.isEmpty() || !product.contains("postgres")) {
            return;
        }
        String schema = quote(connection.getSchema());
        String role = quote(appRole);
        try (Statement sql = connection.createStatement()) {
            sql.execute("grant usage on schema " + schema + " to " + role);
            sql.execute("grant select, insert, update, delete on all tables in schema " + schema + " to " + role);
            sql.execute("grant usage, select, update on all sequences in schema " + schema + " to " + role);
            sql.execute("alter default privileges in schema " + schema + " grant select, insert, update, delete on "
                    + "tables to " + role);
            sql.execute("alter default privileges in schema " + schema + " grant usage, select, update on sequences to "
                    + role);
            // The audit log: append and read, nothing else.
            sql.execute("revoke all on audit_log from " + role);
            sql.execute("grant select, insert on audit_log to " + role);
            sql.execute("revoke all on audit_chain_heads from " + role);
            sql.execute("grant select, insert, update on audit_chain_heads to " + role);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
