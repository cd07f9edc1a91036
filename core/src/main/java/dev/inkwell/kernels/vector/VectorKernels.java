package dev.inkwell.kernels.vector;

import dev.inkwell.kernels.Kernels;

import static dev.inkwell.kernels.vector.VectorLanes.L;

/**
 * Kernels on the JDK's Vector API ({@code jdk.incubator.vector}) with fused multiply-add, using the
 * widest float species of the CPU. Loaded reflectively by {@code KernelsProvider} only when the module
 * is present, so no other class needs the module. Each loop mirrors its twin in
 * {@code ScalarKernels}; tails use {@link Math#fma} so a tail element is computed exactly like a
 * vector lane. The kernels live in {@link VectorGemm}, {@link VectorConv}, {@link VectorPooledConv}, {@link VectorPool} and
 * {@link VectorElementwise}, by concern; this class is the {@link Kernels} they implement.
 */
public final class VectorKernels implements Kernels {
    @Override
    public String name() {
        return "vector (" + L + " x float32)";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float[] c, int cOff, int ldc, boolean accumulate) {
        VectorGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        return VectorElementwise.dot(x, xOff, y, yOff, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        VectorElementwise.axpy(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public float sum(float[] x, int off, int n) {
        return VectorElementwise.sum(x, off, n);
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        VectorElementwise.relu(x, xOff, y, yOff, n);
    }

    @Override
    public void reluBackward(float[] x, int xOff, float[] gy, int gyOff, float[] gx, int gxOff, int n) {
        VectorElementwise.reluBackward(x, xOff, gy, gyOff, gx, gxOff, n);
    }

    @Override
    public void sgdStep(float[] p, float[] g, float[] buf, int off, int n,
                        float lr, float momentum, float dampening, float weightDecay, boolean nesterov,
                        boolean firstStep) {
        VectorElementwise.sgdStep(p, g, buf, off, n, lr, momentum, dampening, weightDecay, nesterov, firstStep);
    }

    @Override
    public void adamStep(float[] p, float[] g, float[] m, float[] v, int off, int n,
                         float paramScale, float weightDecay, float beta1, float beta2,
                         float stepSize, float sqrtBiasCorrection2, float eps) {
        VectorElementwise.adamStep(p, g, m, v, off, n, paramScale, weightDecay, beta1, beta2, stepSize, sqrtBiasCorrection2, eps);
    }

    @Override
    public void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows,
                         int width) {
        VectorConv.copyRows(src, srcOff, srcStride, dst, dstOff, dstStride, rows, width);
    }

    @Override
    public int packedConvWeightsSize(int k, int cout) {
        return VectorPooledConv.packedSize(k, cout);
    }

    @Override
    public void packConvWeights(float[] w, int wOff, float[] bias, int biasOff, float[] norm, int cout, int cin,
                                int taps, float[] packed) {
        VectorPooledConv.pack(w, wOff, bias, biasOff, norm, cout, cin, taps, packed);
    }

    @Override
    public void pooledConv(float[] x, int xOff, int pixelStride, int rowStride, int[] offsets, float[] packed, int cout,
                           boolean biasFirst, boolean normalize, boolean relu, float[] y, int yOff, int pooledHeight,
                           int pooledWidth) {
        VectorPooledConv.pooledConv(x, xOff, pixelStride, rowStride, offsets, packed, cout, biasFirst, normalize, relu,
                y, yOff, pooledHeight, pooledWidth);
    }

    @Override
    public void shiftedSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float[] bias,
                            int biasOff, int channels, float[] out, int outOff, int rows, int width) {
        VectorConv.shiftedSums(x, xOff, xStride, shifts, w, wOff, bias, biasOff, channels, out, outOff, rows, width);
    }

    @Override
    public void shiftedDots(float[] g, int gOff, int channels, float[] x, int xOff, int xStride, int[] shifts,
                            float[] dots, int dotsOff, int rows, int width) {
        VectorConv.shiftedDots(g, gOff, channels, x, xOff, xStride, shifts, dots, dotsOff, rows, width);
    }

    @Override
    public void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] out, int outOff, int[] argmax,
                           int argOff) {
        VectorPool.maxPool2x2(x, xOff, planes, h, w, out, outOff, argmax, argOff);
    }

    @Override
    public void maxPool2x2ChannelsLast(float[] x, int xOff, int channels, int h, int w, float[] out, int outOff,
                                       int[] argmax, int argOff) {
        VectorPool.maxPool2x2ChannelsLast(x, xOff, channels, h, w, out, outOff, argmax, argOff);
    }
}
