package dev.inkwell.train;

import dev.inkwell.init.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Degradations}: seeded, within paper and ink, and only as often as asked. */
class DegradationsTest {
    private static final float PAPER = -0.42f, INK = 2.82f;

    private static float[] digit() {
        float[] x = new float[2 * 28 * 28];
        Arrays.fill(x, PAPER);
        for (int c = 0; c < 2; c++) {
            for (int y = 6; y < 22; y++) {
                x[c * 784 + y * 28 + 13] = INK; // a 1, in both channels
                x[c * 784 + y * 28 + 14] = INK;
            }
        }
        return x;
    }

    @Test
    void theSameSeedDegradesAlikeAndValuesStayBetweenPaperAndInk() {
        Degradations always = new Degradations(PAPER, INK, 1.0);
        int changed = 0;
        for (long seed = 1; seed <= 50; seed++) {
            float[] a = digit(), b = digit();
            always.apply(a, 0, 2, 28, 28, new Rng(seed));
            always.apply(b, 0, 2, 28, 28, new Rng(seed));
            assertArrayEquals(a, b, "seed " + seed);
            for (float v : a) {
                assertTrue(v >= PAPER - 1e-4f && v <= INK + 1e-4f, "value " + v + " with seed " + seed);
            }
            changed += Arrays.equals(a, digit()) ? 0 : 1;
        }
        assertTrue(changed >= 49, "every image degraded at probability 1: " + changed + " of 50");
    }

    @Test
    void probabilityZeroLeavesImagesAlone() {
        float[] x = digit();
        new Degradations(PAPER, INK, 0).apply(x, 0, 2, 28, 28, new Rng(1));
        assertArrayEquals(digit(), x);
        assertFalse(Arrays.equals(digit(), applied(0.5, 3)) && Arrays.equals(digit(), applied(0.5, 4)));
        assertThrows(IllegalArgumentException.class, () -> new Degradations(INK, PAPER, 0.5));
    }

    private static float[] applied(double p, long seed) {
        float[] x = digit();
        new Degradations(PAPER, INK, p).apply(x, 0, 2, 28, 28, new Rng(seed));
        return x;
    }

    @Test
    void aHollowStrokeKeepsItsEdgeAndLosesItsMiddle() {
        float[] x = new float[28 * 28];
        Arrays.fill(x, PAPER);
        for (int y = 8; y < 20; y++) {
            for (int i = 10; i < 16; i++) { // a bar 6 wide, 12 tall: 8 wide once thickened
                x[y * 28 + i] = INK;
            }
        }
        new Degradations(PAPER, INK, 1).hollow(x, 0, 1, 28, 28, new float[28 * 28]);
        assertEquals(PAPER, x[14 * 28 + 12], 0f, "the middle of the bar is paper");
        assertEquals(INK, x[14 * 28 + 9], 1e-6f, "its thickened edge is ink");
        assertEquals(INK, x[14 * 28 + 16], 1e-6f, "on both sides");
        assertEquals(PAPER, x[14 * 28 + 3], 0f, "paper away from it stays paper");
    }
}
