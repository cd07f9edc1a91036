package dev.inkwell.nn;

import dev.inkwell.kernels.Kernels;
import dev.inkwell.kernels.KernelsProvider;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.optim.Adam;
import dev.inkwell.optim.Optimizer;
import dev.inkwell.optim.Sgd;
import dev.inkwell.parallel.WorkerPool;
import dev.inkwell.tensor.Shape;
import dev.inkwell.testing.VectorPass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Same seed ⇒ the same parameters, bit for bit, after several training steps, whatever the thread
 * count (1 to 4), including a partial last batch; at batch 64 a convolution's gradient groups hold
 * several images each. And the vector kernels train like the scalar ones.
 */
class DeterminismTest {
    private static final int SMALL_BATCH = 16;
    private static final int LARGE_BATCH = 64;

    /** Every kind of layer: conv (direct and im2col), BN, both pools, dropout, linear. */
    private static Sequential allLayers() {
        return new Sequential()
                .add(new Conv2d(Conv2d.Spec.of(1, 6, 3).padding(1))).add(new BatchNorm2d(6)).add(new ReLU())
                .add(new MaxPool2d(2))
                .add(new Conv2d(Conv2d.Spec.of(6, 8, 3).stride(2))).add(new ReLU())
                .add(new AvgPool2d(new Pool2d.Spec(3, 2, 1)))
                .add(new Flatten()).add(new Dropout(0.3))
                .add(new Linear(8, 12)).add(new BatchNorm1d(12)).add(new ReLU())
                .add(new Linear(12, 10));
    }

    private static float[] train(Supplier<Sequential> arch, Shape input, int threads, Kernels kernels,
                                 Function<Parameters, Optimizer> optimizer) {
        return train(arch, input, threads, kernels, optimizer, SMALL_BATCH);
    }

    private static float[] train(Supplier<Sequential> arch, Shape input, int threads, Kernels kernels,
                                 Function<Parameters, Optimizer> optimizer, int batch) {
        try (WorkerPool pool = new WorkerPool(threads)) {
            ComputeContext ctx = new ComputeContext(pool, kernels);
            Sequential net = arch.get().build(input, batch, ctx, 1234);
            Optimizer opt = optimizer.apply(net.parameters());
            TrainingHarness data = new TrainingHarness(batch, input.size(), 10, batch, 99);
            for (int step = 0; step < 4; step++) {
                data.step(net, opt, batch);
            }
            data.step(net, opt, batch * 2 / 3 - 1); // a partial last batch: 9 of 16, 41 of 64
            float[] state = net.parameters().state();
            float[] values = net.parameters().values();
            float[] all = new float[values.length + state.length];
            System.arraycopy(values, 0, all, 0, values.length);
            System.arraycopy(state, 0, all, values.length, state.length);
            return all;
        }
    }

    private static Function<Parameters, Optimizer> sgd() {
        return p -> new Sgd(p, Sgd.Config.of(0.05).momentum(0.9).weightDecay(1e-4), ComputeContext.defaults());
    }

    @Test
    void netSIsBitIdenticalForOneTwoAndThreeThreads() {
        Kernels k = KernelsProvider.get();
        float[] one = train(ReferenceNets::netS, ReferenceNets.INPUT_SHAPE, 1, k, sgd());
        assertArrayEquals(one, train(ReferenceNets::netS, ReferenceNets.INPUT_SHAPE, 2, k, sgd()), "2 threads");
        assertArrayEquals(one, train(ReferenceNets::netS, ReferenceNets.INPUT_SHAPE, 3, k, sgd()), "3 threads");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nets", "best"})
    void batch64IsBitIdenticalForOneToFourThreads(String arch) {
        Kernels k = KernelsProvider.get();
        Supplier<Sequential> net = () -> ReferenceNets.byName(arch);
        float[] one = train(net, ReferenceNets.INPUT_SHAPE, 1, k, sgd(), LARGE_BATCH);
        for (int threads = 2; threads <= 4; threads++) {
            assertArrayEquals(one, train(net, ReferenceNets.INPUT_SHAPE, threads, k, sgd(), LARGE_BATCH),
                    arch + ", " + threads + " threads");
        }
    }

    @Test
    void everyLayerIsBitIdenticalForOneTwoAndThreeThreads() {
        Kernels k = KernelsProvider.get();
        Shape in = Shape.of(1, 10, 10);
        Function<Parameters, Optimizer> adam = p -> new Adam(p, Adam.Config.of(1e-3), ComputeContext.defaults());
        float[] one = train(DeterminismTest::allLayers, in, 1, k, adam);
        assertArrayEquals(one, train(DeterminismTest::allLayers, in, 2, k, adam), "2 threads");
        assertArrayEquals(one, train(DeterminismTest::allLayers, in, 3, k, adam), "3 threads");
    }

    @Test
    void sameSeedSameResultAndAnotherSeedDiffers() {
        Kernels k = KernelsProvider.get();
        float[] a = train(ReferenceNets::leNet5, ReferenceNets.INPUT_SHAPE, 2, k, sgd());
        assertArrayEquals(a, train(ReferenceNets::leNet5, ReferenceNets.INPUT_SHAPE, 2, k, sgd()));
        try (WorkerPool pool = new WorkerPool(1)) {
            ComputeContext ctx = new ComputeContext(pool, k);
            float[] seed1 = ReferenceNets.leNet5().build(ReferenceNets.INPUT_SHAPE, 1, ctx, 1).parameters().values();
            float[] seed2 = ReferenceNets.leNet5().build(ReferenceNets.INPUT_SHAPE, 1, ctx, 2).parameters().values();
            assertNotEquals(seed1[0], seed2[0]);
        }
    }

    @Test
    @Tag(VectorPass.TAG)
    void vectorKernelsTrainLikeScalarKernels() {
        Kernels vectorKernels = VectorPass.kernels();
        // SGD, not Adam: Adam turns float noise in a near-zero gradient (a conv bias before batch norm) into a
        // full-size step, so only SGD's updates are comparable across kernels
        Shape in = Shape.of(1, 10, 10);
        float[] scalar = train(DeterminismTest::allLayers, in, 2, KernelsProvider.scalar(), sgd());
        float[] vector = train(DeterminismTest::allLayers, in, 2, vectorKernels, sgd());
        for (int i = 0; i < scalar.length; i++) {
            if (!(Math.abs(scalar[i] - vector[i]) <= 1e-4 * (1 + Math.abs(scalar[i])))) {
                fail("parameter " + i + ": scalar " + scalar[i] + " vector " + vector[i]);
            }
        }
    }
}
