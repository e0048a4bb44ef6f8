package dev.adsbridge.sandbox.insights;

/**
 * Deterministic 64-bit hashing (SplitMix64 finaliser): every generated number in insights derives from the sandbox
 * seed, an object id and a date through these functions, never from a random source.
 */
final class SeededHash {

    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeededHash() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long combine(long a, long b) {
        return mix(a ^ mix(b + GOLDEN));
    }

    /** A stable hash of a string (object ids, dimension values); independent of String.hashCode. */
    static long of(String text) {
        long h = 0x243F6A8885A308D3L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** A double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A small stream of draws for one (seed, object, day). */
    static final class Draws {
        private long state;

        Draws(long start) {
            this.state = start;
        }

        long nextLong() {
            state += GOLDEN;
            return mix(state);
        }

        /** Uniform in [0, 1). */
        double next() {
            return unit(nextLong());
        }

        double between(double low, double high) {
            return low + (high - low) * next();
        }

        /** Log-uniform in [low, high]: spreads sizes over orders of magnitude. */
        double logBetween(double low, double high) {
            return Math.exp(between(Math.log(low), Math.log(high)));
        }

        /** Roughly normal with mean 0 and deviation 1 (Irwin–Hall of four uniforms). */
        double gaussian() {
            return (next() + next() + next() + next() - 2.0) * 1.7320508075688772;
        }

        /** {@code floor(x + u)}: an unbiased integer rounding of x, so small expectations still show up sometimes. */
        long round(double x) {
            return x <= 0 ? 0 : (long) Math.floor(x + next());
        }
    }
}
