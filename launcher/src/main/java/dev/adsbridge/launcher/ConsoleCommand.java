package dev.adsbridge.launcher;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.audit.AuditVerifyCommand;
import dev.adsbridge.console.vault.KeyRotationCommand;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

/** {@code console}: the SaaS backend (sign-in, Connect Facebook Ads, token vault, web UI). */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Start the console in production mode, configured from the environment (CONSOLE_BASE_URL, "
                + "META_APP_ID, META_APP_SECRET, MCP_SERVER_URL, SPRING_DATASOURCE_URL, SPRING_MAIL_HOST (sign-up mails "
                + "a confirmation link), ADSBRIDGE_VAULT_PROVIDER and its settings; see console/README.md). Any Spring property can also be passed as --name=value."},
        subcommands = {ConsoleCommand.RotateKeys.class, ConsoleCommand.VerifyAudit.class})
final class ConsoleCommand implements Callable<Integer> {

    /** Exit code of a maintenance command that could not run (no database, bad configuration, bad arguments). */
    static final int COULD_NOT_RUN = 1;

    @Parameters(arity = "0..*", description = "Spring properties, e.g. --server.port=8080")
    List<String> springArgs = List.of();

    @Override
    public Integer call() {
        ConfigurableApplicationContext console = ConsoleApplication.start(Map.of(), springArgs.toArray(String[]::new));
        System.out.println("Console running at " + ConsoleApplication.baseUrl(console));
        return 0;
    }

    /**
     * Runs a one-shot maintenance command in the console's own context, configured exactly like {@code console} (the
     * same environment variables and {@code --name=value} flags), but with no HTTP port open, no scheduled jobs and no
     * log output (the command prints its own; {@code --logging.level.root=INFO} brings the logs back). Anything that
     * keeps it from running is one sentence on stderr and exit code 1, never a stack trace.
     */
    static int maintenance(String name, List<String> springArgs, ToIntFunction<ConfigurableApplicationContext> command,
                           PrintStream err) {
        Map<String, Object> quiet = Map.of(
                "server.port", -1,                      // the web context without a listening server
                "db-scheduler.enabled", false,
                "spring.main.banner-mode", "off",
                "logging.level.root", "OFF",
                "logging.level.org.eclipse.jetty", "OFF");          // application.properties sets it to INFO
        ConfigurableApplicationContext context;
        try {
            context = ConsoleApplication.start(quiet, springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println(name + " could not run: the console did not start (" + reason(e) + ").");
            return COULD_NOT_RUN;
        }
        try (context) {
            return command.applyAsInt(context);
        } catch (RuntimeException e) {
            err.println(name + " could not run: " + reason(e) + ".");
            return COULD_NOT_RUN;
        }
    }

    /** The innermost cause, in one line: what an operator can act on. */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    /** Splits {@code --name=value} Spring flags from the command's own arguments. */
    static List<List<String>> split(List<String> args) {
        List<String> spring = new ArrayList<>();
        List<String> own = new ArrayList<>();
        for (String arg : args) {
            (arg.startsWith("--") && arg.contains("=") ? spring : own).add(arg);
        }
        return List.of(spring, own);
    }

    /** {@code console rotate-keys …}: re-wraps every stored token under a new key version, without downtime. */
    @Command(name = "rotate-keys", mixinStandardHelpOptions = true,
            description = {"Key rotation for the token vault: " + KeyRotationCommand.USAGE,
                    "  rotate       new key version, then re-wrap every token (old versions keep decrypting)",
                    "  rewrap       resume an interrupted re-wrap", "  retire N     retire version N and older "
                    + "(refused while a token still uses them)", "  status       versions and token counts",
                    "Configured like `console` (environment, --name=value). Exit 0 done, 1 could not run, "
                    + "2 bad arguments, 3 refused or incomplete."})
    // --name=value Spring flags are no options of this command: picocli hands them over as parameters (they do not
    // resemble its own options), and they go to the console's context.
    static final class RotateKeys implements Callable<Integer> {

        @Parameters(arity = "0..*", description = "rotate | rewrap | retire <version> | status (default status), "
                + "and Spring properties as --name=value")
        List<String> args = List.of();

        @Override
        public Integer call() {
            List<List<String>> parts = split(args);
            List<String> action = parts.get(1).isEmpty() ? List.of("status") : parts.get(1);
            return maintenance("rotate-keys", parts.get(0),
                    context -> KeyRotationCommand.run(context, action, System.out), System.err);
        }
    }

    /** {@code console verify-audit [tenant ids]}: walks each tenant's audit hash chain and reports the first break. */
    @Command(name = "verify-audit", mixinStandardHelpOptions = true,
            description = {"Verify the audit log's hash chains (all tenants, or the tenant ids given) and, when "
                    + "adsbridge.console.audit.checkpoint-dir is set, that each chain still reaches its signed "
                    + "checkpoints.", "Configured like `console` (environment, --name=value). "
                    + "Exit 0 intact, 2 broken, 1 could not run."})
    static final class VerifyAudit implements Callable<Integer> {

        @Parameters(arity = "0..*", description = "tenant ids (default: every tenant), and Spring properties as "
                + "--name=value")
        List<String> tenants = List.of();

        @Override
        public Integer call() {
            List<List<String>> parts = split(tenants);
            return maintenance("verify-audit", parts.get(0),
                    context -> AuditVerifyCommand.run(context, parts.get(1), System.out, System.err), System.err);
        }
    }
}
