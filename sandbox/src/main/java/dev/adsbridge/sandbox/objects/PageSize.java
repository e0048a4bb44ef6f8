package dev.adsbridge.sandbox.objects;

import dev.adsbridge.sandbox.http.FieldSpec;
import dev.adsbridge.sandbox.http.GraphCall;
import dev.adsbridge.sandbox.http.GraphErrors;
import dev.adsbridge.sandbox.http.GraphException;
import dev.adsbridge.sandbox.http.Pager;

import java.util.List;

/**
 * Meta refuses an edge page that would carry too much data with code 1 (HTTP 500) "Please reduce the amount of data
 * you're asking for, then retry your request", rather than answering it: a big {@code limit} with many fields, or
 * field expansions that fan out. The sandbox's measure is cells: objects on the page × fields asked, an expanded edge
 * counting its own page of fields; over {@link #MAX_CELLS} the page is refused.
 */
final class PageSize {

    static final int MAX_CELLS = 100_000;

    private PageSize() {
    }

    static void check(GraphCall call, int available, List<FieldSpec> fields) {
        int limit = call.intParam("limit").orElse(Pager.DEFAULT_LIMIT);
        int rows = Math.min(available, Math.min(limit <= 0 ? Pager.DEFAULT_LIMIT : limit, Pager.MAX_LIMIT));
        if ((long) rows * Math.max(1, cellsPerObject(fields)) > MAX_CELLS) {
            throw tooMuchData();
        }
    }

    /**
     * Plain fields count one; an expanded edge counts its page size (its limit, 25 by default) × its fields, an
     * expanded insights edge its fields (one row).
     */
    private static long cellsPerObject(List<FieldSpec> fields) {
        long cells = 0;
        for (FieldSpec spec : fields) {
            if (spec.children().isEmpty() && !spec.modifiers().containsKey("limit")) {
                cells++;
                continue;
            }
            if ("insights".equals(spec.name())) {
                // An expanded insights edge is one row per object for its range (the usual dashboard read).
                cells += Math.max(1, cellsPerObject(spec.children()));
                continue;
            }
            long limit;
            try {
                limit = Long.parseLong(spec.modifiers().getOrDefault("limit", Integer.toString(Pager.DEFAULT_LIMIT)));
            } catch (NumberFormatException e) {
                limit = Pager.DEFAULT_LIMIT;
            }
            cells += Math.max(1, limit) * Math.max(1, cellsPerObject(spec.children()));
        }
        return cells;
    }

    private static GraphException tooMuchData() {
        return GraphErrors.tooMuchData(null, "Too Much Data", "Ask for fewer objects per page (a smaller limit) or "
                + "fewer fields, and follow paging.next for the rest.");
    }
}
