package dev.inkwell.nn;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.kernels.KernelsProvider;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.parallel.WorkerPool;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inference through {@link PooledConvRun}s gives the bits the layers give one by one. The reference is the
 * same network with a rate-0 dropout after each convolution, which keeps every block from forming; both
 * hold the same weights.
 */
class PooledConvRunTest {
    /** The reference networks, and blocks without a ReLU, without a bias, padded, with odd outputs. */
    private static final List<List<Supplier<Layer>>> NETWORKS = List.of(
            layersOf(ReferenceNets.netS()),
            layersOf(ReferenceNets.leNet5()),
            layersOf(ReferenceNets.netL()),
            layersOf(ReferenceNets.fast()), // batch norms between the convolutions and their ReLUs
            layersOf(ReferenceNets.best()),
            layersOf(ReferenceNets.bestFullFrame(1, 10)), // padded blocks that keep 28 and 14
            List.of(() -> new Conv2d(1, 6, 5), () -> new MaxPool2d(2), // no ReLU; 24 -> 12
                    () -> new Conv2d(Conv2d.Spec.of(6, 20, 3).bias(false).padding(1)), ReLU::new, () -> new MaxPool2d(2),
                    () -> new Conv2d(20, 33, 2), ReLU::new, () -> new MaxPool2d(2), // 6 -> 5 -> 2: a row dropped
                    Flatten::new, () -> new Linear(4)));

    @Test
    void inferenceThroughRunsMatchesTheLayersOneByOne() {
        List<Kernels> all = new ArrayList<>(List.of(KernelsProvider.scalar()));
        KernelsProvider.vector().ifPresent(all::add);
        for (Kernels kernels : all) {
            for (int threads : new int[] {1, 2, 7}) { // 7: batches under the thread count share the windows
                try (WorkerPool pool = new WorkerPool(threads)) {
                    ComputeContext context = new ComputeContext(pool, kernels);
                    for (int n = 0; n < NETWORKS.size(); n++) {
                        check(NETWORKS.get(n), context, kernels.name() + ", " + threads + " threads, network " + n);
                    }
                }
            }
        }
    }

    private static void check(List<Supplier<Layer>> layers, ComputeContext context, String what) {
        Shape shape = ReferenceNets.INPUT_SHAPE;
        int batch = 5;
        Sequential fused = network(layers, false).build(shape, batch, context, 7);
        Sequential apart = network(layers, true).build(shape, batch, context, 7);
        assertTrue(fused.summary().contains("in one pass per image"), what + ": no run formed");
        assertTrue(!apart.summary().contains("in one pass per image"), what + ": the reference formed a run");
        float[] weights = fused.parameters().values();
        System.arraycopy(apart.parameters().values(), 0, weights, 0, weights.length);
        float[] x = ChannelsLastHandOverTest.values(batch * shape.size(), 1);
        // a training pass moves the batch norms' running statistics away from the identity, alike in both
        apart.forward(x, batch, true);
        fused.forward(x, batch, true);
        for (int b : new int[] {batch, 1}) {
            assertArrayEquals(apart.forward(x, b, false), fused.forward(x, b, false), 0f, what + ", batch " + b);
        }
        // weights changed in place between calls are seen (the packed copy is refreshed)
        weights[0] += 0.5f;
        apart.parameters().values()[0] += 0.5f;
        assertArrayEquals(apart.forward(x, batch, false), fused.forward(x, batch, false), 0f, what + ", new weights");
        // a backward pass after an inference pass gets the layers' outputs it needs; the biases' gradients
        // are summed in another order where the reference keeps a convolution from handing over channels-last
        float[] gy = ChannelsLastHandOverTest.values(batch * fused.outputShape().size(), 2);
        fused.parameters().zeroGrad();
        apart.parameters().zeroGrad();
        apart.backward(gy, batch);
        fused.backward(gy, batch);
        for (Parameter p : apart.parameters().trainable()) {
            float[] want = p.gradient().toArray();
            assertArrayEquals(want, fused.parameters().get(p.name()).gradient().toArray(),
                    p.name().endsWith("bias") ? 1e-5f * ChannelsLastHandOverTest.scale(want) : 0f,
                    what + ": gradient of " + p.name() + " after an inference pass");
        }
    }

    private static List<Supplier<Layer>> layersOf(Sequential reference) {
        List<Supplier<Layer>> suppliers = new ArrayList<>();
        for (int i = 0; i < reference.layers().size(); i++) {
            int at = i;
            suppliers.add(() -> copyOf(reference.layers().get(at)));
        }
        return suppliers;
    }

    /** A fresh layer with the same settings (layers are built once, so each network needs its own). */
    private static Layer copyOf(Layer layer) {
        return LayerRegistry.withBuiltIns().create(layer.config());
    }

    private static Sequential network(List<Supplier<Layer>> layers, boolean apart) {
        Sequential net = new Sequential();
        for (Supplier<Layer> s : layers) {
            Layer layer = s.get();
            net.add(layer);
            if (apart && layer instanceof Conv2d) {
                net.add(new Dropout(0));
            }
        }
        return net;
    }
}
