package dev.adsbridge.console.audit;

import dev.adsbridge.meta.Hashes;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * The hash chain's canonical form: every field, length-prefixed (so no two rows serialize alike), nulls distinct
 * from empty strings, then the previous hash; SHA-256, lower-case hex. The target name (added in V2_40) is hashed
 * after the target id only when a row has one, so the rows written before it keep their hashes.
 */
final class AuditChain {

    private static final String VERSION = "adsbridge-audit-v1";

    private AuditChain() {
    }

    static String hash(AuditEntry row) {
        StringBuilder canonical = new StringBuilder(VERSION).append('\n');
        field(canonical, row.tenant().toString());
        field(canonical, Long.toString(row.seq()));
        field(canonical, DateTimeFormatter.ISO_INSTANT.format(row.at()));
        field(canonical, row.actor());
        field(canonical, row.action());
        field(canonical, row.targetType());
        field(canonical, row.targetId());
        if (row.targetName() != null) {
            canonical.append("name:");
            field(canonical, row.targetName());
        }
        field(canonical, row.before());
        field(canonical, row.after());
        field(canonical, row.outcome());
        field(canonical, row.requestId());
        field(canonical, row.clientIp());
        field(canonical, row.prevHash());
        return sha256(canonical.toString());
    }

    /** The database keeps microseconds; the hashed instant must survive the round trip. */
    static Instant storable(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static void field(StringBuilder canonical, @Nullable String value) {
        if (value == null) {
            canonical.append("-1:\n");
        } else {
            canonical.append(value.length()).append(':').append(value).append('\n');
        }
    }

    private static String sha256(String text) {
        return Hashes.sha256Hex(text);
    }
}
