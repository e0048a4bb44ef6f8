package dev.adsbridge.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.tenancy.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console run as an application role that cannot rewrite the audit log, with migrations under a separate owner
 * role, and the chain anchored outside the database by signed checkpoints: a second console (its own schema and roles)
 * beside the shared test one.
 */
class AuditRolesAndCheckpointsTest {

    static final ConsoleHarness harness = ConsoleHarness.shared();
    static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    static final String OWNER = "adsb_owner_" + SUFFIX;
    static final String APP = "adsb_app_" + SUFFIX;
    static final String SCHEMA = "console_roles_" + SUFFIX;
    static ConfigurableApplicationContext console;
    static Path checkpoints;
    static Path vault;

    @BeforeAll
    static void startAsTheAppRole() throws Exception {
        try (Connection admin = superuser(); Statement sql = admin.createStatement()) {
            sql.execute("create role " + OWNER + " login");
            sql.execute("create role " + APP + " login");
            sql.execute("grant create on database test to " + OWNER);
        }
        checkpoints = Files.createTempDirectory("audit-checkpoints");
        vault = Files.createTempDirectory("audit-roles-vault");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> properties = new LinkedHashMap<>();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        properties.put("server.port", port);
        properties.put("adsbridge.console.base-url", "http://127.0.0.1:" + port);
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.datasource.url", ConsoleHarness.PG_URL + "?currentSchema=" + SCHEMA);
        properties.put("spring.datasource.username", APP);
        properties.put("spring.datasource.password", "");
        properties.put("spring.datasource.hikari.maximum-pool-size", 4);
        properties.put("spring.flyway.user", OWNER);
        properties.put("spring.flyway.password", "");
        properties.put("spring.flyway.placeholders.app-role", APP);
        properties.put("spring.flyway.schemas", SCHEMA);
        properties.put("spring.flyway.default-schema", SCHEMA);
        properties.put("spring.flyway.create-schemas", true);
        properties.put("adsbridge.console.meta.app-id", harness.sandbox.config().appId());
        properties.put("adsbridge.console.meta.app-secret", harness.sandbox.config().appSecret());
        properties.put("adsbridge.console.meta.graph-url", harness.sandbox.baseUrl());
        properties.put("adsbridge.console.meta.login-url", harness.sandbox.baseUrl());
        properties.put("adsbridge.console.mcp.url", "http://127.0.0.1:" + harness.mcpPort + "/mcp");
        properties.put("adsbridge.console.mode", "production");
        properties.put("adsbridge.console.mail.outbox", true); // sign-up links are read there, not mailed
        properties.put("adsbridge.vault.provider", "local");
        properties.put("adsbridge.vault.require-explicit-config", false);
        properties.put("adsbridge.vault.local.keyset-path", vault.resolve("kek.json").toString());
        properties.put("adsbridge.console.audit.checkpoint-dir", checkpoints.toString());
        properties.put("adsbridge.console.audit.checkpoint-key", Base64.getEncoder().encodeToString(key));
        properties.put("server.shutdown", "immediate");
        properties.put("db-scheduler.enabled", false);
        console = ConsoleApplication.start(properties);
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        try (Connection admin = superuser(); Statement sql = admin.createStatement()) {
            sql.execute("drop schema if exists " + SCHEMA + " cascade");
            sql.execute("revoke create on database test from " + OWNER);
            sql.execute("drop owned by " + APP);
            sql.execute("drop role if exists " + APP);
            sql.execute("drop owned by " + OWNER);
            sql.execute("drop role if exists " + OWNER);
        }
        ConsoleHarness.deleteTree(checkpoints);
        ConsoleHarness.deleteTree(vault);
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(ConsoleHarness.PG_URL, "postgres", "");
    }

    private static Connection as(String role) throws SQLException {
        return DriverManager.getConnection(ConsoleHarness.PG_URL + "?currentSchema=" + SCHEMA, role, "");
    }

    private static TenantId tenantWithEntries(int count) {
        TenantId tenant = TenantId.random();
        for (int i = 0; i < count; i++) {
            console.publishEvent(new AuditEvent(tenant, "dana@example.test", "campaign.budget", "campaign",
                    "12000000000" + i, Map.of("daily_budget", i), Map.of("daily_budget", i + 1), AuditEvent.SUCCESS,
                    "req_" + i, "127.0.0.1", Instant.now()));
        }
        return tenant;
    }

