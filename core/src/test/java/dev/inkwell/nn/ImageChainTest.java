package dev.inkwell.nn;

import dev.inkwell.init.Rng;
import dev.inkwell.models.ReferenceNets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A network runs its runs of image-wise layers as {@link ImageChain}s, a few images at a time through all
 * of them; calling the same layers one by one over the whole batch gives the same bits, forward and back.
 */
class ImageChainTest {
    /** Not a multiple of the images a chain takes at a time, so that the last step is a short one. */
    private static final int BATCH = 7;

    @ParameterizedTest
    @ValueSource(strings = {"nets", "netl", "lenet5"})
    void chainedNetworkComputesWhatItsLayersDoOneByOne(String arch) {
        for (int threads : new int[] {1, 2}) {
            Sequential net = ReferenceNets.byName(arch).build(ReferenceNets.INPUT_SHAPE, BATCH,
                    ComputeContext.withThreads(threads), 3);
            Sequential byLayer = ReferenceNets.byName(arch).build(ReferenceNets.INPUT_SHAPE, BATCH,
                    ComputeContext.withThreads(threads), 3);
            float[] x = random(BATCH * ReferenceNets.INPUT_SHAPE.size(), 4);
            float[] gy = random(BATCH * 10, 5);
            for (boolean training : new boolean[] {true, false}) {
                String what = arch + ", " + threads + " threads" + (training ? ", training" : ", inference");
                float[] out = net.forward(x, BATCH, training).clone();
                float[] y = x;
                for (Layer layer : byLayer.layers()) {
                    y = layer.forward(y, BATCH, training);
                }
                assertArrayEquals(bits(out), bits(y), what + ": output");
                net.backward(gy, BATCH);
                float[] g = gy;
                for (int i = byLayer.layers().size() - 1; i >= 0; i--) {
                    g = byLayer.layers().get(i).backward(g, BATCH);
                }
                assertArrayEquals(bits(net.parameters().grads()), bits(byLayer.parameters().grads()),
                        what + ": parameter gradients");
            }
        }
    }

    private static float[] random(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble() - 0.5f;
        }
        return v;
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToIntBits(v[i]);
        }
        return b;
    }
}
