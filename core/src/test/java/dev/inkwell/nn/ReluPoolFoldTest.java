package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.models.ReferenceNets;
import dev.inkwell.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A ReLU folded into the max pooling after it gives the output and gradients of the two layers run
 * one after the other, bit for bit.
 */
class ReluPoolFoldTest {
    private static final Shape SHAPE = Shape.of(3, 9, 10);
    private static final int BATCH = 4;

    @Test
    void foldedReluGivesTheUnfoldedOutputAndGradient() {
        for (MaxPool2d.Spec spec : new MaxPool2d.Spec[] {MaxPool2d.Spec.of(2), new MaxPool2d.Spec(3, 2, 1)}) {
            // a first layer is never folded, and a rate-0 dropout passes its input through untouched
            Sequential unfolded = new Sequential().add(new ReLU()).add(new MaxPool2d(spec)).inputGradient(true)
                    .build(SHAPE, BATCH, ComputeContext.withThreads(2), 1);
            Sequential folded = new Sequential().add(new Dropout(0)).add(new ReLU()).add(new MaxPool2d(spec))
                    .inputGradient(true).build(SHAPE, BATCH, ComputeContext.withThreads(2), 1);
            float[] x = awkwardValues(BATCH * SHAPE.size(), 5, true);
            float[] gy = awkwardValues(BATCH * unfolded.outputShape().size(), 6, true);
            for (boolean training : new boolean[] {true, false}) {
                String what = spec + (training ? " training" : " inference");
                assertBitsEqual(unfolded.forward(x, BATCH, training), folded.forward(x, BATCH, training), what);
                assertBitsEqual(unfolded.backward(gy, BATCH), folded.backward(gy, BATCH), what + " gradient");
            }
            Layer relu = folded.layers().get(1);
            assertThrows(IllegalStateException.class, () -> relu.backward(gy, BATCH), "the ReLU layer never ran");
        }
    }

    @Test
    void layersCalledOneByOneComputeWhatTheFoldedNetworkDoes() {
        Sequential net = ReferenceNets.netS().build(ReferenceNets.INPUT_SHAPE, BATCH, ComputeContext.withThreads(2), 7);
        Sequential byLayer = ReferenceNets.netS().build(ReferenceNets.INPUT_SHAPE, BATCH,
                ComputeContext.withThreads(2), 7);
        float[] x = awkwardValues(BATCH * ReferenceNets.INPUT_SHAPE.size(), 8, false);
        float[] gy = awkwardValues(BATCH * 10, 9, false);

        float[] out = net.forward(x, BATCH, false).clone();
        net.backward(gy, BATCH);
        float[] y = x;
        for (Layer layer : byLayer.layers()) {
            y = layer.forward(y, BATCH, false);
        }
        float[] g = gy;
        for (int i = byLayer.layers().size() - 1; i >= 0; i--) {
            g = byLayer.layers().get(i).backward(g, BATCH);
        }
        assertBitsEqual(out, y, "output");
        assertBitsEqual(net.parameters().grads(), byLayer.parameters().grads(), "parameter gradients");
    }

    /** Small integers (ties), zeros of both signs, and with {@code special} now and then a NaN or an infinity. */
    private static float[] awkwardValues(int n, long seed, boolean special) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int r = rng.nextInt(40);
            v[i] = r == 0 && special ? Float.NaN : r == 1 && special ? Float.POSITIVE_INFINITY : r == 2 ? -0f
                    : rng.nextInt(7) - 4;
        }
        return v;
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        int[] e = new int[expected.length], a = new int[actual.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Float.floatToIntBits(expected[i]);
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.floatToIntBits(actual[i]);
        }
        assertArrayEquals(e, a, what);
    }
}
