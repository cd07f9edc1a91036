package dev.inkwell.kernels.vector;

import dev.inkwell.kernels.Checks;
import dev.inkwell.kernels.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Kernels on the JDK's Vector API ({@code jdk.incubator.vector}) with fused multiply-add, using the
 * widest float species of the CPU. Loaded reflectively by {@code KernelsProvider} only when the module
 * is present, so no other class needs the module. Each loop mirrors its twin in
 * {@code ScalarKernels}; tails use {@link Math#fma} so a tail element is computed exactly like a
 * vector lane.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "vector (" + L + " x float32)";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        Checks.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (transB) {
            gemmDot(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            int rowStride = transA ? 1 : lda;
            int colStride = transA ? lda : 1;
            gemmAxpy(m, n, k, a, aOff, rowStride, colStride, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * C(i, :) (+)= Σp A(i, p)·B(p, :). Register block: 4 rows of C x one vector of columns, so each
     * vector of B loaded from memory feeds four FMAs.
     */
    private static void gemmAxpy(int m, int n, int k, float[] a, int aOff, int rowStride, int colStride,
                                 float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        int nVec = n - n % L;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * rowStride;
            int c0 = cOff + i * ldc;
            for (int j = 0; j < nVec; j += L) {
                FloatVector acc0 = FloatVector.fromArray(S, c, c0 + j);
                FloatVector acc1 = FloatVector.fromArray(S, c, c0 + ldc + j);
                FloatVector acc2 = FloatVector.fromArray(S, c, c0 + 2 * ldc + j);
                FloatVector acc3 = FloatVector.fromArray(S, c, c0 + 3 * ldc + j);
                for (int p = 0; p < k; p++) {
                    FloatVector bv = FloatVector.fromArray(S, b, bOff + p * ldb + j);
                    int ap = a0 + p * colStride;
                    acc0 = bv.fma(FloatVector.broadcast(S, a[ap]), acc0);
                    acc1 = bv.fma(FloatVector.broadcast(S, a[ap + rowStride]), acc1);
                    acc2 = bv.fma(FloatVector.broadcast(S, a[ap + 2 * rowStride]), acc2);
                    acc3 = bv.fma(FloatVector.broadcast(S, a[ap + 3 * rowStride]), acc3);
                }
                acc0.intoArray(c, c0 + j);
                acc1.intoArray(c, c0 + ldc + j);
                acc2.intoArray(c, c0 + 2 * ldc + j);
                acc3.intoArray(c, c0 + 3 * ldc + j);
            }
            for (int r = 0; r < 4; r++) {
                columnTail(nVec, n, k, a, a0 + r * rowStride, colStride, b, bOff, ldb, c, c0 + r * ldc);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * rowStride;
            int ci = cOff + i * ldc;
            for (int j = 0; j < nVec; j += L) {
                FloatVector acc = FloatVector.fromArray(S, c, ci + j);
                for (int p = 0; p < k; p++) {
                    acc = FloatVector.fromArray(S, b, bOff + p * ldb + j).fma(FloatVector.broadcast(S, a[ai + p * colStride]), acc);
                }
                acc.intoArray(c, ci + j);
            }
            columnTail(nVec, n, k, a, ai, colStride, b, bOff, ldb, c, ci);
        }
    }

    /** Columns [from, n) of one row of C, one element at a time, in the same order as a vector lane. */
    private static void columnTail(int from, int n, int k, float[] a, int ai, int colStride,
                                   float[] b, int bOff, int ldb, float[] c, int ci) {
        for (int j = from; j < n; j++) {
            float acc = c[ci + j];
            for (int p = 0; p < k; p++) {
                acc = Math.fma(a[ai + p * colStride], b[bOff + p * ldb + j], acc);
            }
            c[ci + j] = acc;
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
        int nVec = n - n % L;
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += L) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (int i = nVec; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("axpy x", x, xOff, n);
        Checks.range("axpy y", y, yOff, n);
        int nVec = n - n % L;
        for (int i = 0; i < nVec; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (int i = nVec; i < n; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public float sum(float[] x, int off, int n) {
        Checks.range("sum", x, off, n);
        int nVec = n - n % L;
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += L) {
            acc = acc.add(FloatVector.fromArray(S, x, off + i));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (int i = nVec; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("relu x", x, xOff, n);
        Checks.range("relu y", y, yOff, n);
        int nVec = n - n % L;
        for (int i = 0; i < nVec; i += L) {
            FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(y, yOff + i);
        }
        for (int i = nVec; i < n; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    @Override
    public void reluBackward(float[] x, int xOff, float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        Checks.range("reluBackward x", x, xOff, n);
        Checks.range("reluBackward gy", gy, gyOff, n);
        Checks.range("reluBackward gx", gx, gxOff, n);
        int nVec = n - n % L;
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(S, x, xOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, gy, gyOff + i), positive).intoArray(gx, gxOff + i);
        }
        for (int i = nVec; i < n; i++) {
            gx[gxOff + i] = x[xOff + i] > 0f ? gy[gyOff + i] : 0f;
        }
    }

    @Override
    public void sgdStep(float[] p, float[] g, float[] buf, int off, int n,
                        float lr, float momentum, float dampening, float weightDecay, boolean nesterov,
                        boolean firstStep) {
        Checks.range("sgdStep p", p, off, n);
        Checks.range("sgdStep g", g, off, n);
        int end = off + n;
        int endVec = off + n - n % L;
        if (momentum == 0f) {
            for (int i = off; i < endVec; i += L) {
                FloatVector pv = FloatVector.fromArray(S, p, i);
                FloatVector d = pv.fma(FloatVector.broadcast(S, weightDecay), FloatVector.fromArray(S, g, i));
                d.fma(FloatVector.broadcast(S, -lr), pv).intoArray(p, i);
            }
            for (int i = endVec; i < end; i++) {
                float d = Math.fma(p[i], weightDecay, g[i]);
                p[i] = Math.fma(d, -lr, p[i]);
            }
            return;
        }
        Checks.range("sgdStep buf", buf, off, n);
        float keep = firstStep ? 0f : momentum;
        float take = firstStep ? 1f : 1f - dampening;
        for (int i = off; i < endVec; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector d = pv.fma(FloatVector.broadcast(S, weightDecay), FloatVector.fromArray(S, g, i));
            FloatVector bv = FloatVector.fromArray(S, buf, i).mul(keep).add(d.mul(take));
            bv.intoArray(buf, i);
            FloatVector update = nesterov ? bv.fma(FloatVector.broadcast(S, momentum), d) : bv;
            update.fma(FloatVector.broadcast(S, -lr), pv).intoArray(p, i);
        }
        for (int i = endVec; i < end; i++) {
            float d = Math.fma(p[i], weightDecay, g[i]);
            float b = buf[i] * keep + d * take;
            buf[i] = b;
            float update = nesterov ? Math.fma(b, momentum, d) : b;
            p[i] = Math.fma(update, -lr, p[i]);
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
        int end = off + n;
        int endVec = off + n - n % L;
        for (int i = off; i < endVec; i += L) {
            FloatVector w = FloatVector.fromArray(S, p, i).mul(paramScale);
            FloatVector d = w.fma(FloatVector.broadcast(S, weightDecay), FloatVector.fromArray(S, g, i));
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(d.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(d.mul(d).mul(oneMinusBeta2));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(sqrtBiasCorrection2).add(eps);
            mi.div(denom).fma(FloatVector.broadcast(S, -stepSize), w).intoArray(p, i);
        }
        for (int i = endVec; i < end; i++) {
            float w = p[i] * paramScale;
            float d = Math.fma(w, weightDecay, g[i]);
            float mi = m[i] * beta1 + d * oneMinusBeta1;
            float vi = v[i] * beta2 + d * d * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / sqrtBiasCorrection2 + eps;
            p[i] = Math.fma(mi / denom, -stepSize, w);
        }
    }
}
