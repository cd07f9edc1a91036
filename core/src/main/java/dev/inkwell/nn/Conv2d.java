package dev.inkwell.nn;

import dev.inkwell.init.Init;
import dev.inkwell.init.Rng;
import dev.inkwell.kernels.ConvKernels;
import dev.inkwell.parallel.RangeTask;
import dev.inkwell.tensor.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * 2-D convolution (cross-correlation, as {@code torch.nn.Conv2d}): input (Cin, H, W), weight
 * (Cout, Cin, KH, KW), bias (Cout), output (Cout, OH, OW) with OH = (H + 2·pad - KH)/stride + 1.
 *
 * <p>Stride 1 with one input channel is computed directly ({@link DirectConv}); everything else by
 * unfolding channels-last copies of the images into rows for SGEMMs ({@link UnfoldedConv}).
 *
 * <p>Threads: the forward pass splits the batch. The backward pass splits the batch into a fixed
 * number of groups (fixed by the batch size, not the thread count); each group sums its weight
 * gradient into its own buffer and the groups are then added in order, so the result is the same
 * bit for bit whatever the number of threads.
 */
public final class Conv2d extends ImageWiseLayer {
    /** Settings of a convolution. Build one with {@link #of} and adjust it with the withers. */
    public record Spec(int inChannels, int outChannels, int kernelHeight, int kernelWidth, int stride, int padding,
                       boolean bias, Init init) {
        /**
         * Checks channels, kernel, stride and padding.
         *
         * @param inChannels input channels
         * @param outChannels output channels (filters)
         * @param kernelHeight kernel height
         * @param kernelWidth kernel width
         * @param stride the step between windows, both axes
         * @param padding zeros added on every side
         * @param bias whether the layer adds a learned bias per output channel
         * @param init how the weights are initialised
         */
        public Spec {
            if (inChannels < 1 || outChannels < 1) {
                throw new IllegalArgumentException("channels must be at least 1, got in=" + inChannels
                        + " out=" + outChannels);
            }
            if (kernelHeight < 1 || kernelWidth < 1) {
                throw new IllegalArgumentException("kernel must be at least 1x1, got " + kernelHeight + "x"
                        + kernelWidth);
            }
            if (stride < 1) {
                throw new IllegalArgumentException("stride must be at least 1, got " + stride);
            }
            if (padding < 0) {
                throw new IllegalArgumentException("padding must not be negative, got " + padding);
            }
            if (init == null) {
                throw new IllegalArgumentException("init is required");
            }
        }

        /**
         * A square kernel, stride 1, no padding, with bias, PyTorch's default initialisation.
         *
         * @param inChannels input channels
         * @param outChannels output channels
         * @param kernel kernel height and width
         * @return the settings
         */
        public static Spec of(int inChannels, int outChannels, int kernel) {
            return new Spec(inChannels, outChannels, kernel, kernel, 1, 0, true, Init.PYTORCH_DEFAULT);
        }

        /**
         * These settings with another stride.
         *
         * @param s the new stride
         * @return a copy of these settings
         */
        public Spec stride(int s) {
            return new Spec(inChannels, outChannels, kernelHeight, kernelWidth, s, padding, bias, init);
        }

        /**
         * These settings with another zero padding.
         *
         * @param p the new padding
         * @return a copy of these settings
         */
        public Spec padding(int p) {
            return new Spec(inChannels, outChannels, kernelHeight, kernelWidth, stride, p, bias, init);
        }

        /**
         * These settings with or without a bias.
         *
         * @param b whether to add a bias
         * @return a copy of these settings
         */
        public Spec bias(boolean b) {
            return new Spec(inChannels, outChannels, kernelHeight, kernelWidth, stride, padding, b, init);
        }

        /**
         * These settings with another initialisation.
         *
         * @param i the new initialisation
         * @return a copy of these settings
         */
        public Spec init(Init i) {
            return new Spec(inChannels, outChannels, kernelHeight, kernelWidth, stride, padding, bias, i);
        }
    }

    private final Spec spec;
    private Parameter weight;
    private Parameter bias;

