package dev.adsbridge.meta;

/**
 * CSV cells (RFC 4180: a cell with a comma, quote, CR or LF is quoted, quotes doubled) that are safe to open in a
 * spreadsheet: a cell that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) gets a
 * leading {@code '} (OWASP "CSV injection"). Two policies, for two kinds of file:
 * <ul>
 * <li>{@link #text(String)}: every cell is text and is defused (the audit log: actors, names, JSON);</li>
 * <li>{@link #data(String)}: a plain number, negative ones included ({@code -12.5}), stays a number that the
 * spreadsheet can add up; everything else is defused as text (insights reports).</li>
 * </ul>
 */
public final class Csv {

    private Csv() {
    }

    /** A text cell: defused and quoted as needed; null and empty give an empty cell. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
        return quoted(safe);
    }

    /** A data cell: a plain decimal number as it is, anything else as {@link #text(String)}. */
    public static String data(String value) {
        if (value != null && value.matches("-?[0-9.]+")) {
            return value;
        }
        return text(value);
    }

    private static String quoted(String value) {
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
