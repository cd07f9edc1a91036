package dev.inkwell.model;

import dev.inkwell.kernels.LossKernels;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Layer;
import dev.inkwell.nn.LayerConfig;
import dev.inkwell.nn.LayerRegistry;
import dev.inkwell.nn.ParamSpec;
import dev.inkwell.nn.Parameter;
import dev.inkwell.nn.Sequential;
import dev.inkwell.tensor.Shape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained network with what it takes to use it: the input normalisation (pixel/255, then
 * (x - mean)/std, with a mean and std per input channel), the class names, and training metadata
 * (dataset, epochs, seed, accuracy, ...).
 * Saved as a self-describing {@code .inkwell} file (see {@link InkwellFile}).
 *
 * <p>A model's network has buffers for one batch at a time: use one model per thread (or the
 * predictor built on it).
 */
public final class Model {
    /** The library's version, written into the metadata of the models it trains. */
    public static final String LIBRARY_VERSION = "0.1.0";
    static final String FORMAT_KEY = "format";
    static final String MODEL_FORMAT = "inkwell-model";
    private static final String INFO_PREFIX = "info.";
    /** 16M floats (64 MB) per image: hundreds of times what any network for small images needs. */
    static final long MAX_ACTIVATIONS_PER_SAMPLE = 1L << 24;

    private final Sequential network;
    private final String architecture;
    private final Normalization normalization;
    private final List<String> classNames;
    private final Map<String, String> info;

    /**
     * A model whose inputs are normalised alike in every channel.
     *
     * @param network a built network whose output has one logit per class
     * @param architecture a short name of the architecture, for example {@code nets}
     * @param mean the mean subtracted from pixel/255
     * @param std the standard deviation the difference is divided by
     * @param classNames the class names, one per output
     * @param info training metadata, shown by {@code inkwell info}
     */
    public Model(Sequential network, String architecture, float mean, float std, List<String> classNames,
                 Map<String, String> info) {
        this(network, architecture, new float[] {mean}, new float[] {std}, classNames, info);
    }

