package dev.adsbridge.launcher;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.audit.AuditVerifyCommand;
import dev.adsbridge.console.vault.KeyRotationCommand;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

/**
 * {@code console}: the SaaS backend (sign-in, Connect Facebook Ads, token vault, web UI). It and its operator commands
 * take any Spring property as {@code --name=value} ({@link SpringPropertyArgs}).
 */
@Command(name = "console", mixinStandardHelpOptions = true, preprocessor = SpringPropertyArgs.class,
        customSynopsis = "adsbridge console [-hV] [--<name>=<value>...] [COMMAND]",
        description = {"Start the console in production mode, configured from the environment (CONSOLE_BASE_URL, "
                + "META_APP_ID, META_APP_SECRET, MCP_SERVER_URL, SPRING_DATASOURCE_URL, SPRING_MAIL_HOST (sign-up mails a "
                + "confirmation link), ADSBRIDGE_VAULT_PROVIDER and its settings; see console/README.md).",
                "Any Spring property can also be passed as --name=value, e.g. --server.port=8085. "
                        + "--adsbridge.console.mode=dev (or ADSBRIDGE_CONSOLE_MODE=dev) starts it in dev mode instead: "
                        + "an H2 database under --adsbridge.data-dir=<dir> (default: adsbridge-data in the working "
                        + "directory), the sandbox's app credentials, the sandbox on 8090 and the MCP server on 8081 "
                        + "(start them yourself, or use `dev`)."},
        subcommands = {ConsoleCommand.RotateKeys.class, ConsoleCommand.VerifyAudit.class})
final class ConsoleCommand implements Callable<Integer>, SpringPropertyArgs.Receiver {

    /** Exit code of a maintenance command that could not run (no database, bad configuration, bad arguments). */
    static final int COULD_NOT_RUN = 1;

    /** The --name=value Spring properties, in command-line order (filled by {@link SpringPropertyArgs}). */
    final List<String> springArgs = new ArrayList<>();

    @Override
    public List<String> springArgs() {
        return springArgs;
    }

    @Override
    public Integer call() {
        ConfigurableApplicationContext console = ConsoleApplication.start(startProperties(Map.of(), springArgs,
                System.getenv()), springArgs.toArray(String[]::new));
        System.out.println("Console running at " + ConsoleApplication.baseUrl(console));
        return 0;
    }

    /**
     * The properties handed to {@code ConsoleApplication.start} next to the Spring arguments: {@code defaults}, and
     * {@code adsbridge.console.mode} when the command line, a system property or {@code ADSBRIDGE_CONSOLE_MODE} sets it,
     * since the console switches its {@code dev} profile on only from the mode among these properties (as for the
     * {@code dev} role). The Spring arguments still win over every one of them.
     */
    static Map<String, Object> startProperties(Map<String, Object> defaults, List<String> springArgs,
                                               Map<String, String> environmentVariables) {
        Map<String, Object> properties = new LinkedHashMap<>(defaults);
        SpringPropertyArgs.mode(springArgs, Map.copyOf(environmentVariables))
                .ifPresent(mode -> properties.put(SpringPropertyArgs.MODE, mode));
        return properties;
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
            context = ConsoleApplication.start(startProperties(quiet, springArgs, System.getenv()),
                    springArgs.toArray(String[]::new));
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

    /** {@code console rotate-keys …}: re-wraps every stored token under a new key version, without downtime. */
    @Command(name = "rotate-keys", mixinStandardHelpOptions = true, preprocessor = SpringPropertyArgs.class,
            customSynopsis = "adsbridge console rotate-keys [-hV] [--<name>=<value>...] "
                    + "[rotate | rewrap | retire <version> | status]",
            description = {"Key rotation for the token vault: " + KeyRotationCommand.USAGE,
                    "  rotate       new key version, then re-wrap every token (old versions keep decrypting)",
                    "  rewrap       resume an interrupted re-wrap", "  retire N     retire version N and older "
                    + "(refused while a token still uses them)", "  status       versions and token counts",
                    "Configured like `console` (environment, --name=value Spring properties, before or after "
                    + "`rotate-keys`). Exit 0 done, 1 could not run, 2 bad arguments, 3 refused or incomplete."})
    static final class RotateKeys implements Callable<Integer>, SpringPropertyArgs.Receiver {

        @ParentCommand
        ConsoleCommand console;

        final List<String> springArgs = new ArrayList<>();

        @Parameters(arity = "0..*", paramLabel = "<action>", description = "rotate | rewrap | retire <version> | status "
                + "(default status)")
        List<String> action = List.of();

        @Override
        public List<String> springArgs() {
            return springArgs;
        }

        @Override
        public Integer call() {
            List<String> run = action.isEmpty() ? List.of("status") : action;
            return maintenance("rotate-keys", allSpringArgs(console, springArgs),
                    context -> KeyRotationCommand.run(context, run, System.out), System.err);
        }
    }

    /** {@code console verify-audit [tenant ids]}: walks each tenant's audit hash chain and reports the first break. */
    // A usage error exits 1 (could not run) as a bad tenant id does, not picocli's 2, which here means a broken chain.
    @Command(name = "verify-audit", mixinStandardHelpOptions = true, preprocessor = SpringPropertyArgs.class,
            exitCodeOnInvalidInput = COULD_NOT_RUN,
            customSynopsis = "adsbridge console verify-audit [-hV] [--<name>=<value>...] [<tenant-id>...]",
            description = {"Verify the audit log's hash chains (all tenants, or the tenant ids given) and, when "
                    + "adsbridge.console.audit.checkpoint-dir is set, that each chain still reaches its signed "
                    + "checkpoints.", "Configured like `console` (environment, --name=value Spring properties, before "
                    + "or after `verify-audit`). Exit 0 intact, 2 broken, 1 could not run."})
    static final class VerifyAudit implements Callable<Integer>, SpringPropertyArgs.Receiver {

        @ParentCommand
        ConsoleCommand console;

        final List<String> springArgs = new ArrayList<>();

        @Parameters(arity = "0..*", paramLabel = "<tenant-id>", description = "tenant ids (default: every tenant)")
        List<String> tenants = List.of();

        @Override
        public List<String> springArgs() {
            return springArgs;
        }

        @Override
        public Integer call() {
            return maintenance("verify-audit", allSpringArgs(console, springArgs),
                    context -> AuditVerifyCommand.run(context, tenants, System.out, System.err), System.err);
        }
    }

    /** An operator command's Spring properties: those given before its name (to `console`), then its own. */
    static List<String> allSpringArgs(ConsoleCommand console, List<String> own) {
        List<String> all = new ArrayList<>(console == null ? List.of() : console.springArgs);
        all.addAll(own);
        return all;
    }
}