    private static int verify(TenantId tenant, ByteArrayOutputStream printed) {
        printed.reset();
        return AuditVerifyCommand.run(console, List.of(tenant.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @Test
    void theAppRoleCanAppendAndReadButNotRewriteTheLog() throws Exception {
        TenantId tenant = tenantWithEntries(2);
        assertThat(console.getBean(AuditLog.class).verify(tenant).rows()).isEqualTo(2);
        try (Connection app = as(APP); Statement sql = app.createStatement()) {
            assertThat(sql.executeQuery("select count(*) from audit_log where tenant_id = '" + tenant + "'"))
                    .satisfies(rs -> {
                        rs.next();
                        assertThat(rs.getLong(1)).isEqualTo(2);
                    });
            for (String rewrite : List.of(
                    "update audit_log set actor = 'mallory' where tenant_id = '" + tenant + "'",
                    "delete from audit_log where tenant_id = '" + tenant + "'",
                    "truncate table audit_log",
                    "alter table audit_log disable trigger audit_log_append_only",
                    "alter table audit_log disable trigger all",
                    "drop trigger audit_log_append_only on audit_log",
                    "delete from audit_chain_heads where tenant_id = '" + tenant + "'",
                    "alter table audit_chain_heads disable trigger all")) {
                assertThatThrownBy(() -> sql.execute(rewrite)).as(rewrite).isInstanceOf(SQLException.class);
            }
            // Ordinary tables stay writable for the app.
            sql.executeQuery("select count(*) from tenants").close();
        }
        assertThat(console.getBean(AuditLog.class).verify(tenant).ok()).isTrue();
    }

    @Test
    void aRewriteByTheOwnerThatRecomputesEveryHashIsCaughtByTheCheckpoint() throws Exception {
        TenantId tenant = tenantWithEntries(4);
        AuditCheckpoints anchors = console.getBean(AuditCheckpoints.class);
        assertThat(anchors.checkpointAll()).isPositive();
        assertThat(anchors.checkpointAll()).as("nothing moved, nothing written").isZero();
        Path file = checkpoints.resolve(tenant + ".checkpoints");
        assertThat(Files.readAllLines(file)).singleElement().asString().startsWith("v1 4 ");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(verify(tenant, printed)).as(printed.toString()).isEqualTo(AuditVerifyCommand.INTACT);

        // The owner rewrites row 2 and recomputes the hashes of every row after it, and the chain head: the chain
        // itself verifies again, but no longer passes through the checkpoint.
        try (Connection owner = as(OWNER); Statement sql = owner.createStatement()) {
            sql.execute("alter table audit_log disable trigger all");
            sql.execute("alter table audit_chain_heads disable trigger all");
            AuditRepository reader = console.getBean(AuditRepository.class);
            List<AuditEntry> rows = new ArrayList<>();
            reader.walk(tenant, rows::add);
            String previous = AuditEntry.GENESIS;
            for (AuditEntry row : rows) {
                String actor = row.seq() == 2 ? "someone-else@example.test" : row.actor();
                AuditEntry unsigned = new AuditEntry(row.id(), row.tenant(), row.seq(), row.at(), actor, row.action(),
                        row.targetType(), row.targetId(), row.targetName(), row.before(), row.after(), row.outcome(),
                        row.requestId(),
                        row.clientIp(), previous, "");
                String hash = AuditChain.hash(unsigned);
                try (var update = owner.prepareStatement(
                        "update audit_log set actor = ?, prev_hash = ?, hash = ? where id = ?")) {
                    update.setString(1, actor);
                    update.setString(2, previous);
                    update.setString(3, hash);
                    update.setLong(4, row.id());
                    update.executeUpdate();
                }
                previous = hash;
            }
            sql.execute("update audit_chain_heads set last_hash = '" + previous + "' where tenant_id = '" + tenant
                    + "'");
            sql.execute("alter table audit_log enable trigger all");
            sql.execute("alter table audit_chain_heads enable trigger all");
        }
        assertThat(console.getBean(AuditLog.class).verify(tenant).ok()).as("the chain alone looks intact").isTrue();
        assertThat(verify(tenant, printed)).as(printed.toString()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("rewritten");
        // The writer refuses to anchor the rewritten chain.
        tenantWithEntries(0);
        anchors.checkpointAll();
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void aTruncatedChainAndAnEditedCheckpointAreBroken() throws Exception {
        TenantId tenant = tenantWithEntries(3);
        AuditCheckpoints anchors = console.getBean(AuditCheckpoints.class);
        anchors.checkpointAll();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(verify(tenant, printed)).isEqualTo(AuditVerifyCommand.INTACT);

        // An edited checkpoint line (a different hash) no longer carries a valid signature.
        Path file = checkpoints.resolve(tenant + ".checkpoints");
        String line = Files.readAllLines(file).get(0);
        String[] parts = line.split(" ");
        parts[2] = "0".repeat(64);
        Files.writeString(file, String.join(" ", parts) + "\n");
        assertThat(verify(tenant, printed)).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("signature");
        Files.writeString(file, line + "\n");
        assertThat(verify(tenant, printed)).isEqualTo(AuditVerifyCommand.INTACT);

        // The owner cuts the tail and moves the head back: the chain is consistent, but shorter than its checkpoint.
        try (Connection owner = as(OWNER); Statement sql = owner.createStatement()) {
            sql.execute("alter table audit_log disable trigger all");
            sql.execute("alter table audit_chain_heads disable trigger all");
            String hash2;
            try (var rs = sql.executeQuery("select hash from audit_log where tenant_id = '" + tenant + "' and seq = 2")) {
                rs.next();
                hash2 = rs.getString(1);
            }
            sql.execute("delete from audit_log where tenant_id = '" + tenant + "' and seq = 3");
            sql.execute("update audit_chain_heads set last_seq = 2, last_hash = '" + hash2 + "' where tenant_id = '"
                    + tenant + "'");
            sql.execute("alter table audit_log enable trigger all");
            sql.execute("alter table audit_chain_heads enable trigger all");
        }
        assertThat(console.getBean(AuditLog.class).verify(tenant).ok()).isTrue();
        assertThat(verify(tenant, printed)).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("shorter than its checkpoint");
    }
}
