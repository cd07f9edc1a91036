package dev.inkwell.nn;

import dev.inkwell.kernels.PoolKernels;

/**
 * Average pooling, as {@code torch.nn.AvgPool2d} with its defaults: padded zeros count in the
 * divisor (count_include_pad=True), floor mode.
 */
public final class AvgPool2d extends Pool2d {

    /**
     * An average pooling with these window settings.
     *
     * @param spec the window settings
     */
    public AvgPool2d(Spec spec) {
        super(spec);
    }

    /**
     * Window and stride {@code kernel}, no padding.
     *
     * @param kernel the window size and stride
     */
    public AvgPool2d(int kernel) {
        this(Spec.of(kernel));
    }

    @Override
    public String kind() {
        return "avgpool";
    }

    @Override
    protected void forwardImages(int from, int to, int worker) {
        PoolKernels.avgForward(in, from * inputShape.size(), (to - from) * channels, h, w, spec.kernel(), spec.kernel(),
                spec.stride(), spec.padding(), output, from * outputShape.size());
    }

    @Override
    protected void backwardImages(int from, int to, int worker) {
        PoolKernels.avgBackward(gy, from * outputShape.size(), (to - from) * channels, h, w, spec.kernel(), spec.kernel(),
                spec.stride(), spec.padding(), gradInput, from * inputShape.size());
    }
}
