package org.example.app;

import dev.inkwell.init.Rng;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Conv2d;
import dev.inkwell.nn.Flatten;
import dev.inkwell.nn.Layer;
import dev.inkwell.nn.LayerConfig;
import dev.inkwell.nn.LayerRegistry;
import dev.inkwell.nn.Linear;
import dev.inkwell.nn.MaxPool2d;
import dev.inkwell.nn.ParamSpec;
import dev.inkwell.nn.Parameter;
import dev.inkwell.nn.ReLU;
import dev.inkwell.nn.Residual;
import dev.inkwell.nn.Sequential;
import dev.inkwell.nn.SoftmaxCrossEntropy;
import dev.inkwell.optim.Sgd;
import dev.inkwell.tensor.Shape;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A program of a library user, compiled on its own against the Inkwell jars: a layer with a learned scale per
 * channel, in a residual block, trained, saved, loaded through a registry, compared bit for bit.
 */
public final class ScaledNet {
    /** y = x · w[c], one learned w per channel. */
    public static final class ChannelScale extends Layer {
        private final int channels;
        private Parameter weight;
        private float[] output;
        private float[] gradInput;

        public ChannelScale(int channels) {
            this.channels = channels;
        }

        @Override
        public String kind() {
            return "scale";
        }

        @Override
        public Shape outputShape(Shape input) {
            return input;
        }

        @Override
        protected List<ParamSpec> parameterSpecs(Shape input) {
            return List.of(new ParamSpec("weight", Shape.of(channels)));
        }

        @Override
        protected void bind(List<Parameter> parameters, List<Parameter> state) {
            weight = parameters.get(0);
        }

        @Override
        protected void initialize(Rng rng) {
            Arrays.fill(weight.data(), weight.offset(), weight.offset() + channels, 1f);
        }

        @Override
        protected void allocate() {
            output = new float[maxBatch * inputShape.size()];
            gradInput = new float[maxBatch * inputShape.size()];
        }

        @Override
        protected float[] computeForward(float[] x, int batch, boolean training) {
            int plane = inputShape.size() / channels;
            for (int i = 0; i < batch * inputShape.size(); i++) {
                output[i] = x[i] * weight.data()[weight.offset() + i / plane % channels];
            }
            return output;
        }

        @Override
        protected float[] computeBackward(float[] x, float[] dy, int batch) {
            int plane = inputShape.size() / channels;
            for (int i = 0; i < batch * inputShape.size(); i++) {
                int c = i / plane % channels;
                gradInput[i] = dy[i] * weight.data()[weight.offset() + c];
                weight.grad()[weight.offset() + c] += x[i] * dy[i];
            }
            return gradInput;
        }

        @Override
        public LayerConfig config() {
            return LayerConfig.of("ChannelScale", "channels", channels);
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Shape input = Shape.of(2, 8, 8);
        int batch = 4;
        ComputeContext ctx = ComputeContext.withThreads(2);
        Sequential net = new Sequential()
                .add(new Conv2d(Conv2d.Spec.of(2, 4, 3).padding(1)))
                .add(new Residual().add(new ChannelScale(4)).add(new ReLU())
                        .add(new Conv2d(Conv2d.Spec.of(4, 4, 3).padding(1))))
                .add(new MaxPool2d(2)).add(new Flatten()).add(new Linear(3))
                .build(input, batch, ctx, 7);
        Rng rng = new Rng(3);
        float[] x = new float[batch * input.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        int[] y = {0, 1, 2, 1};
        Sgd sgd = new Sgd(net.parameters(), Sgd.Config.of(0.05).momentum(0.9), ctx);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3, batch);
        for (int step = 0; step < 5; step++) {
            sgd.zeroGrad();
            loss.forward(net.forward(x, batch, true), y, batch);
            net.backward(loss.gradient(), batch);
            sgd.step();
        }
        float scale = net.parameters().get("res1.scale1.weight").value().get(0);
        new Model(net, "scaled", 0f, 1f, List.of("a", "b", "c"), Map.of()).save(file);
        LayerRegistry layers = LayerRegistry.withBuiltIns()
                .register("ChannelScale", config -> new ChannelScale(config.intValue("channels")));
        Model loaded = Model.load(file, ctx, batch, layers);
        boolean same = Arrays.equals(net.forward(x, batch, false).clone(), loaded.network().forward(x, batch, false));
        if (!same || scale == 1f) {
            throw new IllegalStateException("trained scale " + scale + ", same outputs after loading: " + same);
        }
        System.out.println("trained res1.scale1.weight[0] = " + scale + "; saved and loaded: same outputs bit for bit");
    }
}
