package org.example.inkwell;

import dev.inkwell.init.Rng;
import dev.inkwell.model.Checkpoint;
import dev.inkwell.model.Model;
import dev.inkwell.model.ModelFormatException;
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
import dev.inkwell.parallel.WorkerPool;
import dev.inkwell.kernels.KernelsProvider;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library as a user outside {@code dev.inkwell} sees it: a layer with weights of their own, nested in a
 * residual block, trained, its weights in the summary, saved and loaded (with a registry) to the same
 * outputs bit for bit, bit-identical for any thread count, and refused with a clear message without one.
 */
class CustomLayerTest {
    private static final Shape INPUT = Shape.of(2, 8, 8);
    private static final int BATCH = 6;

    @TempDir
    Path dir;

    private static Sequential network() {
        return new Sequential()
                .add(new Conv2d(Conv2d.Spec.of(2, 4, 3).padding(1)))
                .add(new Residual().add(new PerChannelScale(4)).add(new ReLU())
                        .add(new Conv2d(Conv2d.Spec.of(4, 4, 3).padding(1))))
                .add(new MaxPool2d(2))
                .add(new Flatten())
                .add(new Linear(3)); // input size inferred: 4 x 4 x 4
    }

    private static float[] data(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    /** The network after five SGD steps on fixed data, on {@code threads} threads. */
    private static Sequential trained(int threads) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            return trained(new ComputeContext(pool, KernelsProvider.get()));
        }
    }

    private static Sequential trained(ComputeContext ctx) {
        Sequential net = network().build(INPUT, BATCH, ctx, 11);
        Sgd sgd = new Sgd(net.parameters(), Sgd.Config.of(0.05).momentum(0.9), ctx);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(3, BATCH);
        float[] x = data(BATCH * INPUT.size(), 5);
        int[] y = {0, 1, 2, 2, 1, 0};
        for (int step = 0; step < 5; step++) {
            sgd.zeroGrad();
            loss.forward(net.forward(x, BATCH, true), y, BATCH);
            net.backward(loss.gradient(), BATCH);
            sgd.step();
        }
        return net;
    }

    @Test
    void theCustomLayerTrainsAndItsWeightsAreNamedCountedAndStored() {
        Sequential net = trained(1);
        assertEquals(List.of("conv1.weight", "conv1.bias", "res1.scale1.weight", "res1.conv1.weight",
                "res1.conv1.bias", "fc1.weight", "fc1.bias"),
                net.parameters().trainable().stream().map(p -> p.name()).toList());
        float[] scale = net.parameters().get("res1.scale1.weight").value().toArray();
        assertEquals(4, scale.length);
        String summary = net.summary();
        assertTrue(summary.contains("  scale1") && summary.contains("PerChannelScale"), summary);
        int total = 2 * 4 * 9 + 4 + 4 + 4 * 4 * 9 + 4 + 64 * 3 + 3;
        assertEquals(total, net.parameters().count());
        assertTrue(summary.contains(String.format("Total trainable parameters: %,d", total)), summary);
    }

    @Test
    void bitIdenticalForOneTwoAndThreeThreads() {
        float[] one = trained(1).parameters().values();
        assertArrayEquals(one, trained(2).parameters().values(), "2 threads");
        assertArrayEquals(one, trained(3).parameters().values(), "3 threads");
    }

    @Test
    void savedAndLoadedWithARegistryGivesTheSameOutputsBitForBit() throws Exception {
        Sequential net = trained(ComputeContext.withThreads(2));
        Model model = new Model(net, "custom", 0f, 1f, List.of("a", "b", "c"), Map.of());
        Path file = dir.resolve("custom.inkwell");
        model.save(file);
        float[] x = data(BATCH * INPUT.size(), 9);
        float[] before = net.forward(x, BATCH, false).clone();

        LayerRegistry layers = LayerRegistry.withBuiltIns().register("PerChannelScale", PerChannelScale::fromConfig);
        Model loaded = Model.load(file, ComputeContext.withThreads(1), BATCH, layers);
        assertArrayEquals(before, loaded.network().forward(x, BATCH, false));
        assertEquals(net.summary(), loaded.network().summary());

        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Model.load(file, ComputeContext.withThreads(1), BATCH));
        assertTrue(e.getMessage().contains("unknown layer type 'PerChannelScale'")
                && e.getMessage().contains("LayerRegistry.withBuiltIns().register(\"PerChannelScale\""), e.getMessage());
    }

    @Test
    void aCheckpointOfTheCustomNetworkResumes() throws Exception {
        Sequential net = trained(1);
        ComputeContext ctx = ComputeContext.withThreads(1);
        Sgd sgd = new Sgd(net.parameters(), Sgd.Config.of(0.05).momentum(0.9), ctx);
        Path file = dir.resolve("custom.ckpt");
        Checkpoint.save(file, new Model(net, "custom", 0f, 1f, List.of("a", "b", "c"), Map.of()), sgd, 1, Map.of());
        LayerRegistry layers = LayerRegistry.withBuiltIns().register("PerChannelScale", PerChannelScale::fromConfig);
        Checkpoint c = Checkpoint.load(file, ctx, BATCH, layers);
        assertArrayEquals(net.parameters().values(), c.model().network().parameters().values());
        assertEquals(1, c.epochsDone());
    }

    @Test
    void aResidualBodyThatChangesTheShapeIsRefusedAtBuild() {
        Sequential net = new Sequential().add(new Residual().add(new Conv2d(2, 3, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.build(INPUT, 1, 1));
        assertTrue(e.getMessage().contains("the residual body maps [2, 8, 8] to [3, 6, 6]"), e.getMessage());
    }
}
