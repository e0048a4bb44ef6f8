package dev.adsbridge.launcher;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.audit.AuditEvent;
import dev.adsbridge.console.tenancy.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator commands as an operator runs them: the packaged jar's {@code console verify-audit} and
 * {@code console rotate-keys}, configured like {@code console} (environment variables and --name=value flags), against
 * PostgreSQL in a fresh schema. Exit codes: verify-audit 0 intact, 2 broken, 1 could not run.
 */
class OperatorCommandsJarIT {

    static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    final String schema = "launcher_ops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    record Run(int exit, String out, String err) {
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection db = DriverManager.getConnection(PG, "postgres", ""); Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists " + schema + " cascade");
        }
    }

    private Map<String, String> environment(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", PG + "?currentSchema=" + schema);
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("CONSOLE_BASE_URL", "http://127.0.0.1:1");
        env.put("META_APP_ID", "880000000000001");
        env.put("META_APP_SECRET", "sandbox-app-secret-0123456789abcdef");
        env.put("MCP_SERVER_URL", "http://127.0.0.1:1/mcp");
        env.put("ADSBRIDGE_VAULT_PROVIDER", "local");
        return env;
    }

    private List<String> flags(Path dir, String checkpointKey) {
        return List.of("--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
                "--spring.flyway.create-schemas=true", "--adsbridge.vault.require-explicit-config=false",
                "--adsbridge.vault.local.keyset-path=" + dir.resolve("kek.json"),
                "--adsbridge.console.audit.checkpoint-dir=" + dir.resolve("checkpoints"),
                "--adsbridge.console.audit.checkpoint-key=" + checkpointKey);
    }

    private Run run(Path dir, Map<String, String> env, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", Path.of("target/adsbridge.jar").toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Path out = dir.resolve("out-" + UUID.randomUUID() + ".txt");
        Path err = dir.resolve("err-" + UUID.randomUUID() + ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + args);
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> with(List<String> first, List<String> flags) {
        List<String> all = new ArrayList<>(first);
        all.addAll(flags);
        return all;
    }

    @Test
    void verifyAuditAndRotateKeysRunFromTheJar(@TempDir Path dir) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String checkpointKey = Base64.getEncoder().encodeToString(key);
        Map<String, String> env = environment(dir);
        List<String> flags = flags(dir, checkpointKey);

        // A fresh schema: the command migrates it, finds no chain, and says so.
        Run empty = run(dir, env, with(List.of("console", "verify-audit"), flags));
        assertThat(empty.exit()).as(empty.out() + empty.err()).isZero();
        assertThat(empty.out()).contains("0 chain(s) intact");

        // Some audit entries, written by a console on the same schema.
        TenantId tenant = TenantId.random();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", -1);
        properties.put("db-scheduler.enabled", false);
        properties.put("spring.datasource.url", env.get("SPRING_DATASOURCE_URL"));
        properties.put("spring.datasource.username", "postgres");
        properties.put("adsbridge.console.base-url", env.get("CONSOLE_BASE_URL"));
        properties.put("adsbridge.console.meta.app-id", env.get("META_APP_ID"));
        properties.put("adsbridge.console.meta.app-secret", env.get("META_APP_SECRET"));
        properties.put("adsbridge.console.mcp.url", env.get("MCP_SERVER_URL"));
        properties.put("adsbridge.vault.provider", "local");
        for (String flag : flags) {
            String[] pair = flag.substring(2).split("=", 2);
            properties.put(pair[0], pair[1]);
        }
        try (ConfigurableApplicationContext console = ConsoleApplication.start(properties)) {
            for (int i = 0; i < 3; i++) {
                console.publishEvent(new AuditEvent(tenant, "ops@example.test", "campaign.status", "campaign",
                        "1200000000" + i, Map.of("status", "PAUSED"), Map.of("status", "ACTIVE"), AuditEvent.SUCCESS,
                        "req_" + i, "127.0.0.1", Instant.now()));
            }
            console.getBean(dev.adsbridge.console.audit.AuditCheckpoints.class).checkpointAll();
        }

        Run intact = run(dir, env, with(List.of("console", "verify-audit"), flags));
        assertThat(intact.exit()).as(intact.out() + intact.err()).isZero();
        assertThat(intact.out()).contains("3 rows, chain verified").contains("matching their checkpoints");
        Run one = run(dir, env, with(List.of("console", "verify-audit", tenant.toString()), flags));
        assertThat(one.exit()).as(one.out() + one.err()).isZero();

        Run status = run(dir, env, with(List.of("console", "rotate-keys", "status"), flags));
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).contains("primary version 1");
        Run rotate = run(dir, env, with(List.of("console", "rotate-keys", "rotate"), flags));
        assertThat(rotate.exit()).as(rotate.out() + rotate.err()).isZero();
        assertThat(rotate.out()).contains("Every stored token is under key version 2");
        Run bad = run(dir, env, with(List.of("console", "rotate-keys", "retire"), flags));
        assertThat(bad.exit()).isEqualTo(2);

        // The table owner changes a row behind the application's back.
        try (Connection owner = DriverManager.getConnection(PG + "?currentSchema=" + schema, "postgres", "");
             Statement sql = owner.createStatement()) {
            sql.execute("alter table audit_log disable trigger audit_log_append_only");
            sql.execute("update audit_log set actor = 'mallory@example.test' where tenant_id = '" + tenant
                    + "' and seq = 2");
            sql.execute("alter table audit_log enable trigger audit_log_append_only");
        }
        Run broken = run(dir, env, with(List.of("console", "verify-audit"), flags));
        assertThat(broken.exit()).as(broken.out() + broken.err()).isEqualTo(2);
        assertThat(broken.out()).contains("BROKEN at #2");

        // Could not run: no database there. One sentence, exit 1, no stack trace.
        Map<String, String> noDatabase = new HashMap<>(env);
        noDatabase.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test");
        Run down = run(dir, noDatabase, with(List.of("console", "verify-audit"), flags));
        assertThat(down.exit()).as(down.out() + down.err()).isEqualTo(1);
        assertThat(down.err()).contains("verify-audit could not run").doesNotContain("\tat ")
                .doesNotContain("Exception in thread");
        Run badTenant = run(dir, env, with(List.of("console", "verify-audit", "not-a-tenant"), flags));
        assertThat(badTenant.exit()).isEqualTo(1);
        assertThat(badTenant.err()).contains("usage: verify-audit");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
