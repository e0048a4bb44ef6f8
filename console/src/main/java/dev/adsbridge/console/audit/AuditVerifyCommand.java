package dev.adsbridge.console.audit;

import dev.adsbridge.console.tenancy.TenantId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * {@code console verify-audit [tenant-id …]}: walks the audit chains (every tenant's, or the given ones), checks each
 * against its signed checkpoints when a checkpoint directory is configured, and prints one line per tenant.
 */
public final class AuditVerifyCommand {

    /** Every chain intact (and reaching its checkpoints). */
    public static final int INTACT = 0;
    /** The command could not run: bad arguments, no database, unreadable checkpoints. */
    public static final int COULD_NOT_RUN = 1;
    /** At least one chain is broken, or no longer matches a checkpoint. */
    public static final int BROKEN = 2;

    private AuditVerifyCommand() {
    }

    public static int run(ApplicationContext context, List<String> args, PrintStream out) {
        return run(context, args, out, out);
    }

    public static int run(ApplicationContext context, List<String> args, PrintStream out, PrintStream err) {
        List<TenantId> tenants = new ArrayList<>();
        for (String arg : args) {
            try {
                tenants.add(TenantId.of(arg));
            } catch (IllegalArgumentException e) {
                err.println("usage: verify-audit [tenant-id ...] (tenant ids are UUIDs; '" + clip(arg)
                        + "' is not one)");
                return COULD_NOT_RUN;
            }
        }
        AuditLog log = context.getBean(AuditLog.class);
        AuditCheckpoints checkpoints = context.getBean(AuditCheckpoints.class);
        List<ChainVerification> results = new ArrayList<>();
        for (ChainVerification result : tenants.isEmpty() ? log.verifyAll() : tenants.stream().map(log::verify).toList()) {
            results.add(result.ok() ? checkpoints.check(result) : result);
        }
        if (tenants.isEmpty()) {
            // A tenant whose whole chain was deleted has no rows left to find, but its checkpoints remain.
            for (TenantId gone : checkpoints.tenants()) {
                if (results.stream().noneMatch(result -> result.tenant().equals(gone))) {
                    results.add(checkpoints.check(ChainVerification.intact(gone, 0)));
                }
            }
        }
        results.forEach(result -> out.println(result.describe()));
        long broken = results.stream().filter(result -> !result.ok()).count();
        out.println(broken == 0 ? "audit log verified: " + results.size() + " chain(s) intact"
                + (checkpoints.enabled() ? " and matching their checkpoints" : " (no checkpoint directory configured)")
                : "audit log BROKEN: " + broken + " of " + results.size() + " chain(s)");
        return broken == 0 ? INTACT : BROKEN;
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
