package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.kernels.Kernels;
import dev.inkwell.parallel.WorkerPool;
import dev.inkwell.tensor.Shape;

import java.util.List;

/**
 * One layer of a network. Shapes are per sample (for example [C, H, W]); every call also takes the
 * batch size, and activations are batches laid out NCHW in flat arrays (but for the channels-last
 * hand-over from a convolution to a max pooling that {@link Sequential} arranges at build).
 *
 * <p>Lifecycle: construct (settings only) → {@link Sequential#build} (shape inference, parameters
 * placed in the network's flat storage, buffers allocated for {@code maxBatch} samples, parameters
 * initialised) → {@link #forward} / {@link #backward} any number of times with any batch up to
 * {@code maxBatch} → an optimizer step updates the parameters. After build, forward and backward
 * allocate nothing. A layer owns its output and input-gradient buffers; the arrays it returns stay
 * valid until its next call. Weight gradients accumulate ({@code +=}) until
 * {@link Parameters#zeroGrad()}. Layers never look at their neighbours: the container chains them, and
 * tells them at build of any fold or hand-over between neighbours.
 *
 * <p>Writing a layer in your own package: implement {@link #kind}, {@link #outputShape(Shape)},
 * {@link #allocate}, {@link #computeForward}, {@link #computeBackward} and {@link #config}; a layer
 * with learnable weights also declares them in {@link #parameterSpecs(Shape)}, receives their views in
 * {@link #bind} and sets their first values in {@link #initialize}. Its weights then live in the
 * network's flat store like a built-in layer's: optimizers, checkpoints, {@link Sequential#summary()}
 * and model files see them. To load model files holding it, register it in a {@link LayerRegistry}.
 */
public abstract class Layer {
    /** One sample's input shape; set at build. */
    protected Shape inputShape;
    /** One sample's output shape; set at build. */
    protected Shape outputShape;
    /** The largest batch buffers are allocated for; set at build. */
    protected int maxBatch;
    /** The threads to split work over; set at build. */
    protected WorkerPool pool;
    /** The kernels to compute with; set at build. */
    protected Kernels kernels;
    /** False for a network's first layer, whose input gradient nobody needs. */
    protected boolean inputGradientNeeded = true;

    private String name;
    private float[] lastInput;
    private int lastBatch;

    /**
     * Short kind used for default names and summaries, for example {@code conv}.
     *
     * @return the kind
     */
    public abstract String kind();

    /**
     * The per-sample output shape for this per-sample input shape; throws if the input does not fit.
     *
     * @param input one sample's input shape
     * @return one sample's output shape
     */
    public abstract Shape outputShape(Shape input);

    /**
     * Trainable tensors this layer needs for this per-sample input shape, in order (names without the
     * layer prefix, for example {@code weight}). Called before {@link #bind}; a layer whose sizes follow
     * from its input (a lazily sized {@link Linear}) reads them from {@code input}.
     *
     * @param input one sample's input shape
     * @return the parameter specs, empty by default
     */
    protected List<ParamSpec> parameterSpecs(Shape input) {
        return List.of();
    }

    /**
     * Non-trainable state tensors this layer needs (running statistics), in order.
     *
     * @param input one sample's input shape
     * @return the state specs, empty by default
     */
    protected List<ParamSpec> stateSpecs(Shape input) {
        return List.of();
    }

    /**
     * Receives views of the network's flat storage for {@link #parameterSpecs(Shape)} and
     * {@link #stateSpecs(Shape)}, in the order declared. Called at build, before {@link #allocate()}.
     *
     * @param parameters views of the parameters, as {@link #parameterSpecs(Shape)} declared them
     * @param state views of the state, as {@link #stateSpecs(Shape)} declared them
     */
    protected void bind(List<Parameter> parameters, List<Parameter> state) {
    }

    /**
     * Allocates every buffer a forward and backward pass of up to {@code maxBatch} samples need; the
     * fields {@link #inputShape}, {@link #outputShape}, {@link #maxBatch}, {@link #pool} and
     * {@link #kernels} are set.
     */
    protected abstract void allocate();

    /**
     * Sets the initial parameter and state values, drawing any randomness from {@code rng}.
     *
     * @param rng the network's random stream
     */
    protected void initialize(Rng rng) {
    }

    /**
     * Activation values per sample this layer holds for {@code input}: its output, by default.
     *
     * @param input one sample's input shape
     * @return the number of floats per sample
     */
    protected long activationsPerSample(Shape input) {
        return outputShape(input).size();
    }

    final void build(String name, Shape input, int maxBatch, ComputeContext context, boolean needsInputGradient,
                     List<Parameter> parameters, List<Parameter> state) {
        this.name = name;
        this.inputShape = input;
        this.outputShape = outputShape(input);
        this.maxBatch = maxBatch;
        this.pool = context.pool();
        this.kernels = context.kernels();
        this.inputGradientNeeded = needsInputGradient;
        bind(parameters, state);
        allocate();
    }

    /**
     * Run state beyond the parameters that a checkpoint must carry for training to resume exactly (a
     * dropout layer's mask stream), as one line of text; null, the default, when there is none.
     *
     * @return the state as one line, or null
     */
    public String resumeState() {
        return null;
    }

    /**
     * Restores what {@link #resumeState()} returned; throws {@link IllegalArgumentException} if malformed.
     *
     * @param state what {@link #resumeState()} returned
     */
    public void restoreResumeState(String state) {
        throw new IllegalArgumentException(describe() + " has no resume state to restore");
    }

    // Fusion capabilities, read by FusionPlan before build. A layer declares what it can do; the plan
    // decides. Layers defined outside this package keep the defaults and are simply never fused.

