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

    @Test
    void aQuarterTurnStandsABarUpAndAWobbleMovesInkALittle() {
        float[] bar = new float[28 * 28], turned = new float[28 * 28];
        Arrays.fill(bar, PAPER);
        Arrays.fill(turned, PAPER);
        for (int i = 6; i < 22; i++) {
            bar[13 * 28 + i] = INK;     // a level bar on row 13
            turned[i * 28 + 14] = INK;  // turned a quarter about (13.5, 13.5): upright on column 14
        }
        Degradations d = new Degradations(PAPER, INK, 1);
        float[] x = bar.clone();
        d.warp(x, 0, 1, 28, 28, new float[28 * 28], Math.PI / 2, 0, new Rng(1));
        assertArrayEquals(turned, x, 1e-5f);

        float[] wobbled = bar.clone();
        d.warp(wobbled, 0, 1, 28, 28, new float[28 * 28], 0, 2, new Rng(1));
        assertFalse(Arrays.equals(bar, wobbled));
        for (int y = 0; y < 28; y++) {
            for (int i = 0; i < 28; i++) {
                boolean nearTheBar = Math.abs(y - 13) <= 2 && i >= 4 && i <= 23;
                assertTrue(nearTheBar || wobbled[y * 28 + i] == PAPER, "ink moved more than 2 pixels: " + i + ", " + y);
            }
        }
    }

    @Test
    void aBandChangesOneStripOfTwoToSixRowsOrColumns() {
        Degradations d = new Degradations(PAPER, INK, 1);
        for (long seed = 1; seed <= 20; seed++) {
            float[] x = digit();
            d.band(x, 0, 2, 28, 28, new Rng(seed));
            boolean[] rows = new boolean[28], cols = new boolean[28];
            float[] before = digit();
            for (int p = 0; p < x.length; p++) {
                if (x[p] != before[p]) {
                    rows[p % 784 / 28] = true;
                    cols[p % 28] = true;
                }
            }
            int strip = Math.min(count(rows), count(cols));
            assertTrue(strip >= 2 && strip <= 6, "seed " + seed + ": a strip " + strip + " wide");
        }
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    @Test
    void grainMovesEachPixelAtMostOneStepAndKeepsItsValues() {
        float[] x = digit();
        new Degradations(PAPER, INK, 1).grain(x, 0, 2, 28, 28, new float[2 * 784], new Rng(5));
        assertFalse(Arrays.equals(digit(), x));
        for (int y = 0; y < 28; y++) {
            for (int i = 0; i < 28; i++) {
                boolean nearTheOne = y >= 4 && y <= 23 && i >= 11 && i <= 16; // two rounds: two steps at most
                assertTrue(x[y * 28 + i] == (nearTheOne ? x[y * 28 + i] : PAPER), "ink at " + i + ", " + y);
                assertTrue(x[y * 28 + i] == PAPER || x[y * 28 + i] == INK, "a value of the image");
                assertEquals(x[y * 28 + i], x[784 + y * 28 + i], "both channels alike");
            }
        }
    }
}
