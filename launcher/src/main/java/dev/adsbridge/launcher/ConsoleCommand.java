package dev.adsbridge.launcher;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.console.audit.AuditVerifyCommand;
import dev.adsbridge.console.vault.KeyRotationCommand;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code console}: the SaaS backend (sign-in, Connect Facebook Ads, token vault, web UI). */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Start the console in production mode, configured from the environment (CONSOLE_BASE_URL, "
                + "META_APP_ID, META_APP_SECRET, MCP_SERVER_URL, SPRING_DATASOURCE_URL, SPRING_MAIL_HOST (sign-up mails "
                + "a confirmation link), ADSBRIDGE_VAULT_PROVIDER and its settings; see console/README.md). Any Spring property can also be passed as --name=value."},
        subcommands = {ConsoleCommand.RotateKeys.class, ConsoleCommand.VerifyAudit.class})
final class ConsoleCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "Spring properties, e.g. --server.port=8080")
    List<String> springArgs = List.of();

    @Override
    public Integer call() {
        ConfigurableApplicationContext console = ConsoleApplication.start(Map.of(), springArgs.toArray(String[]::new));
        System.out.println("Console running at " + ConsoleApplication.baseUrl(console));
        return 0;
    }

    /** The console's beans without its web server, for one-shot maintenance commands. */
    private static ConfigurableApplicationContext withoutWeb() {
        return ConsoleApplication.builder(Map.of()).web(WebApplicationType.NONE).run();
    }

    /** {@code console rotate-keys …}: re-wraps every stored token under a new key version, without downtime. */
    @Command(name = "rotate-keys", mixinStandardHelpOptions = true,
            description = {"Key rotation for the token vault: " + KeyRotationCommand.USAGE,
                    "  rotate       new key version, then re-wrap every token (old versions keep decrypting)",
                    "  rewrap       resume an interrupted re-wrap", "  retire N     retire version N and older "
                    + "(refused while a token still uses them)", "  status       versions and token counts"})
    static final class RotateKeys implements Callable<Integer> {

        @Parameters(arity = "0..*", description = "rotate | rewrap | retire <version> | status (default status)")
        List<String> args = List.of();

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = withoutWeb()) {
                return KeyRotationCommand.run(context, args.isEmpty() ? List.of("status") : args, System.out);
            }
        }
    }

    /** {@code console verify-audit [tenant ids]}: walks each tenant's audit hash chain and reports the first break. */
    @Command(name = "verify-audit", mixinStandardHelpOptions = true,
            description = "Verify the audit log's hash chain (all tenants, or the tenant ids given). Exit 0 intact, 1 broken.")
    static final class VerifyAudit implements Callable<Integer> {

        @Parameters(arity = "0..*", description = "tenant ids (default: every tenant)")
        List<String> tenants = List.of();

        @Override
        public Integer call() {
            try (ConfigurableApplicationContext context = withoutWeb()) {
                return AuditVerifyCommand.run(context, tenants, System.out);
            }
        }
    }
}
