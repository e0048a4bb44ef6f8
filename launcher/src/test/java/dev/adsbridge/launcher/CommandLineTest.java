package dev.adsbridge.launcher;

import dev.adsbridge.console.ConsoleApplication;
import dev.adsbridge.mcp.McpServerConfig;
import dev.adsbridge.sandbox.SandboxConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launcher's command line as {@code Main} parses it, without starting any role: Spring properties as
 * {@code --name=value} for {@code console} and its operator commands, the other roles' own flags, and the console mode
 * handed to {@code ConsoleApplication} so that mode=dev switches its dev profile on.
 */
class CommandLineTest {

    /** The innermost command the arguments select (what {@code execute} would run). */
    private static Object parse(String... args) {
        ParseResult result = Main.commandLine().parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.commandSpec().userObject();
    }

    private record Execution(int exit, String out, String err) {
    }

    /** Runs {@code execute} for arguments that must stop before any role starts (help, a usage error). */
    private static Execution execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Execution(exit, out.toString(), err.toString());
    }

    @Test
    void consoleTakesSpringPropertiesAsNameEqualsValueWithoutADoubleDash() {
        ConsoleCommand console = (ConsoleCommand) parse("console", "--server.port=8085",
                "--adsbridge.console.mode=dev", "--spring.datasource.url=jdbc:h2:mem:x;MODE=PostgreSQL",
                "--logging.level.org.eclipse.jetty=WARN", "--adsbridge.data-dir=/tmp/a=b");

        assertThat(console.springArgs).containsExactly("--server.port=8085", "--adsbridge.console.mode=dev",
                "--spring.datasource.url=jdbc:h2:mem:x;MODE=PostgreSQL", "--logging.level.org.eclipse.jetty=WARN",
                "--adsbridge.data-dir=/tmp/a=b");
        // The form that worked before still does.
        assertThat(((ConsoleCommand) parse("console", "--", "--server.port=8085")).springArgs)
                .containsExactly("--server.port=8085");
    }

    @Test
    void consoleRejectsWhatIsNoSpringPropertyInsteadOfIgnoringIt() {
        assertThatThrownBy(() -> parse("console", "--server.port", "8085"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--name=value").hasMessageContaining("'--server.port'");
        assertThatThrownBy(() -> parse("console", "--prot")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("Unknown option: '--prot'");
        assertThatThrownBy(() -> parse("console", "-x")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("console", "8085")).isInstanceOf(CommandLine.ParameterException.class);

        Execution typo = execute("console", "--server.port", "8085");
        assertThat(typo.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(typo.err()).contains("Spring properties take the form --name=value");
    }

    @Test
    void consoleOwnOptionsStillWork() {
        Execution help = execute("console", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("adsbridge console [-hV] [--<name>=<value>...] [COMMAND]")
                .contains("--server.port=8085").contains("--adsbridge.console.mode=dev").contains("verify-audit");
        assertThat(execute("console", "verify-audit", "--help").out())
                .contains("adsbridge console verify-audit [-hV] [--<name>=<value>...] [<tenant-id>...]");
    }

    @Test
    void verifyAuditTakesTenantIdsAndSpringPropertiesInAnyOrderAndThoseGivenToConsole() {
        ConsoleCommand.VerifyAudit verify = (ConsoleCommand.VerifyAudit) parse("console", "--server.port=9",
                "verify-audit", "--spring.flyway.schemas=s1", "tenant-a", "--adsbridge.vault.provider=local",
                "tenant-b");

        assertThat(verify.tenants).containsExactly("tenant-a", "tenant-b");
        assertThat(ConsoleCommand.allSpringArgs(verify.console, verify.springArgs)).containsExactly(
                "--server.port=9", "--spring.flyway.schemas=s1", "--adsbridge.vault.provider=local");
    }

    @Test
    void verifyAuditUsageErrorsExitOneNotTheBrokenChainsTwo() {
        Execution unknown = execute("console", "verify-audit", "--tenant");
        assertThat(unknown.exit()).isEqualTo(ConsoleCommand.COULD_NOT_RUN);
        assertThat(unknown.err()).contains("Unknown option: '--tenant'");
    }

    @Test
    void rotateKeysTakesItsActionAndSpringProperties() {
        ConsoleCommand.RotateKeys rotate = (ConsoleCommand.RotateKeys) parse("console", "rotate-keys", "retire",
                "--adsbridge.vault.local.keyset-path=/tmp/kek.json", "3");

        assertThat(rotate.action).containsExactly("retire", "3");
        assertThat(ConsoleCommand.allSpringArgs(rotate.console, rotate.springArgs))
                .containsExactly("--adsbridge.vault.local.keyset-path=/tmp/kek.json");
        assertThat(execute("console", "rotate-keys", "--force").exit()).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void consoleModeDevFromTheCommandLineSwitchesTheConsolesDevProfileOn() {
        List<String> args = List.of("--server.port=0", "--adsbridge.console.mode=dev");
        Map<String, Object> properties = ConsoleCommand.startProperties(Map.of(), args, Map.of());

        assertThat(properties).containsEntry("adsbridge.console.mode", "dev");
        assertThat(ConsoleApplication.builder(properties).application().getAdditionalProfiles()).containsExactly("dev");
    }

    @Test
    void consoleModeDevFromTheEnvironmentVariableSwitchesTheConsolesDevProfileOn() {
        Map<String, Object> properties = ConsoleCommand.startProperties(Map.of("server.port", -1), List.of(),
                Map.of("ADSBRIDGE_CONSOLE_MODE", "dev"));

        assertThat(properties).containsEntry("adsbridge.console.mode", "dev").containsEntry("server.port", -1);
        assertThat(ConsoleApplication.builder(properties).application().getAdditionalProfiles()).containsExactly("dev");
    }

    @Test
    void theCommandLineModeWinsOverTheEnvironmentAndNoModeLeavesProduction() {
        Map<String, Object> production = ConsoleCommand.startProperties(Map.of(),
                List.of("--adsbridge.console.mode=production"), Map.of("ADSBRIDGE_CONSOLE_MODE", "dev"));
        assertThat(production).containsEntry("adsbridge.console.mode", "production");
        assertThat(ConsoleApplication.builder(production).application().getAdditionalProfiles()).isEmpty();

        Map<String, Object> none = ConsoleCommand.startProperties(Map.of(), List.of("--server.port=8085"), Map.of());
        assertThat(none).doesNotContainKey("adsbridge.console.mode");
        assertThat(ConsoleApplication.builder(none).application().getAdditionalProfiles()).isEmpty();
    }

    @Test
    void mcpRoleKeepsItsDocumentedFlags() {
        McpCommand mcp = (McpCommand) parse("mcp", "--port", "0", "--host=127.0.0.1",
                "--graph-url", "http://127.0.0.1:8090", "--api-version", "v24.0", "--toolsets", "campaigns",
                "--read-only", "--allowed-host", "mcp.example.com,mcp2.example.com", "--allowed-origin",
                "https://app.example.com", "--stdio");

        assertThat(mcp.stdio).isTrue();
        McpServerConfig config = mcp.config();
        assertThat(config.port()).isZero();
        assertThat(config.graphUrl()).isEqualTo("http://127.0.0.1:8090");
        assertThat(config.apiVersion()).isEqualTo("v24.0");
        assertThat(config.toolsets()).hasSize(1);
        assertThat(config.readOnly()).isTrue();
        assertThat(config.allowedHosts()).contains("mcp.example.com", "mcp2.example.com");
        assertThat(config.allowedOrigins()).contains("https://app.example.com");
        // Spring properties are the console's, not the MCP server's: an error, not silently dropped.
        assertThatThrownBy(() -> parse("mcp", "--server.port=1")).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("Unknown option");
    }

    /** Every {@code @Option} field of an {@code mcp} command, by name. */
    private static Map<String, Object> options(McpCommand command) throws IllegalAccessException {
        Map<String, Object> values = new java.util.TreeMap<>();
        for (java.lang.reflect.Field field : McpCommand.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(CommandLine.Option.class)) {
                values.put(field.getName(), field.get(command));
            }
        }
        return values;
    }

    @Test
    void mcpStdioIsReadWithoutPicocliToTheSameOptionsAndAnythingElseIsLeftToIt() throws Exception {
        List<String[]> stdio = List.of(
                new String[] {"--stdio"},
                new String[] {"--stdio", "--graph-url", "http://127.0.0.1:8090"},
                new String[] {"--graph-url=http://127.0.0.1:8090", "--stdio", "--api-version", "v24.0", "--toolsets",
                        "campaigns,insights", "--read-only"},
                new String[] {"--stdio", "--allowed-host", "a.example.com,b.example.com", "--allowed-host=c.example.com",
                        "--port", "0", "--host=0.0.0.0", "--shutdown-timeout", "5", "--drain-delay=2"});
        for (String[] args : stdio) {
            McpCommand picocli = (McpCommand) parse(java.util.stream.Stream.concat(java.util.stream.Stream.of("mcp"),
                    java.util.Arrays.stream(args)).toArray(String[]::new));
            McpCommand fast = McpCommand.stdioWithoutPicocli(args).orElseThrow(() -> new AssertionError(
                    String.join(" ", args)));
            assertThat(options(fast)).as(String.join(" ", args)).isEqualTo(options(picocli));
            assertThat(fast.stdio).isTrue();
        }
        // The written-out table says what the annotations say: every option, its environment variable and default.
        java.util.regex.Pattern envDefault = java.util.regex.Pattern.compile("\\$\\{env:([A-Za-z0-9_]+):-([^}]*)}");
        Map<String, List<String>> annotated = new java.util.LinkedHashMap<>();
        for (java.lang.reflect.Field field : McpCommand.class.getDeclaredFields()) {
            CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
            if (option != null) {
                java.util.regex.Matcher env = envDefault.matcher(option.defaultValue());
                annotated.put(option.names()[0], env.matches() ? java.util.Arrays.asList(env.group(1), env.group(2))
                        : java.util.Arrays.asList(null, null));
                assertThat(option.names()).as(field.getName()).hasSize(1);
                assertThat(env.matches() || option.defaultValue().equals("__no_default_value__"))
                        .as(field.getName() + " default " + option.defaultValue()).isTrue();
            }
        }
        assertThat(McpCommand.STDIO_OPTIONS).isEqualTo(annotated);
        // Help, version, unknown options, missing or malformed values, and the HTTP server: picocli's to parse.
        for (String[] args : List.of(new String[] {"--stdio", "--help"}, new String[] {"--stdio", "-V"},
                new String[] {"--stdio", "--server.port=1"}, new String[] {"--stdio", "--graph-url"},
                new String[] {"--stdio", "--port", "eighty"}, new String[] {"--stdio", "--read-only=yes"},
                new String[] {"--stdio", "extra"}, new String[] {"--port", "0"}, new String[] {})) {
            assertThat(McpCommand.stdioWithoutPicocli(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void sandboxAndDevRolesKeepTheirDocumentedFlags() {
        SandboxConfig sandbox = ((SandboxCommand) parse("sandbox", "--port=0", "--seed", "7", "--redirect-uri",
                "http://127.0.0.1:1/connect/callback,http://localhost:1/connect/callback", "--require-appsecret-proof",
                "--access-tier", "development_access")).config();
        assertThat(sandbox.port()).isZero();
        assertThat(sandbox.seed()).isEqualTo(7);
        assertThat(sandbox.redirectUris()).containsExactly("http://127.0.0.1:1/connect/callback",
                "http://localhost:1/connect/callback");
        assertThat(sandbox.requireAppsecretProof()).isTrue();
        assertThat(sandbox.accessTier()).isEqualTo("development_access");
        assertThatThrownBy(() -> parse("sandbox", "--adsbridge.data-dir=x"))
                .isInstanceOf(CommandLine.ParameterException.class);

        DevCommand dev = (DevCommand) parse("dev", "--port", "18080", "--mcp-port=18081", "--sandbox-port", "18090",
                "--data-dir", "some-dir");
        assertThat(List.of(dev.consolePort, dev.mcpPort, dev.sandboxPort)).containsExactly(18080, 18081, 18090);
        assertThat(dev.dataDir).isEqualTo(Path.of("some-dir"));
    }
}
