package dev.inkwell.kernels.vector;

import dev.inkwell.kernels.Checks;
import dev.inkwell.kernels.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static dev.inkwell.kernels.vector.VectorLanes.S;
import static dev.inkwell.kernels.vector.VectorLanes.L;
import static dev.inkwell.kernels.vector.VectorLanes.ZERO;
import static dev.inkwell.kernels.vector.VectorLanes.LANE_INDEX;

/** The convolution kernels on vectors: strided row copies and the shifted sums and dots of direct convolution. */
final class VectorConv {
    private VectorConv() {
    }

    /**
     * Whole vectors, the last one ending at the row's end and overlapping the one before: System.arraycopy
     * costs a stub call per row, which dominated copying NetS conv1's 26-float rows (3.5 µs an image).
     */
    static void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows,
                         int width) {
        Checks.copyRows(src, srcOff, srcStride, dst, dstOff, dstStride, rows, width);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * srcStride, d = dstOff + r * dstStride;
            if (width < L) {
                System.arraycopy(src, s, dst, d, width);
                continue;
            }
            for (int j = 0; j < width - L; j += L) {
                FloatVector.fromArray(S, src, s + j).intoArray(dst, d + j);
            }
            FloatVector.fromArray(S, src, s + width - L).intoArray(dst, d + width - L);
        }
    }

    /**
     * Each output row is covered by whole vectors, the last one overlapping the one before when the
     * width is not a multiple of L (its lanes recomputed, bit for bit the same), so outputs go straight
     * to their dense rows with no wide copy to trim. Four channels x four such vectors at a time
     * (16 accumulators): each shifted vector of x loaded feeds four FMAs, one per channel, so that the
     * loads (most of them unaligned) no longer outnumber the FMAs. Every output is bias + Σ_t w[t]·x,
     * one FMA per tap in tap order, whichever block computes it. Rows narrower than L: the scalar kernel.
     * This method holds no vector code itself: after other networks had run in the JVM, a small vector
     * loop inlined here ran boxed, allocating 200 MB per NetS training step (ZeroAllocationTest).
     */
    static void shiftedSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float[] bias,
                            int biasOff, int channels, float[] out, int outOff, int rows, int width) {
        Checks.shiftedSums(x, xOff, xStride, shifts, w, wOff, bias, biasOff, channels, out, outOff, rows, width);
        if (width < L) {
            ScalarKernels.INSTANCE.shiftedSums(x, xOff, xStride, shifts, w, wOff, bias, biasOff, channels, out, outOff,
                    rows, width);
            return;
        }
        int perRow = (width + L - 1) / L, count = rows * perRow;
        int taps = shifts.length, plane = rows * width, c = 0;
        for (; c + 4 <= channels; c += 4) {
            int s = 0;
            for (; s + 4 <= count; s += 4) {
                fourChannelsFourVectors(x, xOff, xStride, shifts, w, wOff + c * taps, bias, biasOff + c, out,
                        outOff + c * plane, plane, perRow, width, s);
            }
            for (int ch = c; ch < c + 4; ch++) {
                oneChannelSums(x, xOff, xStride, shifts, w, wOff + ch * taps, biasOf(bias, biasOff + ch), out,
                        outOff + ch * plane, perRow, width, s, count);
            }
        }
        for (; c < channels; c++) {
            oneChannelSums(x, xOff, xStride, shifts, w, wOff + c * taps, biasOf(bias, biasOff + c), out,
                    outOff + c * plane, perRow, width, 0, count);
        }
    }

    /*
     * The vectors that cover a (rows, width) output: per row, vectors at 0, L, 2L, ... and the last at
     * width - L, perRow = ⌈width / L⌉ of them; row vector s's offset in the dense output and in x (rows
     * xStride apart).
     */
    private static int start(int s, int perRow, int width) {
        return Math.min(s % perRow * L, width - L);
    }

    private static int outAt(int s, int perRow, int width) {
        return s / perRow * width + start(s, perRow, width);
    }

    private static int xAt(int s, int perRow, int width, int xStride) {
        return s / perRow * xStride + start(s, perRow, width);
    }

    private static float biasOf(float[] bias, int at) {
        return bias == null ? 0f : bias[at];
    }

    /** Row vectors [s, s + 4) of four channels, 16 accumulators; the channels' outputs {@code plane} apart from oc. */
    private static void fourChannelsFourVectors(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wc,
                                                float[] bias, int bc, float[] out, int oc, int plane, int perRow,
                                                int width, int s) {
        int taps = shifts.length;
        int x0 = xOff + xAt(s, perRow, width, xStride), x1 = xOff + xAt(s + 1, perRow, width, xStride);
        int x2 = xOff + xAt(s + 2, perRow, width, xStride), x3 = xOff + xAt(s + 3, perRow, width, xStride);
        FloatVector a00 = FloatVector.broadcast(S, biasOf(bias, bc)), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = FloatVector.broadcast(S, biasOf(bias, bc + 1)), a11 = a10, a12 = a10, a13 = a10;
        FloatVector a20 = FloatVector.broadcast(S, biasOf(bias, bc + 2)), a21 = a20, a22 = a20, a23 = a20;
        FloatVector a30 = FloatVector.broadcast(S, biasOf(bias, bc + 3)), a31 = a30, a32 = a30, a33 = a30;
        for (int t = 0; t < taps; t++) {
            int sh = shifts[t];
            FloatVector y0 = FloatVector.fromArray(S, x, x0 + sh), y1 = FloatVector.fromArray(S, x, x1 + sh);
            FloatVector y2 = FloatVector.fromArray(S, x, x2 + sh), y3 = FloatVector.fromArray(S, x, x3 + sh);
            FloatVector wt = FloatVector.broadcast(S, w[wc + t]);
            a00 = wt.fma(y0, a00);
            a01 = wt.fma(y1, a01);
            a02 = wt.fma(y2, a02);
            a03 = wt.fma(y3, a03);
            wt = FloatVector.broadcast(S, w[wc + taps + t]);
            a10 = wt.fma(y0, a10);
            a11 = wt.fma(y1, a11);
            a12 = wt.fma(y2, a12);
            a13 = wt.fma(y3, a13);
            wt = FloatVector.broadcast(S, w[wc + 2 * taps + t]);
            a20 = wt.fma(y0, a20);
            a21 = wt.fma(y1, a21);
            a22 = wt.fma(y2, a22);
            a23 = wt.fma(y3, a23);
            wt = FloatVector.broadcast(S, w[wc + 3 * taps + t]);
            a30 = wt.fma(y0, a30);
            a31 = wt.fma(y1, a31);
            a32 = wt.fma(y2, a32);
            a33 = wt.fma(y3, a33);
        }
        int o0 = outAt(s, perRow, width), o1 = outAt(s + 1, perRow, width);
        int o2 = outAt(s + 2, perRow, width), o3 = outAt(s + 3, perRow, width);
        int c0 = oc;
        a00.intoArray(out, c0 + o0);
        a01.intoArray(out, c0 + o1);
        a02.intoArray(out, c0 + o2);
        a03.intoArray(out, c0 + o3);
        int c1 = oc + plane;
        a10.intoArray(out, c1 + o0);
        a11.intoArray(out, c1 + o1);
        a12.intoArray(out, c1 + o2);
        a13.intoArray(out, c1 + o3);
        int c2 = oc + 2 * plane;
        a20.intoArray(out, c2 + o0);
        a21.intoArray(out, c2 + o1);
        a22.intoArray(out, c2 + o2);
        a23.intoArray(out, c2 + o3);
        int c3 = oc + 3 * plane;
        a30.intoArray(out, c3 + o0);
        a31.intoArray(out, c3 + o1);
        a32.intoArray(out, c3 + o2);
        a33.intoArray(out, c3 + o3);
    }

    /** Row vectors [from, count) of one channel, whose outputs start at oc. */
    private static void oneChannelSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float bias,
                                       float[] out, int oc, int perRow, int width, int from, int count) {
        for (int s = from; s < count; s++) {
            int xs = xOff + xAt(s, perRow, width, xStride);
            FloatVector a = FloatVector.broadcast(S, bias);
            for (int t = 0; t < shifts.length; t++) {
                a = FloatVector.broadcast(S, w[wOff + t]).fma(FloatVector.fromArray(S, x, xs + shifts[t]), a);
            }
            a.intoArray(out, oc + outAt(s, perRow, width));
        }
    }

    /**
     * The row vectors of {@link #shiftedSums}, the repeated lanes of a row's last one zeroed in g so that
     * each product counts once. Four channels x three taps at a time (12 accumulators): each vector of x
     * loaded feeds four FMAs and each vector of g three. Every dot is one vector accumulator over the
     * row vectors in order, then its lanes, whichever block computes it. As in {@link #shiftedSums}, the
     * public method holds no vector code and each vector loop is flat: on JDK 17, vectors carried round
     * a nested loop, or in vector code inlined into the entry point, were boxed (a megabyte per call).
     */
    static void shiftedDots(float[] g, int gOff, int channels, float[] x, int xOff, int xStride, int[] shifts,
                            float[] dots, int dotsOff, int rows, int width) {
        Checks.shiftedDots(g, gOff, channels, x, xOff, xStride, shifts, dots, dotsOff, rows, width);
        if (width < L) {
            ScalarKernels.INSTANCE.shiftedDots(g, gOff, channels, x, xOff, xStride, shifts, dots, dotsOff, rows,
                    width);
            return;
        }
        int taps = shifts.length, plane = rows * width, c = 0;
        for (; c + 4 <= channels; c += 4) {
            int t = 0;
            for (; t + 3 <= taps; t += 3) {
                fourChannelsThreeTaps(g, gOff + c * plane, plane, x, xOff, xStride, shifts, t, dots,
                        dotsOff + c * taps + t, taps, rows, width);
            }
            for (int ch = c; ch < c + 4; ch++) {
                oneChannelDots(g, gOff + ch * plane, x, xOff, xStride, shifts, t, dots, dotsOff + ch * taps, rows,
                        width);
            }
        }
        for (; c < channels; c++) {
            oneChannelDots(g, gOff + c * plane, x, xOff, xStride, shifts, 0, dots, dotsOff + c * taps, rows, width);
        }
    }

    /** Taps [from, T) of one channel whose g rows start at gc, each its own Σ g·x over the row vectors. */
    private static void oneChannelDots(float[] g, int gc, float[] x, int xOff, int xStride, int[] shifts, int from,
                                       float[] dots, int dc, int rows, int width) {
        int count = rows * ((width + L - 1) / L);
        for (int t = from; t < shifts.length; t++) {
            FloatVector acc = FloatVector.zero(S);
            for (int s = 0, r = 0, j = 0; s < count; s++, j += L) {
                if (j >= width) {
                    r++;
                    j = 0;
                }
                int at = Math.min(j, width - L);
                VectorMask<Float> fresh = LANE_INDEX.compare(VectorOperators.GE, (float) (j - at));
                FloatVector gv = ZERO.blend(FloatVector.fromArray(S, g, gc + r * width + at), fresh);
                acc = gv.fma(FloatVector.fromArray(S, x, xOff + shifts[t] + r * xStride + at), acc);
            }
            dots[dc + t] += acc.reduceLanes(VectorOperators.ADD);
        }
    }

    /** Taps [t, t + 3) of four channels whose g planes start at gc; their dots at dc, channels {@code taps} apart. */
    private static void fourChannelsThreeTaps(float[] g, int gc, int plane, float[] x, int xOff, int xStride,
                                              int[] shifts, int t, float[] dots, int dc, int taps, int rows,
                                              int width) {
        int x0 = xOff + shifts[t], x1 = xOff + shifts[t + 1], x2 = xOff + shifts[t + 2];
        FloatVector a00 = FloatVector.zero(S), a01 = a00, a02 = a00;
        FloatVector a10 = FloatVector.zero(S), a11 = a10, a12 = a10;
        FloatVector a20 = FloatVector.zero(S), a21 = a20, a22 = a20;
        FloatVector a30 = FloatVector.zero(S), a31 = a30, a32 = a30;
        // one flat loop over the row vectors: vectors carried round a nested loop get boxed on JDK 17
        int perRow = (width + L - 1) / L, count = rows * perRow;
        for (int s = 0, r = 0, j = 0; s < count; s++, j += L) {
            if (j >= width) {
                r++;
                j = 0;
            }
            int at = Math.min(j, width - L), xs = r * xStride + at, gs = gc + r * width + at;
            VectorMask<Float> fresh = LANE_INDEX.compare(VectorOperators.GE, (float) (j - at));
            FloatVector y0 = FloatVector.fromArray(S, x, x0 + xs), y1 = FloatVector.fromArray(S, x, x1 + xs);
            FloatVector y2 = FloatVector.fromArray(S, x, x2 + xs);
            FloatVector gv = ZERO.blend(FloatVector.fromArray(S, g, gs), fresh);
            a00 = gv.fma(y0, a00);
            a01 = gv.fma(y1, a01);
            a02 = gv.fma(y2, a02);
            gv = ZERO.blend(FloatVector.fromArray(S, g, gs + plane), fresh);
            a10 = gv.fma(y0, a10);
            a11 = gv.fma(y1, a11);
            a12 = gv.fma(y2, a12);
            gv = ZERO.blend(FloatVector.fromArray(S, g, gs + 2 * plane), fresh);
            a20 = gv.fma(y0, a20);
            a21 = gv.fma(y1, a21);
            a22 = gv.fma(y2, a22);
            gv = ZERO.blend(FloatVector.fromArray(S, g, gs + 3 * plane), fresh);
            a30 = gv.fma(y0, a30);
            a31 = gv.fma(y1, a31);
            a32 = gv.fma(y2, a32);
        }
        dots[dc] += a00.reduceLanes(VectorOperators.ADD);
        dots[dc + 1] += a01.reduceLanes(VectorOperators.ADD);
        dots[dc + 2] += a02.reduceLanes(VectorOperators.ADD);
        dots[dc + taps] += a10.reduceLanes(VectorOperators.ADD);
        dots[dc + taps + 1] += a11.reduceLanes(VectorOperators.ADD);
        dots[dc + taps + 2] += a12.reduceLanes(VectorOperators.ADD);
        dots[dc + 2 * taps] += a20.reduceLanes(VectorOperators.ADD);
        dots[dc + 2 * taps + 1] += a21.reduceLanes(VectorOperators.ADD);
        dots[dc + 2 * taps + 2] += a22.reduceLanes(VectorOperators.ADD);
        dots[dc + 3 * taps] += a30.reduceLanes(VectorOperators.ADD);
        dots[dc + 3 * taps + 1] += a31.reduceLanes(VectorOperators.ADD);
        dots[dc + 3 * taps + 2] += a32.reduceLanes(VectorOperators.ADD);
    }
}
