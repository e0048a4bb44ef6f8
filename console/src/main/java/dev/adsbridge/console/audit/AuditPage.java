package dev.adsbridge.console.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of audit entries, newest first; {@code nextCursor} is null on the last page. */
public record AuditPage(List<AuditEntry> entries, @Nullable String nextCursor) {
}