    private boolean outputChannelsLast;
    private ConvPasses passes;
    private float[] output;
    private float[] gradInput;
    private float[][] groupWeightGrad;
    private float[][] groupBiasGrad;
    private float[] reducedWeightGrad;
    private int[] partialIndex; // PyTorch-layout weight index -> its place in a partial gradient

    // arguments of the current call, read by the range tasks (which are created once, so calls allocate nothing)
    private float[] in;
    private float[] gy;
    private int groups;
    private final RangeTask reduceWeightTask = this::reduceWeightGradient;
    private final RangeTask addWeightTask = this::addWeightGradient;

    /**
     * A convolution with these settings.
     *
     * @param spec the settings
     */
    public Conv2d(Spec spec) {
        this.spec = spec;
    }

    /**
     * {@code Conv2d(Spec.of(in, out, kernel))}.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernel kernel height and width
     */
    public Conv2d(int inChannels, int outChannels, int kernel) {
        this(Spec.of(inChannels, outChannels, kernel));
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
        return "conv";
    }

    /** The convolutions computed by unfolding can: channels-last is their SGEMMs' own layout. */
    @Override
    boolean canWriteChannelsLast() {
        return !direct();
    }

    /** Stride-1 convolutions can start a {@link PooledConvRun} block. */
    @Override
    Conv2d asPooledConvStart() {
        return spec.stride() == 1 ? this : null;
    }

    /** Whether each output sums from its bias ({@link DirectConv}) rather than adding it last ({@link UnfoldedConv}). */
    boolean sumsFromBias() {
        return direct();
    }

    Parameter weightParameter() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    Parameter biasParameter() {
        return bias;
    }

    private boolean direct() {
        return spec.stride() == 1 && spec.inChannels() == 1;
    }

