package dev.adsbridge.sandbox.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * The frequency_value breakdown: a row's reach divided by how many times each person saw its ads. People's exposure
 * counts follow a geometric distribution whose mean is the row's frequency (impressions / reach), shifted to start at
 * one; the counts are then made whole: exactly {@code reach} people who together saw exactly {@code impressions}
 * ads. So the buckets' reach adds up to the row's reach, their impressions to its impressions, and every bucket's
 * frequency lies within the bucket ("6-10": between 6 and 10). A pure function of the two totals, so the same row
 * always divides the same way.
 */
final class FrequencyBuckets {

    /** The bucket labels, in order: one to five times, six to ten, eleven or more. */
    static final List<String> LABELS = List.of("1", "2", "3", "4", "5", "6-10", "11+");

    /** One bucket: its label, the people in it and the impressions they saw. */
    record Bucket(String label, long reach, long impressions) {
    }

    /** Most exposure levels the distribution is laid out over before the remainder is placed by hand. */
    private static final int MAX_LEVELS = 4_000;

    private FrequencyBuckets() {
    }

    /** The non-empty buckets of a row with {@code impressions} and {@code reach} (none without reach). */
    static List<Bucket> of(long impressions, long reach) {
        if (reach <= 0 || impressions <= 0) {
            return List.of();
        }
        reach = Math.min(reach, impressions);
        double mean = (double) impressions / reach;
        double q = 1 - 1 / mean;
        int levels = (int) Math.min(MAX_LEVELS, Math.max(11, Math.ceil(mean * 14)));
        // People per exposure level k = 1..levels (index k - 1), in proportion to (1 - q) q^(k-1).
        long[] weights = new long[levels];
        double p = 1 - q;
        for (int k = 0; k < levels; k++) {
            weights[k] = Math.round(p * (1L << 40));
            p *= q;
        }
        long[] people = new long[levels];
        Splitter.cut(reach, weights, 0, levels, people, impressions * 31 + reach);

        long[] bucketReach = new long[LABELS.size()];
        long[] bucketImpressions = new long[LABELS.size()];
        long seen = 0;
        for (int k = 0; k < levels; k++) {
            bucketReach[bucketOf(k + 1)] += people[k];
            bucketImpressions[bucketOf(k + 1)] += people[k] * (k + 1);
            seen += people[k] * (k + 1);
        }
        long missing = impressions - seen;
        if (missing > 0) {
            // Too few impressions placed: the most exposed person saw the rest as well.
            int top = levels - 1;
            while (people[top] == 0) {
                top--;
            }
            move(bucketReach, bucketImpressions, top + 1, top + 1 + missing);
        }
        // Too many placed: lower the most exposed people, one at a time, until the totals match.
        int top = levels - 1;
        while (missing < 0) {
            while (people[top] == 0) {
                top--;
            }
            int level = top + 1;
            long down = Math.min(level - 1, -missing);
            people[top]--;
            people[(int) (level - down) - 1]++;
            move(bucketReach, bucketImpressions, level, level - down);
            missing += down;
        }

        List<Bucket> out = new ArrayList<>();
        for (int b = 0; b < LABELS.size(); b++) {
            if (bucketReach[b] > 0) {
                out.add(new Bucket(LABELS.get(b), bucketReach[b], bucketImpressions[b]));
            }
        }
        return out;
    }

    /** One person moves from exposure level {@code from} to {@code to}. */
    private static void move(long[] reach, long[] impressions, long from, long to) {
        reach[bucketOf(from)]--;
        impressions[bucketOf(from)] -= from;
        reach[bucketOf(to)]++;
        impressions[bucketOf(to)] += to;
    }

    private static int bucketOf(long times) {
        if (times <= 5) {
            return (int) times - 1;
        }
        return times <= 10 ? 5 : 6;
    }
}
