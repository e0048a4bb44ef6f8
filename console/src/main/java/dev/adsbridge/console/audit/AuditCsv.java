package dev.adsbridge.console.audit;

import dev.adsbridge.meta.Csv;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 CSV (CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes doubled), safe to open in a
 * spreadsheet: a cell starting with {@code = + - @}, tab or CR gets a leading {@code '} so it is never run as a
 * formula (OWASP "CSV injection").
 */
final class AuditCsv {

    static final String[] COLUMNS = {"seq", "id", "at", "actor", "action", "target_type", "target_id", "target_name",
            "outcome",
            "request_id", "client_ip", "before", "after", "prev_hash", "hash"};

    private AuditCsv() {
    }

    static void header(Writer out) throws IOException {
        line(out, COLUMNS);
    }

    static void row(Writer out, AuditEntry row) throws IOException {
        line(out, new String[] {Long.toString(row.seq()), Long.toString(row.id()),
                DateTimeFormatter.ISO_INSTANT.format(row.at()), row.actor(), row.action(), row.targetType(),
                row.targetId(), row.targetName(), row.outcome(), row.requestId(), row.clientIp(), row.before(), row.after(),
                row.prevHash(), row.hash()});
    }

    private static void line(Writer out, @Nullable String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    /** Every audit cell is text: {@link Csv#text(String)}, which defuses numbers too. */
    static String cell(@Nullable String value) {
        return Csv.text(value);
    }
}
