package dev.inkwell.nn;

import dev.inkwell.init.Init;
import dev.inkwell.init.Rng;
import dev.inkwell.parallel.RangeTask;
import dev.inkwell.tensor.Shape;

import java.util.List;

/**
 * Fully connected layer, as {@code torch.nn.Linear}: input (in), weight (out, in), bias (out),
 * output = input · weightᵀ + bias.
 *
 * <p>Threads: forward splits the batch; backward splits the input features, so that each thread's
 * products have every row (the SGEMM's six-row blocks, even for ten classes). Each element of a
 * gradient is summed in the same order whatever the split, so results do not depend on the thread count.
 */
public final class Linear extends Layer {
    /**
     * Backward splits the input features in blocks of this many, the width of the SGEMM's register
     * block on AVX-512 (four vectors), so that no chunk but the last has a ragged tail of columns.
     */
    private static final int GRADIENT_COLUMNS = 64;

    /**
     * Settings of a linear layer.
     *
     * @param inFeatures  input size; {@link #INFERRED} to take it from the input at build
     * @param outFeatures output size
     * @param bias        whether there is a bias
     * @param init        how weight and bias are initialised
     */
    public record Spec(int inFeatures, int outFeatures, boolean bias, Init init) {
        /** An {@code inFeatures} that is taken from the layer's input at build (as {@code torch.nn.LazyLinear}). */
        public static final int INFERRED = -1;

        /**
         * Checks the sizes; an input size of {@link #INFERRED} is allowed.
         *
         * @param inFeatures input features, or {@link #INFERRED}
         * @param outFeatures output features
         * @param bias whether the layer adds a learned bias
         * @param init how the weights are initialised
         */
        public Spec {
            if ((inFeatures < 1 && inFeatures != INFERRED) || outFeatures < 1) {
                throw new IllegalArgumentException("features must be at least 1, got in=" + inFeatures
                        + " out=" + outFeatures);
            }
            if (init == null) {
                throw new IllegalArgumentException("init is required");
            }
        }

        /**
         * With bias, PyTorch's default initialisation.
         *
         * @param inFeatures input features, or {@link #INFERRED}
         * @param outFeatures output features
         * @return the settings
         */
        public static Spec of(int inFeatures, int outFeatures) {
            return new Spec(inFeatures, outFeatures, true, Init.PYTORCH_DEFAULT);
        }

        /**
         * These settings with or without a bias.
         *
         * @param b whether to add a bias
         * @return a copy of these settings
         */
        public Spec bias(boolean b) {
            return new Spec(inFeatures, outFeatures, b, init);
        }

        /**
         * These settings with another initialisation.
         *
         * @param i the new initialisation
         * @return a copy of these settings
         */
        public Spec init(Init i) {
            return new Spec(inFeatures, outFeatures, bias, i);
        }
    }

    private final Spec spec;
    private Parameter weight;
    private Parameter bias;
    private float[] output;
    private float[] gradInput;

    private float[] in;
    private float[] gy;
    private int batch;
    private final RangeTask forwardTask = this::forwardRows;
    private final RangeTask backwardTask = this::backwardColumns;

    /**
     * A fully connected layer with these settings.
     *
     * @param spec the settings
     */
    public Linear(Spec spec) {
        this.spec = spec;
    }

    /**
     * {@code Linear(Spec.of(in, out))}.
     *
     * @param inFeatures input features
     * @param outFeatures output features
     */
    public Linear(int inFeatures, int outFeatures) {
        this(Spec.of(inFeatures, outFeatures));
    }

    /**
     * A layer whose input size is taken from its input at build: {@code Linear(Spec.of(INFERRED, out))}.
     *
     * @param outFeatures output features
     */
    public Linear(int outFeatures) {
        this(Spec.of(Spec.INFERRED, outFeatures));
    }

    /** The input size: the spec's, or the input's for a lazily sized layer (then known from build on). */
    private int inFeatures(Shape input) {
        return spec.inFeatures() == Spec.INFERRED ? input.dim(0) : spec.inFeatures();
    }

    /**
     * The layer's settings.
     *
     * @return the settings
     */
    public Spec spec() {
        return spec;
    }

