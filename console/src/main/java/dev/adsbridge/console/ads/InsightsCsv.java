package dev.adsbridge.console.ads;

import dev.adsbridge.meta.Csv;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Insights rows as CSV, written as they arrive: the columns are known from the query (dates, the level's ids and
 * names, the breakdowns, then the numbers), so nothing waits for the last page. Results follow {@link MetaResults}:
 * {@code results} only when a row has one result type, {@code results_by_type} spells out every type.
 */
public final class InsightsCsv {

    /** Receives rows one by one. */
    public interface Out {
        void row(Map<String, Object> row) throws IOException;
    }

    /** Produces every row into an {@link Out}. */
    @FunctionalInterface
    public interface Rows {
        void into(Out out) throws IOException;
    }

    static final List<String> NUMBERS = List.of("spend", "impressions", "reach", "frequency", "clicks", "ctr", "cpc",
            "cpm", "results", "result_type", "cost_per_result", "results_by_type", "purchases", "purchase_value",
            "roas", "account_currency");

    private final List<String> columns;
    private final Rows rows;

    InsightsCsv(InsightsQuery query, String level, Rows rows) {
        this.columns = columns(query, level);
        this.rows = rows;
    }

    static List<String> columns(InsightsQuery query, String level) {
        List<String> columns = new ArrayList<>(List.of("date_start", "date_stop"));
        int depth = List.of("account", "campaign", "adset", "ad").indexOf(level);
        if (depth >= 1) {
            columns.addAll(List.of("campaign_id", "campaign_name"));
        }
        if (depth >= 2) {
            columns.addAll(List.of("adset_id", "adset_name"));
        }
        if (depth >= 3) {
            columns.addAll(List.of("ad_id", "ad_name"));
        }
        columns.addAll(query.breakdownColumns());
        columns.addAll(NUMBERS);
        return columns;
    }

    /** Writes the header and every row, flushing after each batch of rows. */
    public void write(Writer writer) throws IOException {
        writer.write(String.join(",", columns));
        writer.write("\r\n");
        int[] written = {0};
        rows.into(row -> {
            List<String> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                cells.add(cell(value(row, column)));
            }
            writer.write(String.join(",", cells));
            writer.write("\r\n");
            if (++written[0] % 500 == 0) {
                writer.flush();
            }
        });
        writer.flush();
    }

    private static String value(Map<String, Object> row, String column) {
        if (column.equals("result_type")) {
            Object label = row.get("result_label");
            return label == null ? "" : label.toString();
        }
        if (column.equals("results_by_type")) {
            Object types = row.get("results_by_type");
            if (!(types instanceof List<?> list)) {
                return "";
            }
            List<String> parts = new ArrayList<>();
            for (Object type : list) {
                if (type instanceof Map<?, ?> t) {
                    parts.add(t.get("results") + " " + t.get("label"));
                }
            }
            return String.join("; ", parts);
        }
        Object value = row.get(column);
        return value == null ? "" : value.toString();
    }

    /** Numbers stay numbers a spreadsheet can add up; names and labels are defused: {@link Csv#data(String)}. */
    static String cell(String value) {
        return Csv.data(value);
    }
}
