package dev.inkwell.model;

import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.LayerRegistry;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Classifies images with a model, from any number of threads at once. A network holds buffers for
 * one batch, so a predictor keeps a pool of replicas (built from a snapshot of the model taken at
 * creation, each computing on the calling thread) and lends one to each call: as many replicas exist
 * as calls have ever overlapped. Results do not depend on which replica or thread computed them.
 */
public final class Predictor {
    private final InkwellFile snapshot;
    private final LayerRegistry layers;
    private final Model template;
    private final ConcurrentLinkedDeque<Model> idle = new ConcurrentLinkedDeque<>();

    private Predictor(Model model, LayerRegistry layers) {
        this.snapshot = model.toFile(Model.MODEL_FORMAT, List.of(), java.util.Map.of());
        this.layers = layers;
        this.template = replica();
        idle.push(template);
    }

    /**
     * A predictor for the model as it is now; later changes to the model's parameters do not reach it.
     *
     * @param model the model
     * @return the predictor
     */
    public static Predictor of(Model model) {
        return of(model, LayerRegistry.withBuiltIns());
    }

    /**
     * A predictor for a model whose layer types are in {@code layers} (built-ins and your own).
     *
     * @param model the model
     * @param layers the layer types the model uses
     * @return the predictor
     */
    public static Predictor of(Model model, LayerRegistry layers) {
        return new Predictor(Objects.requireNonNull(model, "model"), Objects.requireNonNull(layers, "layers"));
    }

    /**
     * The class names, in the order of the probabilities.
     *
     * @return the class names
     */
    public List<String> classNames() {
        return template.classNames();
    }

    /**
     * The architecture summary and metadata of the model.
     *
     * @return the model
     */
    public Model model() {
        return template;
    }

    /**
     * The number of pixels an input has (784 for MNIST).
     *
     * @return the pixel count
     */
    public int inputPixels() {
        return template.inputShape().size();
    }

    /**
     * Classifies one image: grey pixels 0..255, row-major, white ink on black (what
     * {@code DigitPreprocessor} produces). Safe to call concurrently.
     *
     * @param pixels the image
     * @return the prediction
     */
    public Prediction predict(byte[] pixels) {
        if (pixels.length != inputPixels()) {
            throw new IllegalArgumentException(pixels.length + " pixels given, the model reads " + inputPixels());
        }
        Model model = idle.poll();
        if (model == null) {
            model = replica();
        }
        try {
            float[] input = new float[pixels.length];
            float[] probabilities = new float[classNames().size()];
            model.normalize(pixels, input, 0);
            model.classify(input, 1, probabilities);
            return new Prediction(classNames(), probabilities);
        } finally {
            idle.push(model);
        }
    }

    private Model replica() {
        try {
            return Model.fromFile(snapshot, Model.MODEL_FORMAT, ComputeContext.withThreads(1), 1, List.of(), layers);
        } catch (ModelFormatException e) {
            throw new IllegalStateException("a model could not be rebuilt from its own snapshot", e);
        }
    }
}
