package dev.inkwell.kernels;

/**
 * The vectorisable hot loops of a network, as stateless methods over arrays, offsets and explicit
 * dimensions. Two implementations exist: {@link ScalarKernels} (plain loops, the test oracle and
 * fallback) and a Vector API one in {@code dev.inkwell.kernels.vector}. {@link KernelsProvider}
 * chooses one once per JVM.
 *
 * <p>Matrices are row-major with a leading dimension (row stride) each. Each implementation
 * computes every output element with the same sequence of operations wherever it lies in the
 * matrix, so splitting a product into row blocks across threads never changes a bit of the result.
 */
public interface Kernels {

    /** A short description, for example {@code "vector (16 x float32)"}. */
    String name();

    /**
     * C = op(A) · op(B), or C += op(A) · op(B) when {@code accumulate}.
     * op(A) is m x k: A itself (m x k, row stride lda) or, when {@code transA}, the transpose of a
     * stored k x m matrix. op(B) is k x n: B (k x n, row stride ldb) or, when {@code transB}, the
     * transpose of a stored n x k matrix. C is m x n with row stride ldc and must not overlap A or B.
     * Both transposes at once are not supported: compute (B·A)ᵀ instead.
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float[] c, int cOff, int ldc, boolean accumulate);

    /** Σ x[i]·y[i] over n elements. */
    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    /** y += alpha·x over n elements. */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Copies {@code rows} rows of {@code width} floats, src rows {@code srcStride} apart to dst rows
     * {@code dstStride} apart (a block of a wider image into a narrower one, or back). The two regions
     * must not overlap.
     */
    void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows, int width);

    /**
     * A single-channel 2-D correlation by shifted sums, one output channel per weight row c &lt; channels:
     * out[outOff + (c·rows + r)·width + j] = bias[biasOff + c] + Σ_t w[wOff + c·T + t]·x[xOff + r·xStride
     * + j + shifts[t]] for r &lt; rows, j &lt; width, taps t ascending (T = shifts.length; a null bias adds
     * nothing). With x an image xStride wide and shifts[t] = ki·xStride + kj, out is the correlation's
     * (channels, rows, width) output, dense.
     */
    void shiftedSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float[] bias, int biasOff,
                     int channels, float[] out, int outOff, int rows, int width);

    /**
     * dots[dotsOff + c·T + t] += Σ_{r,j} g[gOff + (c·rows + r)·width + j]·x[xOff + r·xStride + j + shifts[t]]
     * for every channel c &lt; channels and tap t (T = shifts.length): the weight gradient of
     * {@link #shiftedSums}.
     */
    void shiftedDots(float[] g, int gOff, int channels, float[] x, int xOff, int xStride, int[] shifts, float[] dots,
                     int dotsOff, int rows, int width);

    /**
     * 2x2, stride-2 max pooling of {@code planes} consecutive (h, w) planes with the argmax (the
     * winning position h·W + w within its plane): the first maximum in row-major order wins, a NaN
     * wins, as in PyTorch; with a null argmax, the maxima alone (as {@link Math#max}).
     * {@link PoolKernels#maxForward} checks the arguments and calls this.
     */
    void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] out, int outOff, int[] argmax, int argOff);

    /**
     * {@link #maxPool2x2} of one channels-last image x (H·W, C) into channels-last out (OH·OW, C), with
     * argmax (or null) in the same order holding each winner's position h·W + w, as in a plane.
     * {@link PoolKernels#maxForwardChannelsLast} checks the arguments and calls this.
     */
    void maxPool2x2ChannelsLast(float[] x, int xOff, int channels, int h, int w, float[] out, int outOff, int[] argmax,
                                int argOff);

    /** Σ x[i] over n elements. */
    float sum(float[] x, int off, int n);

    /** y = max(x, 0) over n elements (NaN stays NaN). */
    void relu(float[] x, int xOff, float[] y, int yOff, int n);

    /** gx = gy where x &gt; 0, else 0 (the gradient at exactly 0 is 0, as in PyTorch). */
    void reluBackward(float[] x, int xOff, float[] gy, int gyOff, float[] gx, int gxOff, int n);

    /**
     * One {@code torch.optim.SGD} step over n elements of parameters p with gradients g and momentum
     * buffer buf: d = g + weightDecay·p; buf = d on the first step, else momentum·buf + (1-dampening)·d;
     * p -= lr·(nesterov ? d + momentum·buf : buf). With momentum 0 the buffer is not touched.
     */
    void sgdStep(float[] p, float[] g, float[] buf, int off, int n,
                 float lr, float momentum, float dampening, float weightDecay, boolean nesterov, boolean firstStep);

    /**
     * One {@code torch.optim.Adam}/{@code AdamW} step over n elements: p *= paramScale (AdamW's decoupled
     * decay, 1 for Adam); d = g + weightDecay·p (Adam's L2 term, 0 for AdamW); m = β1·m + (1-β1)·d;
     * v = β2·v + (1-β2)·d²; p -= stepSize·m / (√v / sqrtBiasCorrection2 + eps).
     */
    void adamStep(float[] p, float[] g, float[] m, float[] v, int off, int n,
                  float paramScale, float weightDecay, float beta1, float beta2,
                  float stepSize, float sqrtBiasCorrection2, float eps);
}