    /**
     * Before build: the output goes out channels-last, (OH·OW, Cout) per image, and its gradient comes
     * back so: the SGEMMs' own layout, which saves transposing both. Chosen by the fusion plan when a
     * max pooling, which reads that layout as fast, comes next.
     */
    @Override
    void writeChannelsLast() {
        outputChannelsLast = true;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() != 3 || input.dim(0) != spec.inChannels()) {
            throw new IllegalArgumentException("expects input [" + spec.inChannels() + ", H, W], got " + input);
        }
        int outH = ConvKernels.outputSize(input.dim(1), spec.kernelHeight(), spec.stride(), spec.padding());
        int outW = ConvKernels.outputSize(input.dim(2), spec.kernelWidth(), spec.stride(), spec.padding());
        if (outH < 1 || outW < 1 || input.dim(1) + 2 * spec.padding() < spec.kernelHeight()
                || input.dim(2) + 2 * spec.padding() < spec.kernelWidth()) {
            throw new IllegalArgumentException("a " + spec.kernelHeight() + "x" + spec.kernelWidth()
                    + " kernel with padding " + spec.padding() + " does not fit input " + input);
        }
        return Shape.of(spec.outChannels(), outH, outW);
    }

    @Override
    protected List<ParamSpec> parameterSpecs(Shape input) {
        Shape ws = Shape.of(spec.outChannels(), spec.inChannels(), spec.kernelHeight(), spec.kernelWidth());
        return spec.bias()
                ? List.of(new ParamSpec("weight", ws), new ParamSpec("bias", Shape.of(spec.outChannels())))
                : List.of(new ParamSpec("weight", ws));
    }

    @Override
    protected void bind(List<Parameter> parameters, List<Parameter> state) {
        weight = parameters.get(0);
        bias = spec.bias() ? parameters.get(1) : null;
    }

    @Override
    protected void initialize(Rng rng) {
        int fanIn = spec.inChannels() * spec.kernelHeight() * spec.kernelWidth();
        int fanOut = spec.outChannels() * spec.kernelHeight() * spec.kernelWidth();
        spec.init().initWeight(weight.data(), weight.offset(), weight.size(), fanIn, fanOut, rng);
        if (bias != null) {
            spec.init().initBias(bias.data(), bias.offset(), bias.size(), fanIn, rng);
        }
    }

    @Override
    protected void allocate() {
        ConvGeometry g = new ConvGeometry(spec.inChannels(), spec.outChannels(), inputShape.dim(1), inputShape.dim(2),
                spec.kernelHeight(), spec.kernelWidth(), spec.stride(), spec.padding(), outputShape.dim(1),
                outputShape.dim(2));
        int workers = pool.threads();
        passes = direct()
                ? new DirectConv(g, weight, bias, kernels, workers, inputGradientNeeded)
                : new UnfoldedConv(g, weight, bias, kernels, maxBatch, workers, outputChannelsLast);
        output = new float[maxBatch * outputShape.size()];
        gradInput = inputGradientNeeded ? new float[maxBatch * inputShape.size()] : null;
        int maxGroups = gradientGroups(maxBatch);
        groupWeightGrad = new float[maxGroups][weight.size()];
        groupBiasGrad = new float[maxGroups][spec.outChannels()];
        reducedWeightGrad = new float[weight.size()];
        partialIndex = new int[weight.size()];
        for (int i = 0; i < partialIndex.length; i++) {
            partialIndex[i] = passes.partialIndex(i);
        }
    }

    @Override
    protected float[] startForward(float[] input, int batch, boolean training) {
        this.in = input;
        passes.beforeForward();
        return output;
    }

    @Override
    protected void forwardImages(int from, int to, int worker) {
        passes.forward(in, output, from, to - from, worker);
    }

    @Override
    protected float[] startBackward(float[] input, float[] gradOutput, int batch) {
        this.in = input;
        this.gy = gradOutput;
        this.groups = gradientGroups(batch);
        passes.beforeBackward();
        return gradInput;
    }

    /** The group's weight and bias gradient, each into the group's own partial sum, and each image's input gradient. */
    @Override
    protected void backwardGroup(int group, int from, int to, int worker) {
        float[] gw = groupWeightGrad[group];
        float[] gb = groupBiasGrad[group];
        Arrays.fill(gw, 0f);
        Arrays.fill(gb, 0f);
        passes.backward(in, gy, from, to - from, gw, gradInput, worker);
        for (int n = from; n < to; n++) {
            addBiasGradient(gb, n * outputShape.size());
        }
    }

    /** Sums the groups' partial weight and bias gradients, in group order, into the parameters' gradients. */
    @Override
    protected void finishBackward() {
        pool.forRange(weight.size(), reduceWeightTask);
        pool.forRange(weight.size(), addWeightTask);
        if (bias != null) {
            float[] bg = bias.grad();
            for (int co = 0; co < spec.outChannels(); co++) {
                float s = 0f;
                for (int g = 0; g < groups; g++) {
                    s += groupBiasGrad[g][co];
                }
                bg[bias.offset() + co] += s;
            }
        }
        this.in = null;
        this.gy = null;
    }

    /** Adds the bias gradient of the image whose output gradient starts at {@code at} to gb. */
    private void addBiasGradient(float[] gb, int at) {
        int cout = spec.outChannels(), p = outputShape.dim(1) * outputShape.dim(2);
        if (outputChannelsLast) {
            for (int q = 0; q < p; q++) { // one pixel's channels at a time
                kernels.axpy(1f, gy, at + q * cout, gb, 0, cout);
            }
        } else {
            for (int co = 0; co < cout; co++) {
                gb[co] += kernels.sum(gy, at + co * p, p);
            }
        }
    }

    /** Sums the groups' partial gradients in group order, in their own layout: contiguous, vectorised. */
    private void reduceWeightGradient(int from, int to, int worker) {
        System.arraycopy(groupWeightGrad[0], from, reducedWeightGrad, from, to - from);
        for (int g = 1; g < groups; g++) {
            kernels.axpy(1f, groupWeightGrad[g], from, reducedWeightGrad, from, to - from);
        }
    }

    /** Adds the summed partial gradient into the weight gradient, in PyTorch layout. */
    private void addWeightGradient(int from, int to, int worker) {
        float[] wg = weight.grad();
        int off = weight.offset();
        for (int i = from; i < to; i++) {
            wg[off + i] += reducedWeightGrad[partialIndex[i]];
        }
    }

    @Override
    public LayerConfig config() {
        return LayerConfig.of("Conv2d", "in", spec.inChannels(), "out", spec.outChannels(), "kh", spec.kernelHeight(),
                "kw", spec.kernelWidth(), "stride", spec.stride(), "padding", spec.padding(), "bias", spec.bias());
    }
}
