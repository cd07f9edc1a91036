package dev.inkwell.examples.server;

import dev.inkwell.model.Model;
import dev.inkwell.model.Predictor;
import dev.inkwell.nn.Layer;
import dev.inkwell.nn.LayerConfig;
import dev.inkwell.nn.LayerRegistry;
import dev.inkwell.nn.Sequential;
import dev.inkwell.tensor.Shape;

import java.util.List;
import java.util.Map;

/** A digit model whose only layer runs a given action on every forward pass: to make the server meet a bug or a slow model. */
final class ScriptedModel {
    private ScriptedModel() {
    }

    static Predictor predictor(Runnable onForward) {
        LayerRegistry layers = LayerRegistry.withBuiltIns().register("Scripted", c -> new ScriptedLayer(onForward));
        Sequential network = new Sequential().add(new ScriptedLayer(onForward)).build(Shape.of(1, 28, 28), 1, 1L);
        List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return Predictor.of(new Model(network, "scripted", 0.1307f, 0.3081f, digits, Map.of()), layers);
    }

    private static final class ScriptedLayer extends Layer {
        private final Runnable onForward;
        private float[] logits;

        ScriptedLayer(Runnable onForward) {
            this.onForward = onForward;
        }

        @Override
        public String kind() {
            return "scripted";
        }

        @Override
        public Shape outputShape(Shape input) {
            return Shape.of(10);
        }

        @Override
        protected void allocate() {
            logits = new float[maxBatch * 10];
        }

        @Override
        protected float[] computeForward(float[] input, int batch, boolean training) {
            onForward.run();
            return logits;
        }

        @Override
        protected float[] computeBackward(float[] input, float[] gradOutput, int batch) {
            throw new UnsupportedOperationException("inference only");
        }

        @Override
        public LayerConfig config() {
            return LayerConfig.of("Scripted");
        }
    }
}
