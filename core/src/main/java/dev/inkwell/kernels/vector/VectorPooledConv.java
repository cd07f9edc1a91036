package dev.inkwell.kernels.vector;

import dev.inkwell.kernels.Checks;
import jdk.incubator.vector.FloatVector;

import static dev.inkwell.kernels.vector.VectorLanes.L;
import static dev.inkwell.kernels.vector.VectorLanes.S;

/**
 * Inference's convolution + bias + ReLU + 2x2 max pooling as one implicit matrix product: each pooling
 * window's four convolution outputs are four rows of the product, read straight from the channels-last
 * image (no unfolded copy), and only the outputs the pooling reads are computed (NetS conv2: 100 of 121).
 * A window is four rows x up to four vectors of output channels held in registers over all K = taps·Cin
 * products, then reduced by max, rectified and stored: the convolution's output never reaches memory.
 *
 * <p>The weights are packed in strips of output channels, 4L, then 2L, then L wide (Cout rounded up to
 * whole vectors, zeros past Cout), each strip K + 1 rows (the bias last), so that a strip's rows are a
 * constant step apart and the JIT hoists the bounds checks out of the product loop.
 */
final class VectorPooledConv {
    private static final int QUAD = 4 * L;
    private static final int PAIR = 2 * L;

    /** Per thread: the outputs of a strip that ends past Cout, before their lanes up to Cout are copied out. */
    private static final ThreadLocal<float[]> PARTIAL = ThreadLocal.withInitial(() -> new float[QUAD]);

    private VectorPooledConv() {
    }

    static int packedSize(int k, int cout) {
        return (k + 2) * padded(cout);
    }

    private static int padded(int cout) {
        return (cout + L - 1) / L * L;
    }

    /** The width of the strip starting at channel c0 of {@code padded} channels. */
    private static int stripWidth(int c0, int padded) {
        int rest = padded - c0;
        return rest >= QUAD ? QUAD : rest >= PAIR ? PAIR : L;
    }

    static void pack(float[] w, int wOff, float[] bias, int biasOff, int cout, int cin, int taps, float[] packed) {
        int k = taps * cin, cp = padded(cout);
        Checks.range("packConvWeights w", w, wOff, cout * k);
        Checks.range("packConvWeights packed", packed, 0, (k + 2) * cp);
        for (int c0 = 0; c0 < cp; c0 += stripWidth(c0, cp)) {
            int width = stripWidth(c0, cp), strip = c0 * (k + 2);
            for (int j = 0; j < width; j++) {
                int co = c0 + j;
                for (int ci = 0; ci < cin; ci++) {
                    for (int t = 0; t < taps; t++) {
                        packed[strip + (t * cin + ci) * width + j] = co < cout ? w[wOff + (co * cin + ci) * taps + t] : 0f;
                    }
                }
                packed[strip + k * width + j] = co < cout && bias != null ? bias[biasOff + co] : 0f;
                packed[strip + (k + 1) * width + j] = 0f;
            }
        }
    }

