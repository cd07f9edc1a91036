package dev.inkwell.model;

import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Layer;
import dev.inkwell.nn.LayerRegistry;
import dev.inkwell.nn.Sequential;
import dev.inkwell.optim.Optimizer;
import dev.inkwell.tensor.Shape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model in the middle of training: the model file's content plus what it takes to continue exactly
 * where it stopped — the optimizer's buffers and step count, the epochs done, each layer's
 * {@link Layer#resumeState()} (a dropout layer's mask stream), and the training settings (so a resume cannot silently change them). Written
 * atomically, so a crash leaves either the previous or the new checkpoint.
 */
public final class Checkpoint {
    static final String FORMAT = "inkwell-checkpoint";
    private static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String SETTING_PREFIX = "setting.";
    private static final String LAYER_STATE_PREFIX = "checkpoint.layer.";

    private final Model model;
    private final int epochsDone;
    private final long optimizerSteps;
    private final Map<String, float[]> optimizerState;
    private final Map<String, String> settings;

    private Checkpoint(Model model, int epochsDone, long optimizerSteps, Map<String, float[]> optimizerState,
                       Map<String, String> settings) {
        this.model = model;
        this.epochsDone = epochsDone;
        this.optimizerSteps = optimizerSteps;
        this.optimizerState = optimizerState;
        this.settings = settings;
    }

    /**
     * Saves the model's network, the optimizer's state, the epochs done and the training settings.
     *
     * @param file where to write
     * @param model the model being trained
     * @param optimizer the optimizer whose state is saved
     * @param epochsDone the epochs finished
     * @param settings the training settings, to resume with the same ones
     * @throws IOException if the file cannot be written; it names the file
     */
    public static void save(Path file, Model model, Optimizer optimizer, int epochsDone, Map<String, String> settings)
            throws IOException {
        List<Map.Entry<String, String>> h = new ArrayList<>();
        h.add(Map.entry("checkpoint.epochs_done", Integer.toString(epochsDone)));
        h.add(Map.entry("checkpoint.optimizer_steps", Long.toString(optimizer.steps())));
        model.network().forEachLayer((path, layer) -> {
            String state = layer.resumeState();
            if (state != null) {
                h.add(Map.entry(LAYER_STATE_PREFIX + path, state));
            }
        });
        settings.forEach((k, v) -> h.add(Map.entry(SETTING_PREFIX + k, v)));
        Map<String, InkwellFile.Tensor> extra = new LinkedHashMap<>();
        optimizer.state().forEach((name, values) -> extra.put(OPTIMIZER_PREFIX + name,
                new InkwellFile.Tensor(OPTIMIZER_PREFIX + name, Shape.of(values.length), values.clone())));
        model.toFile(FORMAT, h, extra).write(file);
    }

    /**
     * Loads a checkpoint of built-in layers, building its network for batches of up to {@code maxBatch}.
     *
     * @param file the checkpoint
     * @param context the threads and kernels to run on
     * @param maxBatch the largest batch the network is built for
     * @return the checkpoint
     * @throws IOException if the file cannot be read or is not a valid checkpoint
     */
    public static Checkpoint load(Path file, ComputeContext context, int maxBatch) throws IOException {
        return load(file, context, maxBatch, LayerRegistry.withBuiltIns());
    }

    /**
     * Loads a checkpoint whose layer types are in {@code layers}.
     *
     * @param file the checkpoint
     * @param context the threads and kernels to run on
     * @param maxBatch the largest batch the network is built for
     * @param layers the layer types the file may name
     * @return the checkpoint
     * @throws IOException if the file cannot be read or is not a valid checkpoint
     */
    public static Checkpoint load(Path file, ComputeContext context, int maxBatch, LayerRegistry layers)
            throws IOException {
        InkwellFile f = InkwellFile.read(file);
        try {
            Model model = Model.fromFile(f, FORMAT, context, maxBatch, List.of(OPTIMIZER_PREFIX), layers);
            int epochs = Integer.parseInt(f.value("checkpoint.epochs_done"));
            long steps = Long.parseLong(f.value("checkpoint.optimizer_steps"));
            for (Map.Entry<String, Layer> e : layersWithResumeState(model.network()).entrySet()) {
                e.getValue().restoreResumeState(f.value(LAYER_STATE_PREFIX + e.getKey()));
            }
            Map<String, float[]> state = new LinkedHashMap<>();
            f.tensors().forEach((name, t) -> {
                if (name.startsWith(OPTIMIZER_PREFIX)) {
                    state.put(name.substring(OPTIMIZER_PREFIX.length()), t.values());
                }
            });
            Map<String, String> settings = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : f.header()) {
                if (e.getKey().startsWith(SETTING_PREFIX)) {
                    settings.put(e.getKey().substring(SETTING_PREFIX.length()), e.getValue());
                }
            }
            return new Checkpoint(model, epochs, steps, state, settings);
        } catch (ModelFormatException | IllegalArgumentException e) {
            throw new ModelFormatException(file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Layer> layersWithResumeState(Sequential network) {
        Map<String, Layer> found = new LinkedHashMap<>();
        network.forEachLayer((path, layer) -> {
            if (layer.resumeState() != null) {
                found.put(path, layer);
            }
        });
        return found;
    }

    /**
     * The model as it was when the checkpoint was written.
     *
     * @return the model
     */
    public Model model() {
        return model;
    }

    /**
     * The epochs finished when the checkpoint was written.
     *
     * @return the epochs done
     */
    public int epochsDone() {
        return epochsDone;
    }

    /**
     * The training settings saved with the checkpoint.
     *
     * @return the settings
     */
    public Map<String, String> settings() {
        return settings;
    }

    /**
     * Puts the saved buffers and step count into {@code optimizer}, which must be of the same kind and size.
     *
     * @param optimizer the optimizer to restore, made over the model's parameters
     * @throws ModelFormatException if the optimizer's kind or size differs from the saved one
     */
    public void restore(Optimizer optimizer) throws ModelFormatException {
        Map<String, float[]> live = optimizer.state();
        if (!live.keySet().equals(optimizerState.keySet())) {
            throw new ModelFormatException("the checkpoint has optimizer state " + optimizerState.keySet()
                    + ", this optimizer has " + live.keySet());
        }
        for (Map.Entry<String, float[]> e : live.entrySet()) {
            float[] saved = optimizerState.get(e.getKey());
            if (saved.length != e.getValue().length) {
                throw new ModelFormatException("optimizer state '" + e.getKey() + "' has " + saved.length
                        + " values, the network " + e.getValue().length);
            }
            System.arraycopy(saved, 0, e.getValue(), 0, saved.length);
        }
        optimizer.restoreSteps(optimizerSteps);
    }
}
