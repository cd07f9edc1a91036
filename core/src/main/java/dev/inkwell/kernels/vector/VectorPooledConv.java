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
    /** A strip's rows after its K weight rows: the bias, zeros, then the norm's mean, 1/std, γ and β. */
    private static final int ROWS_AFTER_WEIGHTS = 6;
    private static final ThreadLocal<float[]> PARTIAL = ThreadLocal.withInitial(() -> new float[QUAD]);

    private VectorPooledConv() {
    }

    static int packedSize(int k, int cout) {
        return (k + ROWS_AFTER_WEIGHTS) * padded(cout);
    }

    private static int padded(int cout) {
        return (cout + L - 1) / L * L;
    }

    /** The width of the strip starting at channel c0 of {@code padded} channels. */
    private static int stripWidth(int c0, int padded) {
        int rest = padded - c0;
        return rest >= QUAD ? QUAD : rest >= PAIR ? PAIR : L;
    }

    static void pack(float[] w, int wOff, float[] bias, int biasOff, float[] norm, int cout, int cin, int taps,
                     float[] packed) {
        int k = taps * cin, cp = padded(cout), rows = k + ROWS_AFTER_WEIGHTS;
        Checks.packConvWeights(w, wOff, bias, biasOff, norm, cout, k, packed, packedSize(k, cout));
        for (int c0 = 0; c0 < cp; c0 += stripWidth(c0, cp)) {
            int width = stripWidth(c0, cp), strip = c0 * rows;
            for (int j = 0; j < width; j++) {
                int co = c0 + j;
                for (int ci = 0; ci < cin; ci++) {
                    for (int t = 0; t < taps; t++) {
                        packed[strip + (t * cin + ci) * width + j] = co < cout ? w[wOff + (co * cin + ci) * taps + t] : 0f;
                    }
                }
                packed[strip + k * width + j] = co < cout && bias != null ? bias[biasOff + co] : 0f;
                packed[strip + (k + 1) * width + j] = 0f;
                for (int r = 0; r < 4; r++) { // without a norm (or past Cout), the identity: mean 0, 1/std 1, γ 1, β 0
                    packed[strip + (k + 2 + r) * width + j] = norm != null && co < cout ? norm[r * cout + co]
                            : r == 1 || r == 2 ? 1f : 0f;
                }
            }
        }
    }

    static void pooledConv(float[] x, int xOff, int pixelStride, int rowStride, int[] offsets, float[] packed,
                           int cout, boolean biasFirst, boolean normalize, boolean relu, float[] y, int yOff,
                           int pooledHeight, int pooledWidth) {
        int k = offsets.length, cp = padded(cout), windows = pooledHeight * pooledWidth;
        Checks.pooledConv(x, xOff, pixelStride, rowStride, offsets, packed, packedSize(k, cout), cout, y, yOff,
                pooledHeight, pooledWidth);
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        float[] partial = PARTIAL.get();
        for (int c0 = 0; c0 < cp; c0 += stripWidth(c0, cp)) {
            int strip = c0 * (k + ROWS_AFTER_WEIGHTS), width = stripWidth(c0, cp), valid = Math.min(cout - c0, width);
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
                    fourVectors(x, w0, pixelStride, rowStride, offsets, packed, strip, k, biasFirst, normalize, floor, dst,
                            o0);
                } else if (width == PAIR) {
                    twoWindowsTwoVectors(x, w0, w1, pixelStride, rowStride, offsets, packed, strip, k, biasFirst,
                            normalize, floor, dst, o0, o1);
                } else {
                    fourWindowsOneVector(x, w0, w1, window(xOff, pixelStride, rowStride, pooledWidth, q2),
                            window(xOff, pixelStride, rowStride, pooledWidth, q3), pixelStride, rowStride, offsets,
                            packed, strip, k, biasFirst, normalize, floor, dst, o0, o1, o2, o3);
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
                                    int strip, int k, boolean biasFirst, boolean normalize, float floor, float[] y,
                                    int out) {
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
        FloatVector b0 = FloatVector.fromArray(S, w, last);
        FloatVector b1 = FloatVector.fromArray(S, w, last + L);
        FloatVector b2 = FloatVector.fromArray(S, w, last + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, w, last + 3 * L);
        s00 = s00.add(b0);
        s10 = s10.add(b0);
        s20 = s20.add(b0);
        s30 = s30.add(b0);
        s01 = s01.add(b1);
        s11 = s11.add(b1);
        s21 = s21.add(b1);
        s31 = s31.add(b1);
        s02 = s02.add(b2);
        s12 = s12.add(b2);
        s22 = s22.add(b2);
        s32 = s32.add(b2);
        s03 = s03.add(b3);
        s13 = s13.add(b3);
        s23 = s23.add(b3);
        s33 = s33.add(b3);
        if (normalize) { // the batch norm, as it evaluates: γ·((v - mean)·(1/std)) + β
            int mean = last + (biasFirst ? 1 : 2) * QUAD;
            FloatVector mu0 = FloatVector.fromArray(S, w, mean), in0 = FloatVector.fromArray(S, w, mean + QUAD);
            FloatVector g0 = FloatVector.fromArray(S, w, mean + 2 * QUAD), be0 = FloatVector.fromArray(S, w, mean + 3 * QUAD);
            FloatVector mu1 = FloatVector.fromArray(S, w, mean + L), in1 = FloatVector.fromArray(S, w, mean + QUAD + L);
            FloatVector g1 = FloatVector.fromArray(S, w, mean + 2 * QUAD + L), be1 = FloatVector.fromArray(S, w, mean + 3 * QUAD + L);
            FloatVector mu2 = FloatVector.fromArray(S, w, mean + 2 * L), in2 = FloatVector.fromArray(S, w, mean + QUAD + 2 * L);
            FloatVector g2 = FloatVector.fromArray(S, w, mean + 2 * QUAD + 2 * L), be2 = FloatVector.fromArray(S, w, mean + 3 * QUAD + 2 * L);
            FloatVector mu3 = FloatVector.fromArray(S, w, mean + 3 * L), in3 = FloatVector.fromArray(S, w, mean + QUAD + 3 * L);
            FloatVector g3 = FloatVector.fromArray(S, w, mean + 2 * QUAD + 3 * L), be3 = FloatVector.fromArray(S, w, mean + 3 * QUAD + 3 * L);
            s00 = s00.sub(mu0).mul(in0).mul(g0).add(be0);
            s10 = s10.sub(mu0).mul(in0).mul(g0).add(be0);
            s20 = s20.sub(mu0).mul(in0).mul(g0).add(be0);
            s30 = s30.sub(mu0).mul(in0).mul(g0).add(be0);
            s01 = s01.sub(mu1).mul(in1).mul(g1).add(be1);
            s11 = s11.sub(mu1).mul(in1).mul(g1).add(be1);
            s21 = s21.sub(mu1).mul(in1).mul(g1).add(be1);
            s31 = s31.sub(mu1).mul(in1).mul(g1).add(be1);
            s02 = s02.sub(mu2).mul(in2).mul(g2).add(be2);
            s12 = s12.sub(mu2).mul(in2).mul(g2).add(be2);
            s22 = s22.sub(mu2).mul(in2).mul(g2).add(be2);
            s32 = s32.sub(mu2).mul(in2).mul(g2).add(be2);
            s03 = s03.sub(mu3).mul(in3).mul(g3).add(be3);
            s13 = s13.sub(mu3).mul(in3).mul(g3).add(be3);
            s23 = s23.sub(mu3).mul(in3).mul(g3).add(be3);
            s33 = s33.sub(mu3).mul(in3).mul(g3).add(be3);
        }
        FloatVector m0 = s00.max(s10).max(s20.max(s30)).max(floor);
        FloatVector m1 = s01.max(s11).max(s21.max(s31)).max(floor);
        FloatVector m2 = s02.max(s12).max(s22.max(s32)).max(floor);
        FloatVector m3 = s03.max(s13).max(s23.max(s33)).max(floor);
        m0.intoArray(y, out);
        m1.intoArray(y, out + L);
        m2.intoArray(y, out + 2 * L);
        m3.intoArray(y, out + 3 * L);
    }

    /** {@link #fourVectors} for a strip two vectors wide, two windows (at w0 and w1) at a time. */
    private static void twoWindowsTwoVectors(float[] x, int w0, int w1, int pixelStride, int rowStride, int[] offsets,
                                             float[] w, int strip, int k, boolean biasFirst, boolean normalize,
                                             float floor, float[] y, int out0, int out1) {
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
        FloatVector b0 = FloatVector.fromArray(S, w, last);
        FloatVector b1 = FloatVector.fromArray(S, w, last + L);
        s00 = s00.add(b0);
        s10 = s10.add(b0);
        s20 = s20.add(b0);
        s30 = s30.add(b0);
        s01 = s01.add(b1);
        s11 = s11.add(b1);
        s21 = s21.add(b1);
        s31 = s31.add(b1);
        t00 = t00.add(b0);
        t10 = t10.add(b0);
        t20 = t20.add(b0);
        t30 = t30.add(b0);
        t01 = t01.add(b1);
        t11 = t11.add(b1);
        t21 = t21.add(b1);
        t31 = t31.add(b1);
        if (normalize) { // the batch norm, as it evaluates: γ·((v - mean)·(1/std)) + β
            int mean = last + (biasFirst ? 1 : 2) * PAIR;
            FloatVector mu0 = FloatVector.fromArray(S, w, mean), in0 = FloatVector.fromArray(S, w, mean + PAIR);
            FloatVector g0 = FloatVector.fromArray(S, w, mean + 2 * PAIR), be0 = FloatVector.fromArray(S, w, mean + 3 * PAIR);
            FloatVector mu1 = FloatVector.fromArray(S, w, mean + L), in1 = FloatVector.fromArray(S, w, mean + PAIR + L);
            FloatVector g1 = FloatVector.fromArray(S, w, mean + 2 * PAIR + L), be1 = FloatVector.fromArray(S, w, mean + 3 * PAIR + L);
            s00 = s00.sub(mu0).mul(in0).mul(g0).add(be0);
            s10 = s10.sub(mu0).mul(in0).mul(g0).add(be0);
            s20 = s20.sub(mu0).mul(in0).mul(g0).add(be0);
            s30 = s30.sub(mu0).mul(in0).mul(g0).add(be0);
            s01 = s01.sub(mu1).mul(in1).mul(g1).add(be1);
            s11 = s11.sub(mu1).mul(in1).mul(g1).add(be1);
            s21 = s21.sub(mu1).mul(in1).mul(g1).add(be1);
            s31 = s31.sub(mu1).mul(in1).mul(g1).add(be1);
            t00 = t00.sub(mu0).mul(in0).mul(g0).add(be0);
            t10 = t10.sub(mu0).mul(in0).mul(g0).add(be0);
            t20 = t20.sub(mu0).mul(in0).mul(g0).add(be0);
            t30 = t30.sub(mu0).mul(in0).mul(g0).add(be0);
            t01 = t01.sub(mu1).mul(in1).mul(g1).add(be1);
            t11 = t11.sub(mu1).mul(in1).mul(g1).add(be1);
            t21 = t21.sub(mu1).mul(in1).mul(g1).add(be1);
            t31 = t31.sub(mu1).mul(in1).mul(g1).add(be1);
        }
        FloatVector m0 = s00.max(s10).max(s20.max(s30)).max(floor);
        FloatVector m1 = s01.max(s11).max(s21.max(s31)).max(floor);
        FloatVector n0 = t00.max(t10).max(t20.max(t30)).max(floor);
        FloatVector n1 = t01.max(t11).max(t21.max(t31)).max(floor);
        m0.intoArray(y, out0);
        m1.intoArray(y, out0 + L);
        n0.intoArray(y, out1);
        n1.intoArray(y, out1 + L);
    }

    /** {@link #fourVectors} for a strip one vector wide, four windows (at w0 to w3) at a time. */
    private static void fourWindowsOneVector(float[] x, int w0, int w1, int w2, int w3, int pixelStride, int rowStride,
                                             int[] offsets, float[] w, int strip, int k, boolean biasFirst,
                                             boolean normalize, float floor, float[] y, int out0, int out1, int out2,
                                             int out3) {
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
        FloatVector b0 = FloatVector.fromArray(S, w, last);
        s0 = s0.add(b0);
        s1 = s1.add(b0);
        s2 = s2.add(b0);
        s3 = s3.add(b0);
        t0 = t0.add(b0);
        t1 = t1.add(b0);
        t2 = t2.add(b0);
        t3 = t3.add(b0);
        u0 = u0.add(b0);
        u1 = u1.add(b0);
        u2 = u2.add(b0);
        u3 = u3.add(b0);
        r0 = r0.add(b0);
        r1 = r1.add(b0);
        r2 = r2.add(b0);
        r3 = r3.add(b0);
        if (normalize) { // the batch norm, as it evaluates: γ·((v - mean)·(1/std)) + β
            int mean = last + (biasFirst ? 1 : 2) * L;
            FloatVector mu0 = FloatVector.fromArray(S, w, mean), in0 = FloatVector.fromArray(S, w, mean + L);
            FloatVector g0 = FloatVector.fromArray(S, w, mean + 2 * L), be0 = FloatVector.fromArray(S, w, mean + 3 * L);
            s0 = s0.sub(mu0).mul(in0).mul(g0).add(be0);
            s1 = s1.sub(mu0).mul(in0).mul(g0).add(be0);
            s2 = s2.sub(mu0).mul(in0).mul(g0).add(be0);
            s3 = s3.sub(mu0).mul(in0).mul(g0).add(be0);
            t0 = t0.sub(mu0).mul(in0).mul(g0).add(be0);
            t1 = t1.sub(mu0).mul(in0).mul(g0).add(be0);
            t2 = t2.sub(mu0).mul(in0).mul(g0).add(be0);
            t3 = t3.sub(mu0).mul(in0).mul(g0).add(be0);
            u0 = u0.sub(mu0).mul(in0).mul(g0).add(be0);
            u1 = u1.sub(mu0).mul(in0).mul(g0).add(be0);
            u2 = u2.sub(mu0).mul(in0).mul(g0).add(be0);
            u3 = u3.sub(mu0).mul(in0).mul(g0).add(be0);
            r0 = r0.sub(mu0).mul(in0).mul(g0).add(be0);
            r1 = r1.sub(mu0).mul(in0).mul(g0).add(be0);
            r2 = r2.sub(mu0).mul(in0).mul(g0).add(be0);
            r3 = r3.sub(mu0).mul(in0).mul(g0).add(be0);
        }
        FloatVector m0 = s0.max(s1).max(s2.max(s3)).max(floor);
        FloatVector m1 = t0.max(t1).max(t2.max(t3)).max(floor);
        FloatVector m2 = u0.max(u1).max(u2.max(u3)).max(floor);
        FloatVector m3 = r0.max(r1).max(r2.max(r3)).max(floor);
        m0.intoArray(y, out0);
        m1.intoArray(y, out1);
        m2.intoArray(y, out2);
        m3.intoArray(y, out3);
    }
}
