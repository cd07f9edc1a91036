package dev.inkwell.kernels;

import java.util.Arrays;

/**
 * Plain-Java kernels: the obviously-correct reference for every vector kernel and the fallback when
 * the Vector API module is absent. Inner loops run over contiguous memory so that the JIT can
 * auto-vectorise them. The element-wise, pooling and convolution loops have the structure of their twins in
 * the vector package; the SGEMM is deliberately the plain (i, p, j) loop, without the vector kernel's cache
 * and register blocking, so that it stays an obvious oracle: both sum each element of C over p in ascending
 * order, so they differ only by rounding (fused multiply-add in the vector kernel).
 */
public final class ScalarKernels implements Kernels {
    /** The one instance (the kernels hold no state). */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        Checks.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (transB) {
            gemmDot(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            // element A(i, p) sits at aOff + i*rowStride + p*colStride
            int rowStride = transA ? 1 : lda;
            int colStride = transA ? lda : 1;
            gemmAxpy(m, n, k, a, aOff, rowStride, colStride, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** C(i, :) (+)= Σp A(i, p)·B(p, :), one row of B at a time. */
    private static void gemmAxpy(int m, int n, int k, float[] a, int aOff, int rowStride, int colStride,
                                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * rowStride + p * colStride];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** C(i, j) (+)= A(i, :)·B(j, :) where B is stored n x k. */
    private static void gemmDot(int m, int n, int k, float[] a, int aOff, int lda,
                                float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                float s = dotUnchecked(a, ai, b, bOff + j * ldb, k);
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("dot x", x, xOff, n);
        Checks.range("dot y", y, yOff, n);
        return dotUnchecked(x, xOff, y, yOff, n);
    }

    private static float dotUnchecked(float[] x, int xOff, float[] y, int yOff, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("axpy x", x, xOff, n);
        Checks.range("axpy y", y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows,
                         int width) {
        Checks.copyRows(src, srcOff, srcStride, dst, dstOff, dstStride, rows, width);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, srcOff + r * srcStride, dst, dstOff + r * dstStride, width);
        }
    }

    @Override
    public void shiftedSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float[] bias,
                            int biasOff, int channels, float[] out, int outOff, int rows, int width) {
        Checks.shiftedSums(x, xOff, xStride, shifts, w, wOff, bias, biasOff, channels, out, outOff, rows, width);
        int taps = shifts.length;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < rows; r++) {
                int o = outOff + (c * rows + r) * width;
                Arrays.fill(out, o, o + width, bias == null ? 0f : bias[biasOff + c]);
                for (int t = 0; t < taps; t++) {
                    float wt = w[wOff + c * taps + t];
                    int from = xOff + r * xStride + shifts[t];
                    for (int j = 0; j < width; j++) {
                        out[o + j] += wt * x[from + j];
                    }
                }
            }
        }
    }

    /** W̃ (K, Cout), row t·Cin + ci, then the bias as row K, then the norm's mean, 1/std, γ and β. */
    @Override
    public int packedConvWeightsSize(int k, int cout) {
        return (k + 5) * cout;
    }

    @Override
    public void packConvWeights(float[] w, int wOff, float[] bias, int biasOff, float[] norm, int cout, int cin,
                                int taps, float[] packed) {
        int k = taps * cin;
        Checks.packConvWeights(w, wOff, bias, biasOff, norm, cout, k, packed, packedConvWeightsSize(k, cout));
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                for (int t = 0; t < taps; t++) {
                    packed[(t * cin + ci) * cout + co] = w[wOff + (co * cin + ci) * taps + t];
                }
            }
            packed[k * cout + co] = bias == null ? 0f : bias[biasOff + co];
            for (int r = 0; r < 4; r++) { // without a norm, the identity: mean 0, 1/std 1, γ 1, β 0
                packed[(k + 1 + r) * cout + co] = norm != null ? norm[r * cout + co] : r == 1 || r == 2 ? 1f : 0f;
            }
        }
    }

    @Override
    public void pooledConv(float[] x, int xOff, int pixelStride, int rowStride, int[] offsets, float[] packed, int cout,
                           boolean biasFirst, boolean normalize, boolean relu, float[] y, int yOff, int pooledHeight,
                           int pooledWidth) {
        int k = offsets.length;
        Checks.pooledConv(x, xOff, pixelStride, rowStride, offsets, packed, packedConvWeightsSize(k, cout), cout, y,
                yOff, pooledHeight, pooledWidth);
        for (int i = 0; i < pooledHeight; i++) {
            for (int j = 0; j < pooledWidth; j++) {
                int window = xOff + 2 * i * rowStride + 2 * j * pixelStride, out = yOff + (i * pooledWidth + j) * cout;
                for (int co = 0; co < cout; co++) {
                    float b = packed[k * cout + co], max = Float.NEGATIVE_INFINITY;
                    for (int a = 0; a < 4; a++) {
                        int pixel = window + (a >> 1) * rowStride + (a & 1) * pixelStride;
                        float s = biasFirst ? b : 0f;
                        for (int p = 0; p < k; p++) {
                            s += x[pixel + offsets[p]] * packed[p * cout + co];
                        }
                        float v = biasFirst ? s : s + b;
                        if (normalize) {
                            float xh = (v - packed[(k + 1) * cout + co]) * packed[(k + 2) * cout + co];
                            v = packed[(k + 3) * cout + co] * xh + packed[(k + 4) * cout + co];
                        }
                        max = Math.max(max, v);
                    }
                    y[out + co] = relu ? Math.max(max, 0f) : max;
                }
            }
        }
    }

    @Override
    public void shiftedDots(float[] g, int gOff, int channels, float[] x, int xOff, int xStride, int[] shifts,
                            float[] dots, int dotsOff, int rows, int width) {
        Checks.shiftedDots(g, gOff, channels, x, xOff, xStride, shifts, dots, dotsOff, rows, width);
        int taps = shifts.length;
        for (int c = 0; c < channels; c++) {
            for (int t = 0; t < taps; t++) {
                float s = 0f;
                for (int r = 0; r < rows; r++) {
                    s += dotUnchecked(g, gOff + (c * rows + r) * width, x, xOff + r * xStride + shifts[t], width);
                }
                dots[dotsOff + c * taps + t] += s;
            }
        }
    }

    @Override
    public void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] out, int outOff, int[] argmax,
                           int argOff) {
        PoolKernels.max2x2(x, xOff, planes, h, w, out, outOff, argmax, argOff);
    }

    @Override
    public void maxPool2x2ChannelsLast(float[] x, int xOff, int channels, int h, int w, float[] out, int outOff,
                                       int[] argmax, int argOff) {
        PoolKernels.max2x2ChannelsLast(x, xOff, channels, h, w, out, outOff, argmax, argOff);
    }

    @Override
    public float sum(float[] x, int off, int n) {
        Checks.range("sum", x, off, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("relu x", x, xOff, n);
        Checks.range("relu y", y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] x, int xOff, float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        Checks.range("reluBackward x", x, xOff, n);
        Checks.range("reluBackward gy", gy, gyOff, n);
        Checks.range("reluBackward gx", gx, gxOff, n);
        for (int i = 0; i < n; i++) {
            gx[gxOff + i] = x[xOff + i] > 0f ? gy[gyOff + i] : 0f;
        }
    }

    @Override
    public void sgdStep(float[] p, float[] g, float[] buf, int off, int n,
                        float lr, float momentum, float dampening, float weightDecay, boolean nesterov,
                        boolean firstStep) {
        Checks.range("sgdStep p", p, off, n);
        Checks.range("sgdStep g", g, off, n);
        if (momentum == 0f) {
            for (int i = off; i < off + n; i++) {
                float d = g[i] + weightDecay * p[i];
                p[i] -= lr * d;
            }
            return;
        }
        Checks.range("sgdStep buf", buf, off, n);
        float keep = firstStep ? 0f : momentum;
        float take = firstStep ? 1f : 1f - dampening;
        for (int i = off; i < off + n; i++) {
            float d = g[i] + weightDecay * p[i];
            float b = keep * buf[i] + take * d;
            buf[i] = b;
            p[i] -= lr * (nesterov ? d + momentum * b : b);
        }
    }

    @Override
    public void adamStep(float[] p, float[] g, float[] m, float[] v, int off, int n,
                         float paramScale, float weightDecay, float beta1, float beta2,
                         float stepSize, float sqrtBiasCorrection2, float eps) {
        Checks.range("adamStep p", p, off, n);
        Checks.range("adamStep g", g, off, n);
        Checks.range("adamStep m", m, off, n);
        Checks.range("adamStep v", v, off, n);
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        for (int i = off; i < off + n; i++) {
            float w = p[i] * paramScale;
            float d = g[i] + weightDecay * w;
            float mi = beta1 * m[i] + oneMinusBeta1 * d;
            float vi = beta2 * v[i] + oneMinusBeta2 * d * d;
            m[i] = mi;
            v[i] = vi;
            p[i] = w - stepSize * (mi / ((float) Math.sqrt(vi) / sqrtBiasCorrection2 + eps));
        }
    }
}
