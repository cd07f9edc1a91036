package dev.inkwell.examples.cli;

import dev.inkwell.tensor.Shape;
import dev.inkwell.train.LabeledImages;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flags and feet drawn onto 1s: which images change, where the ink goes, and that it stays put per sample. */
class EuropeanOnesTest {
    private static final float PAPER = -0.5f, INK = 2.5f;
    private static final int N = 400;

    /** N images alternating label 1 (a vertical bar, 3 px wide, rows 4-23 at columns 13-15) and label 7. */
    private static LabeledImages bars() {
        float[] x = new float[N * 784];
        int[] labels = new int[N];
        Arrays.fill(x, PAPER);
        for (int i = 0; i < N; i++) {
            labels[i] = i % 2 == 0 ? 1 : 7;
            for (int y = 4; y < 24; y++) {
                for (int c = 13; c < 16; c++) {
                    x[i * 784 + y * 28 + c] = INK;
                }
            }
        }
        return new LabeledImages(x, labels, Shape.of(1, 28, 28));
    }

    @Test
    void aShareOfTheOnesGetAFlagDownToTheLeftAndNothingElseChanges() {
        LabeledImages bars = bars();
        EuropeanOnes ones = new EuropeanOnes(bars, PAPER, INK, 1);
        float[] original = new float[784], drawn = new float[784];
        int flagged = 0, footed = 0, visible = 0;
        for (int i = 0; i < N; i++) {
            bars.copyInput(i, original, 0);
            ones.copyInput(i, drawn, 0);
            assertEquals(bars.label(i), ones.label(i));
            if (Arrays.equals(original, drawn)) {
                continue;
            }
            assertEquals(1, bars.label(i), "only 1s change");
            flagged++;
            boolean flagLeftOfTheTop = false, foot = false, inRange = true;
            for (int p = 0; p < 784; p++) {
                inRange &= drawn[p] >= PAPER && drawn[p] <= INK && drawn[p] >= original[p];
                int y = p / 28, c = p % 28;
                flagLeftOfTheTop |= drawn[p] > original[p] + 1 && c < 12 && y > 4 && y < 14;
                foot |= drawn[p] > original[p] + 1 && y >= 20 && (c < 12 || c > 16);
            }
            assertTrue(inRange, "ink only added, within paper and ink");
            visible += flagLeftOfTheTop ? 1 : 0;
            footed += foot ? 1 : 0;
        }
        // 200 ones, 30% flagged, a third of those with a foot
        assertTrue(flagged >= 45 && flagged <= 75, flagged + " of 200 flagged");
        assertTrue(footed >= 8 && footed <= flagged / 2, footed + " of " + flagged + " with a foot");
        // the shortest flags, steep beside the stem, can hide in its width
        assertTrue(visible >= 0.8 * flagged, visible + " of " + flagged + " flags reach left of the stem");
    }

    @Test
    void eachSampleIsDrawnTheSameWayEveryTimeAndSeedsDiffer() {
        LabeledImages bars = bars();
        EuropeanOnes a = new EuropeanOnes(bars, PAPER, INK, 1), b = new EuropeanOnes(bars, PAPER, INK, 2);
        float[] first = new float[N * 784], again = new float[N * 784], other = new float[N * 784];
        for (int i = 0; i < N; i++) {
            a.copyInput(i, first, i * 784);
            a.copyInput(i, again, i * 784);
            b.copyInput(i, other, i * 784);
        }
        assertArrayEquals(first, again);
        assertTrue(!Arrays.equals(first, other));
    }
}
