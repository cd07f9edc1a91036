package org.example.app;

import dev.inkwell.init.Rng;
import dev.inkwell.model.Model;
import dev.inkwell.nn.ComputeContext;
import dev.inkwell.nn.Conv2d;
import dev.inkwell.nn.Flatten;
import dev.inkwell.nn.LayerRegistry;
import dev.inkwell.nn.Linear;
import dev.inkwell.nn.MaxPool2d;
import dev.inkwell.nn.ReLU;
import dev.inkwell.nn.Residual;
import dev.inkwell.nn.Sequential;
import dev.inkwell.nn.SoftmaxCrossEntropy;
import dev.inkwell.optim.Sgd;
import dev.inkwell.tensor.Shape;
import org.example.inkwell.PerChannelScale;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A program of a library user, compiled on its own against the Inkwell core jar together with its layer
 * ({@code org.example.inkwell.PerChannelScale}, a learned scale per channel): the layer in a residual block,
 * trained, saved, loaded through a registry, compared bit for bit.
 */
public final class ScaledNet {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Shape input = Shape.of(2, 8, 8);
        int batch = 4;
        ComputeContext ctx = ComputeContext.withThreads(2);
        Sequential net = new Sequential()
                .add(new Conv2d(Conv2d.Spec.of(2, 4, 3).padding(1)))
                .add(new Residual().add(new PerChannelScale(4)).add(new ReLU())
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
                .register("PerChannelScale", PerChannelScale::fromConfig);
        Model loaded = Model.load(file, ctx, batch, layers);
        boolean same = Arrays.equals(net.forward(x, batch, false).clone(), loaded.network().forward(x, batch, false));
        if (!same || scale == 1f) {
            throw new IllegalStateException("trained scale " + scale + ", same outputs after loading: " + same);
        }
        System.out.println("trained res1.scale1.weight[0] = " + scale + "; saved and loaded: same outputs bit for bit");
    }
}
