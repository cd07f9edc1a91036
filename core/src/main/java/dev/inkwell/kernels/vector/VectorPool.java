package dev.inkwell.kernels.vector;

import dev.inkwell.kernels.PoolKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

import static dev.inkwell.kernels.vector.VectorLanes.S;
import static dev.inkwell.kernels.vector.VectorLanes.L;
import static dev.inkwell.kernels.vector.VectorLanes.LANE_INDEX;

/** 2x2 max pooling on vectors, (C, H, W) and channels-last, with argmax. */
final class VectorPool {
    /** Lanes 0, 2, ..., L - 2 first: a row pair's windows. */
    private static final VectorShuffle<Float> EVENS_FIRST = VectorShuffle.fromOp(S, i -> 2 * i % L);
    /**
     * 2^23: a float in [2^23, 2^24) holds the integer part in its low mantissa bits, so an integral
     * position p < 2^23 becomes an int by adding this, reading the bits and subtracting this one's bits.
     */
    private static final float EXACT_POSITIONS = 1 << 23;

    private VectorPool() {
    }

    /**
     * A vector of columns of a row pair at a time, every lane a window's corner: the neighbours come
     * from loads one column and one row on, and the winner of each pair, then of the two rows, from
     * comparisons and blends instead of branches (which of four activations wins is a coin toss,
     * mispredicted half the time). A shuffle moves the even lanes, the windows, to the front, and the
     * whole vector is stored: the lanes past the block's windows are overwritten by the next block, so
     * only a block whose store would pass the call's output goes one window at a time. Positions are
     * computed as floats and turned into ints through the float bits of position + 2^23. A block may
     * run past its row (a row of 13 windows takes two blocks); lanes past it read the next rows and are
     * dropped. A block holding a NaN, or that would read past the array, also goes one window at a time.
     * Without argmax the maxima alone are Math.max's, NaN included. One species throughout: mixing
     * vector sizes in one JVM turns the Vector API's shared code megamorphic and ten times slower.
     */
    static void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] out, int outOff, int[] argmax,
                           int argOff) {
        if ((long) h * w > EXACT_POSITIONS) {
            PoolKernels.max2x2(x, xOff, planes, h, w, out, outOff, argmax, argOff);
            return;
        }
        int oh = h / 2, ow = w / 2, total = planes * oh * ow;
        for (int pl = 0; pl < planes; pl++) {
            int in = xOff + pl * h * w;
            int o = pl * oh * ow; // this call's window index
            for (int y = 0; y < oh; y++) {
                int r0 = 2 * y * w;
                for (int j = 0; j < 2 * ow; j += L) {
                    int at = in + r0 + j, windows = Math.min(L, 2 * ow - j) / 2;
                    if (at + w + 1 + L > x.length || o + L > total) {
                        scalarWindows(x, in, r0 + j, w, windows, out, outOff + o, argmax, argOff + o);
                    } else {
                        vectorWindows(x, in, r0 + j, w, windows, out, outOff + o, argmax, argOff + o);
                    }
                    o += windows;
                }
            }
        }
    }

    /** One block of {@link #maxPool2x2}: its windows, the first with its corner at p0 of the plane at in. */
    private static void vectorWindows(float[] x, int in, int p0, int w, int windows, float[] out, int o, int[] argmax,
                                      int ao) {
        int at = in + p0;
        FloatVector a = FloatVector.fromArray(S, x, at), b = FloatVector.fromArray(S, x, at + 1);
        FloatVector c = FloatVector.fromArray(S, x, at + w), d = FloatVector.fromArray(S, x, at + w + 1);
        FloatVector sum = a.add(b).add(c.add(d)); // NaN where a window holds one (or inf - inf: still right)
        if (argmax == null) {
            a.max(b).max(c.max(d)).rearrange(EVENS_FIRST).intoArray(out, o);
        } else if (sum.compare(VectorOperators.NE, sum).anyTrue()) {
            scalarWindows(x, in, p0, w, windows, out, o, argmax, ao);
        } else {
            VectorMask<Float> bWins = b.compare(VectorOperators.GT, a);
            VectorMask<Float> dWins = d.compare(VectorOperators.GT, c);
            FloatVector top = a.blend(b, bWins), bottom = c.blend(d, dWins);
            VectorMask<Float> bottomWins = bottom.compare(VectorOperators.GT, top);
            top.blend(bottom, bottomWins).rearrange(EVENS_FIRST).intoArray(out, o);
            FloatVector offset = FloatVector.zero(S).blend(1f, bWins)
                    .blend(FloatVector.broadcast(S, w).blend(w + 1f, dWins), bottomWins);
            offset.add(LANE_INDEX).add(p0 + EXACT_POSITIONS).rearrange(EVENS_FIRST)
                    .viewAsIntegralLanes().sub(Float.floatToRawIntBits(EXACT_POSITIONS)).intoArray(argmax, ao);
        }
    }

    /**
     * The channels-last form: each window's four pixels are four loads of L channels side by side, and
     * their maxima and argmax are stored as they are (no lanes to gather). Winner, NaN and ±0 rules as
     * {@link #maxPool2x2}; channels past the last whole vector go one window at a time.
     */
    static void maxPool2x2ChannelsLast(float[] x, int xOff, int channels, int h, int w, float[] out, int outOff,
                                       int[] argmax, int argOff) {
        int oh = h / 2, ow = w / 2, cFull = (long) h * w > EXACT_POSITIONS ? 0 : channels - channels % L;
        for (int o = 0; o < oh * ow; o++) {
            int p0 = 2 * (o / ow) * w + 2 * (o % ow);
            for (int c = 0; c < cFull; c += L) {
                int at = o * channels + c;
                channelWindows(x, xOff + c, p0, w, channels, out, outOff + at, argmax, argOff + at);
            }
            for (int c = cFull; c < channels; c++) {
                int at = o * channels + c;
                PoolKernels.max2x2Window(x, xOff + c, p0, w, channels, out, outOff + at, argmax, argOff + at);
            }
        }
    }

    /** L channels of one {@link #maxPool2x2ChannelsLast} window, its corner at position p0 of the image at in. */
    private static void channelWindows(float[] x, int in, int p0, int w, int channels, float[] out, int o,
                                       int[] argmax, int ao) {
        FloatVector a = FloatVector.fromArray(S, x, in + p0 * channels);
        FloatVector b = FloatVector.fromArray(S, x, in + (p0 + 1) * channels);
        FloatVector c = FloatVector.fromArray(S, x, in + (p0 + w) * channels);
        FloatVector d = FloatVector.fromArray(S, x, in + (p0 + w + 1) * channels);
        FloatVector sum = a.add(b).add(c.add(d)); // NaN where a window holds one
        if (argmax == null) {
            a.max(b).max(c.max(d)).intoArray(out, o);
        } else if (sum.compare(VectorOperators.NE, sum).anyTrue()) {
            for (int k = 0; k < L; k++) {
                PoolKernels.max2x2Window(x, in + k, p0, w, channels, out, o + k, argmax, ao + k);
            }
        } else {
            VectorMask<Float> bWins = b.compare(VectorOperators.GT, a);
            VectorMask<Float> dWins = d.compare(VectorOperators.GT, c);
            FloatVector top = a.blend(b, bWins), bottom = c.blend(d, dWins);
            VectorMask<Float> bottomWins = bottom.compare(VectorOperators.GT, top);
            top.blend(bottom, bottomWins).intoArray(out, o);
            FloatVector offset = FloatVector.zero(S).blend(1f, bWins)
                    .blend(FloatVector.broadcast(S, w).blend(w + 1f, dWins), bottomWins);
            offset.add(p0 + EXACT_POSITIONS).viewAsIntegralLanes().sub(Float.floatToRawIntBits(EXACT_POSITIONS))
                    .intoArray(argmax, ao);
        }
    }

    private static void scalarWindows(float[] x, int in, int p0, int w, int windows, float[] out, int o, int[] argmax,
                                      int ao) {
        for (int k = 0; k < windows; k++) {
            PoolKernels.max2x2Window(x, in, p0 + 2 * k, w, 1, out, o + k, argmax, ao + k);
        }
    }
}
