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

    /**
     * A short description, for example {@code "vector (16 x float32)"}.
     *
     * @return the name, as {@code ./inkwell info} prints it
     */
    String name();

    /**
     * C = op(A) · op(B), or C += op(A) · op(B) when {@code accumulate}.
     * op(A) is m x k: A itself (m x k, row stride lda) or, when {@code transA}, the transpose of a
     * stored k x m matrix. op(B) is k x n: B (k x n, row stride ldb) or, when {@code transB}, the
     * transpose of a stored n x k matrix. C is m x n with row stride ldc and must not overlap A or B.
     * Both transposes at once are not supported: compute (B·A)ᵀ instead.
     *
     * @param transA whether op(A) is the transpose of the stored A
     * @param transB whether op(B) is the transpose of the stored B
     * @param m rows of op(A) and of C
     * @param n columns of op(B) and of C
     * @param k columns of op(A), rows of op(B)
     * @param a the array holding A
     * @param aOff index of A's first element in {@code a}
     * @param lda row stride of the stored A
     * @param b the array holding B
     * @param bOff index of B's first element in {@code b}
     * @param ldb row stride of the stored B
     * @param c the array receiving C
     * @param cOff index of C's first element in {@code c}
     * @param ldc row stride of C
     * @param accumulate add the product to C instead of overwriting it
     */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * Σ x[i]·y[i] over n elements.
     *
     * @param x the first vector's array
     * @param xOff index of its first element
     * @param y the second vector's array
     * @param yOff index of its first element
     * @param n the number of elements
     * @return the dot product
     */
    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * y += alpha·x over n elements.
     *
     * @param alpha the scale of x
     * @param x the array holding x
     * @param xOff index of x's first element
     * @param y the array holding y, updated in place
     * @param yOff index of y's first element
     * @param n the number of elements
     */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Copies {@code rows} rows of {@code width} floats, src rows {@code srcStride} apart to dst rows
     * {@code dstStride} apart (a block of a wider image into a narrower one, or back). The two regions
     * must not overlap.
     *
     * @param src the source array
     * @param srcOff index of the first source element
     * @param srcStride distance between source rows
     * @param dst the destination array
     * @param dstOff index of the first destination element
     * @param dstStride distance between destination rows
     * @param rows the number of rows
     * @param width floats copied per row
     */
    void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows, int width);

    /**
     * A single-channel 2-D correlation by shifted sums, one output channel per weight row c &lt; channels:
     * out[outOff + (c·rows + r)·width + j] = bias[biasOff + c] + Σ_t w[wOff + c·T + t]·x[xOff + r·xStride
     * + j + shifts[t]] for r &lt; rows, j &lt; width, taps t ascending (T = shifts.length; a null bias adds
     * nothing). With x an image xStride wide and shifts[t] = ki·xStride + kj, out is the correlation's
     * (channels, rows, width) output, dense.
     *
     * @param x the input image
     * @param xOff index of the image's first element
     * @param xStride the image's row stride
     * @param shifts the offset of each kernel tap from a window's top-left corner
     * @param w the weights, one row of {@code shifts.length} taps per output channel
     * @param wOff index of the first weight
     * @param bias the bias per output channel, or null
     * @param biasOff index of the first bias
     * @param channels the number of output channels
     * @param out the output array
     * @param outOff index of the first output element
     * @param rows output rows per channel
     * @param width output columns per channel
     */
    void shiftedSums(float[] x, int xOff, int xStride, int[] shifts, float[] w, int wOff, float[] bias, int biasOff,
                     int channels, float[] out, int outOff, int rows, int width);

    /**
     * dots[dotsOff + c·T + t] += Σ_{r,j} g[gOff + (c·rows + r)·width + j]·x[xOff + r·xStride + j + shifts[t]]
     * for every channel c &lt; channels and tap t (T = shifts.length): the weight gradient of
     * {@link #shiftedSums}.
     *
     * @param g the output gradient, (channels, rows, width)
     * @param gOff index of its first element
     * @param channels the number of output channels
     * @param x the input image
     * @param xOff index of the image's first element
     * @param xStride the image's row stride
     * @param shifts the offset of each kernel tap from a window's top-left corner
     * @param dots the weight gradient, (channels, taps), added to
     * @param dotsOff index of its first element
     * @param rows output rows per channel
     * @param width output columns per channel
     */
    void shiftedDots(float[] g, int gOff, int channels, float[] x, int xOff, int xStride, int[] shifts, float[] dots,
                     int dotsOff, int rows, int width);

    /**
     * Floats {@link #packConvWeights} writes for a convolution with K = taps·Cin weight rows and
     * {@code cout} output channels: the weights, the bias and a per-channel affine map in this
     * implementation's own layout.
     *
     * @param k weight rows, taps·Cin
     * @param cout output channels
     * @return the packed size
     */
    int packedConvWeightsSize(int k, int cout);

    /**
     * Packs a convolution's weights, PyTorch layout (Cout, Cin, taps) from {@code wOff}, its bias (Cout
     * from {@code biasOff}, or null for none) and the batch norm that may follow it, for
     * {@link #pooledConv}: {@code norm} holds four rows of Cout, the mean, 1/√(var + eps), γ and β
     * (null for none).
     *
     * @param w the weights
     * @param wOff index of the first weight
     * @param bias the bias, or null
     * @param biasOff index of the first bias
     * @param norm the batch norm's mean, inverse deviation, γ and β, 4·Cout floats, or null
     * @param cout output channels
     * @param cin input channels
     * @param taps kernel taps, KH·KW
     * @param packed receives {@link #packedConvWeightsSize} floats from index 0
     */
    void packConvWeights(float[] w, int wOff, float[] bias, int biasOff, float[] norm, int cout, int cin, int taps,
                         float[] packed);

    /**
     * Inference's convolution, bias, optional ReLU and 2x2 stride-2 max pooling in one pass, from a
     * channels-last image to a channels-last pooled image, computing only the convolution outputs the
     * pooling reads. Input pixel (r, c) starts at xOff + r·rowStride + c·pixelStride; a convolution
     * output's weight row p (p = t·Cin + ci, as {@link #packConvWeights} orders them) multiplies the input
     * value offsets[p] past its pixel. Output (r, c), channel co, is Σ_p x[pixel(r, c) + offsets[p]]·W̃[p, co],
     * summed over p ascending, one multiply-add each (fused where the implementation's matrix product
     * fuses), the bias added before the sum when {@code biasFirst} (as {@link #shiftedSums} does) or after
     * it (as {@link #sgemm} and then {@link #axpy} do): the same values as those kernels. With
     * {@code normalize}, each output v then becomes γ·((v - mean)·invStd) + β, each operation rounded (as a
     * batch norm evaluates). Pooled pixel (i, j), channel co, goes to y[yOff + (i·pooledWidth + j)·cout +
     * co]: the maximum of outputs (2i + a, 2j + b), a, b in {0, 1}, rectified when {@code relu}.
     *
     * @param x the input image, channels-last
     * @param xOff index of its first element
     * @param pixelStride floats from one pixel to the next in a row (Cin)
     * @param rowStride floats from one row to the next
     * @param offsets each weight row's input value, as an offset from the output's pixel: (ki·W + kj)·Cin + ci
     * @param packed the weights and bias from {@link #packConvWeights}
     * @param cout output channels
     * @param biasFirst whether the sum starts from the bias rather than adding it at the end
     * @param normalize whether the packed batch norm applies to each output before the pooling
     * @param relu whether the pooled maxima are rectified
     * @param y the pooled output, channels-last
     * @param yOff index of its first element
     * @param pooledHeight pooled rows
     * @param pooledWidth pooled columns
     */
    void pooledConv(float[] x, int xOff, int pixelStride, int rowStride, int[] offsets, float[] packed, int cout,
                    boolean biasFirst, boolean normalize, boolean relu, float[] y, int yOff, int pooledHeight,
                    int pooledWidth);

    /**
     * 2x2, stride-2 max pooling of {@code planes} consecutive (h, w) planes with the argmax (the
     * winning position h·W + w within its plane): the first maximum in row-major order wins, a NaN
     * wins, as in PyTorch; with a null argmax, the maxima alone (as {@link Math#max}).
     * {@link PoolKernels#maxForward} checks the arguments and calls this.
     *
     * @param x the input planes
     * @param xOff index of the first input element
     * @param planes the number of (h, w) planes
     * @param h plane height
     * @param w plane width
     * @param out the pooled planes, (h/2, w/2) each
     * @param outOff index of the first output element
     * @param argmax receives each winner's position, or null
     * @param argOff index of the first argmax entry
     */
    void maxPool2x2(float[] x, int xOff, int planes, int h, int w, float[] out, int outOff, int[] argmax, int argOff);

    /**
     * {@link #maxPool2x2} of one channels-last image x (H·W, C) into channels-last out (OH·OW, C), with
     * argmax (or null) in the same order holding each winner's position h·W + w, as in a plane.
     * {@link PoolKernels#maxForwardChannelsLast} checks the arguments and calls this.
     *
     * @param x the input image, channels-last
     * @param xOff index of its first element
     * @param channels the number of channels
     * @param h image height
     * @param w image width
     * @param out the pooled image, channels-last
     * @param outOff index of its first element
     * @param argmax receives each winner's position, or null
     * @param argOff index of the first argmax entry
     */
    void maxPool2x2ChannelsLast(float[] x, int xOff, int channels, int h, int w, float[] out, int outOff, int[] argmax,
                                int argOff);

    /**
     * Σ x[i] over n elements.
     *
     * @param x the array
     * @param off index of the first element
     * @param n the number of elements
     * @return the sum
     */
    float sum(float[] x, int off, int n);

    /**
     * y = max(x, 0) over n elements (NaN stays NaN).
     *
     * @param x the input array
     * @param xOff index of the first input
     * @param y the output array (may be x)
     * @param yOff index of the first output
     * @param n the number of elements
     */
    void relu(float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * gx = gy where x &gt; 0, else 0 (the gradient at exactly 0 is 0, as in PyTorch).
     *
     * @param x the ReLU's input
     * @param xOff index of its first element
     * @param gy the output gradient
     * @param gyOff index of its first element
     * @param gx the input gradient, written
     * @param gxOff index of its first element
     * @param n the number of elements
     */
    void reluBackward(float[] x, int xOff, float[] gy, int gyOff, float[] gx, int gxOff, int n);

    /**
     * One {@code torch.optim.SGD} step over n elements of parameters p with gradients g and momentum
     * buffer buf: d = g + weightDecay·p; buf = d on the first step, else momentum·buf + (1-dampening)·d;
     * p -= lr·(nesterov ? d + momentum·buf : buf). With momentum 0 the buffer is not touched.
     *
     * @param p the parameters, updated in place
     * @param g their gradients
     * @param buf the momentum buffer
     * @param off index of the first element in p, g and buf
     * @param n the number of elements
     * @param lr the learning rate
     * @param momentum the momentum factor
     * @param dampening the dampening of the gradient in the buffer
     * @param weightDecay the L2 penalty
     * @param nesterov whether to use Nesterov momentum
     * @param firstStep whether this is the first step (the buffer is set, not blended)
     */
    void sgdStep(float[] p, float[] g, float[] buf, int off, int n,
                 float lr, float momentum, float dampening, float weightDecay, boolean nesterov, boolean firstStep);

    /**
     * One {@code torch.optim.Adam}/{@code AdamW} step over n elements: p *= paramScale (AdamW's decoupled
     * decay, 1 for Adam); d = g + weightDecay·p (Adam's L2 term, 0 for AdamW); m = β1·m + (1-β1)·d;
     * v = β2·v + (1-β2)·d²; p -= stepSize·m / (√v / sqrtBiasCorrection2 + eps).
     *
     * @param p the parameters, updated in place
     * @param g their gradients
     * @param m the first-moment buffer
     * @param v the second-moment buffer
     * @param off index of the first element in p, g, m and v
     * @param n the number of elements
     * @param paramScale the factor applied to p first (1 - lr·weightDecay for AdamW, 1 for Adam)
     * @param weightDecay Adam's L2 penalty added to the gradient (0 for AdamW)
     * @param beta1 the decay of the first moment
     * @param beta2 the decay of the second moment
     * @param stepSize lr / (1 - beta1^t)
     * @param sqrtBiasCorrection2 √(1 - beta2^t)
     * @param eps added to the denominator for stability
     */
    void adamStep(float[] p, float[] g, float[] m, float[] v, int off, int n,
                  float paramScale, float weightDecay, float beta1, float beta2,
                  float stepSize, float sqrtBiasCorrection2, float eps);
}
