package dev.adsbridge.console.vault;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * The {@code console rotate-keys} command: runs {@link KeyRotation} in a started console context (no web server needed,
 * but the database must be reachable, since the sealed tokens live there). Safe while console replicas keep serving.
 *
 * <pre>
 * rotate-keys [rotate]        new key version, made primary; every stored token re-wrapped under it
 * rotate-keys rewrap          re-wrap what is not under the primary version yet (resumes an interrupted run)
 * rotate-keys retire VERSION  retire VERSION and older (refused while a stored token still uses one)
 * rotate-keys status          key versions and how many stored tokens each wraps
 * </pre>
 */
public final class KeyRotationCommand {

    public static final String USAGE = "rotate-keys [rotate | rewrap | retire <version> | status]";

    /**
     * Exit codes: 0 done, 2 bad arguments, 3 refused or incomplete (see the output). 1 is left to "could not run" (no
     * database, bad configuration), which the launcher reports.
     */
    public static final int OK = 0;
    public static final int USAGE_ERROR = 2;
    public static final int INCOMPLETE = 3;

    private KeyRotationCommand() {}

    public static int run(ApplicationContext context, List<String> args, PrintStream out) {
        return run(context.getBean(KeyRotation.class), args, out);
    }

    public static int run(KeyRotation rotation, List<String> args, PrintStream out) {
        String action = args.isEmpty() ? "rotate" : args.get(0);
        try {
            switch (action) {
                case "rotate", "rewrap" -> {
                    if (args.size() > 1) {
                        return usage(out);
                    }
                    RotationReport report = "rotate".equals(action) ? rotation.rotate() : rotation.rewrap();
                    out.println("Re-wrapped: " + report.summary());
                    if (!report.complete()) {
                        out.println("Not every token moved: run `rotate-keys rewrap` again"
                                + (report.failed().isEmpty() ? "" : "; connections that failed: " + report.failed()));
                        return INCOMPLETE;
                    }
                    out.println("Every stored token is under key version " + report.primaryVersion()
                            + ". Retire older versions with `rotate-keys retire " + (report.primaryVersion() - 1) + "`.");
                    return OK;
                }
                case "retire" -> {
                    if (args.size() != 2 || !args.get(1).matches("\\d{1,9}")) {
                        return usage(out);
                    }
                    int version = Integer.parseInt(args.get(1));
                    rotation.retire(version);
                    out.println("Retired key version " + version + " and older.");
                    return OK;
                }
                case "status" -> {
                    KeyVersions versions = rotation.status();
                    out.println("Key provider " + versions.kekProvider() + ": primary version " + versions.primary()
                            + ", oldest decrypting version " + versions.oldestDecryptable());
                    for (Map.Entry<Integer, Long> entry : rotation.census().entrySet()) {
                        out.println(entry.getKey() < 0
                                ? "  another provider: " + entry.getValue() + " token(s)"
                                : "  version " + entry.getKey() + ": " + entry.getValue() + " token(s)");
                    }
                    return OK;
                }
                default -> {
                    return usage(out);
                }
            }
        } catch (VaultException e) {
            out.println("Key rotation stopped: " + e.getMessage());
            return INCOMPLETE;
        }
    }

    private static int usage(PrintStream out) {
        out.println("usage: " + USAGE);
        return USAGE_ERROR;
    }
}
