package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.kernels.Kernels;
import dev.inkwell.kernels.KernelsProvider;
import dev.inkwell.parallel.WorkerPool;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A convolution that hands its output over channels-last to the max pooling after it computes what the
 * two compute in (C, H, W): the same values for outputs, input and weight gradients, and bias gradients
 * within rounding (summed pixel by pixel instead of plane by plane). A rate-0 dropout between two layers
 * passes its input through and keeps them from handing over, which gives the reference.
 */
class ChannelsLastHandOverTest {
    private static final Shape SHAPE = Shape.of(1, 22, 20);
    private static final int BATCH = 5;

    /**
     * A direct conv (never hands over), then pool → padded conv → pool → unpadded conv → pool → linear,
     * ReLUs folded into the poolings; 20 and 17 channels leave some over a whole vector.
     */
    private static Sequential network(boolean separated) {
        List<Supplier<Layer>> layers = List.of(
                () -> new Conv2d(1, 4, 3), ReLU::new, () -> new MaxPool2d(2),
                () -> new Conv2d(Conv2d.Spec.of(4, 20, 3).padding(1)), ReLU::new, () -> new MaxPool2d(2),
                () -> new Conv2d(20, 17, 2), ReLU::new, () -> new MaxPool2d(2),
                Flatten::new, () -> new Linear(34, 5));
        Sequential net = new Sequential();
        for (int i = 0; i < layers.size(); i++) {
            if (separated && i > 0 && i < 9 && !(layers.get(i).get() instanceof ReLU)) {
                net.add(new Dropout(0));
            }
            net.add(layers.get(i).get());
        }
        return net.inputGradient(true);
    }

    @Test
    void handedOverLayersMatchTheLayersKeptApart() {
        List<Kernels> all = new ArrayList<>(List.of(KernelsProvider.scalar()));
        KernelsProvider.vector().ifPresent(all::add);
        for (Kernels kernels : all) {
            try (WorkerPool pool = new WorkerPool(2)) {
                ComputeContext context = new ComputeContext(pool, kernels);
                Sequential handedOver = network(false).build(SHAPE, BATCH, context, 3);
                Sequential apart = network(true).build(SHAPE, BATCH, context, 3);
                assertEquals(handedOver.layers().size() + 5, apart.layers().size(), "five separating dropouts");
                float[] weights = handedOver.parameters().values(); // the dropouts drew from the seed too
                System.arraycopy(apart.parameters().values(), 0, weights, 0, weights.length);
                float[] x = values(BATCH * SHAPE.size(), 1);
                float[] gy = values(BATCH * handedOver.outputShape().size(), 2);
                for (boolean training : new boolean[] {true, false}) {
                    String what = kernels.name() + (training ? " training" : " inference");
                    handedOver.parameters().zeroGrad();
                    apart.parameters().zeroGrad();
                    assertArrayEquals(apart.forward(x, BATCH, training), handedOver.forward(x, BATCH, training), 0f,
                            what + " output");
                    assertArrayEquals(apart.backward(gy, BATCH), handedOver.backward(gy, BATCH), 0f,
                            what + " input gradient");
                    for (Parameter p : apart.parameters().trainable()) {
                        float[] want = p.gradient().toArray();
                        float[] got = handedOver.parameters().get(p.name()).gradient().toArray();
                        assertArrayEquals(want, got, p.name().endsWith("bias") ? 1e-5f * scale(want) : 0f,
                                what + " " + p.name());
                    }
                }
            }
        }
    }

    /** The largest magnitude in v: a tolerance's scale. */
    static float scale(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** Small integers, many of them tied, and some negative: pooling ties and ReLU zeros both occur. */
    static float[] values(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rng.nextInt(9) - 3) * 0.25f;
        }
        return v;
    }
}
