package dev.inkwell.nn;

import dev.inkwell.kernels.PoolKernels;
import dev.inkwell.parallel.RangeTask;

/** Max pooling, as {@code torch.nn.MaxPool2d}; the forward pass records each window's argmax for backward. */
public final class MaxPool2d extends Pool2d {
    private float[] output;
    private float[] gradInput;
    private int[] argmax;
    private float[] in;
    private float[] gy;
    private final RangeTask forwardTask = this::forwardImages;
    private final RangeTask backwardTask = this::backwardImages;

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
        output = new float[maxBatch * outputShape.size()];
        argmax = new int[maxBatch * outputShape.size()];
        gradInput = inputGradientNeeded ? new float[maxBatch * inputShape.size()] : null;
    }

    @Override
    protected float[] computeForward(float[] input, int batch, boolean training) {
        in = input;
        pool.forRange(batch, forwardTask);
        in = null;
        return output;
    }

    private void forwardImages(int from, int to, int worker) {
        PoolKernels.maxForward(in, from * inputShape.size(), (to - from) * channels, h, w, spec.kernel(), spec.kernel(),
                spec.stride(), spec.padding(), output, from * outputShape.size(), argmax, from * outputShape.size());
    }

    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        if (!inputGradientNeeded) {
            return null;
        }
        gy = gradOutput;
        pool.forRange(batch, backwardTask);
        gy = null;
        return gradInput;
    }

    private void backwardImages(int from, int to, int worker) {
        PoolKernels.maxBackward(gy, from * outputShape.size(), argmax, from * outputShape.size(), (to - from) * channels,
                h, w, oh, ow, gradInput, from * inputShape.size());
    }
}
