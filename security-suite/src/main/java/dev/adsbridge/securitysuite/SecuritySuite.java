package dev.adsbridge.securitysuite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a deployment from the product jar (sandbox, MCP server, console as separate processes on loopback ports,
 * the console with a fresh PostgreSQL database and its own Redis db), runs attacks and faults against it and prints
 * what held and what failed. An attack that succeeds is a failed row, never a skipped one. Exit code 1 when any failed.
 */
@Command(name = "adsbridge-security-suite", mixinStandardHelpOptions = true,
        description = "Attacks and faults against a local AdsBridge deployment; writes security-suite/target/"
                + "security-report.md.")
public final class SecuritySuite implements Callable<Integer> {

    @Option(names = "--jar", defaultValue = "launcher/target/adsbridge.jar", description = "The product jar. "
            + "Default: ${DEFAULT-VALUE}")
    Path jar;

    @Option(names = "--out", defaultValue = "security-suite/target/security-report.md", description = "Report file. "
            + "Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--mcp-timeout", defaultValue = "5s", description = "The console's MCP call timeout "
            + "(adsbridge.console.mcp.timeout); the idempotency check makes the sandbox slower than this. "
            + "Default: ${DEFAULT-VALUE}")
    String mcpTimeout;

    @Option(names = "--only", split = ",", description = "Run only these categories: cross-tenant, mcp, bad-input, "
            + "sign-up, oauth, tls, idempotency, sign-in, secrets, request-size, outages")
    List<String> only;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SecuritySuite()).execute(args));
    }

    private boolean wanted(String category) {
        return only == null || only.contains(category);
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            System.err.println("Product jar not found at " + jar + ": run `mvn -B -q -DskipTests package` first.");
            return 2;
        }
        Path work = out.toAbsolutePath().getParent().resolve("security-run-" + UUID.randomUUID().toString()
                .substring(0, 6));
        Report report = new Report();
        Duration timeout = Duration.parse("PT" + mcpTimeout.toUpperCase());
        try (Deployment deployment = new Deployment(jar.toAbsolutePath(), work, mcpTimeout)) {
            System.out.println("Starting the sandbox, the MCP server and the console (database " + deployment.database
                    + ", Redis db " + deployment.redisDb + ") …");
            deployment.start();
            System.out.println("Console at " + deployment.consoleUrl + "; setting up two tenants …");
            Tenant a = Tenant.full(deployment.consoleUrl, deployment.mail, "Tenant A " + suffix(), Tenant.DANA,
                    "act_1000000002");
            Tenant b = Tenant.full(deployment.consoleUrl, deployment.mail, "Tenant B " + suffix(), Tenant.MARCO,
                    "act_1000000006");
            Attacks attacks = new Attacks(deployment, report, a);
            if (wanted("cross-tenant")) {
                new CrossTenantMatrix(deployment).run(report, a, b);
            }
            if (wanted("mcp")) {
                new McpMatrix(deployment).run(report, a, b);
            }
            if (wanted("bad-input")) {
                attacks.badInput();
            }
            if (wanted("sign-up")) {
                attacks.signUpEnumeration();
            }
            if (wanted("oauth")) {
                attacks.oauthCodeBinding();
                attacks.disconnectIsolation();
            }
            if (wanted("tls")) {
                attacks.tlsAndCallbacks();
            }
            if (wanted("idempotency")) {
                attacks.idempotencyUnderFaults(timeout);
            }
            if (wanted("sign-in")) {
                attacks.signInBurst();
            }
            if (wanted("secrets")) {
                attacks.secretsInLogs();
            }
            if (wanted("request-size")) {
                attacks.requestSize();
            }
            if (wanted("sign-in")) {
                attacks.perAddressBurst();
            }
            if (wanted("outages")) {
                attacks.outages();
            }
            String header = "Deployment: sandbox, MCP server and console as separate processes from `" + jar
                    + "` on loopback ports; console in production mode, PostgreSQL database `" + deployment.database
                    + "` (dropped afterwards) and Redis db " + deployment.redisDb + " through TCP proxies the suite "
                    + "controls; console MCP timeout " + mcpTimeout + ". Commit " + commit() + ".";
            String markdown = report.markdown(header);
            System.out.println();
            System.out.println(markdown);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, markdown);
            System.out.println("Written to " + out + "; process logs in " + work);
        }
        return report.failed() == 0 ? 0 : 1;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? "`" + out + "`" : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
