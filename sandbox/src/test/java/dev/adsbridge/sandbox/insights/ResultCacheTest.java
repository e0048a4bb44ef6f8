package dev.adsbridge.sandbox.insights;

import dev.adsbridge.sandbox.store.SandboxStore;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insights result cache keeps its memory bounded: an answer of an earlier clock second can never be asked for
 * again (the second is part of the key) and goes as soon as a later one arrives, and the answers kept hold at most
 * {@link ResultCache#MAX_WEIGHT} rows. It used to keep up to 1024 answers of past seconds, which on a long-running
 * sandbox with the real clock grew until the heap ran out.
 */
class ResultCacheTest {

    private static final DayRange DAY = new DayRange(LocalDate.parse("2026-11-17"), LocalDate.parse("2026-11-17"));

    @Test
    void answers_of_past_seconds_are_dropped_when_a_later_second_arrives() {
        ResultCache cache = new ResultCache(new SandboxStore());
        for (long second = 1; second <= 300; second++) {
            cache.put(key("act_1", second), result(3_000, 0));
        }
        assertThat(cache.size()).containsExactly(1, 3_000);
        assertThat(cache.get(key("act_1", 300))).isNotNull();
        assertThat(cache.get(key("act_1", 299))).isNull();
    }

    @Test
    void within_one_second_the_rows_kept_stay_under_the_budget_least_recently_used_going_first() {
        ResultCache cache = new ResultCache(new SandboxStore());
        for (int i = 0; i < 100; i++) {
            cache.put(key("act_" + i, 7), result(2_000, 2));
        }
        // Each row carries two action parts: 6,000 rows' worth per answer.
        long[] size = cache.size();
        assertThat(size[1]).isLessThanOrEqualTo(ResultCache.MAX_WEIGHT).isEqualTo(size[0] * 6_000);
        assertThat(cache.get(key("act_99", 7))).isNotNull();
        assertThat(cache.get(key("act_0", 7))).isNull();
    }

    @Test
    void an_answer_bigger_than_one_entry_may_hold_is_not_kept() {
        ResultCache cache = new ResultCache(new SandboxStore());
        cache.put(key("act_1", 1), result(25_000, 0));
        assertThat(cache.size()).containsExactly(0, 0);
    }

    private static ResultCache.Key key(String scope, long second) {
        return new ResultCache.Key(scope, null, InsightsLimits.SYNC, second, 0);
    }

    private static InsightsEngine.Result result(int rows, int partsPerRow) {
        List<InsightsRow> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            List<InsightsRow.Part> parts = null;
            if (partsPerRow > 0) {
                parts = new ArrayList<>();
                for (int p = 0; p < partsPerRow; p++) {
                    parts.add(new InsightsRow.Part("iphone", null, new long[Totals.SIZE]));
                }
            }
            out.add(new InsightsRow(DAY, null, null, null, List.of(), new long[Totals.SIZE], 1, parts, i));
        }
        return new InsightsEngine.Result(null, List.of(DAY), out, null);
    }
}
