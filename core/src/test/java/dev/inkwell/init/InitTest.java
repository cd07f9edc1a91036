package dev.inkwell.init;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Initialisers draw from the documented distributions (checked on large samples with wide margins). */
class InitTest {
    private static final int N = 200_000;

    private static double[] meanStdMaxAbs(float[] a) {
        double sum = 0, sq = 0, max = 0;
        for (float v : a) {
            sum += v;
            sq += (double) v * v;
            max = Math.max(max, Math.abs(v));
        }
        double mean = sum / a.length;
        return new double[] {mean, Math.sqrt(sq / a.length - mean * mean), max};
    }

    @Test
    void pytorchDefaultIsUniformWithinOneOverSqrtFanIn() {
        float[] w = new float[N];
        Init.PYTORCH_DEFAULT.initWeight(w, 0, N, 100, 10, new Rng(1));
        double[] s = meanStdMaxAbs(w);
        assertTrue(s[2] <= 0.1 && s[2] > 0.0999, "bound 1/sqrt(100): max " + s[2]);
        assertEquals(0.1 / Math.sqrt(3), s[1], 1e-3, "std of U(-b, b) is b/sqrt(3)");
        assertEquals(0, s[0], 2e-3);
    }

    @Test
    void heNormalHasStdSqrtTwoOverFanIn() {
        float[] w = new float[N];
        Init.HE_NORMAL.initWeight(w, 0, N, 50, 10, new Rng(2));
        assertEquals(Math.sqrt(2.0 / 50), meanStdMaxAbs(w)[1], 2e-3);
        float[] b = {1, 1};
        Init.HE_NORMAL.initBias(b, 0, 2, 50, new Rng(2));
        assertEquals(0f, b[0]);
    }

    @Test
    void xavierUniformBound() {
        float[] w = new float[N];
        Init.XAVIER_UNIFORM.initWeight(w, 0, N, 30, 70, new Rng(3));
        double bound = Math.sqrt(6.0 / 100);
        double[] s = meanStdMaxAbs(w);
        assertTrue(s[2] <= bound && s[2] > 0.999 * bound);
        float[] h = new float[N];
        Init.HE_UNIFORM.initWeight(h, 0, N, 24, 1, new Rng(3));
        assertEquals(Math.sqrt(6.0 / 24) / Math.sqrt(3), meanStdMaxAbs(h)[1], 2e-3);
        float[] x = new float[N];
        Init.XAVIER_NORMAL.initWeight(x, 0, N, 30, 70, new Rng(3));
        assertEquals(Math.sqrt(2.0 / 100), meanStdMaxAbs(x)[1], 2e-3);
    }

    @Test
    void rngIsReproducibleAndUniform() {
        Rng a = new Rng(7), b = new Rng(7);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        int[] counts = new int[10];
        Rng r = new Rng(8);
        for (int i = 0; i < 100_000; i++) {
            counts[r.nextInt(10)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 10_000) < 500, "counts " + java.util.Arrays.toString(counts));
        }
        int[] perm = {0, 1, 2, 3, 4, 5, 6, 7};
        r.shuffle(perm);
        assertEquals(28, java.util.Arrays.stream(perm).sum(), "a shuffle is a permutation");
        Rng resumed = Rng.fromState(a.state());
        assertEquals(a.nextLong(), resumed.nextLong());
    }
}
