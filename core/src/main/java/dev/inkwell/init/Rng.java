package dev.inkwell.init;

/**
 * A small, fast, seedable random generator (SplitMix64). Every random choice in Inkwell (weight init,
 * shuffling, dropout, augmentation) comes from one of these, derived from a single seed, so a run is
 * reproducible. Not thread-safe: give each user its own via {@link #split()}.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    /**
     * A generator whose whole sequence follows from {@code seed}.
     *
     * @param seed the seed
     */
    public Rng(long seed) {
        this.state = seed;
    }

    /**
     * The generator's full state, to save in a checkpoint.
     *
     * @return the state
     */
    public long state() {
        return state;
    }

    /**
     * Restarts this generator at {@code state} (no allocation, for hot loops).
     *
     * @param state a state {@link #state()} returned
     */
    public void reseed(long state) {
        this.state = state;
    }

    /**
     * A generator that continues from a saved {@link #state()}.
     *
     * @param state a state {@link #state()} returned
     * @return the generator
     */
    public static Rng fromState(long state) {
        return new Rng(state);
    }

    /**
     * The next 64 random bits.
     *
     * @return the bits
     */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /**
     * A new generator seeded from this one; the two streams are independent.
     *
     * @return the new generator
     */
    public Rng split() {
        return new Rng(nextLong());
    }

    /**
     * Uniform in [0, 1) with 24 random bits.
     *
     * @return the number
     */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /**
     * Uniform in [0, 1) with 53 random bits.
     *
     * @return the number
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform in [0, bound).
     *
     * @param bound one past the largest value, at least 1
     * @return the number
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-shift with rejection: unbiased
        long m = (nextLong() >>> 32) * bound;
        if ((m & 0xFFFFFFFFL) < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while ((m & 0xFFFFFFFFL) < threshold) {
                m = (nextLong() >>> 32) * bound;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * Standard normal (Box-Muller; one value per call, so the stream position is simple to reason about).
     *
     * @return the number
     */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1], so the log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * Shuffles {@code a} in place (Fisher-Yates).
     *
     * @param a the array to shuffle
     */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * The SplitMix64 finaliser: a well-mixed 64-bit hash, used for counter-based random streams.
     *
     * @param z the value to hash
     * @return the hash
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