    /**
     * A model whose inputs are normalised per channel: {@code mean[c]} and {@code std[c]} for channel c
     * of the network's [C, H, W] input (one value each serves every channel).
     *
     * @param network a built network whose output has one logit per class
     * @param architecture a short name of the architecture
     * @param mean the mean per channel, or one for all
     * @param std the standard deviation per channel, or one for all
     * @param classNames the class names, one per output
     * @param info training metadata
     */
    public Model(Sequential network, String architecture, float[] mean, float[] std, List<String> classNames,
                 Map<String, String> info) {
        if (network.outputShape().size() != classNames.size()) {
            throw new IllegalArgumentException("the network has " + network.outputShape().size() + " outputs for "
                    + classNames.size() + " classes");
        }
        Normalization normalization = new Normalization(mean, std);
        int channels = network.inputShape().rank() == 3 ? network.inputShape().dim(0) : 1;
        if (normalization.channels() != 1 && normalization.channels() != channels) {
            throw new IllegalArgumentException(mean.length + " means and stds for " + channels + " input channels");
        }
        this.network = network;
        this.architecture = architecture;
        this.normalization = normalization;
        this.classNames = List.copyOf(classNames);
        this.info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    /**
     * The network, built for the batch given when loading.
     *
     * @return the network
     */
    public Sequential network() {
        return network;
    }

    /**
     * A short name of the architecture, for example {@code nets}.
     *
     * @return the architecture's name
     */
    public String architecture() {
        return architecture;
    }

    /**
     * The mean subtracted from pixel/255, per channel (one value: every channel).
     *
     * @return the means
     */
    public float[] mean() {
        return normalization.mean();
    }

    /**
     * The standard deviation pixel/255 - mean is divided by, per channel (one value: every channel).
     *
     * @return the standard deviations
     */
    public float[] std() {
        return normalization.std();
    }

    /**
     * The input normalisation, per channel.
     *
     * @return the normalisation
     */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * The class names, in the order of the network's outputs.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Training metadata: dataset, epochs, seed, test accuracy, library version, ...
     *
     * @return the metadata
     */
    public Map<String, String> info() {
        return info;
    }

    /**
     * One input's shape, for example [1, 28, 28].
     *
     * @return the shape
     */
    public Shape inputShape() {
        return network.inputShape();
    }

    /**
     * Class probabilities (softmax of the logits) of {@code batch} inputs already normalised, written to
     * {@code probabilities} (batch x classes). Evaluation mode: dropout off, running statistics.
     *
     * @param normalized the inputs, normalised
     * @param batch the number of inputs
     * @param probabilities receives batch x classes probabilities
     */
    public void classify(float[] normalized, int batch, float[] probabilities) {
        float[] logits = network.forward(normalized, batch, false);
        LossKernels.softmax(logits, batch, classNames.size(), probabilities);
    }

    /**
     * Writes the network input for one image of pixels 0..255, channel by channel ([C, H, W], row-major;
     * MNIST-style grey digits are white ink on black): (p/255 - mean[c]) / std[c].
     *
     * @param pixels the image's pixels
     * @param out receives the network input
     * @param offset where it starts in {@code out}
     */
    public void normalize(byte[] pixels, float[] out, int offset) {
        normalization.apply(pixels, 0, out, offset, pixels.length);
    }

    /**
     * A copy of this model's description with other metadata.
     *
     * @param newInfo the new metadata
     * @return the copy, sharing the network
     */
    public Model withInfo(Map<String, String> newInfo) {
        return new Model(network, architecture, normalization.mean(), normalization.std(), classNames, newInfo);
    }

    /**
     * Writes the model atomically.
     *
     * @param file where to write
     * @throws IOException if the file cannot be written; it names the file
     */
    public void save(Path file) throws IOException {
        toFile(MODEL_FORMAT, List.of(), Map.of()).write(file);
    }

    /** The container holding this model, with extra header lines and tensors (used by checkpoints). */
    InkwellFile toFile(String format, List<Map.Entry<String, String>> extraHeader,
                       Map<String, InkwellFile.Tensor> extraTensors) {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        h.add(Map.entry(FORMAT_KEY, format));
        h.add(Map.entry("architecture", architecture));
        StringBuilder input = new StringBuilder();
        for (int d : inputShape().toArray()) {
            input.append(input.length() == 0 ? "" : " ").append(d);
        }
        h.add(Map.entry("input", input.toString()));
        h.add(Map.entry("mean", joined(normalization.mean())));
        h.add(Map.entry("std", joined(normalization.std())));
        for (String c : classNames) {
            h.add(Map.entry("class", c));
        }
        network.forEachLayer((path, layer) -> h.add(Map.entry("layer", path + " " + layer.config().format())));
        info.forEach((k, v) -> h.add(Map.entry(INFO_PREFIX + k, v)));
        h.addAll(extraHeader);
        Map<String, InkwellFile.Tensor> tensors = new LinkedHashMap<>();
        List<Parameter> all = new ArrayList<>(network.parameters().trainable());
        all.addAll(network.parameters().buffers());
        for (Parameter p : all) {
            tensors.put(p.name(), new InkwellFile.Tensor(p.name(), p.shape(), p.value().toArray()));
        }
        tensors.putAll(extraTensors);
        return new InkwellFile(h, tensors);
    }

    /**
     * Loads a model file of built-in layers, building its network for batches of up to {@code maxBatch}: fewer
     * when half the free heap cannot hold that many ({@code network().maxBatch()} tells), one at the least.
     *
     * @param file the model file
     * @param context the threads and kernels to run on
     * @param maxBatch the largest batch wanted
     * @return the model
     * @throws IOException if the file cannot be read or is not a valid model
     */
    public static Model load(Path file, ComputeContext context, int maxBatch) throws IOException {
        return load(file, context, maxBatch, LayerRegistry.withBuiltIns());
    }

    /**
     * Loads a model file whose layer types are in {@code layers} (built-ins and your own).
     *
     * @param file the model file
     * @param context the threads and kernels to run on
     * @param maxBatch the largest batch wanted
     * @param layers the layer types the file may name
     * @return the model
     * @throws IOException if the file cannot be read or is not a valid model
     */
    public static Model load(Path file, ComputeContext context, int maxBatch, LayerRegistry layers)
            throws IOException {
        try {
            return fromFile(InkwellFile.read(file), MODEL_FORMAT, context, maxBatch, List.of(), layers);
        } catch (ModelFormatException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new ModelFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model of built-in layers from the bytes of a model file; {@code name} is used in messages.
     *
     * @param bytes the file's bytes
     * @param name the file's name, for messages
     * @param context the threads and kernels to run on
     * @param maxBatch the largest batch wanted
     * @return the model
     * @throws ModelFormatException if the bytes are not a valid model
     */
    public static Model load(byte[] bytes, String name, ComputeContext context, int maxBatch) throws ModelFormatException {
        return load(bytes, name, context, maxBatch, LayerRegistry.withBuiltIns());
    }

    /**
     * Loads a model from the bytes of a model file whose layer types are in {@code layers}.
     *
     * @param bytes the file's bytes
     * @param name the file's name, for messages
     * @param context the threads and kernels to run on
     * @param maxBatch the largest batch wanted
     * @param layers the layer types the file may name
     * @return the model
     * @throws ModelFormatException if the bytes are not a valid model
     */
    public static Model load(byte[] bytes, String name, ComputeContext context, int maxBatch, LayerRegistry layers)
            throws ModelFormatException {
        try {
            return fromFile(InkwellFile.parse(bytes), MODEL_FORMAT, context, maxBatch, List.of(), layers);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rebuilds a model from a container of the given format; tensors whose names start with one of
     * {@code ignoredPrefixes} belong to someone else (a checkpoint's optimizer state).
     */
    static Model fromFile(InkwellFile f, String format, ComputeContext context, int maxBatch,
                          List<String> ignoredPrefixes, LayerRegistry layers) throws ModelFormatException {
        if (!format.equals(f.value(FORMAT_KEY))) {
            throw new ModelFormatException("this is an '" + f.value(FORMAT_KEY) + "' file, expected '" + format + "'");
        }
        Shape input = parseShape(f.value("input"));
        float[] mean = parseFloats(f.value("mean"), "mean");
        float[] std = parseFloats(f.value("std"), "std");
        List<String> classes = f.values("class");
        Sequential net = new Sequential();
        try {
            Map<String, Sequential> blocks = new LinkedHashMap<>();
            for (String line : f.values("layer")) {
                int space = line.indexOf(' ');
                if (space <= 0) {
                    throw new ModelFormatException("layer line '" + line + "' has no type");
                }
                String path = line.substring(0, space);
                int dot = path.lastIndexOf('.');
                Sequential parent = dot < 0 ? net : blocks.get(path.substring(0, dot));
                if (parent == null) {
                    throw new ModelFormatException("layer '" + path + "' comes before its block '"
                            + path.substring(0, dot) + "' (or that is not a block)");
                }
                Layer layer = layers.create(LayerConfig.parse(line.substring(space + 1)));
                parent.add(path.substring(dot + 1), layer);
                if (layer instanceof Sequential block) {
                    blocks.put(path, block);
                }
            }
            Sequential.Footprint footprint = net.footprint(input);
            checkFootprint(footprint, f);
            checkTensors(net.tensorSpecs(input), f, ignoredPrefixes);
            // a smaller batch when the heap cannot hold the one asked for: the network still computes the same
            int batch = Math.max(1, footprint.largestBatchWithin(maxBatch, Sequential.freeHeapBytes() / 2));
            net.build(input, batch, context, 0);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFormatException("the architecture is invalid: " + e.getMessage(), e);
        }
        List<Parameter> expected = new ArrayList<>(net.parameters().trainable());
        expected.addAll(net.parameters().buffers());
        for (Parameter p : expected) {
            p.set(f.tensors().get(p.name()).values()); // names and shapes were checked before building
        }
        Map<String, String> info = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : f.header()) {
            if (e.getKey().startsWith(INFO_PREFIX)) {
                info.put(e.getKey().substring(INFO_PREFIX.length()), e.getValue());
            }
        }
        try {
            return new Model(net, f.value("architecture"), mean, std, classes, info);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(e.getMessage(), e);
        }
    }

    /**
     * Refuses an architecture that would allocate more than the file could justify: its parameters must
     * all be in the file, and its activations stay within {@link #MAX_ACTIVATIONS_PER_SAMPLE}.
     */
    private static void checkFootprint(Sequential.Footprint footprint, InkwellFile f) throws ModelFormatException {
        long stored = 0;
        for (InkwellFile.Tensor t : f.tensors().values()) {
            stored += t.values().length;
        }
        if (footprint.parameters() > stored) {
            throw new ModelFormatException("the architecture needs " + footprint.parameters()
                    + " parameter values but the file holds only " + stored);
        }
        if (footprint.activationsPerSample() > MAX_ACTIVATIONS_PER_SAMPLE) {
            throw new ModelFormatException("the architecture needs " + footprint.activationsPerSample()
                    + " activation values per image, more than the limit of " + MAX_ACTIVATIONS_PER_SAMPLE);
        }
    }

    /** Every tensor the architecture needs is in the file with its shape, and the file holds no others. */
    private static void checkTensors(List<ParamSpec> needed, InkwellFile f, List<String> ignoredPrefixes)
            throws ModelFormatException {
        Map<String, InkwellFile.Tensor> tensors = new LinkedHashMap<>(f.tensors());
        for (ParamSpec spec : needed) {
            InkwellFile.Tensor t = tensors.remove(spec.name());
            if (t == null) {
                throw new ModelFormatException("tensor '" + spec.name() + "' is missing");
            }
            if (!t.shape().equals(spec.shape())) {
                throw new ModelFormatException("tensor '" + spec.name() + "' has shape " + t.shape()
                        + ", the architecture needs " + spec.shape());
            }
        }
        tensors.keySet().removeIf(name -> ignoredPrefixes.stream().anyMatch(name::startsWith));
        if (!tensors.isEmpty()) {
            throw new ModelFormatException("tensors " + tensors.keySet() + " belong to no layer");
        }
    }

    private static Shape parseShape(String s) throws ModelFormatException {
        try {
            String[] parts = s.trim().split(" +");
            int[] dims = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                dims[i] = Integer.parseInt(parts[i]);
            }
            return Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("input shape '" + s + "' is invalid", e);
        }
    }

    private static String joined(float[] values) {
        StringBuilder sb = new StringBuilder();
        for (float v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(v);
        }
        return sb.toString();
    }

    /** One number per channel, space-separated; at most 4,096 of them. */
    private static float[] parseFloats(String s, String what) throws ModelFormatException {
        String[] parts = s.trim().split(" +");
        if (parts.length > 4096) {
            throw new ModelFormatException(what + " has " + parts.length + " values, more than any input has channels");
        }
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw new ModelFormatException(what + " '" + s + "' is not a list of numbers", e);
            }
        }
        return values;
    }
}
