package dev.inkwell.kernels;

import dev.inkwell.init.Rng;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each implementation of {@link Kernels} against a double-precision reference, and the vector kernels
 * against the scalar ones, over awkward sizes: around 8 and 16 lanes (AVX2, AVX-512), odd counts,
 * offsets and leading dimensions larger than the row. Tolerances scale with the reduction length.
 */
class KernelEquivalenceTest {
    /** 100 and 120: SGEMM columns in every block width at once (4, 2 and 1 vectors, then the rest). */
    private static final int[] SIZES = {1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 64, 65, 100, 120};

    static Stream<Kernels> implementations() {
        List<Kernels> all = new ArrayList<>();
        all.add(KernelsProvider.scalar());
        KernelsProvider.vector().ifPresent(all::add);
        return all.stream();
    }

    private static float[] random(Rng rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sgemmMatchesDoublePrecisionForEveryTransposeAndSize(Kernels kernels) {
        Rng rng = new Rng(1);
        boolean[][] variants = {{false, false}, {true, false}, {false, true}};
        for (boolean[] t : variants) {
            for (int m : new int[] {1, 4, 5, 6, 7, 13, 31, 32}) { // B is packed from 6 rows on
                for (int n : SIZES) {
                    for (int k : new int[] {1, 3, 16, 17, 40, 300, 513}) { // past one and two k blocks
                        for (boolean accumulate : new boolean[] {false, true}) {
                            checkSgemm(kernels, t[0], t[1], m, n, k, accumulate, true, rng);
                        }
                    }
                }
            }
        }
        // rows of B exactly as wide as B, as a convolution's weights are: 4 vectors of them need no packing
        for (int n : new int[] {16, 32, 64, 128}) {
            for (int k : new int[] {17, 300, 513}) {
                checkSgemm(kernels, false, false, 31, n, k, false, false, rng);
                checkSgemm(kernels, true, false, 32, n, k, true, false, rng);
            }
        }
        // several blocks of A's rows (a transposed A's blocks are copied one by one), past two k blocks
        for (boolean transA : new boolean[] {false, true}) {
            checkSgemm(kernels, transA, false, 200, 64, 513, true, true, rng);
            checkSgemm(kernels, transA, false, 200, 81, 300, false, false, rng);
            checkSgemm(kernels, transA, false, 200, 100, 40, false, true, rng); // a strip two vectors wide
        }
    }

    /** With {@code padded}, rows of A, B and C have a few unused floats after them. */
    private static void checkSgemm(Kernels kernels, boolean transA, boolean transB, int m, int n, int k,
                                   boolean accumulate, boolean padded, Rng rng) {
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        int pad = padded ? 1 : 0;
        int lda = aCols + 3 * pad, ldb = bCols + 2 * pad, ldc = n + 5 * pad, aOff = 4, bOff = 1, cOff = 6;
        float[] a = random(rng, aOff + aRows * lda);
        float[] b = random(rng, bOff + bRows * ldb);
        float[] c = random(rng, cOff + m * ldc);
        float[] c0 = c.clone();
        kernels.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = accumulate ? c0[cOff + i * ldc + j] : 0;
                double magnitude = Math.abs(want);
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    want += av * bv;
                    magnitude += Math.abs(av * bv);
                }
                double got = c[cOff + i * ldc + j];
                double tol = 1e-6 * (k + 1) * magnitude + 1e-30;
                if (!(Math.abs(got - want) <= tol)) {
                    fail(kernels.name() + " sgemm transA=" + transA + " transB=" + transB + " " + m + "x" + n + "x" + k
                            + " C(" + i + "," + j + ") = " + got + ", want " + want);
                }
            }
            // the padding between rows of C is never written
            for (int j = n; j < ldc && i * ldc + j + cOff < c.length && i < m - 1; j++) {
                assertEquals(c0[cOff + i * ldc + j], c[cOff + i * ldc + j], "C padding written");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void vectorLoopsMatchDoublePrecision(Kernels kernels) {
        Rng rng = new Rng(2);
        for (int n : SIZES) {
            float[] x = random(rng, n + 3), y = random(rng, n + 5);
            double dot = 0, sum = 0, mag = 0, absSum = 0;
            for (int i = 0; i < n; i++) {
                dot += (double) x[3 + i] * y[5 + i];
                mag += Math.abs((double) x[3 + i] * y[5 + i]);
                sum += x[3 + i];
                absSum += Math.abs(x[3 + i]);
            }
            assertEquals(dot, kernels.dot(x, 3, y, 5, n), 1e-6 * n * mag, kernels.name() + " dot n=" + n);
            assertEquals(sum, kernels.sum(x, 3, n), 1e-6 * n * absSum, kernels.name() + " sum n=" + n);

            float[] yCopy = y.clone();
            kernels.axpy(0.75f, x, 3, y, 5, n);
            for (int i = 0; i < n; i++) {
                assertEquals(yCopy[5 + i] + 0.75 * x[3 + i], y[5 + i], 1e-6 * (Math.abs(yCopy[5 + i]) + Math.abs(x[3 + i])));
            }
            assertEquals(yCopy[4], y[4], 0, "axpy wrote before its range");

            float[] r = new float[n + 1];
            kernels.relu(x, 3, r, 1, n);
            float[] gx = new float[n];
            kernels.reluBackward(x, 3, y, 5, gx, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Math.max(x[3 + i], 0f), r[1 + i], 0);
                assertEquals(x[3 + i] > 0 ? y[5 + i] : 0f, gx[i], 0);
            }
        }
    }

