package dev.inkwell.nn;

import dev.inkwell.kernels.PoolKernels;

/**
 * Max pooling, as {@code torch.nn.MaxPool2d}. A training forward pass records each window's argmax for
 * backward; an inference pass computes only the maxima, and a backward after it finds the argmax then.
 */
public final class MaxPool2d extends Pool2d {
    private int[] argmax;

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

    @Override
    protected void forwardImages(int from, int to, int worker) {
        // outside training nothing goes backward: the values alone are a quarter of the work
        PoolKernels.maxForward(kernels, in, from * inputShape.size(), (to - from) * channels, h, w, spec.kernel(), spec.kernel(),
                spec.stride(), spec.padding(), output, from * outputShape.size(), training ? argmax : null,
                from * outputShape.size());
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
        PoolKernels.maxBackward(gy, from * outputShape.size(), argmax, from * outputShape.size(), (to - from) * channels,
                h, w, oh, ow, gradInput, from * inputShape.size());
    }
}
