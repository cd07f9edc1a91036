package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

/** Batch normalisation of (C, H, W) inputs per channel, as {@code torch.nn.BatchNorm2d}. */
public final class BatchNorm2d extends BatchNorm {

    /**
     * A batch norm over channels with these settings.
     *
     * @param spec the settings
     */
    public BatchNorm2d(Spec spec) {
        super(spec);
    }

    /**
     * PyTorch's defaults (eps 1e-5, momentum 0.1).
     *
     * @param channels the number of channels
     */
    public BatchNorm2d(int channels) {
        this(Spec.of(channels));
    }

    @Override
    public String kind() {
        return "bn";
    }

    /** Evaluation's per-channel affine map can follow a {@link PooledConvRun} block's convolution. */
    @Override
    BatchNorm2d asPooledConvNorm() {
        return this;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3 || input.dim(0) != spec.features()) {
            throw new IllegalArgumentException("expects input [" + spec.features() + ", H, W], got " + input);
        }
        return input;
    }
}
