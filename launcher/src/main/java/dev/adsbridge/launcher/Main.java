package dev.adsbridge.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * The single executable jar. Each subcommand starts one role; {@code dev} starts everything a newcomer needs in one JVM.
 */
@Command(name = "adsbridge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Connect Meta (Facebook) Ads accounts to a SaaS: Meta sandbox, MCP server and console.",
        subcommands = {DevCommand.class, ConsoleCommand.class, McpCommand.class, SandboxCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("mcp")) {
            String[] mcpArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
            // A desktop agent starts the stdio server for every session and waits for it: its usual options are read
            // without picocli (see McpCommand.stdioWithoutPicocli); anything else is picocli's.
            java.util.Optional<McpCommand> stdio = McpCommand.stdioWithoutPicocli(mcpArgs);
            if (stdio.isPresent()) {
                // Nothing has logged yet: logback is configured in code, not from logback.xml (StdioLogging).
                System.setProperty(StdioLogging.PROPERTY, "true");
                stdio.get().call();
                return;
            }
            // The MCP server alone: only its own command is built, not every role's (picocli would load the
            // console's classes to describe them).
            exit(new CommandLine(new McpCommand()).setCommandName("adsbridge mcp").setUsageHelpWidth(120)
                    .execute(mcpArgs));
            return;
        }
        exit(commandLine().execute(args));
    }

    private static void exit(int code) {
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The command line with every role. {@code console} and its operator commands take Spring properties as
     * {@code --name=value} ({@link SpringPropertyArgs}); every other unknown option is an error.
     */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).setUsageHelpWidth(120);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The option's values if given, else the comma-separated environment variable {@code env}, else empty. */
    static List<String> listOrEnv(List<String> values, String env) {
        if (values != null && !values.isEmpty()) {
            return values;
        }
        String raw = System.getenv(env);
        return raw == null || raw.isBlank() ? List.of() : List.of(raw.split(","));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties properties = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("/adsbridge-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"adsbridge " + properties.getProperty("version", "(unknown version)")};
        }
    }
}