    static void pooledConv(float[] x, int xOff, int pixelStride, int rowStride, int[] offsets, float[] packed,
                           int cout, boolean biasFirst, boolean relu, float[] y, int yOff, int pooledHeight,
                           int pooledWidth) {
        int k = offsets.length, cp = padded(cout), windows = pooledHeight * pooledWidth;
        Checks.pooledConv(x, xOff, pixelStride, rowStride, offsets, packed, packedSize(k, cout), cout, y, yOff,
                pooledHeight, pooledWidth);
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        float[] partial = PARTIAL.get();
        for (int c0 = 0; c0 < cp; c0 += stripWidth(c0, cp)) {
            int strip = c0 * (k + 2), width = stripWidth(c0, cp), valid = Math.min(cout - c0, width);
            // narrower strips take several windows at a time, to keep 16 accumulators busy; a last group
            // short of windows repeats its last one (the same values stored twice)
            int group = QUAD / width;
            // the strip that holds the last channels of a Cout short of whole vectors is stored through a
            // scratch row, its lanes up to Cout copied out (masked stores allocated a mask per call on JDK 17)
            float[] dst = valid < width ? partial : y;
            for (int q = 0; q < windows; q += group) {
                int q1 = Math.min(q + 1, windows - 1), q2 = Math.min(q + 2, windows - 1);
                int q3 = Math.min(q + 3, windows - 1);
                int o0 = dst == y ? yOff + q * cout + c0 : 0, o1 = dst == y ? yOff + q1 * cout + c0 : width;
                int o2 = dst == y ? yOff + q2 * cout + c0 : 2 * width, o3 = dst == y ? yOff + q3 * cout + c0 : 3 * width;
                int w0 = window(xOff, pixelStride, rowStride, pooledWidth, q);
                int w1 = window(xOff, pixelStride, rowStride, pooledWidth, q1);
                if (width == QUAD) {
                    fourVectors(x, w0, pixelStride, rowStride, offsets, packed, strip, k, biasFirst, floor, dst, o0);
                } else if (width == PAIR) {
                    twoWindowsTwoVectors(x, w0, w1, pixelStride, rowStride, offsets, packed, strip, k, biasFirst,
                            floor, dst, o0, o1);
                } else {
                    fourWindowsOneVector(x, w0, w1, window(xOff, pixelStride, rowStride, pooledWidth, q2),
                            window(xOff, pixelStride, rowStride, pooledWidth, q3), pixelStride, rowStride, offsets,
                            packed, strip, k, biasFirst, floor, dst, o0, o1, o2, o3);
                }
                if (dst == partial) {
                    for (int g = 0, qg = q; g < group && qg < windows; g++, qg++) {
                        System.arraycopy(partial, g * width, y, yOff + qg * cout + c0, valid);
                    }
                }
            }
        }
    }

    /** The first input pixel of pooling window q (row-major over the pooled image). */
    private static int window(int xOff, int pixelStride, int rowStride, int pooledWidth, int q) {
        return xOff + 2 * (q / pooledWidth) * rowStride + 2 * (q % pooledWidth) * pixelStride;
    }

    /**
     * One window x four vectors of channels: 16 accumulators, four weight vectors and a broadcast. The
     * window's pixel (a, b) is at window + a·rowStride + b·pixelStride, and weight row p multiplies the
     * value offsets[p] past it. One flat loop over p: with the taps and channels as two nested loops, JDK
     * 17 kept the accumulators boxed (a GC every few milliseconds, a tenth of the speed).
     */
    private static void fourVectors(float[] x, int window, int pixelStride, int rowStride, int[] offsets, float[] w,
                                    int strip, int k, boolean biasFirst, float floor, float[] y, int out) {
        int first = strip + (biasFirst ? k : k + 1) * QUAD, last = strip + (biasFirst ? k + 1 : k) * QUAD;
        FloatVector s00 = FloatVector.fromArray(S, w, first), s01 = FloatVector.fromArray(S, w, first + L);
        FloatVector s02 = FloatVector.fromArray(S, w, first + 2 * L), s03 = FloatVector.fromArray(S, w, first + 3 * L);
        FloatVector s10 = s00, s11 = s01, s12 = s02, s13 = s03;
        FloatVector s20 = s00, s21 = s01, s22 = s02, s23 = s03;
        FloatVector s30 = s00, s31 = s01, s32 = s02, s33 = s03;
        for (int p = 0; p < k; p++) {
            int a0 = window + offsets[p], a1 = a0 + pixelStride, a2 = a0 + rowStride, a3 = a2 + pixelStride;
            int wp = strip + p * QUAD;
            {
                FloatVector w0 = FloatVector.fromArray(S, w, wp), w1 = FloatVector.fromArray(S, w, wp + L);
                FloatVector w2 = FloatVector.fromArray(S, w, wp + 2 * L), w3 = FloatVector.fromArray(S, w, wp + 3 * L);
                FloatVector v = FloatVector.broadcast(S, x[a0]);
                s00 = w0.fma(v, s00);
                s01 = w1.fma(v, s01);
                s02 = w2.fma(v, s02);
                s03 = w3.fma(v, s03);
                v = FloatVector.broadcast(S, x[a1]);
                s10 = w0.fma(v, s10);
                s11 = w1.fma(v, s11);
                s12 = w2.fma(v, s12);
                s13 = w3.fma(v, s13);
                v = FloatVector.broadcast(S, x[a2]);
                s20 = w0.fma(v, s20);
                s21 = w1.fma(v, s21);
                s22 = w2.fma(v, s22);
                s23 = w3.fma(v, s23);
                v = FloatVector.broadcast(S, x[a3]);
                s30 = w0.fma(v, s30);
                s31 = w1.fma(v, s31);
                s32 = w2.fma(v, s32);
                s33 = w3.fma(v, s33);
            }
        }
        FloatVector b0 = FloatVector.fromArray(S, w, last), b1 = FloatVector.fromArray(S, w, last + L);
        FloatVector b2 = FloatVector.fromArray(S, w, last + 2 * L), b3 = FloatVector.fromArray(S, w, last + 3 * L);
        FloatVector m0 = s00.add(b0).max(s10.add(b0)).max(s20.add(b0).max(s30.add(b0))).max(floor);
        FloatVector m1 = s01.add(b1).max(s11.add(b1)).max(s21.add(b1).max(s31.add(b1))).max(floor);
        FloatVector m2 = s02.add(b2).max(s12.add(b2)).max(s22.add(b2).max(s32.add(b2))).max(floor);
        FloatVector m3 = s03.add(b3).max(s13.add(b3)).max(s23.add(b3).max(s33.add(b3))).max(floor);
        m0.intoArray(y, out);
        m1.intoArray(y, out + L);
        m2.intoArray(y, out + 2 * L);
        m3.intoArray(y, out + 3 * L);
    }

