package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.tensor.Shape;
import dev.inkwell.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * A network: layers applied in order. A {@code Sequential} is itself a {@link Layer}, so blocks nest (a
 * {@link Residual} is one too); every nested block's parameters live in the outermost network's one
 * flat store, named by path ({@code block1.conv1.weight}). Lifecycle:
 * <ol>
 *   <li>{@link #add} layers (settings only);</li>
 *   <li>{@link #build} once, on the outermost network, with the per-sample input shape and the largest
 *   batch: each layer's output
 *   shape is inferred (a mismatch fails here, naming the layer and both shapes), all parameters are
 *   placed in one flat {@link Parameters} store and initialised from the seed, and every buffer is
 *   allocated;</li>
 *   <li>{@link #forward} and {@link #backward} with any batch up to the maximum: they allocate
 *   nothing;</li>
 *   <li>an optimizer steps the parameters; {@link Parameters#zeroGrad()} clears the gradients.</li>
 * </ol>
 * Not thread-safe: one forward/backward at a time (the layers parallelise internally).
 *
 * <p>At build a {@link FusionPlan} decides, from what the layers declare they can do, which neighbours run
 * fused: a ReLU folded into the max pooling after it, a convolution handing its output over channels-last,
 * runs of image-wise layers chained into one parallel pass. The results are the same bits as layer by layer;
 * {@link #summary()} lists the plan. Layers from outside this package are never fused.
 */
public class Sequential extends Layer {
    private final List<Layer> layers = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Set<String> usedNames = new HashSet<>();
    private final Map<String, Integer> kindCounts = new HashMap<>();
    private boolean inputGradient;
    private FusionPlan plan;
    private boolean inferenceRunsUsed; // by the last forward pass
    private Parameters parameters; // the outermost network's store; null in a nested block
    private List<Parameter> boundParameters;
    private List<Parameter> boundState;

    /**
     * Adds a layer named after its kind and position among that kind: conv1, conv2, relu1, fc1, ...
     *
     * @param layer the layer
     * @return this network
     */
    public Sequential add(Layer layer) {
        String kind = layer.kind();
        int n = kindCounts.getOrDefault(kind, 0) + 1;
        String name = kind + n;
        while (usedNames.contains(name)) {
            name = kind + (++n);
        }
        kindCounts.put(kind, n);
        return add(name, layer);
    }

    /**
     * Adds a layer under a name of your choice; its parameters are called {@code name.weight} etc.
     *
     * @param name the layer's name
     * @param layer the layer
     * @return this network
     */
    public Sequential add(String name, Layer layer) {
        if (isBuilt()) {
            throw new IllegalStateException("the network is already built; add layers before build()");
        }
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("layer name must be non-empty and without '.', got '" + name + "'");
        }
        if (!usedNames.add(name)) {
            throw new IllegalArgumentException("a layer is already named '" + name + "'");
        }
        if (layers.contains(layer)) {
            throw new IllegalArgumentException("this " + layer.getClass().getSimpleName()
                    + " object is already in the network; create a new one");
        }
        layers.add(layer);
        names.add(name);
        return this;
    }

    /**
     * Whether {@link #backward} computes the gradient with respect to the network's input (default
     * false: training does not need it, and skipping it saves the first layer's largest product).
     *
     * @param needed whether to compute the input gradient
     * @return this network
     */
    public Sequential inputGradient(boolean needed) {
        if (isBuilt()) {
            throw new IllegalStateException("set inputGradient before build()");
        }
        this.inputGradient = needed;
        return this;
    }

    /**
     * {@link #build(Shape, int, ComputeContext, long)} with the default context.
     *
     * @param inputShape one sample's shape
     * @param maxBatch the largest batch
     * @param seed the seed of the initial parameters
     * @return this network
     */
    public Sequential build(Shape inputShape, int maxBatch, long seed) {
        return build(inputShape, maxBatch, ComputeContext.defaults(), seed);
    }

    /**
     * Infers every layer's shape from the per-sample {@code inputShape}, allocates parameters and
     * buffers for up to {@code maxBatch} samples, and initialises the parameters from {@code seed}.
     * Called on the outermost network only; nested blocks are built with it.
     *
     * @param inputShape one sample's shape
     * @param maxBatch the largest batch
     * @param context the threads and kernels to run on
     * @param seed the seed of the initial parameters
     * @return this network
     */
    public Sequential build(Shape inputShape, int maxBatch, ComputeContext context, long seed) {
        if (isBuilt()) {
            throw new IllegalStateException("the network is already built");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        checkMemory(inputShape, maxBatch);
        List<String> pNames = new ArrayList<>(), sNames = new ArrayList<>();
        List<Shape> pShapes = new ArrayList<>(), sShapes = new ArrayList<>();
        for (ParamSpec p : parameterSpecs(inputShape)) {
            pNames.add(p.name());
            pShapes.add(p.shape());
        }
        for (ParamSpec p : stateSpecs(inputShape)) {
            sNames.add(p.name());
            sShapes.add(p.shape());
        }
        Parameters store = new Parameters(pNames, pShapes, sNames, sShapes);
        build("network", inputShape, maxBatch, context, inputGradient, store.trainable(), store.buffers());
        initialize(new Rng(seed));
        this.parameters = store;
        return this;
    }

    /**
     * Refuses, before anything is allocated, a build whose buffers could not exist: one larger than an array
     * holds, or more than the heap has free. Such a network fails here with the sizes, not later with an
     * {@code OutOfMemoryError} or a negative array size.
     */
    private void checkMemory(Shape inputShape, int maxBatch) {
        Footprint f = footprint(inputShape);
        List<Shape> inputs = inferShapes(inputShape);
        for (int i = 0; i < layers.size(); i++) {
            long largest = Math.max(inputs.get(i).size(), layers.get(i).outputShape(inputs.get(i)).size());
            if (largest * maxBatch > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("layer '" + names.get(i) + "' would need arrays of " + largest
                        + " x " + maxBatch + " floats for a batch of " + maxBatch + ", more than one array holds");
            }
        }
        long free = freeHeapBytes();
        if (f.bytes(maxBatch) > free) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a batch of %d needs about %,d MB "
                    + "(%,d activation values per sample, %,d parameters), more than the %,d MB the heap has free; "
                    + "use a smaller batch or a larger heap (-Xmx)", maxBatch, f.bytes(maxBatch) >> 20,
                    f.activationsPerSample(), f.parameters(), free >> 20));
        }
    }

    @Override
    public String kind() {
        return "block";
    }

    @Override
    public LayerConfig config() {
        return new LayerConfig("Sequential", Map.of());
    }

    @Override
    public Shape outputShape(Shape input) {
        List<Shape> inputs = inferShapes(input);
        return layers.get(layers.size() - 1).outputShape(inputs.get(inputs.size() - 1));
    }

    /** Every layer's parameters, in layer order, named {@code layer.name}. */
    @Override
    protected List<ParamSpec> parameterSpecs(Shape input) {
        return prefixed(input, Layer::parameterSpecs);
    }

    /** Every layer's state, in layer order, named {@code layer.name}. */
    @Override
    protected List<ParamSpec> stateSpecs(Shape input) {
        return prefixed(input, Layer::stateSpecs);
    }

    private List<ParamSpec> prefixed(Shape input, BiFunction<Layer, Shape, List<ParamSpec>> specs) {
        List<Shape> inputs = inferShapes(input);
        List<ParamSpec> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            for (ParamSpec p : specs.apply(layers.get(i), inputs.get(i))) {
                all.add(new ParamSpec(names.get(i) + "." + p.name(), p.shape()));
            }
        }
        return all;
    }

    @Override
    protected void bind(List<Parameter> parameters, List<Parameter> state) {
        this.boundParameters = parameters;
        this.boundState = state;
    }

    /** Plans the folds and hand-overs between neighbours, then builds every layer on its share of the store. */
    @Override
    protected void allocate() {
        List<Shape> inputs = inferShapes(inputShape);
        plan = FusionPlan.decide(layers, names);
        ComputeContext context = new ComputeContext(pool, kernels);
        int pIndex = 0, sIndex = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            int np = layer.parameterSpecs(inputs.get(i)).size(), ns = layer.stateSpecs(inputs.get(i)).size();
            layer.build(names.get(i), inputs.get(i), maxBatch, context, i > 0 || inputGradientNeeded,
                    boundParameters.subList(pIndex, pIndex + np), boundState.subList(sIndex, sIndex + ns));
            pIndex += np;
            sIndex += ns;
        }
        plan.chain(pool);
        plan.planInference(kernels, pool);
    }

    /** Initialises every layer in order, from one random stream. */
    @Override
    protected void initialize(Rng rng) {
        for (Layer layer : layers) {
            layer.initialize(rng);
        }
    }

    /**
     * How many values a network would hold: parameters and state, and activations per sample.
     *
     * @param parameters           parameter and state values
     * @param activationsPerSample activation values one sample passes through, its input included
     */
    public record Footprint(long parameters, long activationsPerSample) {
        /**
         * About the bytes a network built for {@code batch} samples allocates: each activation and its
         * gradient, the parameters with their gradients and an optimizer's two buffers. Layers keep a little
         * more (unfolded rows, argmax positions), so leave some room.
         *
         * @param batch the largest batch
         * @return the estimate in bytes
         */
        public long bytes(int batch) {
            return 4 * (2 * activationsPerSample * batch + 4 * parameters);
        }

        /**
         * The largest batch, at most {@code wanted}, whose {@link #bytes} fit in {@code budget}; 0 if not
         * even one sample fits.
         *
         * @param wanted the batch one would like
         * @param budget bytes available
         * @return the batch that fits
         */
        public int largestBatchWithin(int wanted, long budget) {
            long perSample = 8 * activationsPerSample;
            long room = budget - 16 * parameters;
            return room < perSample ? 0 : (int) Math.min(wanted, room / perSample);
        }
    }

    /**
     * The tensors {@link #build} would create for {@code inputShape}: the parameters, then the state, each with
     * its full name ({@code block1.conv1.weight}) and shape. Worked out without allocating.
     *
     * @param inputShape one sample's shape
     * @return the tensors, in store order
     */
    public List<ParamSpec> tensorSpecs(Shape inputShape) {
        List<ParamSpec> all = new ArrayList<>(parameterSpecs(inputShape));
        all.addAll(stateSpecs(inputShape));
        return all;
    }

    /**
     * Bytes the heap can still give: its maximum less what is in use now.
     *
     * @return the free bytes
     */
    public static long freeHeapBytes() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /**
     * What {@link #build} would allocate for {@code inputShape}, worked out from the layers'
     * descriptions alone: a loader can refuse an absurd architecture before allocating anything.
     *
     * @param inputShape one sample's shape
     * @return the footprint
     */
    public Footprint footprint(Shape inputShape) {
        long parameters = 0;
        for (ParamSpec p : parameterSpecs(inputShape)) {
            parameters += p.shape().size();
        }
        for (ParamSpec p : stateSpecs(inputShape)) {
            parameters += p.shape().size();
        }
        return new Footprint(parameters, inputShape.size() + activationsPerSample(inputShape));
    }

    /** Every layer's activations, nested blocks' included. */
    @Override
    protected long activationsPerSample(Shape input) {
        List<Shape> inputs = inferShapes(input);
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            total += layers.get(i).activationsPerSample(inputs.get(i));
        }
        return total;
    }

    /** Each layer's input shape, checked: a misfit names the layer and both shapes. */
    private List<Shape> inferShapes(Shape input) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("the network has no layers; add() some before build()");
        }
        List<Shape> inputs = new ArrayList<>();
        Shape shape = input;
        for (int i = 0; i < layers.size(); i++) {
            inputs.add(shape);
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                String from = i == 0 ? "the network input" : "the output of '" + names.get(i - 1) + "'";
                throw new IllegalArgumentException("layer " + (i + 1) + " '" + names.get(i) + "' ("
                        + layers.get(i).getClass().getSimpleName() + ") cannot take " + from + " " + shape + ": "
                        + e.getMessage(), e);
            }
        }
        return inputs;
    }

    /**
     * Forward pass on a batch tensor of shape [N, ...input shape]. The returned tensor views the
     * network's output buffer: copy it before the next call if you keep it.
     *
     * @param input the batch
     * @param training whether this is a training pass
     * @return the output
     */
    public Tensor forward(Tensor input, boolean training) {
        requireBuilt("forward");
        Shape s = input.shape();
        if (s.rank() != inputShape.rank() + 1 || !s.withoutBatch().equals(inputShape)) {
            throw new IllegalArgumentException("input of shape " + s + " does not match the network input [N, "
                    + inputShape.toString().substring(1));
        }
        int batch = s.dim(0);
        float[] data = input.data();
        if (input.offset() != 0) {
            data = input.toArray();
        }
        return new Tensor(outputShape().withBatch(batch), forward(data, batch, training), 0);
    }

    /**
     * Runs every layer in order; a chain of image-wise layers as one pass, a folded ReLU inside its pooling,
     * and outside training, a run of convolution-pooling blocks as one pass per image.
     */
    @Override
    protected float[] computeForward(float[] input, int batch, boolean training) {
        inferenceRunsUsed = !training;
        return forwardLayers(input, batch, training, !training);
    }

    private float[] forwardLayers(float[] input, int batch, boolean training, boolean useRuns) {
        float[] x = input;
        for (int i = 0; i < layers.size(); ) {
            PooledConvRun run = useRuns ? plan.runAt(i) : null;
            ImageChain chain = plan.chainAt(i);
            if (run != null) {
                x = run.forward(x, batch);
                i = run.end;
            } else if (chain != null && chain.first == i && !(useRuns && plan.runInside(chain))) {
                x = chain.forward(x, batch, training);
                i = chain.end;
            } else { // a chain's layers around a run go one by one
                if (!plan.foldedIntoNext(i)) {
                    x = layers.get(i).forward(x, batch, training);
                }
                i++;
            }
        }
        return x;
    }

    /**
     * Backpropagates through every layer, last to first, accumulating parameter gradients. Returns
     * dLoss/dInput when {@link #inputGradient(boolean)} was set (or, nested, when the block's input
     * gradient is needed), else null.
     */
    @Override
    protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
        if (inferenceRunsUsed) { // the runs left the layers' own outputs unwritten: compute them now
            forwardLayers(input, batch, false, false);
            inferenceRunsUsed = false;
        }
        float[] g = gradOutput;
        for (int i = layers.size() - 1; i >= 0; ) {
            if (plan.chainAt(i) != null) {
                g = plan.chainAt(i).backward(g, batch);
                i = plan.chainAt(i).first - 1;
            } else {
                if (!plan.foldedIntoNext(i)) {
                    g = layers.get(i).backward(g, batch);
                }
                i--;
            }
        }
        return g;
    }

    private void requireBuilt(String what) {
        if (!isBuilt()) {
            throw new IllegalStateException("call build(inputShape, maxBatch, ...) before " + what + "()");
        }
    }

    /**
     * The flat store of every parameter and state tensor; of the outermost network only.
     *
     * @return the parameters
     */
    public Parameters parameters() {
        requireBuilt("parameters");
        if (parameters == null) {
            throw new IllegalStateException(describe() + " is a block inside another network: ask that network "
                    + "for its parameters()");
        }
        return parameters;
    }

    /**
     * The layers, in order.
     *
     * @return the layers
     */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /**
     * Visits every layer, nested blocks' too, in order, each block before its own layers, with its path
     * ({@code conv1}, {@code block1}, {@code block1.conv1}).
     *
     * @param visitor receives each layer's path and the layer
     */
    public void forEachLayer(BiConsumer<String, Layer> visitor) {
        forEachLayer("", visitor);
    }

    private void forEachLayer(String prefix, BiConsumer<String, Layer> visitor) {
        for (int i = 0; i < layers.size(); i++) {
            String path = prefix + names.get(i);
            visitor.accept(path, layers.get(i));
            if (layers.get(i) instanceof Sequential block) {
                block.forEachLayer(path + ".", visitor);
            }
        }
    }

    /**
     * The layer names, in order.
     *
     * @return the names
     */
    public List<String> layerNames() {
        return Collections.unmodifiableList(names);
    }

    /**
     * The largest batch given at build.
     *
     * @return the batch
     */
    public int maxBatch() {
        return maxBatch;
    }

    /**
     * A table of layers: name, type, settings, output shape and parameter count (nested blocks' layers
     * indented under them), then the total.
     *
     * @return the table
     */
    public String summary() {
        requireBuilt("summary");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-16s %-12s %-50s %-16s %12s%n", "Layer", "Type", "Settings", "Output shape",
                "Parameters"));
        sb.append(String.format("%-16s %-12s %-50s %-16s %12s%n", "input", "", "", inputShape, ""));
        forEachLayer((path, l) -> { // a nested block's layers indented under its row
            long count = 0;
            for (ParamSpec p : l.parameterSpecs(l.inputShape())) {
                count += p.shape().size();
            }
            String indent = "  ".repeat((int) path.chars().filter(c -> c == '.').count());
            String name = indent + path.substring(path.lastIndexOf('.') + 1);
            String settings = l.config().format().substring(l.config().type().length()).trim();
            sb.append(String.format("%-16s %-12s %-50s %-16s %,12d%n", name, l.getClass().getSimpleName(), settings,
                    l.outputShape(), count));
        });
        sb.append(String.format("Total trainable parameters: %,d%n", parameters().count()));
        for (String step : plan.describe()) {
            sb.append("Fused: ").append(step).append('\n');
        }
        forEachLayer((path, l) -> {
            if (l instanceof Sequential block) {
                for (String step : block.plan.describe()) {
                    sb.append("Fused in ").append(path).append(": ").append(step).append('\n');
                }
            }
        });
        return sb.toString();
    }
}
