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
        int k = offsets.length, cp = padded(cout);
        Checks.pooledConv(x, xOff, pixelStride, rowStride, offsets, packed, packedSize(k, cout), cout, y, yOff,
                pooledHeight, pooledWidth);
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        for (int i = 0; i < pooledHeight; i++) {
            for (int j = 0; j < pooledWidth; j++) {
                int window = xOff + 2 * i * rowStride + 2 * j * pixelStride, out = yOff + (i * pooledWidth + j) * cout;
                for (int c0 = 0; c0 < cp; c0 += stripWidth(c0, cp)) {
                    int strip = c0 * (k + 2), valid = Math.min(cout - c0, QUAD), width = stripWidth(c0, cp);
                    if (width == QUAD) {
                        fourVectors(x, window, pixelStride, rowStride, offsets, packed, strip, k, biasFirst, floor, y,
                                out + c0, valid);
                    } else if (width == PAIR) {
                        twoVectors(x, window, pixelStride, rowStride, offsets, packed, strip, k, biasFirst, floor, y,
                                out + c0, valid);
                    } else {
                        oneVector(x, window, pixelStride, rowStride, offsets, packed, strip, k, biasFirst, floor, y,
                                out + c0, valid);
                    }
                }
            }
        }
    }

    /**
     * One window x four vectors of channels: 16 accumulators, four weight vectors and a broadcast. The
     * window's pixel (a, b) is at window + a·rowStride + b·pixelStride, and weight row p multiplies the
     * value offsets[p] past it. One flat loop over p: with the taps and channels as two nested loops, JDK
     * 17 kept the accumulators boxed (a GC every few milliseconds, a tenth of the speed).
     */
    private static void fourVectors(float[] x, int window, int pixelStride, int rowStride, int[] offsets, float[] w,
                                    int strip, int k, boolean biasFirst, float floor, float[] y, int out, int valid) {
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
        if (valid == QUAD) {
            m0.intoArray(y, out);
            m1.intoArray(y, out + L);
            m2.intoArray(y, out + 2 * L);
            m3.intoArray(y, out + 3 * L);
        } else { // the last strip of a Cout that is not whole vectors: the lanes past Cout are not stored
            m0.intoArray(y, out, S.indexInRange(0, valid));
            m1.intoArray(y, out + L, S.indexInRange(L, valid));
            m2.intoArray(y, out + 2 * L, S.indexInRange(2 * L, valid));
            m3.intoArray(y, out + 3 * L, S.indexInRange(3 * L, valid));
        }
    }

    /** {@link #fourVectors} for a strip two vectors wide. */
    private static void twoVectors(float[] x, int window, int pixelStride, int rowStride, int[] offsets, float[] w,
                                   int strip, int k, boolean biasFirst, float floor, float[] y, int out, int valid) {
        int first = strip + (biasFirst ? k : k + 1) * PAIR, last = strip + (biasFirst ? k + 1 : k) * PAIR;
        FloatVector s00 = FloatVector.fromArray(S, w, first), s01 = FloatVector.fromArray(S, w, first + L);
        FloatVector s10 = s00, s11 = s01, s20 = s00, s21 = s01, s30 = s00, s31 = s01;
        for (int p = 0; p < k; p++) {
            int a0 = window + offsets[p], a1 = a0 + pixelStride, a2 = a0 + rowStride, a3 = a2 + pixelStride;
            int wp = strip + p * PAIR;
            {
                FloatVector w0 = FloatVector.fromArray(S, w, wp), w1 = FloatVector.fromArray(S, w, wp + L);
                FloatVector v = FloatVector.broadcast(S, x[a0]);
                s00 = w0.fma(v, s00);
                s01 = w1.fma(v, s01);
                v = FloatVector.broadcast(S, x[a1]);
                s10 = w0.fma(v, s10);
                s11 = w1.fma(v, s11);
                v = FloatVector.broadcast(S, x[a2]);
                s20 = w0.fma(v, s20);
                s21 = w1.fma(v, s21);
                v = FloatVector.broadcast(S, x[a3]);
                s30 = w0.fma(v, s30);
                s31 = w1.fma(v, s31);
            }
        }
        FloatVector b0 = FloatVector.fromArray(S, w, last), b1 = FloatVector.fromArray(S, w, last + L);
        FloatVector m0 = s00.add(b0).max(s10.add(b0)).max(s20.add(b0).max(s30.add(b0))).max(floor);
        FloatVector m1 = s01.add(b1).max(s11.add(b1)).max(s21.add(b1).max(s31.add(b1))).max(floor);
        if (valid >= PAIR) {
            m0.intoArray(y, out);
            m1.intoArray(y, out + L);
        } else {
            m0.intoArray(y, out, S.indexInRange(0, valid));
            m1.intoArray(y, out + L, S.indexInRange(L, valid));
        }
    }

    /** {@link #fourVectors} for a strip one vector wide. */
    private static void oneVector(float[] x, int window, int pixelStride, int rowStride, int[] offsets, float[] w,
                                  int strip, int k, boolean biasFirst, float floor, float[] y, int out, int valid) {
        int first = strip + (biasFirst ? k : k + 1) * L, last = strip + (biasFirst ? k + 1 : k) * L;
        FloatVector s0 = FloatVector.fromArray(S, w, first), s1 = s0, s2 = s0, s3 = s0;
        for (int p = 0; p < k; p++) {
            int a0 = window + offsets[p], a1 = a0 + pixelStride, a2 = a0 + rowStride, a3 = a2 + pixelStride;
            {
                FloatVector w0 = FloatVector.fromArray(S, w, strip + p * L);
                s0 = w0.fma(FloatVector.broadcast(S, x[a0]), s0);
                s1 = w0.fma(FloatVector.broadcast(S, x[a1]), s1);
                s2 = w0.fma(FloatVector.broadcast(S, x[a2]), s2);
                s3 = w0.fma(FloatVector.broadcast(S, x[a3]), s3);
            }
        }
        FloatVector b0 = FloatVector.fromArray(S, w, last);
        FloatVector m = s0.add(b0).max(s1.add(b0)).max(s2.add(b0).max(s3.add(b0))).max(floor);
        if (valid >= L) {
            m.intoArray(y, out);
        } else {
            m.intoArray(y, out, S.indexInRange(0, valid));
        }
    }
}