    /** {@link #fourVectors} for a strip two vectors wide, two windows (at w0 and w1) at a time. */
    private static void twoWindowsTwoVectors(float[] x, int w0, int w1, int pixelStride, int rowStride, int[] offsets,
                                             float[] w, int strip, int k, boolean biasFirst, float floor, float[] y,
                                             int out0, int out1) {
        int first = strip + (biasFirst ? k : k + 1) * PAIR, last = strip + (biasFirst ? k + 1 : k) * PAIR;
        FloatVector s00 = FloatVector.fromArray(S, w, first), s01 = FloatVector.fromArray(S, w, first + L);
        FloatVector s10 = s00, s11 = s01, s20 = s00, s21 = s01, s30 = s00, s31 = s01;
        FloatVector t00 = s00, t01 = s01, t10 = s00, t11 = s01, t20 = s00, t21 = s01, t30 = s00, t31 = s01;
        for (int p = 0; p < k; p++) {
            int a0 = w0 + offsets[p], a1 = a0 + pixelStride, a2 = a0 + rowStride, a3 = a2 + pixelStride;
            int b0 = w1 + offsets[p], b1 = b0 + pixelStride, b2 = b0 + rowStride, b3 = b2 + pixelStride;
            int wp = strip + p * PAIR;
            FloatVector v0 = FloatVector.fromArray(S, w, wp), v1 = FloatVector.fromArray(S, w, wp + L);
            FloatVector v = FloatVector.broadcast(S, x[a0]);
            s00 = v0.fma(v, s00);
            s01 = v1.fma(v, s01);
            v = FloatVector.broadcast(S, x[a1]);
            s10 = v0.fma(v, s10);
            s11 = v1.fma(v, s11);
            v = FloatVector.broadcast(S, x[a2]);
            s20 = v0.fma(v, s20);
            s21 = v1.fma(v, s21);
            v = FloatVector.broadcast(S, x[a3]);
            s30 = v0.fma(v, s30);
            s31 = v1.fma(v, s31);
            v = FloatVector.broadcast(S, x[b0]);
            t00 = v0.fma(v, t00);
            t01 = v1.fma(v, t01);
            v = FloatVector.broadcast(S, x[b1]);
            t10 = v0.fma(v, t10);
            t11 = v1.fma(v, t11);
            v = FloatVector.broadcast(S, x[b2]);
            t20 = v0.fma(v, t20);
            t21 = v1.fma(v, t21);
            v = FloatVector.broadcast(S, x[b3]);
            t30 = v0.fma(v, t30);
            t31 = v1.fma(v, t31);
        }
        FloatVector c0 = FloatVector.fromArray(S, w, last), c1 = FloatVector.fromArray(S, w, last + L);
        FloatVector m0 = s00.add(c0).max(s10.add(c0)).max(s20.add(c0).max(s30.add(c0))).max(floor);
        FloatVector m1 = s01.add(c1).max(s11.add(c1)).max(s21.add(c1).max(s31.add(c1))).max(floor);
        FloatVector n0 = t00.add(c0).max(t10.add(c0)).max(t20.add(c0).max(t30.add(c0))).max(floor);
        FloatVector n1 = t01.add(c1).max(t11.add(c1)).max(t21.add(c1).max(t31.add(c1))).max(floor);
        m0.intoArray(y, out0);
        m1.intoArray(y, out0 + L);
        n0.intoArray(y, out1);
        n1.intoArray(y, out1 + L);
    }

