package dev.inkwell.nn;

import dev.inkwell.kernels.PoolKernels;

/** Max pooling, as {@code torch.nn.MaxPool2d}; the forward pass records each window's argmax for backward. */
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
        PoolKernels.maxForward(in, from * inputShape.size(), (to - from) * channels, h, w, spec.kernel(), spec.kernel(),
                spec.stride(), spec.padding(), output, from * outputShape.size(), argmax, from * outputShape.size());
    }

    @Override
    protected void backwardImages(int from, int to, int worker) {
        PoolKernels.maxBackward(gy, from * outputShape.size(), argmax, from * outputShape.size(), (to - from) * channels,
                h, w, oh, ow, gradInput, from * inputShape.size());
    }
}
