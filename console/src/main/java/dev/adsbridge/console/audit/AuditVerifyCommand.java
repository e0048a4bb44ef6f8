package dev.adsbridge.console.audit;

import dev.adsbridge.console.tenancy.TenantId;
import java.io.PrintStream;
import java.util.List;
import org.springframework.context.ApplicationContext;

/**
 * {@code console verify-audit [tenant-id …]}: walks the audit chains (every tenant's, or the given ones) and prints
 * one line per tenant. Exit code 0 when every chain is intact, 1 when one is broken, 2 for bad arguments.
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {
    }

    public static int run(ApplicationContext context, List<String> args, PrintStream out) {
        AuditLog log = context.getBean(AuditLog.class);
        List<ChainVerification> results;
        try {
            results = args.isEmpty() ? log.verifyAll() : args.stream().map(TenantId::of).map(log::verify).toList();
        } catch (IllegalArgumentException e) {
            out.println("usage: verify-audit [tenant-id ...] (tenant ids are UUIDs)");
            return 2;
        }
        results.forEach(result -> out.println(result.describe()));
        long broken = results.stream().filter(result -> !result.ok()).count();
        out.println(broken == 0 ? "audit log verified: " + results.size() + " chain(s) intact"
                : "audit log BROKEN: " + broken + " of " + results.size() + " chain(s)");
        return broken == 0 ? 0 : 1;
    }
}
