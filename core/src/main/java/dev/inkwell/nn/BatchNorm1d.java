package dev.inkwell.nn;

import dev.inkwell.tensor.Shape;

/** Batch normalisation of (C) or (C, L) inputs per channel, as {@code torch.nn.BatchNorm1d}. */
public final class BatchNorm1d extends BatchNorm {

    /**
     * A batch norm over features (and length) with these settings.
     *
     * @param spec the settings
     */
    public BatchNorm1d(Spec spec) {
        super(spec);
    }

    /**
     * PyTorch's defaults (eps 1e-5, momentum 0.1).
     *
     * @param features the number of features
     */
    public BatchNorm1d(int features) {
        this(Spec.of(features));
    }

    @Override
    public String kind() {
        return "bn";
    }

    @Override
    public Shape outputShape(Shape input) {
        if ((input.rank() != 1 && input.rank() != 2) || input.dim(0) != spec.features()) {
            throw new IllegalArgumentException("expects input [" + spec.features() + "] or [" + spec.features()
                    + ", L], got " + input);
        }
        return input;
    }
}
