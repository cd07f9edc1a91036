package dev.inkwell.kernels.vector;

import dev.inkwell.kernels.Checks;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static dev.inkwell.kernels.vector.VectorLanes.S;
import static dev.inkwell.kernels.vector.VectorLanes.L;

/** Dot, axpy, sum, ReLU and the optimizer steps on vectors. */
final class VectorElementwise {
    private VectorElementwise() {
    }

    static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range("dot x", x, xOff, n);
        Checks.range("dot y", y, yOff, n);
        return dotUnchecked(x, xOff, y, yOff, n);
    }

    static float dotUnchecked(float[] x, int xOff, float[] y, int yOff, int n) {
        int nVec = n - n % L;
        FloatVector acc = FloatVector.zero(S);
        for (int i = 0; i < nVec; i += L) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        return finishDot(acc.reduceLanes(VectorOperators.ADD), x, xOff, y, yOff, nVec, n);
    }

    /**
     * Adds a dot product's scalar tail [from, n) to the sum of its vector accumulator's lanes, in order.
     * It takes the sum, not the vector: a vector passed to a method the JIT does not inline is boxed, and
     * so, on JDK 17, is every value of the loop that produced it (gigabytes per training step).
     */
    static float finishDot(float lanes, float[] x, int xOff, float[] y, int yOff, int from, int n) {
        float s = lanes;
        for (int i = from; i < n; i++) {
            s = Math.fma(x[xOff + i], y[yOff + i], s);
        }
        return s;
    }

    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
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

    static float sum(float[] x, int off, int n) {
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

    static void relu(float[] x, int xOff, float[] y, int yOff, int n) {
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

    static void reluBackward(float[] x, int xOff, float[] gy, int gyOff, float[] gx, int gxOff, int n) {
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

    static void sgdStep(float[] p, float[] g, float[] buf, int off, int n,
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

    static void adamStep(float[] p, float[] g, float[] m, float[] v, int off, int n,
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
