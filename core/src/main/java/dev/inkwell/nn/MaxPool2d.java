package dev.inkwell.nn;

import dev.inkwell.kernels.PoolKernels;

/**
 * Max pooling, as {@code torch.nn.MaxPool2d}. A training forward pass records each window's argmax for
 * backward; an inference pass computes only the maxima, and a backward after it finds the argmax then.
 *
 * <p>A {@link Sequential} folds a ReLU that comes right before the pooling into it ({@link #foldPrecedingRelu}):
 * ReLU is monotone, so the maximum of the rectified window is the rectified maximum, bit for bit, and
 * rectifying the pooled output touches a quarter of the values the ReLU layer would read and write.
 */
public final class MaxPool2d extends Pool2d {
    private int[] argmax;
    private boolean reluFolded;

    public MaxPool2d(Spec spec) {
        super(spec);
    }

    /** Window and stride {@code kernel}, no padding. */
    public MaxPool2d(int kernel) {
        this(Spec.of(kernel));
    }

    @Override
    public String kind() {
        return "pool";
    }

    @Override
    protected void allocate() {
        super.allocate();
        argmax = new int[maxBatch * outputShape.size()];
    }

    /**
     * From now on this layer computes pool(ReLU(x)): it rectifies its output, and its input gradient
     * passes only where that output is positive. On an input already rectified the output is as before,
     * and the gradient differs only where the ReLU's own gradient is zero: calling the ReLU layer and
     * then this one still computes the same.
     */
    void foldPrecedingRelu() {
        reluFolded = true;
    }

    @Override
    protected void forwardImages(int from, int to, int worker) {
        int out = from * outputShape.size(), n = (to - from) * outputShape.size();
        // outside training nothing goes backward: the values alone are a quarter of the work
        PoolKernels.maxForward(kernels, in, from * inputShape.size(), (to - from) * channels, h, w, spec.kernel(), spec.kernel(),
                spec.stride(), spec.padding(), output, out, training ? argmax : null, out);
        if (reluFolded) {
            kernels.relu(output, out, output, out, n);
        }
    }

    @Override
    protected void backwardImages(int from, int to, int worker) {
        if (!training) {
            // an inference forward pass kept no argmax: find it now, using gradInput (about to be
            // overwritten) as scratch for the values
            PoolKernels.maxForward(kernels, in, from * inputShape.size(), (to - from) * channels, h, w, spec.kernel(),
                    spec.kernel(), spec.stride(), spec.padding(), gradInput, from * inputShape.size(), argmax,
                    from * outputShape.size());
        }
        int out = from * outputShape.size();
        PoolKernels.maxBackward(gy, out, argmax, out, reluFolded ? output : null, out, (to - from) * channels, h, w, oh,
                ow, gradInput, from * inputShape.size());
    }
}
