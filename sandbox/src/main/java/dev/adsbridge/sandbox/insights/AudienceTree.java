package dev.adsbridge.sandbox.insights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one ad set's delivery divides across the values of one breakdown group: a tree whose level {@code l} holds the
 * values of the breakdowns at depth {@code l} (age, then gender within each age). Each node has a share among its
 * siblings and rate multipliers per {@link Metric.Family} (young audiences click more, stories cost less, …).
 * Immutable once built; {@link Splitter} walks it for every (ad, day).
 */
final class AudienceTree {

    /** Fixed-point scale of multipliers: 1024 = ×1.0. */
    static final long UNIT = 1024;

    final Breakdown.Group group;
    /** Per level: each node's value, parent index in the level above (-1 on level 0), share and multipliers. */
    final String[][] values;
    final int[][] parents;
    final long[][] weights;
    /** Per level, per family ordinal, per node. */
    final long[][][] multipliers;
    /** Per level, for each node of the level above (or the single root), the range of its children. */
    final int[][] childFrom;
    final int[][] childTo;

    private AudienceTree(Breakdown.Group group, List<List<Spec>> levels) {
        this.group = group;
        int depth = levels.size();
        values = new String[depth][];
        parents = new int[depth][];
        weights = new long[depth][];
        multipliers = new long[depth][][];
        childFrom = new int[depth][];
        childTo = new int[depth][];
        for (int l = 0; l < depth; l++) {
            List<Spec> specs = levels.get(l);
            int n = specs.size();
            values[l] = new String[n];
            parents[l] = new int[n];
            weights[l] = new long[n];
            multipliers[l] = new long[Metric.Family.values().length][n];
            int parentCount = l == 0 ? 1 : levels.get(l - 1).size();
            childFrom[l] = new int[parentCount];
            childTo[l] = new int[parentCount];
            Arrays.fill(childFrom[l], -1);
            for (int i = 0; i < n; i++) {
                Spec spec = specs.get(i);
                values[l][i] = spec.value;
                parents[l][i] = spec.parent;
                weights[l][i] = Math.max(1, Math.round(spec.weight * 1_000_000));
                for (Metric.Family family : Metric.Family.values()) {
                    double m = family == Metric.Family.NONE ? 1.0 : spec.multipliers[family.ordinal()];
                    multipliers[l][family.ordinal()][i] = Math.max(1, Math.round(m * UNIT));
                }
                int p = Math.max(spec.parent, 0);
                if (childFrom[l][p] < 0) {
                    childFrom[l][p] = i;
                }
                childTo[l][p] = i + 1;
            }
        }
    }

    /** Nodes from level 0 to {@code depth - 1}: the work of one split. */
    int nodesTo(int depth) {
        int total = 0;
        for (int l = 0; l < depth; l++) {
            total += values[l].length;
        }
        return total;
    }

    /** The value at level {@code level} above leaf {@code leaf} of level {@code leafLevel}. */
    String valueAbove(int leafLevel, int leaf, int level) {
        int node = leaf;
        for (int l = leafLevel; l > level; l--) {
            node = parents[l][node];
        }
        return values[level][node];
    }

    /** Builds a tree level by level; children of one parent must be added together, parents in order. */
    static final class Builder {
        private final Breakdown.Group group;
        private final List<List<Spec>> levels = new ArrayList<>();

        Builder(Breakdown.Group group) {
            this.group = group;
        }

        /** Adds a node under {@code parent} (an index into the previous level, -1 for level 0). */
        Builder add(int level, int parent, String value, double weight, double[] multipliers) {
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
            }
            if (weight > 0) {
                levels.get(level).add(new Spec(value, parent, weight, multipliers));
            }
            return this;
        }

        int size(int level) {
            return levels.size() <= level ? 0 : levels.get(level).size();
        }

        String valueOf(int level, int index) {
            return levels.get(level).get(index).value();
        }

        int parentOf(int level, int index) {
            return levels.get(level).get(index).parent();
        }

        AudienceTree build() {
            return new AudienceTree(group, levels);
        }
    }

    /** A node before freezing; {@code multipliers} indexed by family ordinal. */
    record Spec(String value, int parent, double weight, double[] multipliers) {
    }
}