    /** Whether a max pooling right after this layer may apply it instead: a ReLU (max commutes with it). */
    boolean foldsIntoFollowingMaxPool() {
        return false;
    }

    /** Whether this layer can apply a ReLU that comes right before it to its own output. */
    boolean canAbsorbPrecedingRelu() {
        return false;
    }

    /** From build on, apply the preceding ReLU (only when {@link #canAbsorbPrecedingRelu()}). */
    void absorbPrecedingRelu() {
        throw new UnsupportedOperationException(describe() + " cannot absorb a ReLU");
    }

    /** Whether this layer can hand its output over channels-last, (H·W, C) per image. */
    boolean canWriteChannelsLast() {
        return false;
    }

    /** From build on, write the output channels-last (only when {@link #canWriteChannelsLast()}). */
    void writeChannelsLast() {
        throw new UnsupportedOperationException(describe() + " cannot write channels-last");
    }

    /** Whether this layer can take its input channels-last as fast as (C, H, W). */
    boolean canReadChannelsLast() {
        return false;
    }

    /** From build on, read the input channels-last (only when {@link #canReadChannelsLast()}). */
    void readChannelsLast() {
        throw new UnsupportedOperationException(describe() + " cannot read channels-last");
    }

    /** This layer as the convolution that starts a {@link PooledConvRun} block, or null if it cannot. */
    Conv2d asPooledConvStart() {
        return null;
    }

    /** This layer as the batch norm after a {@link PooledConvRun} block's convolution, or null if it cannot be. */
    BatchNorm2d asPooledConvNorm() {
        return null;
    }

    /** This layer as the pooling that ends a {@link PooledConvRun} block, or null if it cannot. */
    MaxPool2d asPooledConvEnd() {
        return null;
    }

    /**
     * Whether the layer has been built (by a network's {@code build}).
     *
     * @return whether it is built
     */
    public boolean isBuilt() {
        return outputShape != null;
    }

    /**
     * The name given by the container, for example {@code conv1}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * One sample's input shape (null before build).
     *
     * @return the input shape
     */
    public Shape inputShape() {
        return inputShape;
    }

    /**
     * One sample's output shape (null before build).
     *
     * @return the output shape
     */
    public Shape outputShape() {
        return outputShape;
    }

    /**
     * Computes the output of {@code batch} samples read from {@code input} (at least
     * batch·inputShape.size() floats). {@code training} selects training behaviour (dropout active,
     * batch statistics). Returns the output buffer, valid until the next call.
     *
     * @param input the input, at least {@code batch} samples
     * @param batch the number of samples
     * @param training whether this is a training pass
     * @return the output buffer
     */
    public final float[] forward(float[] input, int batch, boolean training) {
        accept(input, batch);
        return computeForward(input, batch, training);
    }

    /** Checks a forward pass's arguments and remembers the input for the backward pass. */
    final void accept(float[] input, int batch) {
        if (outputShape == null) {
            throw new IllegalStateException(describe() + ": call build(inputShape, maxBatch, ...) on the network "
                    + "before forward()");
        }
        checkBatch(batch);
        if (input.length < batch * inputShape.size()) {
            throw new IllegalArgumentException(describe() + ": input holds " + input.length + " floats, a batch of "
                    + batch + " x " + inputShape + " needs " + batch * inputShape.size());
        }
        lastInput = input;
        lastBatch = batch;
    }

    /**
     * Given dLoss/dOutput of the last forward pass, adds the parameter gradients into the gradient
     * storage and returns dLoss/dInput (null for a first layer, which need not compute it).
     *
     * @param gradOutput dLoss/dOutput, {@code batch} samples
     * @param batch the number of samples
     * @return dLoss/dInput, or null
     */
    public final float[] backward(float[] gradOutput, int batch) {
        return computeBackward(acceptBackward(gradOutput, batch), gradOutput, batch);
    }

    /** Checks a backward pass's arguments against the last forward pass; returns that pass's input. */
    final float[] acceptBackward(float[] gradOutput, int batch) {
        if (lastInput == null) {
            throw new IllegalStateException(describe() + ": call forward() before backward()");
        }
        if (batch != lastBatch) {
            throw new IllegalArgumentException(describe() + ": backward() got batch " + batch
                    + " but the last forward() had batch " + lastBatch);
        }
        if (gradOutput.length < batch * outputShape.size()) {
            throw new IllegalArgumentException(describe() + ": gradient holds " + gradOutput.length
                    + " floats, a batch of " + batch + " x " + outputShape + " needs " + batch * outputShape.size());
        }
        return lastInput;
    }

    /**
     * The forward pass proper, arguments already checked.
     *
     * @param input the input
     * @param batch the number of samples
     * @param training whether this is a training pass
     * @return the output buffer
     */
    protected abstract float[] computeForward(float[] input, int batch, boolean training);

    /**
     * The backward pass proper, given the input of the matching forward pass.
     *
     * @param input the input of the forward pass
     * @param gradOutput dLoss/dOutput
     * @param batch the number of samples
     * @return dLoss/dInput, or null when not needed
     */
    protected abstract float[] computeBackward(float[] input, float[] gradOutput, int batch);

    private void checkBatch(int batch) {
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException(describe() + ": batch " + batch + " is not in [1, " + maxBatch
                    + "], the maximum batch given at build()");
        }
    }

    /**
     * The layer's type and settings, enough to make an identical unbuilt layer through a
     * {@link LayerRegistry}; model files store it.
     *
     * @return the config
     */
    public abstract LayerConfig config();

    /**
     * The layer's name and kind, for messages.
     *
     * @return a description such as {@code conv1 (conv)}
     */
    protected String describe() {
        return (name == null ? kind() : name) + " (" + getClass().getSimpleName() + ")";
    }
}