    @Override
    public String kind() {
        return "fc";
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 1 || input.dim(0) != inFeatures(input)) {
            throw new IllegalArgumentException("expects input [" + inFeatures(input) + "], got " + input
                    + (input.rank() > 1 ? "; add a Flatten layer before it" : ""));
        }
        return Shape.of(spec.outFeatures());
    }

    @Override
    protected List<ParamSpec> parameterSpecs(Shape input) {
        Shape ws = Shape.of(spec.outFeatures(), inFeatures(input));
        return spec.bias()
                ? List.of(new ParamSpec("weight", ws), new ParamSpec("bias", Shape.of(spec.outFeatures())))
                : List.of(new ParamSpec("weight", ws));
    }

    @Override
    protected void bind(List<Parameter> parameters, List<Parameter> state) {
        weight = parameters.get(0);
        bias = spec.bias() ? parameters.get(1) : null;
    }

    @Override
    protected void initialize(Rng rng) {
        int in = inFeatures(inputShape);
        spec.init().initWeight(weight.data(), weight.offset(), weight.size(), in, spec.outFeatures(), rng);
        if (bias != null) {
            spec.init().initBias(bias.data(), bias.offset(), bias.size(), in, rng);
        }
    }

    @Override
    protected void allocate() {
        output = new float[maxBatch * spec.outFeatures()];
        gradInput = inputGradientNeeded ? new float[maxBatch * inputShape.size()] : null;
    }

    @Override
    protected float[] computeForward(float[] input, int batch, boolean training) {
        this.in = input;
        pool.forRange(batch, forwardTask);
        this.in = null;
        return output;
    }

    private void forwardRows(int from, int to, int worker) {
        int nIn = inputShape.size(), nOut = spec.outFeatures();
        for (int n = from; n < to; n++) {
            if (bias != null) {
                System.arraycopy(bias.data(), bias.offset(), output, n * nOut, nOut);
            } else {
                java.util.Arrays.fill(output, n * nOut, (n + 1) * nOut, 0f);
            }
        }
        // out (rows, out) += x (rows, in) · Wᵀ (in, out)
        kernels.sgemm(false, true, to - from, nOut, nIn, in, from * nIn, nIn, weight.data(), weight.offset(), nIn,
                output, from * nOut, nOut, true);
    }

    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        this.in = input;
        this.gy = gradOutput;
        this.batch = batch;
        pool.forRange((inputShape.size() + GRADIENT_COLUMNS - 1) / GRADIENT_COLUMNS, backwardTask);
        if (bias != null) {
            addBiasGradient();
        }
        this.in = null;
        this.gy = null;
        return gradInput;
    }

    /** Weight and input gradient of the input features in blocks [from, to) of {@link #GRADIENT_COLUMNS}. */
    private void backwardColumns(int from, int to, int worker) {
        int nIn = inputShape.size(), nOut = spec.outFeatures();
        int first = from * GRADIENT_COLUMNS, end = Math.min(nIn, to * GRADIENT_COLUMNS);
        // dW (out, in) += dOutᵀ (out, batch) · x (batch, in)
        kernels.sgemm(true, false, nOut, end - first, batch, gy, 0, nOut, in, first, nIn,
                weight.grad(), weight.offset() + first, nIn, true);
        if (inputGradientNeeded) {
            // out = x · Wᵀ  ⇒  dx (batch, in) = dOut (batch, out) · W (out, in)
            kernels.sgemm(false, false, batch, end - first, nOut, gy, 0, nOut, weight.data(),
                    weight.offset() + first, nIn, gradInput, first, nIn, false);
        }
    }

    private void addBiasGradient() {
        int nOut = spec.outFeatures();
        float[] bg = bias.grad();
        for (int o = 0; o < nOut; o++) {
            float s = 0f;
            for (int n = 0; n < batch; n++) {
                s += gy[n * nOut + o];
            }
            bg[bias.offset() + o] += s;
        }
    }

    @Override
    public LayerConfig config() {
        // a lazily sized layer, once built, reports its size so that a model file rebuilds it exactly
        int in = isBuilt() ? inputShape.size() : spec.inFeatures();
        return LayerConfig.of("Linear", "in", in, "out", spec.outFeatures(), "bias", spec.bias());
    }
}
