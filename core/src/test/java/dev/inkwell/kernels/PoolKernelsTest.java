package dev.inkwell.kernels;

import dev.inkwell.init.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Max pooling (the 2x2 fast path and the general loop) against a plain reference, with ties and NaNs. */
class PoolKernelsTest {

    /** Reference: first maximum in row-major order; the first NaN wins. */
    private static void reference(float[] x, int planes, int h, int w, int k, int s, int pad, float[] out, int[] arg) {
        int oh = (h + 2 * pad - k) / s + 1, ow = (w + 2 * pad - k) / s + 1;
        for (int pl = 0; pl < planes; pl++) {
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++) {
                    float best = Float.NEGATIVE_INFINITY;
                    int at = -1;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            int yy = y * s + i - pad, xx = xo * s + j - pad;
                            if (yy < 0 || xx < 0 || yy >= h || xx >= w) {
                                continue;
                            }
                            float v = x[pl * h * w + yy * w + xx];
                            boolean nanSeen = at >= 0 && Float.isNaN(best);
                            if (!nanSeen && (at < 0 || v > best || Float.isNaN(v))) {
                                best = v;
                                at = yy * w + xx;
                            }
                        }
                    }
                    out[(pl * oh + y) * ow + xo] = best;
                    arg[(pl * oh + y) * ow + xo] = at;
                }
            }
        }
    }

    @Test
    void fastAndGeneralPathsMatchTheReference() {
        Rng rng = new Rng(9);
        int[][] cases = {{2, 2, 0}, {3, 2, 0}, {3, 2, 1}, {2, 1, 0}};
        for (int[] c : cases) {
            int planes = 3, h = 7, w = 9;
            float[] x = new float[planes * h * w];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(4); // many ties
            }
            x[5] = Float.NaN;
            x[20] = -0f; // a window holding -0 and +0 must give +0 either way
            x[21] = 0f;
            x[40] = Float.NaN;
            x[41] = Float.NaN;
            int oh = (h + 2 * c[2] - c[0]) / c[1] + 1, ow = (w + 2 * c[2] - c[0]) / c[1] + 1;
            float[] want = new float[planes * oh * ow], got = new float[want.length];
            int[] wantArg = new int[want.length], gotArg = new int[want.length];
            reference(x, planes, h, w, c[0], c[1], c[2], want, wantArg);
            PoolKernels.maxForward(x, 0, planes, h, w, c[0], c[0], c[1], c[2], got, 0, gotArg, 0);
            assertArrayEquals(want, got, 0f, "kernel " + c[0] + " stride " + c[1] + " pad " + c[2]);
            assertArrayEquals(wantArg, gotArg, "argmax, kernel " + c[0] + " stride " + c[1] + " pad " + c[2]);
            float[] valuesOnly = new float[want.length];
            PoolKernels.maxForward(x, 0, planes, h, w, c[0], c[0], c[1], c[2], valuesOnly, 0, null, 0);
            assertArrayEquals(want, valuesOnly, 0f, "values only, kernel " + c[0] + " stride " + c[1]);
        }
    }
}
