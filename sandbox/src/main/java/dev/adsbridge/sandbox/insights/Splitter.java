package dev.adsbridge.sandbox.insights;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact integer division of one (ad, day)'s metrics across breakdown cells. A total T is cut at cumulative weights:
 * cell j gets {@code floor((T·A_j + u) / W) − floor((T·A_{j−1} + u) / W)} with A_j the running sum of weights, W their
 * sum and u a seeded offset in [0, W). Cells always sum to T, never go negative, and get at most
 * {@code ceil(T·w_j / W)}, which keeps every bounded metric (clicks, reach, …) within its parent metric in each cell.
 */
final class Splitter {

    private Splitter() {
    }

    /** {@code floor((a·b + c) / d)} for non-negative a, b, c and positive d, without overflow. */
    static long mulDivFloor(long a, long b, long c, long d) {
        if (a < 0x8000_0000L && b < 0x8000_0000L && c < 0x4000_0000_0000_0000L) {
            return (a * b + c) / d;
        }
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            long sum = low + c;
            if (sum >= 0) {
                return sum / d;
            }
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).add(BigInteger.valueOf(c))
                .divide(BigInteger.valueOf(d)).longValueExact();
    }

    /**
     * Cuts {@code total} at cumulative {@code weights[from..to)} into {@code out[from..to)}; zero weights get zero.
     * Falls back to equal shares when every weight is zero.
     */
    static void cut(long total, long[] weights, int from, int to, long[] out, long salt) {
        long sum = 0;
        for (int j = from; j < to; j++) {
            sum += weights[j];
        }
        if (sum == 0) {
            for (int j = from; j < to; j++) {
                weights[j] = 1;
            }
            sum = to - from;
        }
        long offset = Math.floorMod(SeededHash.mix(salt), sum);
        long acc = 0;
        long previous = 0;
        if (total < 0x8000_0000L && sum < 0x8000_0000L) {
            // Small numbers: divide by multiplying with the inverse, then correct the estimate exactly.
            double inverse = 1.0 / sum;
            for (int j = from; j < to - 1; j++) {
                acc += weights[j];
                long numerator = total * acc + offset;
                long cumulative = (long) (numerator * inverse);
                long remainder = numerator - cumulative * sum;
                while (remainder < 0) {
                    cumulative--;
                    remainder += sum;
                }
                while (remainder >= sum) {
                    cumulative++;
                    remainder -= sum;
                }
                out[j] = cumulative - previous;
                previous = cumulative;
            }
        } else {
            for (int j = from; j < to - 1; j++) {
                acc += weights[j];
                long cumulative = mulDivFloor(total, acc, offset, sum);
                out[j] = cumulative - previous;
                previous = cumulative;
            }
        }
        out[to - 1] = total - previous;
    }

    /**
     * Splits a parent cell's metric vector across the children {@code [from, to)} of {@code level} in {@code tree},
     * metric by metric in {@link Metric} order (parents first), into {@code out[metric][child]}.
     *
     * @param metrics       bit set of the metrics to split (those not zero for the whole day); others are left as
     *                      they are and must not be read
     * @param weightScratch a buffer at least as long as the level
     */
    static void split(long[] parent, int metrics, AudienceTree tree, int level, int from, int to, long[][] out,
                      long salt, long[] weightScratch) {
        long[] baseWeights = tree.weights[level];
        long[][] multipliers = tree.multipliers[level];
        for (Metric metric : Metric.ALL) {
            int m = metric.ordinal();
            if ((metrics & (1 << m)) == 0) {
                continue;
            }
            long total = parent[m];
            long[] target = out[m];
            if (total == 0) {
                Arrays.fill(target, from, to, 0L);
                continue;
            }
            if (metric.parent == null) {
                System.arraycopy(baseWeights, from, weightScratch, from, to - from);
            } else {
                long[] parentShares = out[metric.parent.ordinal()];
                if (metric.family == Metric.Family.NONE) {
                    System.arraycopy(parentShares, from, weightScratch, from, to - from);
                } else {
                    long[] rate = multipliers[metric.family.ordinal()];
                    boolean useRates = true;
                    if (metric.boundedByParent) {
                        long max = 0;
                        long min = Long.MAX_VALUE;
                        for (int j = from; j < to; j++) {
                            if (parentShares[j] > 0) {
                                max = Math.max(max, rate[j]);
                                min = Math.min(min, rate[j]);
                            }
                        }
                        // Rates may only tilt the split while no cell can end up above its parent metric.
                        useRates = total * max <= parent[metric.parent.ordinal()] * min;
                    }
                    for (int j = from; j < to; j++) {
                        weightScratch[j] = useRates ? parentShares[j] * rate[j] : parentShares[j];
                    }
                }
            }
            cut(total, weightScratch, from, to, target, salt + m * SeededHash.GOLDEN);
        }
    }
}
