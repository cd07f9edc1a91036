package dev.inkwell.nn;

import dev.inkwell.kernels.PoolKernels;
import dev.inkwell.parallel.RangeTask;

/**
 * Average pooling, as {@code torch.nn.AvgPool2d} with its defaults: padded zeros count in the
 * divisor (count_include_pad=True), floor mode.
 */
public final class AvgPool2d extends Pool2d {
    private float[] output;
    private float[] gradInput;
    private float[] in;
    private float[] gy;
    private final RangeTask forwardTask = this::forwardImages;
    private final RangeTask backwardTask = this::backwardImages;

    public AvgPool2d(Spec spec) {
        super(spec);
    }

    /** Window and stride {@code kernel}, no padding. */
    public AvgPool2d(int kernel) {
        this(Spec.of(kernel));
    }

    @Override
    public String kind() {
        return "avgpool";
    }

    @Override
    protected void allocate() {
        super.allocate();
        output = new float[maxBatch * outputShape.size()];
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
        PoolKernels.avgForward(in, from * inputShape.size(), (to - from) * channels, h, w, spec.kernel(), spec.kernel(),
                spec.stride(), spec.padding(), output, from * outputShape.size());
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
        PoolKernels.avgBackward(gy, from * outputShape.size(), (to - from) * channels, h, w, spec.kernel(), spec.kernel(),
                spec.stride(), spec.padding(), gradInput, from * inputShape.size());
    }
}