    /** {@link #fourVectors} for a strip one vector wide, four windows (at w0 to w3) at a time. */
    private static void fourWindowsOneVector(float[] x, int w0, int w1, int w2, int w3, int pixelStride, int rowStride,
                                             int[] offsets, float[] w, int strip, int k, boolean biasFirst,
                                             float floor, float[] y, int out0, int out1, int out2, int out3) {
        int first = strip + (biasFirst ? k : k + 1) * L, last = strip + (biasFirst ? k + 1 : k) * L;
        FloatVector s0 = FloatVector.fromArray(S, w, first), s1 = s0, s2 = s0, s3 = s0;
        FloatVector t0 = s0, t1 = s0, t2 = s0, t3 = s0, u0 = s0, u1 = s0, u2 = s0, u3 = s0;
        FloatVector r0 = s0, r1 = s0, r2 = s0, r3 = s0;
        int d1 = pixelStride, d2 = rowStride, d3 = rowStride + pixelStride;
        for (int p = 0; p < k; p++) {
            int off = offsets[p], a = w0 + off, b = w1 + off, c = w2 + off, d = w3 + off;
            FloatVector v = FloatVector.fromArray(S, w, strip + p * L);
            s0 = v.fma(FloatVector.broadcast(S, x[a]), s0);
            s1 = v.fma(FloatVector.broadcast(S, x[a + d1]), s1);
            s2 = v.fma(FloatVector.broadcast(S, x[a + d2]), s2);
            s3 = v.fma(FloatVector.broadcast(S, x[a + d3]), s3);
            t0 = v.fma(FloatVector.broadcast(S, x[b]), t0);
            t1 = v.fma(FloatVector.broadcast(S, x[b + d1]), t1);
            t2 = v.fma(FloatVector.broadcast(S, x[b + d2]), t2);
            t3 = v.fma(FloatVector.broadcast(S, x[b + d3]), t3);
            u0 = v.fma(FloatVector.broadcast(S, x[c]), u0);
            u1 = v.fma(FloatVector.broadcast(S, x[c + d1]), u1);
            u2 = v.fma(FloatVector.broadcast(S, x[c + d2]), u2);
            u3 = v.fma(FloatVector.broadcast(S, x[c + d3]), u3);
            r0 = v.fma(FloatVector.broadcast(S, x[d]), r0);
            r1 = v.fma(FloatVector.broadcast(S, x[d + d1]), r1);
            r2 = v.fma(FloatVector.broadcast(S, x[d + d2]), r2);
            r3 = v.fma(FloatVector.broadcast(S, x[d + d3]), r3);
        }
        FloatVector bias = FloatVector.fromArray(S, w, last);
        FloatVector m0 = s0.add(bias).max(s1.add(bias)).max(s2.add(bias).max(s3.add(bias))).max(floor);
        FloatVector m1 = t0.add(bias).max(t1.add(bias)).max(t2.add(bias).max(t3.add(bias))).max(floor);
        FloatVector m2 = u0.add(bias).max(u1.add(bias)).max(u2.add(bias).max(u3.add(bias))).max(floor);
        FloatVector m3 = r0.add(bias).max(r1.add(bias)).max(r2.add(bias).max(r3.add(bias))).max(floor);
        m0.intoArray(y, out0);
        m1.intoArray(y, out1);
        m2.intoArray(y, out2);
        m3.intoArray(y, out3);
    }
}