    /**
     * 3x3 correlations of images 11, 18 and 29 wide (outputs 9, 16 and 27 wide: narrower than a vector,
     * exactly one, and two overlapping at AVX-512), a 1x5 one and a single tap, over 1 to 9 channels:
     * the channels fill blocks of four with some left over.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void shiftedSumsAndDotsMatchDoublePrecision(Kernels kernels) {
        Rng rng = new Rng(4);
        for (int imageWidth : new int[] {11, 18, 29}) {
            int[][] shiftSets = {{0, 1, 2, imageWidth, imageWidth + 1, imageWidth + 2, 2 * imageWidth,
                    2 * imageWidth + 1, 2 * imageWidth + 2}, {0, 1, 2, 3, 4}, {7}};
            int[] widths = {imageWidth - 2, imageWidth - 4, imageWidth - 7};
            for (int set = 0; set < shiftSets.length; set++) {
                for (int channels : new int[] {1, 4, 5, 9}) {
                    for (int rows : new int[] {1, 3, 6}) {
                        checkShifted(kernels, rng, shiftSets[set], imageWidth, rows, widths[set], channels);
                    }
                }
            }
        }
        float[] x = new float[20], out = new float[40];
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.shiftedSums(x, 0, 16, new int[] {0, 5}, new float[2], 0, null, 0, 1, out, 0, 1, 16));
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.shiftedSums(x, 0, 10, new int[] {0, 1}, new float[2], 0, null, 0, 1, out, 0, 2, 10));
        assertThrows(IllegalArgumentException.class,
                () -> kernels.shiftedDots(out, 0, 1, x, 4, 8, new int[] {-1}, new float[1], 0, 1, 8));
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.shiftedDots(out, 0, 2, x, 0, 8, new int[] {0}, new float[2], 0, 2, 12));
    }

    private static void checkShifted(Kernels kernels, Rng rng, int[] shifts, int xStride, int rows, int width,
                                     int channels) {
        int taps = shifts.length, plane = rows * width;
        int reach = shifts[taps - 1] + (rows - 1) * xStride + width;
        float[] x = random(rng, reach + 2), w = random(rng, channels * taps + 1);
        float[] bias = channels % 2 == 0 ? null : random(rng, channels + 2);
        float[] g = random(rng, 3 + channels * plane);
        float[] out = new float[2 + channels * plane];
        kernels.shiftedSums(x, 2, xStride, shifts, w, 1, bias, 2, channels, out, 1, rows, width);
        float[] dots = random(rng, channels * taps);
        float[] before = dots.clone();
        kernels.shiftedDots(g, 3, channels, x, 2, xStride, shifts, dots, 0, rows, width);
        String what = kernels.name() + " " + channels + " channels, " + rows + "x" + width + " of " + xStride;
        for (int c = 0; c < channels; c++) {
            for (int t = 0; t < taps; t++) {
                double want = before[c * taps + t], mag = Math.abs(want);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < width; j++) {
                        double term = (double) g[3 + c * plane + r * width + j] * x[2 + r * xStride + j + shifts[t]];
                        want += term;
                        mag += Math.abs(term);
                    }
                }
                assertEquals(want, dots[c * taps + t], 1e-6 * plane * mag,
                        what + " shiftedDots channel " + c + " tap " + t);
            }
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    double want = bias == null ? 0 : bias[2 + c], mag = Math.abs(want);
                    for (int t = 0; t < taps; t++) {
                        double term = (double) w[1 + c * taps + t] * x[2 + r * xStride + j + shifts[t]];
                        want += term;
                        mag += Math.abs(term);
                    }
                    assertEquals(want, out[1 + c * plane + r * width + j], 1e-6 * taps * mag + 1e-30,
                            what + " shiftedSums channel " + c + " row " + r + " column " + j);
                }
            }
        }
        assertEquals(0f, out[0], what + " shiftedSums wrote before its range");
        assertEquals(0f, out[out.length - 1], what + " shiftedSums wrote past its range");
    }

    /**
     * Output channels on both sides of one, two and four vectors at 8 and 16 lanes (partial strips are
     * stored masked), one to 32 input channels, padded rows, the bias first or last, with and without ReLU;
     * odd convolution outputs, whose last row and column the pooling drops.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void pooledConvMatchesDoublePrecision(Kernels kernels) {
        Rng rng = new Rng(5);
        for (int cout : new int[] {1, 6, 8, 16, 17, 24, 32, 33, 48, 64, 72}) {
            for (int cin : new int[] {1, 3, 32}) {
                for (int kernel : new int[] {1, 3}) {
                    checkPooledConv(kernels, rng, cin, cout, kernel, 9, 8, cout % 2 == 0, cin != 3, cout % 3 == 0);
                }
            }
        }
        checkPooledConv(kernels, rng, 2, 5, 5, 14, 15, true, true, true);
        float[] packed = new float[kernels.packedConvWeightsSize(1, 4)];
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.pooledConv(new float[15], 0, 1, 4, new int[] {0},
                packed, 4, false, false, false, new float[16], 0, 2, 2)); // the last window reads x[15]
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.pooledConv(new float[16], 0, 1, 4, new int[] {0},
                packed, 4, false, false, false, new float[15], 0, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.packConvWeights(new float[4], 0, null, 0,
                new float[15], 4, 1, 1, packed)); // a norm of 4 channels holds 16 floats
    }

    /**
     * An h x w image, cin channels, conv kernel x kernel to cout channels, maybe a batch norm's map, then 2x2
     * pooling; rows padded by 3.
     */
    private static void checkPooledConv(Kernels kernels, Rng rng, int cin, int cout, int kernel, int h, int w,
                                        boolean biasFirst, boolean relu, boolean normalize) {
        int rowStride = w * cin + 3, xOff = 2, oh = h - kernel + 1, ow = w - kernel + 1, ph = oh / 2, pw = ow / 2;
        int taps = kernel * kernel, k = taps * cin;
        float[] x = random(rng, xOff + h * rowStride);
        float[] weights = random(rng, 1 + cout * k), bias = random(rng, cout + 1);
        int[] offsets = new int[k];
        for (int t = 0; t < taps; t++) {
            for (int ci = 0; ci < cin; ci++) {
                offsets[t * cin + ci] = (t / kernel) * rowStride + (t % kernel) * cin + ci;
            }
        }
        float[] packed = new float[kernels.packedConvWeightsSize(k, cout)];
        float[] norm = random(rng, 4 * cout); // mean, 1/std, γ (negative ones too: then max is not monotone), β
        kernels.packConvWeights(weights, 1, bias, 1, normalize ? norm : null, cout, cin, taps, packed);
        float[] y = random(rng, 1 + ph * pw * cout + 1);
        float first = y[0], after = y[y.length - 1];
        kernels.pooledConv(x, xOff, cin, rowStride, offsets, packed, cout, biasFirst, normalize, relu, y, 1, ph, pw);
        String what = kernels.name() + " cin " + cin + " cout " + cout + " kernel " + kernel
                + (normalize ? " normalised" : "");
        for (int i = 0; i < ph; i++) {
            for (int j = 0; j < pw; j++) {
                for (int co = 0; co < cout; co++) {
                    double want = Double.NEGATIVE_INFINITY, mag = 0;
                    for (int a = 0; a < 4; a++) {
                        int r = 2 * i + a / 2, c = 2 * j + a % 2;
                        double s = bias[1 + co], m = Math.abs(s);
                        for (int t = 0; t < taps; t++) {
                            for (int ci = 0; ci < cin; ci++) {
                                double term = (double) weights[1 + (co * cin + ci) * taps + t]
                                        * x[xOff + (r + t / kernel) * rowStride + (c + t % kernel) * cin + ci];
                                s += term;
                                m += Math.abs(term);
                            }
                        }
                        if (normalize) {
                            double scale = (double) norm[cout + co] * norm[2 * cout + co];
                            s = (s - norm[co]) * scale + norm[3 * cout + co];
                            m = (m + Math.abs(norm[co])) * Math.abs(scale) + Math.abs(norm[3 * cout + co]);
                        }
                        want = Math.max(want, s);
                        mag = Math.max(mag, m);
                    }
                    assertEquals(relu ? Math.max(want, 0) : want, y[1 + (i * pw + j) * cout + co], 1e-6 * k * mag,
                            what + " pooled (" + i + ", " + j + ") channel " + co);
                }
            }
        }
        assertEquals(first, y[0], what + ": wrote before its range");
        assertEquals(after, y[y.length - 1], what + ": wrote past its range");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void copyRowsCopiesExactlyTheBlock(Kernels kernels) {
        Rng rng = new Rng(4);
        for (int width : SIZES) {
            for (int rows : new int[] {0, 1, 3}) {
                int srcStride = width + 2, dstStride = width + 5, srcOff = 3, dstOff = 1;
                float[] src = random(rng, srcOff + rows * srcStride + 2);
                float[] dst = random(rng, dstOff + rows * dstStride);
                float[] want = dst.clone();
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(src, srcOff + r * srcStride, want, dstOff + r * dstStride, width);
                }
                kernels.copyRows(src, srcOff, srcStride, dst, dstOff, dstStride, rows, width);
                assertArrayEquals(want, dst, 0f, "width " + width + " rows " + rows);
            }
        }
        float[] small = new float[10];
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.copyRows(small, 0, 4, new float[20], 0, 4, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> kernels.copyRows(small, 0, 4, small, 0, 4, -1, 4));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void reluKeepsNaNAndZeroGradientAtZero(Kernels kernels) {
        float[] x = new float[17];
        x[3] = Float.NaN;
        x[16] = Float.NaN;
        float[] y = new float[17];
        kernels.relu(x, 0, y, 0, 17);
        assertEquals(Float.NaN, y[3]);
        assertEquals(Float.NaN, y[16]);
        float[] gy = new float[17];
        java.util.Arrays.fill(gy, 1f);
        float[] gx = new float[17];
        kernels.reluBackward(x, 0, gy, 0, gx, 0, 17);
        assertEquals(0f, gx[0]);
    }

    @Test
    @Tag(VectorPass.TAG)
    void vectorKernelsMatchScalarKernels() {
        Kernels scalar = KernelsProvider.scalar();
        Kernels vector = VectorPass.kernels();
        Rng rng = new Rng(3);
        for (int n : SIZES) {
            // optimizer steps, two in a row so the momentum/moment buffers are exercised
            float[] p1 = random(rng, n), g = random(rng, n), buf1 = new float[n];
            float[] p2 = p1.clone(), buf2 = buf1.clone();
            for (int step = 0; step < 2; step++) {
                scalar.sgdStep(p1, g, buf1, 0, n, 0.1f, 0.9f, 0.1f, 0.01f, false, step == 0);
                vector.sgdStep(p2, g, buf2, 0, n, 0.1f, 0.9f, 0.1f, 0.01f, false, step == 0);
            }
            assertClose(p1, p2, 1e-6, "sgdStep n=" + n);
            assertClose(buf1, buf2, 1e-6, "sgd buffer n=" + n);
            float[] m1 = new float[n], v1 = new float[n], m2 = new float[n], v2 = new float[n];
            for (int step = 0; step < 2; step++) {
                scalar.adamStep(p1, g, m1, v1, 0, n, 0.999f, 0.01f, 0.9f, 0.999f, 0.01f, 0.03f, 1e-8f);
                vector.adamStep(p2, g, m2, v2, 0, n, 0.999f, 0.01f, 0.9f, 0.999f, 0.01f, 0.03f, 1e-8f);
            }
            assertClose(p1, p2, 1e-5, "adamStep n=" + n);
            assertClose(m1, m2, 1e-6, "adam m n=" + n);
            assertClose(v1, v2, 1e-6, "adam v n=" + n);
        }
    }

    private static void assertClose(float[] want, float[] got, double rel, String what) {
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(want[i] - got[i]) <= rel * (1 + Math.abs(want[i])))) {
                fail(what + ": element " + i + " scalar " + want[i] + " vector " + got[i]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void badArgumentsAreRefusedBeforeAnyWork(Kernels kernels) {
        float[] a = new float[6], b = new float[6], c = new float[4];
        assertThrows(IndexOutOfBoundsException.class,
                () -> kernels.sgemm(false, false, 2, 2, 4, a, 0, 4, b, 0, 2, c, 0, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> kernels.sgemm(true, true, 2, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> kernels.sgemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, a, 0, 2, false));
        assertThrows(IndexOutOfBoundsException.class, () -> kernels.axpy(1f, a, 3, b, 0, 4));
    }
}
