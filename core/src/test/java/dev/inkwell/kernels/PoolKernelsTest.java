package dev.inkwell.kernels;

import dev.inkwell.init.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Max pooling (each implementation's 2x2 path and the general loop) against a plain reference, with ties and NaNs. */
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

    static Stream<Kernels> implementations() {
        List<Kernels> all = new ArrayList<>();
        all.add(KernelsProvider.scalar());
        KernelsProvider.vector().ifPresent(all::add);
        return all.stream();
    }

    /** 27 columns: the vector kernel's 8-lane blocks cover 12 windows a row, one window is left over. */
    @ParameterizedTest
    @MethodSource("implementations")
    void fastAndGeneralPathsMatchTheReference(Kernels kernels) {
        Rng rng = new Rng(9);
        int[][] cases = {{2, 2, 0}, {3, 2, 0}, {3, 2, 1}, {2, 1, 0}};
        for (int[] c : cases) {
            int planes = 3, h = 7, w = 27;
            float[] x = new float[planes * h * w];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextInt(4); // many ties
            }
            x[5] = Float.NaN;
            x[60] = -0f; // a window holding -0 and +0 must give +0 either way
            x[61] = 0f;
            x[100] = Float.NaN;
            x[101] = Float.NaN;
            x[w * h + 2 * w + 25] = Float.NaN; // in a row's last window
            x[2 * w * h + 3 * w + 4] = Float.POSITIVE_INFINITY;
            int oh = (h + 2 * c[2] - c[0]) / c[1] + 1, ow = (w + 2 * c[2] - c[0]) / c[1] + 1;
            float[] want = new float[planes * oh * ow], got = new float[want.length];
            int[] wantArg = new int[want.length], gotArg = new int[want.length];
            reference(x, planes, h, w, c[0], c[1], c[2], want, wantArg);
            PoolKernels.maxForward(kernels, x, 0, planes, h, w, c[0], c[0], c[1], c[2], got, 0, gotArg, 0);
            assertArrayEquals(want, got, 0f, kernels.name() + " kernel " + c[0] + " stride " + c[1] + " pad " + c[2]);
            assertArrayEquals(wantArg, gotArg, "argmax, kernel " + c[0] + " stride " + c[1] + " pad " + c[2]);
            float[] valuesOnly = new float[want.length];
            PoolKernels.maxForward(kernels, x, 0, planes, h, w, c[0], c[0], c[1], c[2], valuesOnly, 0, null, 0);
            assertArrayEquals(want, valuesOnly, 0f, "values only, kernel " + c[0] + " stride " + c[1]);
        }
    }

    /**
     * Channels-last 2x2 pooling against the reference over the same image in planes: 3 channels (no whole
     * vector), 16, and 35 (whole vectors and some over), odd sides, ties, NaNs and infinities.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void channelsLastMatchesTheReference(Kernels kernels) {
        Rng rng = new Rng(10);
        for (int c : new int[] {3, 16, 35}) {
            int h = 7, w = 9, oh = 3, ow = 4;
            float[] planes = new float[c * h * w];
            for (int i = 0; i < planes.length; i++) {
                int r = rng.nextInt(50);
                planes[i] = r == 0 ? Float.NaN : r == 1 ? Float.NEGATIVE_INFINITY : rng.nextInt(4);
            }
            float[] want = new float[c * oh * ow];
            int[] wantArg = new int[want.length];
            reference(planes, c, h, w, 2, 2, 0, want, wantArg);
            float[] x = new float[1 + planes.length]; // at offset 1: (H·W, C)
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < h * w; p++) {
                    x[1 + p * c + ch] = planes[ch * h * w + p];
                }
            }
            float[] got = new float[2 + want.length], valuesOnly = new float[want.length];
            int[] gotArg = new int[3 + want.length];
            PoolKernels.maxForwardChannelsLast(kernels, x, 1, c, h, w, got, 2, gotArg, 3);
            PoolKernels.maxForwardChannelsLast(kernels, x, 1, c, h, w, valuesOnly, 0, null, 0);
            for (int ch = 0; ch < c; ch++) {
                for (int o = 0; o < oh * ow; o++) {
                    String at = kernels.name() + " channels " + c + ", channel " + ch + ", window " + o;
                    assertEquals(want[ch * oh * ow + o], got[2 + o * c + ch], 0f, at);
                    assertEquals(wantArg[ch * oh * ow + o], gotArg[3 + o * c + ch], "argmax, " + at);
                    assertEquals(want[ch * oh * ow + o], valuesOnly[o * c + ch], 0f, "values only, " + at);
                }
            }
        }
    }
}
