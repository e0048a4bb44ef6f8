package dev.adsbridge.securitysuite;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The suite's findings: one row per check (tried = held + failed), and what each failure was. */
final class Report {

    /** One check: how many attempts were made, how many the deployment withstood, and the failed ones' details. */
    static final class Row {
        final String category;
        final String check;
        int tried;
        int held;
        final List<String> failures = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        long millis;

        Row(String category, String check) {
            this.category = category;
            this.check = check;
        }

        /** Records one attempt: held, or failed with what happened. */
        Row attempt(boolean held, String whatHappened) {
            tried++;
            if (held) {
                this.held++;
            } else {
                failures.add(whatHappened);
            }
            return this;
        }

        Row note(String note) {
            notes.add(note);
            return this;
        }

        int failed() {
            return tried - held;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Instant started = Instant.now();

    Row row(String category, String check) {
        Row row = new Row(category, check);
        rows.add(row);
        return row;
    }

    List<Row> rows() {
        return rows;
    }

    int failed() {
        return rows.stream().mapToInt(Row::failed).sum();
    }

    String markdown(String header) {
        StringBuilder out = new StringBuilder();
        out.append("# Security suite report\n\n").append(header).append("\n\n");
        out.append(String.format("Run %s, %d s.%n%n", started, Duration.between(started, Instant.now()).toSeconds()));
        out.append("| category | check | tried | held | failed |\n|---|---|---:|---:|---:|\n");
        int tried = 0;
        int held = 0;
        for (Row row : rows) {
            out.append(String.format("| %s | %s | %d | %d | %s |%n", row.category, row.check, row.tried, row.held,
                    row.failed() == 0 ? "0" : "**" + row.failed() + "**"));
            tried += row.tried;
            held += row.held;
        }
        out.append(String.format("| **total** | | %d | %d | %d |%n", tried, held, tried - held));
        out.append("\n## Failures\n");
        boolean any = false;
        for (Row row : rows) {
            if (row.failures.isEmpty()) {
                continue;
            }
            any = true;
            out.append("\n### ").append(row.category).append(": ").append(row.check).append(" (")
                    .append(row.failed()).append(" of ").append(row.tried).append(")\n\n");
            row.failures.stream().limit(15).forEach(f -> out.append("- ").append(f).append('\n'));
            if (row.failures.size() > 15) {
                out.append("- … and ").append(row.failures.size() - 15).append(" more\n");
            }
        }
        if (!any) {
            out.append("\nNone.\n");
        }
        out.append("\n## Notes\n\n");
        for (Row row : rows) {
            for (String note : row.notes) {
                out.append("- ").append(row.check).append(": ").append(note).append('\n');
            }
            out.append(String.format("- %s: took %.1f s%n", row.check, row.millis / 1000.0));
        }
        return out.toString();
    }

    static String shorten(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
