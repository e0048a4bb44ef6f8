package dev.adsbridge.console.audit;

import dev.adsbridge.console.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tenants' audit logs: appends (from the module's listeners only), reads, CSV export and chain verification.
 * Every read is scoped to one tenant.
 */
@Service
public class AuditLog {

    public static final int MAX_PAGE = 200;
    static final int MAX_EXPORT_ROWS = 100_000;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final AuditRepository repository;

    AuditLog(AuditRepository repository) {
        this.repository = repository;
    }

    /**
     * Appends the event at the end of its tenant's chain, in a transaction of its own (the publisher's, if any, has
     * ended), holding the tenant's chain head locked until commit.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    AuditEntry append(AuditEvent event) {
        AuditRepository.Head head = repository.lockHead(event.tenant());
        AuditEntry unsigned = new AuditEntry(repository.nextId(), event.tenant(), head.lastSeq() + 1,
                AuditChain.storable(event.at()), clip(event.actor(), 320), clip(event.action(), 100),
                clip(event.targetType(), 100), clip(event.targetId(), 300), clipNullable(event.targetName(), 300),
                json(event.before()), json(event.after()),
                event.outcome(), clipNullable(event.requestId(), 100), clipNullable(event.clientIp(), 64),
                head.lastHash(), "");
        AuditEntry row = new AuditEntry(unsigned.id(), unsigned.tenant(), unsigned.seq(), unsigned.at(),
                unsigned.actor(), unsigned.action(), unsigned.targetType(), unsigned.targetId(), unsigned.targetName(),
                unsigned.before(),
                unsigned.after(), unsigned.outcome(), unsigned.requestId(), unsigned.clientIp(), unsigned.prevHash(),
                AuditChain.hash(unsigned));
        repository.insert(row);
        return row;
    }

    /**
     * The tenant's entries matching the filter, newest first.
     *
     * @param after the {@code nextCursor} of the previous page, or null for the first
     * @throws IllegalArgumentException for a cursor that is not one of ours
     */
    @Transactional(readOnly = true)
    public AuditPage search(TenantId tenant, AuditFilter filter, int limit, @Nullable String after) {
        int size = Math.max(1, Math.min(MAX_PAGE, limit));
        List<AuditEntry> rows = repository.page(tenant, filter, size + 1, cursor(after));
        if (rows.size() <= size) {
            return new AuditPage(rows, null);
        }
        List<AuditEntry> page = rows.subList(0, size);
        return new AuditPage(List.copyOf(page), Long.toString(page.get(size - 1).seq()));
    }

    /** Writes the tenant's matching entries (newest first, at most 100,000) as CSV. */
    @Transactional(readOnly = true)
    public void exportCsv(TenantId tenant, AuditFilter filter, Writer out) {
        try {
            AuditCsv.header(out);
            Long before = null;
            int written = 0;
            while (written < MAX_EXPORT_ROWS) {
                List<AuditEntry> rows = repository.page(tenant, filter, 500, before);
                for (AuditEntry row : rows) {
                    AuditCsv.row(out, row);
                }
                written += rows.size();
                if (rows.size() < 500) {
                    break;
                }
                before = rows.get(rows.size() - 1).seq();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Walks the tenant's chain from the genesis and reports the first broken row. */
    @Transactional(readOnly = true)
    public ChainVerification verify(TenantId tenant) {
        Optional<AuditRepository.Head> head = repository.head(tenant);
        // Rows appended after the head was read are left for the next run.
        long last = head.map(AuditRepository.Head::lastSeq).orElse(0L);
        Walk walk = new Walk(tenant);
        repository.walk(tenant, row -> {
            if (row.seq() <= last || head.isEmpty()) {
                walk.visit(row);
            }
        });
        if (walk.broken != null) {
            return walk.broken;
        }
        if (head.isPresent() && (walk.rows != last || !walk.previous.equals(head.get().lastHash()))) {
            return new ChainVerification(tenant, walk.rows, walk.rows + 1, null, head.get().lastHash(),
                    walk.previous, "rows missing at the end of the chain (the head points past them)");
        }
        if (head.isEmpty() && walk.rows > 0) {
            return new ChainVerification(tenant, walk.rows, 1L, null, "a chain head", "none",
                    "the chain head is missing");
        }
        return ChainVerification.intact(tenant, walk.rows);
    }

    /** Verifies every tenant's chain (the verify-audit command; across tenants). */
    public List<ChainVerification> verifyAll() {
        List<ChainVerification> results = new ArrayList<>();
        for (TenantId tenant : repository.chainedTenants()) {
            results.add(verify(tenant));
        }
        return results;
    }

    private static final class Walk {
        private final TenantId tenant;
        long rows;
        String previous = AuditEntry.GENESIS;
        @Nullable ChainVerification broken;

        Walk(TenantId tenant) {
            this.tenant = tenant;
        }

        void visit(AuditEntry row) {
            if (broken != null) {
                return;
            }
            long expectedSeq = rows + 1;
            if (row.seq() != expectedSeq) {
                broken = new ChainVerification(tenant, rows, expectedSeq, null, "#" + expectedSeq, "#" + row.seq(),
                        "row missing");
            } else if (!row.prevHash().equals(previous)) {
                broken = new ChainVerification(tenant, rows, row.seq(), row.id(), previous, row.prevHash(),
                        "the link to the previous row is broken");
            } else {
                String expected = AuditChain.hash(row);
                if (!expected.equals(row.hash())) {
                    broken = new ChainVerification(tenant, rows, row.seq(), row.id(), expected, row.hash(),
                            "the row was changed after it was written");
                }
            }
            if (broken == null) {
                rows++;
                previous = row.hash();
            }
        }
    }

    private static @Nullable Long cursor(@Nullable String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            long seq = Long.parseLong(after.strip());
            if (seq < 1) {
                throw new IllegalArgumentException("invalid cursor");
            }
            return seq;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cursor");
        }
    }

    private static @Nullable String json(@Nullable Map<String, Object> state) {
        if (state == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(state);
        } catch (RuntimeException e) {
            // Never lose the entry over an odd value: fall back to its text.
            return JSON.writeValueAsString(Map.of("unserializable", String.valueOf(state)));
        }
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static @Nullable String clipNullable(@Nullable String value, int max) {
        return value == null ? null : clip(value, max);
    }
}
